// @sozialraum/core — pure computations: no I/O, no clock, no randomness without a seed.
// Each folder owns one concern and exports through its own index.ts.
export * from './tabular/index.ts';
export * from './geo/index.ts';
export * from './stats/index.ts';
export * from './classify/index.ts';
export * from './format/index.ts';
export * from './monitoring/index.ts';
export * from './catalogue/index.ts';
export * from './directory/index.ts';
export * from './participation/index.ts';
export * from './measures/index.ts';
export * from './effect/index.ts';
export * from './funding/index.ts';
// a general helper that lives with its first user
export { groupBy } from './funding/money.ts';
export * from './conferences/index.ts';
export * from './supply/index.ts';
export * from './network/index.ts';
export * from './surveys/index.ts';
export * from './assessments/index.ts';
