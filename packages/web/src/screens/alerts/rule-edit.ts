// Pure helpers of the rule editor on the Frühwarnungen screen: who may edit a rule, the draft of a
// rule as form text (German decimal comma) and the PATCH body built from the draft.
import type { Me } from '../../api/access.ts';
import type { AlertRule, IndexRuleParams, IndicatorChangeParams } from '../../api/alerts.ts';
import { mayEditAlertRule } from '@sozialraum/contracts/rules';
import { editorOf } from '../../lib/access.ts';

export type Direction = 'increase' | 'decrease' | 'both';
export const DIRECTIONS: readonly Direction[] = ['increase', 'decrease', 'both'];

/** The server's rule (contracts): alerts.rules_all, or alerts.rules for the own department's rules. */
export function canEditRule(me: Me | null, rule: Pick<AlertRule, 'department'>): boolean {
  const who = editorOf(me);
  return !!who && mayEditAlertRule(who, rule.department);
}

/** Parses a positive German decimal ("2,5", "1.000"); null when it is not a number > 0. */
export function parsePositiveGermanDecimal(input: string): number | null {
  const s = input.trim().replace(/\s/g, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/.test(s)) return null;
  const v = Number(s.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** A number as editable German text: decimal comma, no thousands dots (2.5 → "2,5", 1000 → "1000"). */
export function germanDecimalText(v: number): string {
  return v.toLocaleString('de-DE', { useGrouping: false, maximumFractionDigits: 6 });
}

/** The form state of a rule being edited (numbers as the text the person typed). */
export interface RuleDraft {
  nameDe: string;
  indicatorIds: string[];
  sdThreshold: string;
  minBase: string;
  direction: Direction;
  indexId: string;
  system: string;
  level: string;
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

/** The draft of a stored rule (defaults as the server's: 2 SD, base 100, increase). */
export function draftOf(rule: AlertRule): RuleDraft {
  const p = rule.params;
  const ids = Array.isArray(p.indicatorIds)
    ? p.indicatorIds.filter((x): x is string => typeof x === 'string')
    : [];
  const dir = DIRECTIONS.find((d) => d === p.direction) ?? 'increase';
  return {
    nameDe: rule.nameDe,
    indicatorIds: ids,
    sdThreshold: germanDecimalText(num(p.sdThreshold, 2)),
    minBase: germanDecimalText(num(p.minBase, 100)),
    direction: dir,
    indexId: str(p.indexId),
    system: str(p.system),
    level: str(p.level),
  };
}

export type RulePatch = {
  nameDe?: string;
  params?: IndicatorChangeParams | IndexRuleParams;
};

/** Why the draft cannot be saved (German), or the PATCH body with only what changed ({} = nothing). */
export function rulePatch(
  rule: AlertRule,
  draft: RuleDraft,
): { ok: true; patch: RulePatch } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const name = draft.nameDe.trim();
  if (!name) problems.push('Der Name fehlt.');
  let params: IndicatorChangeParams | IndexRuleParams;
  if (rule.kind === 'indicator_change') {
    const sd = parsePositiveGermanDecimal(draft.sdThreshold);
    const base = parsePositiveGermanDecimal(draft.minBase);
    if (draft.indicatorIds.length === 0) problems.push('Bitte mindestens einen Indikator wählen.');
    if (sd === null)
      problems.push(
        `Schwelle „${draft.sdThreshold}“: bitte eine Zahl größer als 0 mit Dezimalkomma (z. B. 2,5).`,
      );
    if (base === null || !Number.isInteger(base))
      problems.push(`Mindestbasis „${draft.minBase}“: bitte eine ganze Zahl größer als 0.`);
    params = {
      indicatorIds: [...draft.indicatorIds],
      sdThreshold: sd ?? 0,
      minBase: base ?? 0,
      direction: draft.direction,
    };
  } else {
    if (!draft.indexId) problems.push('Bitte einen Index wählen.');
    if (!draft.system || !draft.level) problems.push('Bitte Gebietssystem und Ebene wählen.');
    params = { indexId: draft.indexId, system: draft.system, level: draft.level };
  }
  if (problems.length) return { ok: false, problems };
  const patch: RulePatch = {};
  if (name !== rule.nameDe) patch.nameDe = name;
  if (!sameParams(rule.params, params)) patch.params = params;
  return { ok: true, patch };
}

function sameParams(stored: Record<string, unknown>, next: object): boolean {
  const base = draftDefaults(stored);
  return Object.entries(next).every(([k, v]) => JSON.stringify(base[k]) === JSON.stringify(v));
}

/** Stored params with the server's defaults filled in (old rules may lack direction). */
function draftDefaults(p: Record<string, unknown>): Record<string, unknown> {
  return 'indicatorIds' in p ? { sdThreshold: 2, minBase: 100, direction: 'increase', ...p } : p;
}
