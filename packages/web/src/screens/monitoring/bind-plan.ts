// Binding an index to other indicators (issue 9 § 6), the form's pure part: the inputs of an index
// definition, an indicator suggested for each by name similarity, and the checks before sending
// (every input bound, no indicator twice, a valid new id). The server checks the same again.
import type { IndexSummary } from '../../api/monitoring.ts';

/** One input of the index to bind. */
export interface BindInput {
  part: 'status' | 'dynamics';
  indicatorId: string;
  label: string;
  direction: string;
}

/** An indicator that can be chosen for an input. */
export interface Candidate {
  id: string;
  nameDe: string;
  polarity: string;
  unit: string;
}

/** The inputs of a definition, status first. */
export function inputsOf(def: IndexSummary['definition']): BindInput[] {
  const out: BindInput[] = [];
  for (const part of ['status', 'dynamics'] as const) {
    const p = def[part] as { inputs?: { indicatorId: string; label: string; direction: string }[] };
    for (const i of p?.inputs ?? [])
      out.push({ part, indicatorId: i.indicatorId, label: i.label, direction: i.direction });
  }
  return out;
}

/** Lower case words without umlauts and punctuation ("Veränderung Kinder-Armut" → veraenderung, kinder, armut). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1);
}

function trigrams(text: string): Set<string> {
  const s = ` ${words(text).join(' ')} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

/** Name similarity 0…1: Dice coefficient of letter trigrams (robust against word endings). */
export function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

/** A change over time ("Veränderung …", "… change"), as dynamics inputs are. */
const isChange = (text: string) =>
  words(text).some((w) => w.startsWith('veraender') || w === 'change' || w === 'dynamik');

/**
 * How well a candidate fits an input: its name, a little more for the same direction, and less
 * when one is a change over time and the other is not (a status input wants a level, not a change).
 */
export function fit(input: BindInput, c: Candidate): number {
  const name = Math.max(
    similarity(input.label, c.nameDe),
    similarity(`${input.label} ${input.indicatorId}`, `${c.nameDe} ${c.id}`),
  );
  const change =
    isChange(`${input.label} ${input.indicatorId}`) === isChange(`${c.nameDe} ${c.id}`);
  return name + (c.polarity === input.direction ? 0.05 : 0) - (change ? 0 : 0.25);
}

/**
 * One suggestion per input (best fit first, each indicator at most once, never the input's own
 * indicator — binding means other indicators); an input without a candidate above `min` gets none.
 */
export function suggestBindings(
  inputs: BindInput[],
  candidates: Candidate[],
  min = 0.3,
): Record<string, string> {
  const pairs: { input: string; id: string; score: number }[] = [];
  for (const inp of inputs)
    for (const c of candidates) {
      if (c.id === inp.indicatorId) continue;
      const score = fit(inp, c);
      if (score >= min) pairs.push({ input: inp.indicatorId, id: c.id, score });
    }
  pairs.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const p of pairs) {
    if (out[p.input] !== undefined || used.has(p.id)) continue;
    out[p.input] = p.id;
    used.add(p.id);
  }
  return out;
}

/** Candidates for one input, the best fitting first (the rest by name). */
export function rankCandidates(input: BindInput, candidates: Candidate[]): Candidate[] {
  return candidates
    .filter((c) => c.id !== input.indicatorId)
    .map((c) => ({ c, s: fit(input, c) }))
    .sort((a, b) => b.s - a.s || a.c.nameDe.localeCompare(b.c.nameDe, 'de'))
    .map((x) => x.c);
}

/** Why a form field cannot be sent. */
export type BindProblem = 'missing' | 'twice' | 'idInvalid';

/** Problems per field ('id' or an input's indicatorId) before sending; empty when all is well. */
export function checkBinding(
  newId: string,
  inputs: BindInput[],
  bindings: Record<string, string>,
): Record<string, BindProblem> {
  const problems: Record<string, BindProblem> = {};
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(newId.trim())) problems.id = 'idInvalid';
  const seen = new Set<string>();
  for (const inp of inputs) {
    const id = bindings[inp.indicatorId];
    if (!id) problems[inp.indicatorId] = 'missing';
    else if (seen.has(id)) problems[inp.indicatorId] = 'twice';
    else seen.add(id);
  }
  return problems;
}
