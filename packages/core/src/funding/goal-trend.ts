// The trend of a goal's indicator for the programme page (issue 15 § 2): the direction of the last
// step between the two latest published values, and whether that step goes toward the target.
// A step smaller than `flat` (in the indicator's unit) counts as flat: values are rounded when
// published, so a change in the last digit is no trend.

/** Direction of the last step and whether it heads toward the target (null: no step to judge). */
export interface GoalTrend {
  direction: 'up' | 'down' | 'flat';
  towardTarget: boolean | null;
  /** The step from the previous to the latest value, in the indicator's unit. */
  change: number;
}

/** The trend from the two latest non-null values; null with fewer than two. */
export function goalTrend(
  actual: readonly { date: string; value: number | null }[],
  baseline: number,
  target: number,
  flat = 0,
): GoalTrend | null {
  const known = actual
    .filter(
      (p): p is { date: string; value: number } => p.value !== null && Number.isFinite(p.value),
    )
    .sort((a, b) => a.date.localeCompare(b.date));
  if (known.length < 2) return null;
  const last = known[known.length - 1] as { value: number };
  const prev = known[known.length - 2] as { value: number };
  const change = last.value - prev.value;
  const direction = Math.abs(change) <= flat ? 'flat' : change > 0 ? 'up' : 'down';
  const wanted = Math.sign(target - baseline);
  const towardTarget =
    direction === 'flat' ? wanted === 0 : wanted === 0 ? null : Math.sign(change) === wanted;
  return { direction, towardTarget, change };
}
