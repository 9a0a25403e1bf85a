// The import mapping edited in the form. Table mappings follow core's TableMapping (wide/long);
// the target area level is sent alongside as systemId/levelId. Unknown keys of the server's suggestion are kept.
import type { TableMapping, WideIndicatorColumn } from '@sozialraum/core';
import type { NewIndicatorDraft } from './new-indicators.ts';
import { draftFor } from './new-indicators.ts';

export type EditableMapping = Record<string, unknown>;

/** The table mapping inside a server suggestion, which is either a TableMapping or a MappingSuggestion {mapping,…}. */
export function unwrapSuggestion(suggested: unknown): EditableMapping {
  if (suggested && typeof suggested === 'object') {
    const inner = (suggested as { mapping?: unknown }).mapping;
    if (inner && typeof inner === 'object') return { ...(inner as EditableMapping) };
    return { ...(suggested as EditableMapping) };
  }
  return {};
}

/** Reads the wide-layout indicator columns as column → indicator id (value role only). */
export function wideTargets(
  m: EditableMapping,
): Record<string, { indicatorId: string; role: WideIndicatorColumn['role'] }> {
  const out: Record<string, { indicatorId: string; role: WideIndicatorColumn['role'] }> = {};
  const list = Array.isArray(m.indicators) ? (m.indicators as WideIndicatorColumn[]) : [];
  for (const c of list)
    if (c && typeof c.column === 'string')
      out[c.column] = { indicatorId: c.indicatorId, role: c.role ?? 'value' };
  return out;
}

/** Sets (or clears, with an empty id) the target indicator of one wide column. */
export function setWideTarget(
  m: EditableMapping,
  column: string,
  indicatorId: string,
  role: WideIndicatorColumn['role'] = 'value',
): EditableMapping {
  const list = (Array.isArray(m.indicators) ? (m.indicators as WideIndicatorColumn[]) : []).filter(
    (c) => c.column !== column,
  );
  if (indicatorId)
    list.push(role === 'value' ? { column, indicatorId } : { column, indicatorId, role });
  return { ...m, indicators: list };
}

/** Checks that a table mapping is complete; returns German messages for what is missing. */
export function missingInMapping(m: EditableMapping): string[] {
  const out: string[] = [];
  if (!m.areaColumn) out.push('Bitte die Gebietsspalte wählen.');
  const date = m.date as { column?: string; fixed?: string } | undefined;
  if (!date || (!date.column && !date.fixed))
    out.push('Bitte eine Datumsspalte oder einen festen Stichtag angeben.');
  else if (date.fixed !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date.fixed))
    out.push('Der Stichtag ist kein gültiges Datum.');
  if (m.layout === 'long') {
    if (!m.indicatorColumn) out.push('Bitte die Indikatorspalte wählen.');
    if (!m.valueColumn) out.push('Bitte die Wertspalte wählen.');
  } else if (!Array.isArray(m.indicators) || (m.indicators as unknown[]).length === 0) {
    out.push('Bitte mindestens eine Spalte einem Indikator zuordnen.');
  }
  return out;
}

/** Narrows an edited mapping to core's TableMapping type (after `missingInMapping` returned nothing). */
export function asTableMapping(m: EditableMapping): TableMapping {
  return m as unknown as TableMapping;
}

/** Where uploaded area geometries go: a (new or existing) system and level, and which properties hold code, name, parent. */
export interface AreaTarget {
  /** 'existing': add a level to (or replace one of) a system the server has; 'new': create a system. */
  systemMode?: 'existing' | 'new';
  levelMode?: 'existing' | 'new';
  systemId?: string;
  systemName?: string;
  /** ISO date from which the new system's areas are valid. */
  validFrom?: string;
  levelId?: string;
  levelNameDe?: string;
  parentLevelId?: string;
  codeProperty?: string;
  nameProperty?: string;
  parentCodeProperty?: string;
}

const IDENT = /^[a-z0-9_-]{1,40}$/;

/** Checks an area import target; returns German messages for what is missing or malformed. */
export function missingInAreaTarget(a: AreaTarget): string[] {
  const out: string[] = [];
  if (!a.systemId) out.push('Bitte die Kennung des Gebietssystems angeben.');
  else if (!IDENT.test(a.systemId))
    out.push(
      `Kennung des Gebietssystems „${a.systemId}“: nur Kleinbuchstaben, Ziffern, _ und - (höchstens 40 Zeichen).`,
    );
  if (!a.levelId) out.push('Bitte die Kennung der Ebene angeben.');
  else if (!IDENT.test(a.levelId))
    out.push(
      `Kennung der Ebene „${a.levelId}“: nur Kleinbuchstaben, Ziffern, _ und - (höchstens 40 Zeichen).`,
    );
  if (a.systemMode === 'new' && !a.systemName?.trim())
    out.push('Bitte einen Namen für das neue Gebietssystem angeben.');
  if (
    a.systemMode === 'new' &&
    a.validFrom !== undefined &&
    !/^\d{4}-\d{2}-\d{2}$/.test(a.validFrom)
  )
    out.push('„Gültig ab“ ist kein gültiges Datum (TT.MM.JJJJ).');
  if (a.levelMode === 'new' && !a.levelNameDe?.trim())
    out.push('Bitte einen deutschen Namen für die neue Ebene angeben.');
  if (a.parentLevelId && a.parentLevelId === a.levelId)
    out.push('Die übergeordnete Ebene muss eine andere Ebene sein.');
  if (!a.codeProperty) out.push('Bitte die Schlüsselspalte wählen.');
  if (!a.nameProperty) out.push('Bitte die Namensspalte wählen.');
  if (a.parentLevelId && !a.parentCodeProperty)
    out.push('Bitte die Spalte mit dem Schlüssel des übergeordneten Gebiets wählen.');
  return out;
}

/**
 * Splits a suggested wide mapping into columns mapped to known indicators and drafts for columns whose
 * target is not a known indicator (the server suggests the header itself as id for unmatched columns).
 */
export function splitUnknownIndicators(
  m: EditableMapping,
  knownIds: ReadonlySet<string>,
): { mapping: EditableMapping; drafts: Record<string, NewIndicatorDraft> } {
  const list = Array.isArray(m.indicators) ? (m.indicators as WideIndicatorColumn[]) : [];
  const drafts: Record<string, NewIndicatorDraft> = {};
  const kept: WideIndicatorColumn[] = [];
  for (const c of list) {
    if (knownIds.has(c.indicatorId)) kept.push(c);
    else if ((c.role ?? 'value') === 'value') drafts[c.column] = draftFor(c.column);
  }
  return { mapping: { ...m, indicators: kept }, drafts };
}

/** The wide mapping sent to the server: known targets plus one value column per new indicator, in column order. */
export function withNewIndicators(
  m: EditableMapping,
  drafts: Readonly<Record<string, NewIndicatorDraft>>,
  columnOrder: readonly string[],
): EditableMapping {
  if (m.layout === 'long') return m;
  const known = (Array.isArray(m.indicators) ? (m.indicators as WideIndicatorColumn[]) : []).filter(
    (c) => !drafts[c.column],
  );
  const fresh: WideIndicatorColumn[] = Object.values(drafts).map((d) => ({
    column: d.column,
    indicatorId: d.id,
  }));
  const pos = (c: string) => {
    const i = columnOrder.indexOf(c);
    return i < 0 ? columnOrder.length : i;
  };
  return { ...m, indicators: [...known, ...fresh].sort((a, b) => pos(a.column) - pos(b.column)) };
}

/** Run body fields of an areas import; a new system brings its name and validity, a new level its German name. */
export function areasRunFields(a: AreaTarget): {
  systemId: string;
  systemName?: string;
  validFrom?: string;
  levelId: string;
  levelNameDe?: string;
  codeProperty: string;
  nameProperty: string;
  parentLevelId: string | null;
  parentCodeProperty: string | null;
} {
  const newSystem = a.systemMode === 'new';
  const newLevel = newSystem || a.levelMode === 'new';
  return {
    systemId: a.systemId ?? '',
    ...(newSystem && a.systemName?.trim() ? { systemName: a.systemName.trim() } : {}),
    ...(newSystem && a.validFrom ? { validFrom: a.validFrom } : {}),
    levelId: a.levelId ?? '',
    ...(newLevel && a.levelNameDe?.trim() ? { levelNameDe: a.levelNameDe.trim() } : {}),
    codeProperty: a.codeProperty ?? '',
    nameProperty: a.nameProperty ?? '',
    parentLevelId: a.parentLevelId || null,
    parentCodeProperty: a.parentLevelId ? a.parentCodeProperty || null : null,
  };
}

/** Distinct labels of the indicator column of a long table, as far as the preview rows show them. */
export function longLabels(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  indicatorColumn: string | undefined,
): string[] {
  const j = indicatorColumn ? columns.indexOf(indicatorColumn) : -1;
  if (j < 0) return [];
  const out: string[] = [];
  for (const r of rows) {
    const v = (r[j] ?? '').trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * Long tables: labels the server mapped (indicatorMap) or that are indicator ids stay; every other label of
 * the preview becomes a draft of a new indicator.
 */
export function splitUnknownLabels(
  m: EditableMapping,
  labels: readonly string[],
  knownIds: ReadonlySet<string>,
): Record<string, NewIndicatorDraft> {
  const map = (m.indicatorMap ?? {}) as Record<string, string>;
  const drafts: Record<string, NewIndicatorDraft> = {};
  for (const l of labels)
    if (!(map[l] && knownIds.has(map[l])) && !knownIds.has(l))
      drafts[l] = { ...draftFor(l), origin: 'label' };
  return drafts;
}

/** Long tables: the indicatorMap sent to the server, with every new indicator's label pointing to its id. */
export function withNewLabels(
  m: EditableMapping,
  drafts: Readonly<Record<string, NewIndicatorDraft>>,
): EditableMapping {
  if (m.layout !== 'long') return m;
  const map: Record<string, string> = { ...((m.indicatorMap ?? {}) as Record<string, string>) };
  for (const d of Object.values(drafts)) map[d.column] = d.id;
  return { ...m, indicatorMap: map };
}
