// Classification for maps: class breaks (quantile, equal, Jenks/Ckmeans, manual), palettes, contrast.
export * from './classify.ts';
export * from './ckmeans.ts';
export * from './palette.ts';
export * from './contrast.ts';
