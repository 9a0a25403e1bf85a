// Lebenslagen (dimensions) of the indicator catalogue — the one list the server's schemas use
// (indicators, table imports, point imports) and the database checks (db/migrations/0001_foundation.sql,
// constraint indicator_dimension). Order: as the area profile shows them (glossary: docs/engineering.md).

/** Lebenslage dimensions in the order the profile shows them. */
export const DIMENSIONS = [
  'demography',
  'income',
  'work',
  'education',
  'health',
  'housing',
  'environment',
  'participation',
  'social_index',
] as const;

/** A Lebenslage dimension. */
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Dimensions an imported count of facilities (Standorte) may belong to: every Lebenslage except the
 * composite 'social_index', which only computed indices fill.
 */
export const POINT_DIMENSIONS = [
  'demography',
  'income',
  'work',
  'education',
  'health',
  'housing',
  'environment',
  'participation',
] as const satisfies readonly Exclude<Dimension, 'social_index'>[];

/** True when the text names a known dimension. */
export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}
