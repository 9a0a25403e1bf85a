// Optimal univariate k-means ("Jenks natural breaks" done exactly) by dynamic programming:
// Wang, H. & Song, M. (2011): Ckmeans.1d.dp: Optimal k-means clustering in one dimension by
// dynamic programming. The R Journal 3(2), 29–33. Method notes: docs/methods/classification.md.
//
// We run the DP on the *distinct* sorted values with their multiplicities as weights (the weighted
// form of the same recurrence: Song & Zhong 2020, Bioinformatics 36(20), 5027–5036), so equal
// values can never be split between classes and "fewer distinct values than classes" is detected
// up front. Cost: O(k·m²) in the worst case for m distinct values, with the early exit of the
// original algorithm; m is a few thousand areas at most here (Berlin: 542): milliseconds.

/** Result of ckmeans: the index (into the distinct values) where each cluster starts, and the total SSQ. */
export interface CkmeansResult {
  /** starts[c] = index of the first distinct value of cluster c; starts[0] = 0, ascending. */
  starts: number[];
  /** minimal total within-cluster sum of squared deviations (weighted). */
  withinSs: number;
}

/**
 * Optimal partition of ascending distinct `values` (with positive `weights`) into `k` contiguous
 * clusters minimising the total within-cluster sum of squares. Requires 1 ≤ k ≤ values.length.
 */
export function ckmeansSorted(
  values: readonly number[],
  weights: readonly number[],
  k: number,
): CkmeansResult {
  const m = values.length;
  if (!Number.isInteger(k) || k < 1 || k > m) {
    throw new RangeError(
      `ckmeans: Klassenzahl ${k} muss zwischen 1 und der Zahl verschiedener Werte (${m}) liegen`,
    );
  }
  if (weights.length !== m)
    throw new RangeError('ckmeans: Werte und Gewichte sind unterschiedlich lang');
  // Prefix sums of weight, weight·x and weight·x², with x shifted by the median value to reduce
  // cancellation in s2 − s1²/w (the same device as Ckmeans.1d.dp).
  const shift = values[Math.floor(m / 2)] as number;
  const W = new Float64Array(m + 1);
  const S1 = new Float64Array(m + 1);
  const S2 = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    const w = weights[i] as number;
    const x = (values[i] as number) - shift;
    W[i + 1] = (W[i] as number) + w;
    S1[i + 1] = (S1[i] as number) + w * x;
    S2[i + 1] = (S2[i] as number) + w * x * x;
  }
  /** within-cluster SSQ of distinct values j..i inclusive */
  const ssq = (j: number, i: number): number => {
    const w = (W[i + 1] as number) - (W[j] as number);
    const s1 = (S1[i + 1] as number) - (S1[j] as number);
    const s2 = (S2[i + 1] as number) - (S2[j] as number);
    const v = s2 - (s1 * s1) / w;
    return v > 0 ? v : 0;
  };

  // cost[q][i]: minimal SSQ of values 0..i in q+1 clusters; start[q][i]: where the last one starts.
  const cost: Float64Array[] = [];
  const start: Int32Array[] = [];
  const first = new Float64Array(m);
  for (let i = 0; i < m; i++) first[i] = ssq(0, i);
  cost.push(first);
  start.push(new Int32Array(m));
  for (let q = 1; q < k; q++) {
    const prev = cost[q - 1] as Float64Array;
    const row = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
    const from = new Int32Array(m);
    for (let i = q; i < m; i++) {
      let best = Number.POSITIVE_INFINITY;
      let bestJ = i;
      // The last cluster is values j..i. Scanning j downwards its SSQ only grows; once it alone
      // reaches the best total, no smaller j can win (costs are ≥ 0) — Wang & Song's early exit.
      for (let j = i; j >= q; j--) {
        const s = ssq(j, i);
        if (s >= best) break;
        const total = (prev[j - 1] as number) + s;
        if (total < best) {
          best = total;
          bestJ = j;
        }
      }
      row[i] = best;
      from[i] = bestJ;
    }
    cost.push(row);
    start.push(from);
  }

  const starts = new Array<number>(k).fill(0);
  let end = m - 1;
  for (let q = k - 1; q >= 0; q--) {
    const s = q === 0 ? 0 : ((start[q] as Int32Array)[end] as number);
    starts[q] = s;
    end = s - 1;
  }
  return { starts, withinSs: (cost[k - 1] as Float64Array)[m - 1] as number };
}
