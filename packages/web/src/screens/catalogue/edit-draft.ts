// The indicator editor's form state: strings for the inputs, and the PATCH of the changed fields
// (empty optional texts become null; required ones must not be empty). Every metadata field of
// issue 9 § 6 is here: names, definition, Lebenslage, unit, polarity, decimals and the source.
import type {
  Dimension,
  Indicator,
  IndicatorPatch,
  Polarity,
  Visibility,
} from '../../api/indicators.ts';

/** The indicator being edited; the form also copes with one without a source. */
export type EditedIndicator = Omit<Indicator, 'source'> & { source: Indicator['source'] | null };
import { UNIT_CODES } from '../../lib/core-bridge.ts';

/** The PATCH body (every metadata field, ADR 0014). */
export type FullIndicatorPatch = IndicatorPatch;

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
  unit: string;
  dimension: string;
  sourceId: string;
  visibility: Visibility;
  sharedWith: string[];
}

/** A field of the draft that can carry an error. */
export type DraftField = keyof Draft;

/** Why a field was refused before sending: left empty, or a value the stored numbers cannot carry. */
export type DraftProblem = 'required' | 'unitKind' | 'decimals';

const REQUIRED = ['nameDe', 'nameEn', 'definitionDe'] as const;
const OPTIONAL = [
  'shortDe',
  'definitionEn',
  'numeratorDef',
  'denominatorDef',
  'updateCycle',
  'methodNote',
] as const;

/** Units of the same scale a share may be relabelled to (numerator / denominator × scale). */
const SHARE_SCALE: Record<string, number> = {
  percent: 100,
  per_100: 100,
  per_mille: 1000,
  ratio: 1,
};

/**
 * The units this indicator may take without changing what its stored numbers mean (same rule as
 * the server, ADR 0014): counts stay 'count', shares keep their scale, values take any unit.
 */
export function allowedUnits(ind: Pick<Indicator, 'kind' | 'scale' | 'unit'>): string[] {
  let list: string[] = [...UNIT_CODES];
  if (ind.kind === 'count') list = ['count'];
  else if (ind.kind === 'share') list = list.filter((u) => SHARE_SCALE[u] === ind.scale);
  return list.includes(ind.unit) ? list : [ind.unit, ...list];
}

export function draftOf(ind: EditedIndicator): Draft {
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
    unit: ind.unit,
    dimension: String(ind.dimension),
    sourceId: ind.source?.id ?? '',
    visibility: ind.visibility ?? 'public',
    sharedWith: [...(ind.sharedWith ?? [])],
  };
}

/** The changed fields, or every field that cannot be sent as it is (in form order). */
export function buildPatch(
  ind: EditedIndicator,
  d: Draft,
): { patch: FullIndicatorPatch } | { errors: Partial<Record<DraftField, DraftProblem>> } {
  const errors: Partial<Record<DraftField, DraftProblem>> = {};
  const patch: FullIndicatorPatch = {};
  for (const k of REQUIRED) {
    const v = d[k].trim();
    if (!v) errors[k] = 'required';
    else if (v !== (ind[k] ?? '')) patch[k] = v;
  }
  for (const k of OPTIONAL) {
    const v = d[k].trim();
    const before = ind[k] ?? null;
    const next = v === '' ? null : v;
    if (next !== before) patch[k] = next;
  }
  if (d.polarity !== ind.polarity) patch.polarity = d.polarity;
  if (d.decimals === '' && ind.decimals !== null) errors.decimals = 'required';
  else if (d.decimals !== '') {
    const n = Number(d.decimals);
    if (!Number.isInteger(n) || n < 0 || n > 6) errors.decimals = 'decimals';
    else if (n !== ind.decimals) patch.decimals = n;
  }
  if (d.unit !== ind.unit) {
    if (!allowedUnits(ind).includes(d.unit)) errors.unit = 'unitKind';
    else patch.unit = d.unit as IndicatorPatch['unit'];
  }
  if (d.dimension !== String(ind.dimension)) patch.dimension = d.dimension as Dimension;
  // an indicator without a source may stay so; one with a source cannot lose it
  if (!d.sourceId) {
    if (ind.source) errors.sourceId = 'required';
  } else if (d.sourceId !== (ind.source?.id ?? '')) patch.sourceId = d.sourceId;
  if (d.visibility !== (ind.visibility ?? 'public')) patch.visibility = d.visibility;
  const a = [...new Set(d.sharedWith)].sort();
  const b = [...(ind.sharedWith ?? [])].sort();
  if (a.join('\u0000') !== b.join('\u0000')) patch.sharedWith = a;
  return Object.keys(errors).length > 0 ? { errors } : { patch };
}

/**
 * The draft field a server refusal names (details [{ field }] of a 400), so the message can stand
 * next to that field; null when it names none the form shows.
 */
export function fieldOfRefusal(details: unknown): DraftField | null {
  if (!Array.isArray(details)) return null;
  for (const d of details as { field?: unknown }[]) {
    const f = typeof d?.field === 'string' ? d.field.split('.')[0] : undefined;
    if (f && FIELDS.has(f)) return f as DraftField;
  }
  return null;
}

const FIELDS = new Set<string>([
  ...REQUIRED,
  ...OPTIONAL,
  'polarity',
  'decimals',
  'unit',
  'dimension',
  'sourceId',
  'visibility',
  'sharedWith',
]);
