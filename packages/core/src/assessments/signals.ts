// Participation signals into the seismograph (issue 13 § 5): counts of residents' reports and negative
// assessments per area, Lebenslage and period, against the area's own history and the city-wide rate.
// The noise rule is the alerts' rule carried over to counts: the 95 % interval of the current count
// must not overlap the interval of the rate it is compared with (Poisson intervals after Byar, as the
// Wilson intervals for shares). Method and hand-checked numbers: docs/methods/participation-signals.md.
import { formatNumber } from '../format/number.ts';

/** Approximate Poisson 95 % interval of a count (Byar; Breslow & Day 1987, p. 69). */
export function poissonInterval(count: number, z = 1.96): { lower: number; upper: number } {
  if (!Number.isFinite(count) || count < 0 || !Number.isInteger(count))
    throw new RangeError(`Eine Anzahl muss eine ganze Zahl ≥ 0 sein, erhalten: ${String(count)}`);
  const lower = count === 0 ? 0 : count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
  const c1 = count + 1;
  const upper = c1 * (1 - 1 / (9 * c1) + z / (3 * Math.sqrt(c1))) ** 3;
  return { lower: Math.max(0, lower), upper };
}

/** Counts of one area: the current period and the periods before it (any order). */
export interface AreaSignalCounts {
  areaId: string;
  current: number;
  history: readonly number[];
}

export interface SignalRuleOptions {
  /** below this many signals in the period nothing is raised (default 5) */
  minCount?: number;
  /** z of the intervals (default 1.96) */
  z?: number;
  /** what is counted, for the sentence (default "Hinweise und negative Einschätzungen") */
  label?: string;
}

/** One comparison: the rate per period and its 95 % interval. */
export interface RateComparison {
  rate: number;
  lower: number;
  upper: number;
  /** periods (own history) or other areas (city) the rate is the mean of */
  over: number;
}

export interface SignalCandidate {
  areaId: string;
  current: number;
  currentInterval: { lower: number; upper: number };
  own: RateComparison | null;
  city: RateComparison | null;
  /** current count ÷ the larger of the two rates */
  ratio: number;
  explanation: string;
}

export interface SignalResult {
  candidates: SignalCandidate[];
  heldBack: { areaId: string; current: number; reason: string }[];
}

function rateOf(total: number, over: number, z: number): RateComparison | null {
  if (over <= 0) return null;
  const i = poissonInterval(total, z);
  return { rate: total / over, lower: i.lower / over, upper: i.upper / over, over };
}

const num = (x: number) => formatNumber(x, { decimals: 1 });

/**
 * Areas with unusually many signals in the period: more than the own mean per period and more than
 * the other areas' mean, at least `minCount`, and not noise — the current count's interval lies above
 * both rates' intervals (an area without history is compared with the city only).
 */
export function detectSignalSurges(
  areas: readonly AreaSignalCounts[],
  options: SignalRuleOptions = {},
): SignalResult {
  const z = options.z ?? 1.96;
  const minCount = options.minCount ?? 5;
  const label = options.label ?? 'Hinweise und negative Einschätzungen';
  const total = areas.reduce((s, a) => s + a.current, 0);
  const candidates: SignalCandidate[] = [];
  const heldBack: SignalResult['heldBack'] = [];
  for (const a of areas) {
    const own = rateOf(
      a.history.reduce((s, c) => s + c, 0),
      a.history.length,
      z,
    );
    const city = rateOf(total - a.current, areas.length - 1, z);
    if (!own && !city) continue;
    const rates = [own, city].filter((r): r is RateComparison => r !== null);
    if (a.current < minCount || rates.some((r) => a.current <= r.rate)) continue;
    const cur = poissonInterval(a.current, z);
    const overlap = rates.find((r) => cur.lower <= r.upper);
    if (overlap) {
      const which = overlap === own ? 'eigenen Vorgeschichte' : 'übrigen Gebiete';
      heldBack.push({
        areaId: a.areaId,
        current: a.current,
        reason:
          `Nicht gemeldet: Intervalle überschneiden sich (${num(cur.lower)}–${num(cur.upper)} und ` +
          `${num(overlap.lower)}–${num(overlap.upper)} der ${which})`,
      });
      continue;
    }
    const parts = [
      own ? `sonst ${num(own.rate)} je Zeitraum (eigene Vorgeschichte)` : null,
      city ? `${num(city.rate)} im Mittel der übrigen Gebiete` : null,
    ].filter(Boolean);
    candidates.push({
      areaId: a.areaId,
      current: a.current,
      currentInterval: cur,
      own,
      city,
      ratio: a.current / Math.max(...rates.map((r) => r.rate), 1e-9),
      explanation: `${formatNumber(a.current)} ${label} im Zeitraum, ${parts.join(' und ')}`,
    });
  }
  candidates.sort((x, y) => y.ratio - x.ratio || x.areaId.localeCompare(y.areaId));
  return { candidates, heldBack };
}
