// Monitoring & seismograph: index engine, explanations, change detection, similar areas, disclosure control.
export * from './types.ts';
export * from './errors.ts';
export * from './validate-definition.ts';
export * from './compute-index.ts';
export * from './presets.ts';
export * from './explain.ts';
export * from './change.ts';
export * from './similar.ts';
export * from './disclosure.ts';
