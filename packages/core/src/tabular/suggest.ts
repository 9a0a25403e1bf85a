// First guess of a mapping for the import dialog. The planner confirms or corrects it, so the guess
// explains itself (reasons) and leaves open what it could not decide (unresolved).

import { parseGermanDate } from './dates.ts';
import { parseLocaleNumber, type NumberFormat } from './numbers.ts';
import { normalizeAreaName, type TableMapping, type WideIndicatorColumn } from './mapping.ts';
import { createAreaNameMatcher } from './area-names.ts';
import { detectDateColumns } from './header-dates.ts';
import { detectHeaderPresence, type HeaderPresence } from './header-presence.ts';

export interface KnownIndicator {
  id: string;
  name?: string;
}

export interface SuggestOptions {
  /** Names of the known areas, to find a name column when no code column matches. */
  knownAreaNames?: Iterable<string>;
  /** Number format of the file (from `detectDialect`); default: accept German and English numbers. */
  numberFormat?: NumberFormat;
}

export interface MappingSuggestion {
  mapping: TableMapping;
  /** 0–1 */
  confidence: number;
  reasons: string[];
  /** What the user still has to decide, e.g. 'date' (no date column: enter the Stichtag) or 'area'. */
  unresolved: ('area' | 'date' | 'indicators')[];
  /** Numeric columns whose header matched no known indicator (not in the mapping unless nothing matched). */
  unmatchedColumns: string[];
  /** Whether the header row given is a header or already data (header-presence.ts); set when it looks like data. */
  firstRowIsData?: HeaderPresence;
}

const DATE_HINT = /stichtag|datum|date|zeit|jahr|stand|period|year|time/i;
const DATE_NAMES = new Set([
  'stichtag',
  'datum',
  'date',
  'zeit',
  'jahr',
  'stand',
  'periode',
  'period',
  'year',
  'time',
  'refdate',
  'referenzdatum',
  'berichtsjahr',
]);
/** Headers of a row counter: "Nr", "Nr.", "lfd. Nr.", "laufende Nummer", "#", "Zeile", "Pos.". */
const COUNTER_HEADER = /^(lfd\.?\s*)?(nr\.?|nummer|laufende\s+nummer|#|zeile|pos\.?|position)$/i;

/** A counter header over the values 1, 2, 3 … in order (the sample's rows). */
function isRunningNumber(header: string, vals: readonly string[]): boolean {
  return (
    COUNTER_HEADER.test(header.trim()) &&
    vals.length > 1 &&
    vals.every((v, i) => v.trim() === String(i + 1))
  );
}

const AREA_HINT = /plr|lor|gebiet|schl(ü|ue)ssel|code|kennung|\bid\b|_id\b|nummer|nr\b/i;
const INDICATOR_HINT = /indikator|indicator|merkmal|variable|kennzahl|kennziffer/i;
const VALUE_HINT = /^(wert|value|werte|anteil|anzahl|betrag)$/i;
const FULL_DATE = /^\s*(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})/;

function normalizeKey(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function column(rows: readonly (readonly string[])[], j: number): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const v = (r[j] ?? '').trim();
    if (v !== '') out.push(v);
  }
  return out;
}

function isNumeric(v: string, f: NumberFormat | undefined): boolean {
  if (f) return parseLocaleNumber(v, f).ok;
  return (
    parseLocaleNumber(v, { decimal: ',', thousands: '.' }).ok ||
    parseLocaleNumber(v, { decimal: '.', thousands: null }).ok
  );
}

/** Guesses layout, area column, date column and indicator columns from the header and a few sample rows. */
export function suggestMapping(
  header: readonly string[],
  sampleRows: readonly (readonly string[])[],
  knownIndicators: readonly (KnownIndicator | string)[],
  knownAreaCodes: Iterable<string>,
  options: SuggestOptions = {},
): MappingSuggestion {
  const reasons: string[] = [];
  const unresolved: MappingSuggestion['unresolved'] = [];
  let confidence = 1;
  const codes = new Set(knownAreaCodes);
  const lengths = [...new Set([...codes].map((c) => c.length))];
  const matchesCode = (v: string): boolean => {
    if (codes.has(v)) return true;
    if (!/^\d+$/.test(v)) return false;
    return lengths.some((l) => l > v.length && codes.has(v.padStart(l, '0')));
  };
  const indicatorByKey = new Map<string, string>();
  for (const k of knownIndicators) {
    const ind = typeof k === 'string' ? { id: k } : k;
    indicatorByKey.set(normalizeKey(ind.id), ind.id);
    if (ind.name) indicatorByKey.set(normalizeKey(ind.name), ind.id);
  }
  const cols = header.map((_, j) => column(sampleRows, j));
  const share = (vals: string[], pred: (v: string) => boolean): number =>
    vals.length === 0 ? 0 : vals.filter(pred).length / vals.length;

  // 1. Area column: the one whose values match most known codes. A running number ("Nr" 1, 2, 3 …)
  // looks like short codes but counts rows; it is never taken as the area key.
  let areaIdx = -1;
  let areaKey: 'code' | 'name' = 'code';
  let bestShare = 0;
  cols.forEach((vals, j) => {
    if (isRunningNumber(header[j]!, vals)) return;
    const s = share(vals, matchesCode);
    if (s > bestShare) {
      bestShare = s;
      areaIdx = j;
    }
  });
  if (areaIdx !== -1 && bestShare >= 0.5) {
    reasons.push(
      `Gebietsspalte '${header[areaIdx]}': ${Math.round(bestShare * 100)} % der Beispielwerte sind bekannte Gebietsschlüssel.`,
    );
    confidence *= bestShare;
  } else {
    areaIdx = -1;
    const known = options.knownAreaNames ? [...options.knownAreaNames] : null;
    const names = known ? new Set(known.map(normalizeAreaName)) : null;
    // names written differently ("07 Am_Wasserturm") count too; codes are not known here, hence ''
    const matcher = known
      ? createAreaNameMatcher(known.map((name, id) => ({ id, code: '', name })))
      : null;
    if (names && matcher) {
      bestShare = 0;
      cols.forEach((vals, j) => {
        const s = share(
          vals,
          (v) => names.has(normalizeAreaName(v)) || matcher.match(v).status === 'matched',
        );
        if (s > bestShare) {
          bestShare = s;
          areaIdx = j;
        }
      });
      if (bestShare >= 0.5) {
        areaKey = 'name';
        confidence *= bestShare * 0.8;
        reasons.push(
          `Gebietsspalte '${header[areaIdx]}' über Namen: ${Math.round(bestShare * 100)} % bekannte Gebietsnamen. Namen sind nicht immer eindeutig – Schlüssel sind sicherer.`,
        );
      } else areaIdx = -1;
    }
    if (areaIdx === -1) {
      // Values shaped like the known codes (same length, digits) but unknown: probably another
      // area level or LOR version. Otherwise fall back to the header name.
      let bestShape = 0;
      cols.forEach((vals, j) => {
        const s = share(
          vals,
          (v) => lengths.includes(v.length) && (/^\d+$/.test(v) || !/^[\d.,\s-]+$/.test(v)),
        );
        if (s > bestShape) {
          bestShape = s;
          areaIdx = j;
        }
      });
      if (bestShape < 0.8) areaIdx = header.findIndex((h) => AREA_HINT.test(h));
      unresolved.push('area');
      confidence *= 0.3;
      reasons.push(
        areaIdx === -1
          ? 'Keine Spalte enthält bekannte Gebietsschlüssel – bitte die Gebietsspalte wählen (passt die Gebietsebene?).'
          : `Keine Spalte enthält bekannte Gebietsschlüssel; '${header[areaIdx]}' nach dem Namen vermutet – bitte prüfen (passt die Gebietsebene?).`,
      );
      if (areaIdx === -1) areaIdx = 0;
    }
  }

  // 2. Date column: values parse as dates; year-only or YYYYMM numbers need a date-like header.
  let dateIdx = -1;
  let dateScore = 0;
  cols.forEach((vals, j) => {
    if (j === areaIdx || vals.length === 0) return;
    const parsed = share(vals, (v) => parseGermanDate(v).ok);
    if (parsed < 0.8) return;
    const full = share(vals, (v) => FULL_DATE.test(v));
    const hint = DATE_NAMES.has(normalizeKey(header[j]!))
      ? 0.6
      : DATE_HINT.test(header[j]!)
        ? 0.4
        : 0;
    if (full < 0.8 && hint === 0) return;
    const score = parsed + hint + full * 0.3;
    if (score > dateScore) {
      dateScore = score;
      dateIdx = j;
    }
  });
  if (dateIdx !== -1)
    reasons.push(`Stichtagsspalte '${header[dateIdx]}' (Werte wie '${cols[dateIdx]![0]}').`);
  else {
    unresolved.push('date');
    reasons.push('Keine Datumsspalte erkannt – bitte den Stichtag angeben.');
  }
  const date = dateIdx === -1 ? { fixed: '' } : { column: header[dateIdx]! };
  const areaColumn = header[areaIdx] ?? '';

  // 3. Long layout: a column naming indicators plus a value column.
  const rest = header.map((_, j) => j).filter((j) => j !== areaIdx && j !== dateIdx);
  const numericShare = (j: number): number =>
    share(cols[j]!, (v) => isNumeric(v, options.numberFormat));
  let indicatorIdx = -1;
  for (const j of rest) {
    const vals = cols[j]!;
    const known = share(vals, (v) => indicatorByKey.has(normalizeKey(v)));
    if (
      numericShare(j) < 0.5 &&
      (known >= 0.5 || (INDICATOR_HINT.test(header[j]!) && new Set(vals).size < vals.length))
    ) {
      indicatorIdx = j;
      break;
    }
  }
  if (indicatorIdx !== -1) {
    const numeric = rest.filter((j) => j !== indicatorIdx && numericShare(j) >= 0.8);
    const valueIdx = numeric.find((j) => VALUE_HINT.test(header[j]!.trim())) ?? numeric[0];
    if (valueIdx !== undefined) {
      reasons.push(
        `Langes Format: Indikatoren in Spalte '${header[indicatorIdx]}', Werte in '${header[valueIdx]}'.`,
      );
      const indicatorMap: Record<string, string> = {};
      for (const v of new Set(cols[indicatorIdx])) {
        const id = indicatorByKey.get(normalizeKey(v));
        if (id && id !== v) indicatorMap[v] = id;
      }
      const numeratorIdx = numeric.find(
        (j) => j !== valueIdx && /zähler|zaehler|numerator/i.test(header[j]!),
      );
      const denominatorIdx = numeric.find(
        (j) => j !== valueIdx && /nenner|denominator|bezugsgr/i.test(header[j]!),
      );
      const mapping: TableMapping = {
        layout: 'long',
        areaColumn,
        areaKey,
        date,
        indicatorColumn: header[indicatorIdx]!,
        valueColumn: header[valueIdx]!,
        indicatorMap,
      };
      if (numeratorIdx !== undefined) mapping.numeratorColumn = header[numeratorIdx]!;
      if (denominatorIdx !== undefined) mapping.denominatorColumn = header[denominatorIdx]!;
      const long: MappingSuggestion = {
        mapping,
        confidence: Math.round(confidence * 0.9 * 100) / 100,
        reasons,
        unresolved,
        unmatchedColumns: [],
      };
      return withHeaderCheck(long, header, sampleRows, codes, options);
    }
  }

  // 4. Wide layout: numeric columns whose header names a known indicator.
  const matched: { column: string; indicatorId: string }[] = [];
  const unmatchedColumns: string[] = [];
  for (const j of rest) {
    if (cols[j]!.length === 0 || numericShare(j) < 0.8) continue;
    const id = indicatorByKey.get(normalizeKey(header[j]!));
    if (id) matched.push({ column: header[j]!, indicatorId: id });
    else unmatchedColumns.push(header[j]!);
  }
  let indicators = matched;
  if (matched.length > 0) {
    reasons.push(
      `Breites Format: ${matched.length} Spalten passen zu bekannten Indikatoren (${matched.map((m) => m.column).join(', ')}).`,
    );
    if (unmatchedColumns.length > 0)
      reasons.push(`Nicht zugeordnete Zahlenspalten: ${unmatchedColumns.join(', ')}.`);
  } else {
    indicators = unmatchedColumns.map((c) => ({ column: c, indicatorId: c }));
    unresolved.push('indicators');
    confidence *= 0.5;
    reasons.push(
      unmatchedColumns.length > 0
        ? `Breites Format vermutet: ${unmatchedColumns.length} Zahlenspalten, keine passt zu einem bekannten Indikator – bitte zuordnen.`
        : 'Keine Zahlenspalten gefunden.',
    );
  }
  const wide: MappingSuggestion = {
    mapping: { layout: 'wide', areaColumn, areaKey, date, indicators },
    confidence: Math.round(confidence * 100) / 100,
    reasons,
    unresolved,
    unmatchedColumns,
  };
  if (dateIdx === -1) {
    const numericCols = rest.filter((j) => cols[j]!.length > 0 && numericShare(j) >= 0.8);
    useDatedColumns(wide, header, numericCols, indicatorByKey);
  }
  return withHeaderCheck(wide, header, sampleRows, codes, options);
}

/**
 * Years or dates in the headers of the number columns ("Einwohner_2017", "2019"): each column gets
 * its Stichtag and the label's indicator, so one import covers all years (header-dates.ts).
 */
function useDatedColumns(
  s: MappingSuggestion,
  header: readonly string[],
  numericCols: readonly number[],
  indicatorByKey: ReadonlyMap<string, string>,
): void {
  if (s.mapping.layout !== 'wide') return;
  const skip = header.map((_, j) => j).filter((j) => !numericCols.includes(j));
  const plan = detectDateColumns(header, skip);
  if (!plan) return;
  const indicators: WideIndicatorColumn[] = plan.columns.map((c) => ({
    column: c.column,
    indicatorId: indicatorByKey.get(normalizeKey(c.label)) ?? c.label,
    date: c.date,
  }));
  const undated = s.mapping.indicators.filter(
    (i) => !plan.columns.some((c) => c.column === i.column),
  );
  s.mapping.indicators = [...indicators, ...undated];
  s.reasons.push(plan.reason);
  if (undated.length === 0) {
    s.mapping.date = { perColumn: true };
    s.unresolved = s.unresolved.filter((u) => u !== 'date');
  }
  const unknownLabels = plan.labels.filter((l) => !indicatorByKey.has(normalizeKey(l.label)));
  s.unmatchedColumns = [
    ...unknownLabels.flatMap((l) => l.columns),
    ...s.unmatchedColumns.filter((c) => !plan.columns.some((p) => p.column === c)),
  ];
  const needsChoice = unknownLabels.length > 0 || undated.some((i) => i.indicatorId === i.column);
  s.unresolved = s.unresolved.filter((u) => u !== 'indicators');
  if (needsChoice) s.unresolved.push('indicators');
}

/** Adds the finding when the "header" row given looks like data (a file without header row). */
function withHeaderCheck(
  s: MappingSuggestion,
  header: readonly string[],
  sampleRows: readonly (readonly string[])[],
  codes: ReadonlySet<string>,
  options: SuggestOptions,
): MappingSuggestion {
  const names = options.knownAreaNames ? [...options.knownAreaNames] : [];
  const presence = detectHeaderPresence([header, ...sampleRows], {
    areas: [
      ...[...codes].map((code, i) => ({ id: -1 - i, code, name: '' })),
      ...names.map((name, id) => ({ id, code: '', name })),
    ],
    ...(options.numberFormat ? { numberFormat: options.numberFormat } : {}),
  });
  if (!presence.hasHeader) {
    s.firstRowIsData = presence;
    s.reasons.push(presence.reason);
    s.confidence = Math.round(s.confidence * 0.5 * 100) / 100;
  }
  return s;
}

/**
 * Finds the header row of a sheet that may start with title lines (typical of published Excel
 * tables): the first row as wide as the data rows below it whose cells are mostly text.
 */
export function detectHeaderRow(rows: readonly (readonly string[])[]): {
  index: number;
  reason: string;
} {
  const sample = rows.slice(0, 50);
  const filled = sample.map((r) => r.filter((v) => v.trim() !== '').length);
  const counts = new Map<number, number>();
  for (const w of filled) if (w >= 2) counts.set(w, (counts.get(w) ?? 0) + 1);
  let mode = 0;
  let best = 0;
  for (const [w, c] of counts) {
    if (c > best || (c === best && w > mode)) {
      mode = w;
      best = c;
    }
  }
  if (mode === 0)
    return {
      index: 0,
      reason: 'Keine Tabellenstruktur erkannt; erste Zeile als Kopfzeile angenommen.',
    };
  const isData = (v: string): boolean => isNumeric(v, undefined) || parseGermanDate(v).ok;
  for (let i = 0; i < sample.length; i++) {
    if (filled[i]! < Math.max(2, Math.ceil(mode * 0.8))) continue;
    const cells = sample[i]!.map((v) => v.trim()).filter((v) => v !== '');
    if (cells.filter((v) => !isData(v)).length / cells.length >= 0.5) {
      return {
        index: i,
        reason:
          i === 0
            ? 'Kopfzeile ist die erste Zeile.'
            : `Kopfzeile ist Zeile ${i + 1}; ${i} Titelzeile(n) davor werden übersprungen.`,
      };
    }
  }
  return {
    index: 0,
    reason: 'Keine Textzeile als Kopfzeile erkannt; erste Zeile angenommen – bitte prüfen.',
  };
}
