// Gaps of provision (issue 12 § 2: "areas with high need and no youth provider"): of the areas with
// a known need, those whose need lies in the top share (by default the top quintile, ties
// included) or at or above a given threshold, and where no service of the type works — neither
// located there nor working there as a work area. Rules: docs/adr/0055-service-hours-history-and-need-gaps.md.

/** One area's need and whether a service of the type works there. */
export interface NeedGapInput {
  areaId: number;
  /** higher = more need; null = unknown (not considered) */
  need: number | null;
  served: boolean;
}

/** The threshold: a value, or the need of the area at the edge of the top share. */
export type NeedThreshold = { kind: 'value'; min: number } | { kind: 'top-share'; share: number };

/** The default: the top quintile of need (the fifth of the areas with the highest need). */
export const TOP_QUINTILE: NeedThreshold = { kind: 'top-share', share: 0.2 };

/** An area with high need and no service of the type, ranked by need (1 = highest). */
export interface NeedGap {
  areaId: number;
  need: number;
  rank: number;
}

export interface NeedGapResult {
  /** the need value at or above which an area counts as high need; null without any known need */
  threshold: number | null;
  /** areas with a known need */
  considered: number;
  /** areas at or above the threshold (served or not) */
  highNeed: number;
  gaps: NeedGap[];
}

/**
 * The areas with high need and no service. With `top-share`, the threshold is the need of the
 * k-th highest area, k = ⌈share × areas with known need⌉ (at least 1), so ties at the edge count
 * as high need too. Order: need descending, then area id.
 */
export function selectNeedGaps(
  rows: readonly NeedGapInput[],
  threshold: NeedThreshold = TOP_QUINTILE,
): NeedGapResult {
  if (threshold.kind === 'top-share' && !(threshold.share > 0 && threshold.share <= 1))
    throw new Error(`Anteil muss in (0, 1] liegen, nicht ${threshold.share}`);
  const known = rows.filter(
    (r): r is NeedGapInput & { need: number } => r.need !== null && Number.isFinite(r.need),
  );
  if (known.length === 0) return { threshold: null, considered: 0, highNeed: 0, gaps: [] };
  const sorted = [...known].sort((a, b) => b.need - a.need || a.areaId - b.areaId);
  const min =
    threshold.kind === 'value'
      ? threshold.min
      : sorted[Math.max(1, Math.ceil(threshold.share * sorted.length)) - 1]!.need;
  const high = sorted.filter((r) => r.need >= min);
  return {
    threshold: min,
    considered: known.length,
    highNeed: high.length,
    gaps: high
      .filter((r) => !r.served)
      .map((r, i) => ({ areaId: r.areaId, need: r.need, rank: i + 1 })),
  };
}
