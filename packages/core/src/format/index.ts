// Formatting for display: German/English numbers, values with units, dates.
export * from './number.ts';
export * from './units.ts';
export * from './date.ts';
