// New indicators declared during a table import: drafts edited in the form, their German validation,
// and the pieces of the run body (`newIndicators`, `source`, mapping entries) built from them.
// The allowed values are the contract's (packages/contracts: the imports and enums schemas).

import { DIMENSIONS, POLARITIES, type Dimension, type Polarity } from '../../lib/core-bridge.ts';

/** Units the server accepts for a new indicator, with the German/English labels the form shows. */
export const UNITS = [
  { id: 'percent', de: 'Prozent', en: 'Percent' },
  { id: 'per_mille', de: 'Promille', en: 'Per mille' },
  { id: 'count', de: 'Anzahl', en: 'Count' },
  { id: 'euro', de: 'Euro', en: 'Euro' },
  { id: 'sqm', de: 'm²', en: 'm²' },
  { id: 'per_100', de: 'je 100', en: 'per 100' },
  { id: 'index', de: 'Index', en: 'Index' },
  { id: 'ratio', de: 'Verhältnis', en: 'Ratio' },
  { id: 'percentage_points', de: 'Prozentpunkte', en: 'Percentage points' },
  { id: 'class', de: 'Klasse', en: 'Class' },
] as const;
export type UnitId = (typeof UNITS)[number]['id'];

/** Polarities the server accepts: the core's one list (contracts' polaritySchema). */
export { POLARITIES };
export type PolarityId = Polarity;

/** Lebenslage dimensions the server accepts: the core's one list (labels come from lib/labels.ts). */
export const DIMENSION_IDS = DIMENSIONS;
export type DimensionId = Dimension;

/** Server rule for indicator ids (contracts/imports.ts newIndicatorSchema). */
export const INDICATOR_ID = /^[a-z][a-z0-9_]{1,62}$/;

/** Marker value of the per-column select meaning "create a new indicator from this column". */
export const NEW_INDICATOR = '__new__';

export interface NewIndicatorDraft {
  /** The table column the indicator's values come from (long tables: the label in the indicator column). */
  column: string;
  /** 'label' for long tables, where the draft stands for a value of the indicator column. */
  origin?: 'column' | 'label';
  id: string;
  nameDe: string;
  /** '' until the person chooses: a unit is only pre-set where the column says what it is. */
  unit: UnitId | '';
  /** '' until the person chooses the Lebenslage: there is no silent default (issue 9 § 6). */
  dimension: DimensionId | '';
  polarity: PolarityId;
  definitionDe?: string;
}

export interface SourceDraft {
  title: string;
  publisher: string;
  licence: string;
  attribution: string;
  url: string;
}

export const EMPTY_SOURCE: SourceDraft = {
  title: '',
  publisher: '',
  licence: '',
  attribution: '',
  url: '',
};

const TRANSLIT: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  é: 'e',
  è: 'e',
  á: 'a',
  à: 'a',
};

/** Turns a column header into an indicator id: "Anteil Alleinerziehende (%)" → "anteil_alleinerziehende". */
export function slugifyIndicatorId(header: string): string {
  let s = header
    .toLowerCase()
    .replace(/[äöüßéèáà]/g, (c) => TRANSLIT[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/%/g, ' ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  // the id must start with a letter and have at least two characters
  if (s.length < 2) return 'indikator';
  if (!/^[a-z]/.test(s)) s = `ind_${s}`;
  return s.slice(0, 63).replace(/_+$/, '');
}

/**
 * Guesses a unit from the header's wording ("Anteil …", "%", "Anzahl", "€") and, failing that, from
 * the column's values ("12,5 %" is a share in percent; whole numbers are counts). '' when nothing
 * says it: the person chooses (a column is never silently an "Index").
 */
export function guessUnit(header: string, values: readonly string[] = []): UnitId | '' {
  const h = header.toLowerCase();
  if (/%|anteil|quote|prozent/.test(h)) return 'percent';
  if (/‰|promille/.test(h)) return 'per_mille';
  if (/€|euro|eur\b|einkommen|miete/.test(h)) return 'euro';
  if (/anzahl|einwohner|personen|gesamt|zahl\b|\bn\b/.test(h)) return 'count';
  if (/index/.test(h)) return 'index';
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (filled.length === 0) return '';
  if (filled.some((v) => /%\s*$/.test(v))) return 'percent';
  if (filled.every((v) => /^-?\d{1,3}(\.\d{3})*$|^-?\d+$/.test(v))) return 'count';
  return '';
}

/**
 * A fresh draft for a column: id slugged from the header, German name = header (without a trailing
 * unit), unit guessed from header and values; Lebenslage left for the person to choose.
 */
export function draftFor(column: string, values: readonly string[] = []): NewIndicatorDraft {
  const name = column.replace(/\s*\((%|‰|€|in %|in €|EUR)\)\s*$/i, '').trim() || column;
  return {
    column,
    id: slugifyIndicatorId(name),
    nameDe: name,
    unit: guessUnit(column, values),
    dimension: '',
    polarity: 'neutral',
    definitionDe: '',
  };
}

/** German messages for every invalid draft (pattern, duplicates, collisions with existing indicators, empty name). */
export function validateDrafts(
  drafts: readonly NewIndicatorDraft[],
  existingIds: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const seen = new Map<string, string>();
  for (const d of drafts) {
    const where = `${d.origin === 'label' ? 'Indikator' : 'Spalte'} „${d.column}“`;
    if (!d.id) out.push(`${where}: Bitte eine Kennung für den neuen Indikator angeben.`);
    else if (!INDICATOR_ID.test(d.id))
      out.push(
        `${where}: Kennung „${d.id}“ ist ungültig – erlaubt sind Kleinbuchstaben, Ziffern und _, beginnend mit einem Buchstaben (2 bis 63 Zeichen).`,
      );
    else if (existingIds.has(d.id))
      out.push(
        `${where}: Die Kennung „${d.id}“ ist bereits vergeben – bitte den vorhandenen Indikator wählen oder eine andere Kennung.`,
      );
    else if (seen.has(d.id))
      out.push(`${where}: Die Kennung „${d.id}“ ist schon für „${seen.get(d.id)}“ vorgesehen.`);
    if (d.id) seen.set(d.id, seen.get(d.id) ?? d.column);
    if (!d.nameDe.trim()) out.push(`${where}: Bitte einen deutschen Namen angeben.`);
    else if (d.nameDe.trim().length > 200)
      out.push(`${where}: Der Name ist länger als 200 Zeichen.`);
    if (!d.unit) out.push(`${where}: Bitte die Einheit wählen.`);
    if (!d.dimension) out.push(`${where}: Bitte die Lebenslage wählen.`);
    if ((d.definitionDe ?? '').length > 2000)
      out.push(`${where}: Die Definition ist länger als 2.000 Zeichen.`);
  }
  return out;
}

/** German messages for a source that is incomplete (title, publisher, licence, attribution required; URL optional but http(s)). */
export function validateSource(s: SourceDraft): string[] {
  const out: string[] = [];
  if (!s.title.trim()) out.push('Quelle: Bitte einen Titel angeben.');
  if (!s.publisher.trim()) out.push('Quelle: Bitte den Herausgeber angeben.');
  if (!s.licence.trim())
    out.push('Quelle: Bitte die Lizenz angeben (z. B. „dl-de/by-2-0“ oder „CC BY 4.0“).');
  if (!s.attribution.trim())
    out.push(
      'Quelle: Bitte die Namensnennung angeben (z. B. „Stadt Leipzig, Amt für Statistik und Wahlen“).',
    );
  if (s.url.trim() && !/^https?:\/\/\S+$/i.test(s.url.trim()))
    out.push('Quelle: Die Adresse muss mit http:// oder https:// beginnen.');
  return out;
}

/** The `source` object of the run body (optional URL left out when empty). */
export function sourceBody(s: SourceDraft): {
  title: string;
  publisher: string;
  licence: string;
  attribution: string;
  url?: string;
} {
  const url = s.url.trim();
  return {
    title: s.title.trim(),
    publisher: s.publisher.trim(),
    licence: s.licence.trim(),
    attribution: s.attribution.trim(),
    ...(url ? { url } : {}),
  };
}

/** The kind of values a unit stands for: percent/per mille are shares, counts are counts. */
export function kindOfUnit(unit: UnitId): 'count' | 'share' | 'value' {
  if (unit === 'percent' || unit === 'per_mille') return 'share';
  if (unit === 'count') return 'count';
  return 'value';
}

/** The `newIndicators` entries of the run body (after validateDrafts found nothing). */
export function newIndicatorsBody(drafts: readonly NewIndicatorDraft[]): {
  id: string;
  nameDe: string;
  unit: UnitId;
  kind: 'count' | 'share' | 'value';
  dimension: DimensionId;
  polarity: PolarityId;
  definitionDe?: string;
}[] {
  return drafts.map((d) => {
    const unit = d.unit || 'count';
    const definition = (d.definitionDe ?? '').trim();
    return {
      id: d.id,
      nameDe: d.nameDe.trim(),
      unit,
      kind: kindOfUnit(unit),
      dimension: d.dimension || 'demography',
      polarity: d.polarity,
      ...(definition ? { definitionDe: definition } : {}),
    };
  });
}

/** Parses a German date "31.12.2023" (also "31.12.23" → 2023, and ISO "2023-12-31") to ISO; null when invalid. */
export function parseGermanDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (de) {
    d = Number(de[1]);
    m = Number(de[2]);
    y = Number(de[3]);
    if (de[3]!.length === 2) y += 2000;
  } else if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else return null;
  if (m < 1 || m > 12 || d < 1) return null;
  // days per month including leap years (Gregorian rule)
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO "2023-12-31" → German "31.12.2023" (unchanged when not ISO). */
export function isoToGerman(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** Map URL that shows an import's result: system, level, indicator and date in the query string. */
export function mapUrlFor(p: {
  system: string;
  level: string;
  indicator?: string | null;
  date?: string | null;
}): string {
  const sp = new URLSearchParams();
  sp.set('system', p.system);
  sp.set('level', p.level);
  if (p.indicator) sp.set('indicator', p.indicator);
  if (p.date) sp.set('date', p.date);
  return `/?${sp.toString()}`;
}
