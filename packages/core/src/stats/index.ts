// Statistics: branded units, descriptive statistics, aggregation, ranks, intervals.
export * from './units.ts';
export * from './descriptive.ts';
export * from './aggregate.ts';
export * from './stored-roll-up.ts';
export * from './rank.ts';
export * from './wilson.ts';
