// The server's suggested mapping, and the target of an areas import (system, level, properties).
// The table mapping itself is edited in table-form.ts.

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
