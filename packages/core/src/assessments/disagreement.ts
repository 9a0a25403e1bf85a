// Local actors' assessments against the numbers (issue 13 § 4): does an assessment's trend (besser /
// gleich / schlechter) agree with how the area's indicators of the same Lebenslage moved over the
// matching period? "Stabil" uses the noise rule of the alerts: for a share with counts the Wilson 95 %
// intervals of both dates overlap (assessShareChange); a value without counts is stable within a
// relative tolerance. Method: docs/methods/participation-signals.md § Abweichung.
import type { Polarity } from '../classify/palette.ts';
import { assessShareChange } from '../monitoring/change.ts';

/** The trend a local actor observes. */
export const ASSESSMENT_TRENDS = ['better', 'same', 'worse'] as const;
export type AssessmentTrend = (typeof ASSESSMENT_TRENDS)[number];

/** German words of the trends, as the form offers them. */
export const TREND_LABELS_DE: Record<AssessmentTrend, string> = {
  better: 'besser',
  same: 'gleich',
  worse: 'schlechter',
};

/** One reference date of an indicator in the area (counts when the indicator is a share). */
export interface MovementPoint {
  date: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** One indicator of the assessment's Lebenslage with its series in the area. */
export interface IndicatorSeries {
  indicatorId: string;
  label: string;
  polarity: Polarity;
  points: readonly MovementPoint[];
}

/** How one indicator moved over the matching period. */
export interface IndicatorMovement {
  indicatorId: string;
  label: string;
  previousDate: string;
  currentDate: string;
  previous: number;
  current: number;
  direction: AssessmentTrend;
  /** why a visible change counts as stable (noise), or null */
  noiseReason: string | null;
}

export type NumbersTrend = AssessmentTrend | 'mixed';

/** Result of comparing one assessment with the numbers. */
export interface DisagreementResult {
  verdict: 'agree' | 'disagree' | 'no_numbers';
  /** the numbers' trend over the matching period; null when there are no numbers */
  numbersTrend: NumbersTrend | null;
  movements: IndicatorMovement[];
  /** plain German, e.g. "Kennzahlen stabil, Einschätzung: verschlechtert" */
  sentence: string;
}

export interface DisagreementOptions {
  /** relative change of a value without counts that still counts as stable (default 0.05 = 5 %) */
  relativeTolerance?: number;
  /** z of the Wilson intervals (default 1.96, as the alerts) */
  z?: number;
}

const NUMBERS_WORD: Record<NumbersTrend, string> = {
  better: 'verbessert',
  same: 'stabil',
  worse: 'verschlechtert',
  mixed: 'uneinheitlich',
};
const ASSESSMENT_WORD: Record<AssessmentTrend, string> = {
  better: 'verbessert',
  same: 'unverändert',
  worse: 'verschlechtert',
};

const usable = (p: MovementPoint): boolean => p.value !== null && Number.isFinite(p.value);

/**
 * The two reference dates an assessment observed on `observedDate` is compared over: the latest
 * date with a value on or before it and the date with a value just before that one; null when fewer.
 */
export function matchingPair(
  points: readonly MovementPoint[],
  observedDate: string,
): [MovementPoint, MovementPoint] | null {
  const ok = points.filter((p) => usable(p) && p.date <= observedDate);
  ok.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const current = ok[ok.length - 1];
  const previous = ok[ok.length - 2];
  return current && previous ? [previous, current] : null;
}

function hasCounts(
  p: MovementPoint,
): p is MovementPoint & { numerator: number; denominator: number } {
  return (
    typeof p.numerator === 'number' &&
    typeof p.denominator === 'number' &&
    p.denominator > 0 &&
    p.numerator >= 0 &&
    p.numerator <= p.denominator
  );
}

/** Whether a change is noise: Wilson overlap with counts, else within the relative tolerance. */
function noiseOf(a: MovementPoint, b: MovementPoint, o: DisagreementOptions): string | null {
  if (hasCounts(a) && hasCounts(b)) {
    const rel = assessShareChange(
      { count: a.numerator, base: a.denominator },
      { count: b.numerator, base: b.denominator },
      o.z !== undefined ? { z: o.z } : {},
    );
    return rel.noise ? rel.reason : null;
  }
  const tol = o.relativeTolerance ?? 0.05;
  const prev = a.value as number;
  const cur = b.value as number;
  const scale = Math.abs(prev) > 0 ? Math.abs(prev) : Math.abs(cur);
  if (scale === 0 || Math.abs(cur - prev) <= tol * scale)
    return `Veränderung innerhalb von ${Math.round(tol * 100)} % des Ausgangswerts`;
  return null;
}

/** How one indicator moved up to the observed date; null without two dates or without polarity. */
export function indicatorMovement(
  series: IndicatorSeries,
  observedDate: string,
  options: DisagreementOptions = {},
): IndicatorMovement | null {
  if (series.polarity === 'neutral') return null;
  const pair = matchingPair(series.points, observedDate);
  if (!pair) return null;
  const [a, b] = pair;
  const previous = a.value as number;
  const current = b.value as number;
  const noiseReason = current === previous ? null : noiseOf(a, b, options);
  let direction: AssessmentTrend = 'same';
  if (current !== previous && noiseReason === null) {
    const up = current > previous;
    direction = up === (series.polarity === 'higher_is_better') ? 'better' : 'worse';
  }
  return {
    indicatorId: series.indicatorId,
    label: series.label,
    previousDate: a.date,
    currentDate: b.date,
    previous,
    current,
    direction,
    noiseReason,
  };
}

/** The numbers' trend: stable when all are stable, else the side with more indicators, mixed on a tie. */
export function numbersTrendOf(movements: readonly IndicatorMovement[]): NumbersTrend | null {
  if (movements.length === 0) return null;
  const better = movements.filter((m) => m.direction === 'better').length;
  const worse = movements.filter((m) => m.direction === 'worse').length;
  if (better === 0 && worse === 0) return 'same';
  if (better > worse) return 'better';
  if (worse > better) return 'worse';
  return 'mixed';
}

/**
 * Compares an assessment's trend with the area's indicators of its Lebenslage over the matching
 * period: `agree`, `disagree` (with "Kennzahlen stabil, Einschätzung: verschlechtert") or
 * `no_numbers` when no indicator has two dates up to the observed date. Mixed numbers never disagree.
 */
export function compareAssessment(
  assessment: { trend: AssessmentTrend; observedDate: string },
  series: readonly IndicatorSeries[],
  options: DisagreementOptions = {},
): DisagreementResult {
  const movements = series
    .map((s) => indicatorMovement(s, assessment.observedDate, options))
    .filter((m): m is IndicatorMovement => m !== null);
  const numbersTrend = numbersTrendOf(movements);
  const said = `Einschätzung: ${ASSESSMENT_WORD[assessment.trend]}`;
  if (numbersTrend === null)
    return {
      verdict: 'no_numbers',
      numbersTrend,
      movements,
      sentence: `Keine vergleichbaren Kennzahlen, ${said}`,
    };
  const verdict =
    numbersTrend === 'mixed' || numbersTrend === assessment.trend ? 'agree' : 'disagree';
  return {
    verdict,
    numbersTrend,
    movements,
    sentence: `Kennzahlen ${NUMBERS_WORD[numbersTrend]}, ${said}`,
  };
}
