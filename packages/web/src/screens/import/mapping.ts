// The import mapping edited in the form. Table mappings follow core's TableMapping (wide/long);
// the target area level is sent alongside as systemId/levelId. Unknown keys of the server's suggestion are kept.
import type { TableMapping, WideIndicatorColumn } from '@sozialraum/core';

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
export function wideTargets(m: EditableMapping): Record<string, { indicatorId: string; role: WideIndicatorColumn['role'] }> {
  const out: Record<string, { indicatorId: string; role: WideIndicatorColumn['role'] }> = {};
  const list = Array.isArray(m.indicators) ? (m.indicators as WideIndicatorColumn[]) : [];
  for (const c of list) if (c && typeof c.column === 'string') out[c.column] = { indicatorId: c.indicatorId, role: c.role ?? 'value' };
  return out;
}

/** Sets (or clears, with an empty id) the target indicator of one wide column. */
export function setWideTarget(m: EditableMapping, column: string, indicatorId: string, role: WideIndicatorColumn['role'] = 'value'): EditableMapping {
  const list = (Array.isArray(m.indicators) ? (m.indicators as WideIndicatorColumn[]) : []).filter((c) => c.column !== column);
  if (indicatorId) list.push(role === 'value' ? { column, indicatorId } : { column, indicatorId, role });
  return { ...m, indicators: list };
}

/** Checks that a table mapping is complete; returns German messages for what is missing. */
export function missingInMapping(m: EditableMapping): string[] {
  const out: string[] = [];
  if (!m.areaColumn) out.push('Bitte die Gebietsspalte wählen.');
  const date = m.date as { column?: string; fixed?: string } | undefined;
  if (!date || (!date.column && !date.fixed)) out.push('Bitte eine Datumsspalte oder einen festen Stichtag angeben.');
  else if (date.fixed !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date.fixed)) out.push('Der Stichtag ist kein gültiges Datum.');
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
  systemId?: string;
  systemName?: string;
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
  else if (!IDENT.test(a.systemId)) out.push(`Kennung des Gebietssystems „${a.systemId}“: nur Kleinbuchstaben, Ziffern, _ und - (höchstens 40 Zeichen).`);
  if (!a.levelId) out.push('Bitte die Kennung der Ebene angeben.');
  else if (!IDENT.test(a.levelId)) out.push(`Kennung der Ebene „${a.levelId}“: nur Kleinbuchstaben, Ziffern, _ und - (höchstens 40 Zeichen).`);
  if (!a.codeProperty) out.push('Bitte die Schlüsselspalte wählen.');
  if (!a.nameProperty) out.push('Bitte die Namensspalte wählen.');
  if (a.parentLevelId && !a.parentCodeProperty) out.push('Bitte die Spalte mit dem Schlüssel des übergeordneten Gebiets wählen.');
  return out;
}
