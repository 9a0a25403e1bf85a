// The indicator editor's form state: strings for the inputs, and the PATCH of the changed fields
// (empty optional texts become null; required ones must not be empty).
import type { Indicator, IndicatorPatch, Polarity, Visibility } from '../../lib/api.ts';

export interface Draft {
  nameDe: string;
  nameEn: string;
  shortDe: string;
  definitionDe: string;
  definitionEn: string;
  numeratorDef: string;
  denominatorDef: string;
  updateCycle: string;
  methodNote: string;
  polarity: Polarity;
  decimals: string;
  visibility: Visibility;
  sharedWith: string[];
}

const REQUIRED = ['nameDe', 'nameEn', 'definitionDe'] as const;
const OPTIONAL = [
  'shortDe',
  'definitionEn',
  'numeratorDef',
  'denominatorDef',
  'updateCycle',
  'methodNote',
] as const;

export function draftOf(ind: Indicator): Draft {
  return {
    nameDe: ind.nameDe,
    nameEn: ind.nameEn,
    shortDe: ind.shortDe ?? '',
    definitionDe: ind.definitionDe ?? '',
    definitionEn: ind.definitionEn ?? '',
    numeratorDef: ind.numeratorDef ?? '',
    denominatorDef: ind.denominatorDef ?? '',
    updateCycle: ind.updateCycle ?? '',
    methodNote: ind.methodNote ?? '',
    polarity: ind.polarity,
    decimals: ind.decimals === null ? '' : String(ind.decimals),
    visibility: ind.visibility ?? 'public',
    sharedWith: [...(ind.sharedWith ?? [])],
  };
}

/** The changed fields, or the first required field left empty. */
export function buildPatch(
  ind: Indicator,
  d: Draft,
): { patch: IndicatorPatch } | { missing: string } {
  const patch: IndicatorPatch = {};
  for (const k of REQUIRED) {
    const v = d[k].trim();
    if (!v) return { missing: k };
    if (v !== (ind[k] ?? '')) patch[k] = v;
  }
  for (const k of OPTIONAL) {
    const v = d[k].trim();
    const before = ind[k] ?? null;
    const next = v === '' ? null : v;
    if (next !== before) patch[k] = next;
  }
  if (d.polarity !== ind.polarity) patch.polarity = d.polarity;
  if (d.decimals !== '' && Number(d.decimals) !== ind.decimals) patch.decimals = Number(d.decimals);
  if (d.visibility !== (ind.visibility ?? 'public')) patch.visibility = d.visibility;
  const a = [...new Set(d.sharedWith)].sort();
  const b = [...(ind.sharedWith ?? [])].sort();
  if (a.join('\u0000') !== b.join('\u0000')) patch.sharedWith = a;
  return { patch };
}
