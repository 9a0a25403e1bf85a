// The table mapping as the form edits it (issue 9 § 2): one entry per column (wide) or per label of the
// whole file (long), dates per column for years in the headers, and the new indicators drafted from
// them. Pure: builds the run body's mapping and the field errors; the step components only render it.
import type { AnalyzeResponse } from '../../api/imports.ts';
import type { FieldError } from './flow.ts';
import { unwrapSuggestion } from './mapping.ts';
import {
  draftFor,
  INDICATOR_ID,
  isoToGerman,
  NEW_INDICATOR,
  parseGermanDate,
  validateDrafts,
  type NewIndicatorDraft,
} from './new-indicators.ts';

/** Marker value of a label's select: the label's rows are skipped (counted and reported). */
export const SKIP_LABEL = '__skip__';

export type DateMode = 'column' | 'fixed' | 'perColumn';

export interface ColumnChoice {
  /** Indicator id, NEW_INDICATOR, or '' (not imported). */
  target: string;
  /** Stichtag of this column as typed (TT.MM.JJJJ), for years/dates in the headers. */
  dateText: string;
  /** Dated columns with the same label share one new indicator (`label:<label>`). */
  draftKey: string;
}

export interface LabelChoice {
  label: string;
  count: number;
  /** Indicator id, NEW_INDICATOR or SKIP_LABEL ('' = still open). */
  target: string;
  suggestedName: string | null;
  /** Set when the same label occurs with different context (another Thema, another source file). */
  context?: { column: string; value: string };
  /** 1-based line of its first row (whole-file count only). */
  firstLine?: number;
}

/** The key of a label's choice and draft: the label, or context and label where it repeats. */
export function labelKey(l: Pick<LabelChoice, 'label' | 'context'>): string {
  return l.context ? `${l.context.value} › ${l.label}` : l.label;
}

export interface TableForm {
  layout: 'wide' | 'long';
  areaColumn: string;
  areaKey: 'code' | 'name';
  dateMode: DateMode;
  dateColumn: string;
  fixedDateText: string;
  /** Wide: every column except area and date column, in file order. */
  columns: Record<string, ColumnChoice>;
  columnOrder: string[];
  indicatorColumn: string;
  valueColumn: string;
  numeratorColumn: string;
  denominatorColumn: string;
  /** Long: every distinct label of the whole file (the server's streamed count), else the preview's. */
  labels: LabelChoice[];
  /** Whether `labels` covers the whole file (false: only the preview rows were seen). */
  labelsComplete: boolean;
}

export const EMPTY_FORM: TableForm = {
  layout: 'wide',
  areaColumn: '',
  areaKey: 'code',
  dateMode: 'fixed',
  dateColumn: '',
  fixedDateText: '',
  columns: {},
  columnOrder: [],
  indicatorColumn: '',
  valueColumn: '',
  numeratorColumn: '',
  denominatorColumn: '',
  labels: [],
  labelsComplete: false,
};

interface SuggestedColumn {
  column: string;
  indicatorId: string;
  role?: string;
  date?: string;
}

/** Values of one column in the preview rows (for unit guesses). */
export function columnValues(a: AnalyzeResponse, column: string): string[] {
  const j = (a.detected.columns ?? []).indexOf(column);
  return j < 0 ? [] : (a.detected.sampleRows ?? []).map((r) => r[j] ?? '');
}

function wideColumns(
  a: AnalyzeResponse,
  m: Record<string, unknown>,
  known: ReadonlySet<string>,
): Pick<TableForm, 'columns' | 'columnOrder'> {
  const suggested = new Map(
    (Array.isArray(m.indicators) ? (m.indicators as SuggestedColumn[]) : []).map((c) => [
      c.column,
      c,
    ]),
  );
  const dated = new Map((a.published?.dateColumns?.columns ?? []).map((c) => [c.column, c]));
  // every column; the area and date columns are left out where the form is shown and sent (visibleColumns)
  const order = a.detected.columns ?? [];
  const columns: Record<string, ColumnChoice> = {};
  for (const c of order) {
    const s = suggested.get(c);
    const d = dated.get(c);
    const target = !s ? '' : known.has(s.indicatorId) ? s.indicatorId : NEW_INDICATOR;
    columns[c] = {
      target: s?.role && s.role !== 'value' ? '' : target,
      dateText: d ? isoToGerman(d.date) : s?.date ? isoToGerman(s.date) : '',
      draftKey: d ? `label:${d.label}` : c,
    };
  }
  return { columns, columnOrder: order };
}

function longLabelChoices(
  a: AnalyzeResponse,
  m: Record<string, unknown>,
  known: ReadonlySet<string>,
): Pick<TableForm, 'labels' | 'labelsComplete'> {
  const map = (m.indicatorMap ?? {}) as Record<string, string>;
  const target = (label: string, suggested: string | null) => {
    const id = map[label] ?? suggested ?? (known.has(label) ? label : null);
    return id && known.has(id) ? id : NEW_INDICATOR;
  };
  const suggestedColumn = String(unwrapSuggestion(a.suggestedMapping).indicatorColumn ?? '');
  // the server counted the labels of its suggested column over the whole file
  if (a.published?.labels && m.indicatorColumn === suggestedColumn)
    return {
      labelsComplete: true,
      labels: a.published.labels.map((l) => ({
        label: l.label,
        count: l.count,
        // a repeated label is one meaning of several: it starts open, the person decides each
        target: l.context ? '' : target(l.label, l.suggestedIndicatorId),
        suggestedName: l.context ? null : l.suggestedName,
        ...(l.context ? { context: l.context } : {}),
        ...(l.firstLine !== undefined ? { firstLine: l.firstLine } : {}),
      })),
    };
  const j = (a.detected.columns ?? []).indexOf(String(m.indicatorColumn ?? ''));
  const counts = new Map<string, number>();
  for (const r of a.detected.sampleRows ?? []) {
    const v = (r[j] ?? '').trim();
    if (j >= 0 && v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return {
    labelsComplete: false,
    labels: [...counts].map(([label, count]) => ({
      label,
      count,
      target: target(label, null),
      suggestedName: null,
    })),
  };
}

/** The wide columns that can carry values: all but the area column and the date column. */
export function visibleColumns(form: TableForm): string[] {
  return form.columnOrder.filter(
    (c) => c !== form.areaColumn && !(form.dateMode === 'column' && c === form.dateColumn),
  );
}

/** A long table's labels after the person chose (another) layout or indicator column. */
export function relabel(
  form: TableForm,
  a: AnalyzeResponse,
  known: ReadonlySet<string>,
): TableForm {
  if (form.layout !== 'long') return form;
  return { ...form, ...longLabelChoices(a, { indicatorColumn: form.indicatorColumn }, known) };
}

/** The form and drafts pre-filled from the server's suggestion (known indicators kept, others drafted). */
export function formFromAnalysis(
  a: AnalyzeResponse,
  known: ReadonlySet<string>,
): { form: TableForm; drafts: Record<string, NewIndicatorDraft> } {
  const m = unwrapSuggestion(a.suggestedMapping);
  const date = (m.date ?? {}) as { column?: string; fixed?: string; perColumn?: boolean };
  const layout = m.layout === 'long' ? 'long' : 'wide';
  const form: TableForm = {
    ...EMPTY_FORM,
    layout,
    areaColumn: String(m.areaColumn ?? ''),
    areaKey: m.areaKey === 'name' ? 'name' : 'code',
    dateMode: date.perColumn ? 'perColumn' : date.column ? 'column' : 'fixed',
    dateColumn: date.column ?? '',
    fixedDateText: date.fixed ? isoToGerman(date.fixed) : '',
    indicatorColumn: String(m.indicatorColumn ?? ''),
    valueColumn: String(m.valueColumn ?? ''),
    numeratorColumn: String(m.numeratorColumn ?? ''),
    denominatorColumn: String(m.denominatorColumn ?? ''),
    ...wideColumns(a, m, known),
    ...(layout === 'long' ? longLabelChoices(a, m, known) : {}),
  };
  return { form, drafts: syncDrafts(form, {}, a) };
}

/** Keeps exactly one draft per new indicator the form asks for (existing drafts keep their edits). */
export function syncDrafts(
  form: TableForm,
  drafts: Readonly<Record<string, NewIndicatorDraft>>,
  a: AnalyzeResponse | null,
): Record<string, NewIndicatorDraft> {
  const out: Record<string, NewIndicatorDraft> = {};
  if (form.layout === 'long') {
    for (const l of form.labels)
      if (l.target === NEW_INDICATOR) {
        const key = labelKey(l);
        const name = l.context ? `${l.label} (${l.context.value})` : l.label;
        out[key] = drafts[key] ?? { ...draftFor(name), origin: 'label' };
      }
    return out;
  }
  for (const c of visibleColumns(form)) {
    const choice = form.columns[c];
    if (choice?.target !== NEW_INDICATOR || out[choice.draftKey]) continue;
    const label = choice.draftKey.startsWith('label:') ? choice.draftKey.slice(6) : c;
    const values = a ? columnValues(a, c) : [];
    // a header that is only a year ("2019") says nothing about the indicator: name and id stay
    // empty for the person to fill in, instead of a made-up "Werte 2019"
    out[choice.draftKey] =
      drafts[choice.draftKey] ??
      (label ? draftFor(label, values) : { ...draftFor(c, values), nameDe: '', id: '' });
  }
  return out;
}

/** The mapping of the run body (core's TableMapping shape). */
export function buildMapping(
  form: TableForm,
  drafts: Readonly<Record<string, NewIndicatorDraft>>,
): Record<string, unknown> {
  const date =
    form.dateMode === 'perColumn'
      ? { perColumn: true }
      : form.dateMode === 'column'
        ? { column: form.dateColumn }
        : { fixed: parseGermanDate(form.fixedDateText) ?? form.fixedDateText };
  const base = { areaColumn: form.areaColumn, areaKey: form.areaKey, date };
  if (form.layout === 'long') {
    const indicatorMap: Record<string, string> = {};
    const skipLabels: string[] = [];
    // the same label in several contexts: mapped per context (mapping.labelContext)
    const ctxColumn = form.labels.find((l) => l.context)?.context?.column;
    const ctxMap: Record<string, Record<string, string>> = {};
    const ctxSkip: Record<string, string[]> = {};
    for (const l of form.labels) {
      const id =
        l.target === NEW_INDICATOR ? (drafts[labelKey(l)]?.id ?? '') : l.target || undefined;
      if (l.context) {
        const c = l.context.value;
        if (l.target === SKIP_LABEL) (ctxSkip[c] ??= []).push(l.label);
        else if (id !== undefined) (ctxMap[c] ??= {})[l.label] = id;
      } else if (l.target === SKIP_LABEL) skipLabels.push(l.label);
      else if (id !== undefined) indicatorMap[l.label] = id;
    }
    const labelContext = ctxColumn
      ? {
          labelContext: {
            column: ctxColumn,
            indicatorMap: ctxMap,
            ...(Object.keys(ctxSkip).length ? { skipLabels: ctxSkip } : {}),
          },
        }
      : {};
    return {
      layout: 'long',
      ...base,
      indicatorColumn: form.indicatorColumn,
      valueColumn: form.valueColumn,
      ...(form.numeratorColumn ? { numeratorColumn: form.numeratorColumn } : {}),
      ...(form.denominatorColumn ? { denominatorColumn: form.denominatorColumn } : {}),
      indicatorMap,
      ...(skipLabels.length ? { skipLabels } : {}),
      ...labelContext,
    };
  }
  const indicators = visibleColumns(form)
    .map((c) => ({ c, choice: form.columns[c]! }))
    .filter(({ choice }) => choice.target !== '')
    .map(({ c, choice }) => ({
      column: c,
      indicatorId:
        choice.target === NEW_INDICATOR ? (drafts[choice.draftKey]?.id ?? '') : choice.target,
      ...(form.dateMode === 'perColumn'
        ? { date: parseGermanDate(choice.dateText) ?? choice.dateText }
        : {}),
    }));
  return { layout: 'wide', ...base, indicators };
}

/** Field ids the form uses, so errors can point at (and focus) their field. */
export const fieldIds = {
  system: 'imp-system',
  level: 'imp-level',
  areaColumn: 'imp-areacol',
  dateColumn: 'imp-datecol',
  fixedDate: 'imp-datefixed',
  indicatorColumn: 'imp-indcol',
  valueColumn: 'imp-valcol',
  column: (i: number) => `imp-col-${i}`,
  columnDate: (i: number) => `imp-coldate-${i}`,
  label: (i: number) => `imp-lbl-${i}`,
  draft: (key: string, field: string) =>
    `imp-new-${key.replace(/[^A-Za-z0-9_-]/g, (ch) => `_${ch.charCodeAt(0)}`)}-${field}`,
};

function mappingErrors(form: TableForm): FieldError[] {
  const out: FieldError[] = [];
  const err = (field: string, message: string) => out.push({ field, message });
  if (!form.areaColumn) err(fieldIds.areaColumn, 'Bitte die Gebietsspalte wählen.');
  if (form.dateMode === 'column' && !form.dateColumn)
    err(fieldIds.dateColumn, 'Bitte die Datumsspalte wählen.');
  if (form.dateMode === 'fixed' && parseGermanDate(form.fixedDateText) === null)
    err(fieldIds.fixedDate, 'Bitte den Stichtag als TT.MM.JJJJ angeben, z. B. 31.12.2023.');
  if (form.layout === 'long') {
    if (!form.indicatorColumn) err(fieldIds.indicatorColumn, 'Bitte die Indikatorspalte wählen.');
    if (!form.valueColumn) err(fieldIds.valueColumn, 'Bitte die Wertspalte wählen.');
    form.labels.forEach((l, i) => {
      if (!l.target)
        err(
          fieldIds.label(i),
          `„${l.label}“${l.context ? ` (${l.context.column}: ${l.context.value})` : ''}: bitte einem Indikator zuordnen oder auslassen.`,
        );
    });
    return out;
  }
  const used = visibleColumns(form).filter((c) => form.columns[c]?.target);
  if (used.length === 0)
    err(fieldIds.column(0), 'Bitte mindestens eine Spalte einem Indikator zuordnen.');
  if (form.dateMode === 'perColumn')
    visibleColumns(form).forEach((c, i) => {
      const choice = form.columns[c]!;
      if (choice.target && parseGermanDate(choice.dateText) === null)
        err(fieldIds.columnDate(i), `Spalte „${c}“: bitte den Stichtag als TT.MM.JJJJ angeben.`);
    });
  return out;
}

function draftErrors(
  drafts: Readonly<Record<string, NewIndicatorDraft>>,
  known: ReadonlySet<string>,
): FieldError[] {
  const out: FieldError[] = [];
  for (const [key, d] of Object.entries(drafts)) {
    const msgs = validateDrafts([d], known);
    const field = (name: string) => fieldIds.draft(key, name);
    for (const m of msgs) {
      const target = /Kennung/.test(m)
        ? field('id')
        : /Namen|Name /.test(m)
          ? field('name')
          : /Einheit/.test(m)
            ? field('unit')
            : /Lebenslage/.test(m)
              ? field('dim')
              : field('def');
      out.push({ field: target, message: m });
    }
  }
  // two drafts must not claim the same id
  const ids = Object.entries(drafts).filter(([, d]) => INDICATOR_ID.test(d.id));
  ids.forEach(([key, d], i) => {
    if (ids.slice(0, i).some(([, e]) => e.id === d.id))
      out.push({
        field: fieldIds.draft(key, 'id'),
        message: `Die Kennung „${d.id}“ ist schon für einen anderen neuen Indikator vorgesehen.`,
      });
  });
  return out;
}

/** Every field error of a table import form, in the order the fields appear. */
export function validateTableForm(
  form: TableForm,
  target: { systemId: string; levelId: string },
  drafts: Readonly<Record<string, NewIndicatorDraft>>,
  known: ReadonlySet<string>,
): FieldError[] {
  const out: FieldError[] = [];
  if (!target.systemId)
    out.push({ field: fieldIds.system, message: 'Bitte ein Gebietssystem wählen.' });
  if (!target.levelId) out.push({ field: fieldIds.level, message: 'Bitte die Ebene wählen.' });
  return [...out, ...mappingErrors(form), ...draftErrors(drafts, known)];
}

/** The newest date the import writes (for the map link): fixed date, the latest column date, or null. */
export function newestDate(form: TableForm): string | null {
  if (form.dateMode === 'fixed') return parseGermanDate(form.fixedDateText);
  if (form.dateMode === 'perColumn')
    return (
      visibleColumns(form)
        .filter((c) => form.columns[c]?.target)
        .map((c) => parseGermanDate(form.columns[c]!.dateText))
        .filter((d): d is string => d !== null)
        .sort()
        .pop() ?? null
    );
  return null;
}

/** The first indicator the import writes (for the map link). */
export function firstIndicator(
  form: TableForm,
  drafts: Readonly<Record<string, NewIndicatorDraft>>,
): string | null {
  const m = buildMapping(form, drafts);
  if (m.layout === 'long')
    return Object.values(m.indicatorMap as Record<string, string>).find(Boolean) ?? null;
  return (m.indicators as { indicatorId: string }[])[0]?.indicatorId ?? null;
}
