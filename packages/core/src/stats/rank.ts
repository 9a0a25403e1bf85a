// Ranking of area values for profiles ("Rang 3 von 536"). Method: docs/methods/aggregation.md § Ranks.

/** Ranks of values and how many were ranked. */
export interface Ranking {
  /** rank per input position; null where the value was null. */
  ranks: (number | null)[];
  /** number of non-null values (the "von N" of "Rang r von N"). */
  rankedCount: number;
}

/**
 * Ranks values descending: rank 1 = highest. Ties share the lowest rank of their group and the
 * next rank is skipped ("standard competition ranking", 1-2-2-4). Nulls stay unranked.
 * Polarity is not applied here: whether rank 1 is good or bad is for the caller to say.
 */
export function rankValues(values: readonly (number | null | undefined)[]): Ranking {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (!Number.isFinite(v))
      throw new RangeError(`Wert an Position ${i} ist keine endliche Zahl (${String(v)})`);
    idx.push(i);
  }
  idx.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  const ranks: (number | null)[] = values.map(() => null);
  let previous: number | null = null;
  let previousRank = 0;
  idx.forEach((i, position) => {
    const v = values[i] as number;
    const rank = previous !== null && v === previous ? previousRank : position + 1;
    ranks[i] = rank;
    previous = v;
    previousRank = rank;
  });
  return { ranks, rankedCount: idx.length };
}
