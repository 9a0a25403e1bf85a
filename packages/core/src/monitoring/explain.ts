// Explains one area's index result in numbers and in words a planner uses: contribution of each
// indicator, rank, distance to the next class boundary, "near a threshold", or why it is not scored.
// Method: docs/methods/index-engine.md § Erklärung.
import { formatNumber } from '../format/number.ts';
import { areaPosition } from './compute-index.ts';
import type { IndexResult, PartResult, ResolvedBoundary } from './compute-index.ts';

/** Options of explainArea. */
export interface ExplainOptions {
  /** an index within this distance (index units) of a class boundary is "near a threshold"; default 0.1. */
  nearThreshold?: number;
}

/** Contribution of one indicator to the combined value. */
export interface Contribution {
  indicatorId: string;
  label: string;
  /** standardised value of the indicator (z-value for zscore). */
  standardised: number;
  /** its term in the combined value: weight × value (÷ number of inputs for 'mean'). */
  contribution: number;
  /** contribution ÷ combined value (can exceed 1 or be negative when terms cancel). */
  shareOfCombined: number;
  /** |contribution| ÷ Σ |contributions| (0–1, always sums to 1). */
  shareOfAbsolute: number;
}

/** A neighbouring class boundary and the distance to it. */
export interface BoundaryDistance {
  /** boundary value in index units */
  value: number;
  /** |index − boundary| */
  distance: number;
  /** the class on the other side */
  classLabel: string;
}

/** Explanation of one index part for one area. */
export interface PartExplanation {
  label: string;
  index: number;
  combined: number;
  classLabel: string;
  /** 1 = highest index (most disadvantaged) among the scored areas; ties share the best rank. */
  rank: number;
  of: number;
  contributions: Contribution[];
  lower: BoundaryDistance | null;
  upper: BoundaryDistance | null;
  /** the closer of lower/upper. */
  nearest: BoundaryDistance | null;
  nearThreshold: boolean;
  /** German sentence, e.g. "Status-Index 1,23 (niedrig), 0,27 unter der Grenze zu „sehr niedrig“; größter Beitrag: Kinderarmut (+0,9)". */
  sentence: string;
}

/** Explanation of an area's result. */
export interface AreaExplanation {
  areaId: string;
  scored: boolean;
  /** why it is not scored (German), null when scored. */
  reason: string | null;
  status: PartExplanation | null;
  dynamics: PartExplanation | null;
  group: { code: string; label: string } | null;
  attention: boolean;
  /** all sentences joined. */
  text: string;
}

const num = (x: number, decimals = 2) => formatNumber(x, { decimals });

/** A signed German number: +0,9 / -0,4 / 0,0. */
export function formatSigned(x: number, decimals = 1): string {
  const s = formatNumber(x, { decimals });
  return /^[0,.]+$/.test(s) || s.startsWith('-') ? s : `+${s}`;
}

function explainPart(part: PartResult, i: number, near: number): PartExplanation {
  const index = part.index[i] as number;
  const combined = part.combined[i] as number;
  const c = part.classOf[i] as number;
  const m = part.inputs.length;
  const terms = part.inputs.map((inp, j) => {
    const z = (part.standardised[j] as Float64Array)[i] as number;
    return { inp, z, term: (part.weights[j] as number) * z };
  });
  // For 'mean' the combined value is Σ z / m: scale the terms so they add up to it.
  const scale = part.combination === 'mean' ? 1 / m : 1;
  const absTotal = terms.reduce((a, t) => a + Math.abs(t.term * scale), 0);
  const contributions: Contribution[] = terms
    .map(({ inp, z, term }) => ({
      indicatorId: inp.indicatorId,
      label: inp.label,
      standardised: z,
      contribution: term * scale,
      shareOfCombined: combined === 0 ? 0 : (term * scale) / combined,
      shareOfAbsolute: absTotal === 0 ? 0 : Math.abs(term * scale) / absTotal,
    }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  let rank = 1;
  let of = 0;
  for (let k = 0; k < part.index.length; k++) {
    const v = part.index[k] as number;
    if (Number.isNaN(v)) continue;
    of++;
    if (v > index) rank++;
  }
  const bounds: ResolvedBoundary[] = part.boundaries;
  const lowerB = c > 0 ? (bounds[c - 1] as ResolvedBoundary) : null;
  const upperB = c < bounds.length ? (bounds[c] as ResolvedBoundary) : null;
  const lower = lowerB
    ? {
        value: lowerB.value,
        distance: Math.abs(index - lowerB.value),
        classLabel: part.classes[c - 1]?.label ?? '',
      }
    : null;
  const upper = upperB
    ? {
        value: upperB.value,
        distance: Math.abs(upperB.value - index),
        classLabel: part.classes[c + 1]?.label ?? '',
      }
    : null;
  const nearest =
    lower && upper ? (upper.distance <= lower.distance ? upper : lower) : (lower ?? upper);
  const nearThreshold = nearest !== null && nearest.distance <= near;
  const classLabel = part.classes[c]?.label ?? '';
  let sentence = `${part.label} ${num(index)} (${classLabel})`;
  if (nearest)
    sentence += `, ${num(nearest.distance)} ${nearest === upper ? 'unter' : 'über'} der Grenze zu „${nearest.classLabel}“`;
  const top = contributions[0];
  if (top) sentence += `; größter Beitrag: ${top.label} (${formatSigned(top.contribution)})`;
  return {
    label: part.label,
    index,
    combined,
    classLabel,
    rank,
    of,
    contributions,
    lower,
    upper,
    nearest,
    nearThreshold,
    sentence,
  };
}

/** Explains one area of an index result (throws MonitoringError unknown_area for an unknown id). */
export function explainArea(
  result: IndexResult,
  areaId: string,
  options: ExplainOptions = {},
): AreaExplanation {
  const near = options.nearThreshold ?? 0.1;
  const i = areaPosition(result, areaId);
  if (result.valid[i] !== 1) {
    const reason = result.reasonAt(i) ?? 'nicht bewertet';
    return {
      areaId,
      scored: false,
      reason,
      status: null,
      dynamics: null,
      group: null,
      attention: false,
      text: `Nicht bewertet: ${reason}.`,
    };
  }
  const status = explainPart(result.status, i, near);
  const dynamics = result.dynamics ? explainPart(result.dynamics, i, near) : null;
  const g = result.groupOf[i] as number;
  const groupDef = g >= 0 ? result.definition.matrix?.[g] : undefined;
  const group = groupDef ? { code: groupDef.code, label: groupDef.label } : null;
  const attention = result.attention[i] === 1;
  const parts = [`${status.sentence}.`];
  if (dynamics) parts.push(`${dynamics.sentence}.`);
  if (group) parts.push(`Gruppe ${group.code}: ${group.label}.`);
  for (const rule of result.definition.rules ?? [])
    if (result.ruleHits[rule.id]?.[i] === 1) parts.push(`${rule.label}.`);
  if (status.nearThreshold || dynamics?.nearThreshold)
    parts.push('Nahe an einer Klassengrenze: eine kleine Veränderung kann die Einstufung ändern.');
  return {
    areaId,
    scored: true,
    reason: null,
    status,
    dynamics,
    group,
    attention,
    text: parts.join(' '),
  };
}
