// The indicator catalogue's shared vocabularies (dimensions).
export * from './dimensions.ts';
