// The service directory's pure parts: taxonomy of service types, organisation kinds and their
// deduplication, opening hours.
export * from './service-types.ts';
export * from './organisations.ts';
export * from './opening-hours.ts';
export * from './hsds-import.ts';
export * from './hsds-rows.ts';
