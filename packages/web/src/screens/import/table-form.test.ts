import { describe, expect, it } from 'vitest';
import type { AnalyzeResponse } from '../../api/imports.ts';
import {
  acceptAllMatches,
  describeMatch,
  INITIAL_DECISIONS,
  mergeNameMatches,
  publishedFields,
} from './decisions.ts';
import { NEW_INDICATOR } from './new-indicators.ts';
import {
  buildMapping,
  fieldIds,
  formFromAnalysis,
  SKIP_LABEL,
  syncDrafts,
  validateTableForm,
} from './table-form.ts';

const years: AnalyzeResponse = {
  uploadId: 'u',
  files: [],
  detected: {
    kind: 'table',
    format: 'csv',
    columns: ['Bezirk', '2019', '2020', '2021'],
    sampleRows: [['01_Mitte', '40,3', '41,0', '42,5']],
  },
  suggestedMapping: {
    layout: 'wide',
    areaColumn: 'Bezirk',
    areaKey: 'name',
    date: { perColumn: true },
    indicators: [
      { column: '2019', indicatorId: '', date: '2019-12-31' },
      { column: '2020', indicatorId: '', date: '2020-12-31' },
      { column: '2021', indicatorId: '', date: '2021-12-31' },
    ],
  },
  suggestedSystemId: 'lor2021',
  suggestedLevelId: 'bez',
  reasons: [],
  warnings: [],
  problems: [],
  published: {
    headerPresence: {
      hasHeader: true,
      confidence: 'high',
      reason: 'r',
      used: true,
      decidedBy: 'detection',
    },
    dateColumns: {
      columns: ['2019', '2020', '2021'].map((y, i) => ({
        index: i + 1,
        column: y,
        label: '',
        date: `${y}-12-31`,
        dateText: y,
      })),
      labels: [],
      reason: 'Jahre in den Spalten',
    },
    nameMatches: [],
    nonAreaRows: [],
  },
};

describe('table form', () => {
  it('years in the headers: one new indicator for all dated columns, a date per column', () => {
    const { form, drafts } = formFromAnalysis(years, new Set(['ewr_total']));
    expect(form.dateMode).toBe('perColumn');
    expect(Object.keys(drafts)).toEqual(['label:']);
    // the headers are only years: nothing to name the indicator after, the person does it
    expect(drafts['label:']).toMatchObject({ nameDe: '', id: '', dimension: '' });
    expect(form.columns['2020']).toMatchObject({ target: NEW_INDICATOR, dateText: '31.12.2020' });
    const d = {
      ...drafts['label:']!,
      nameDe: 'Wohnfläche je Einwohner',
      id: 'wohnflaeche',
      unit: 'sqm' as const,
      dimension: 'housing' as const,
    };
    const m = buildMapping(form, { 'label:': d });
    expect(m).toMatchObject({ layout: 'wide', date: { perColumn: true } });
    expect(m.indicators).toEqual([
      { column: '2019', indicatorId: 'wohnflaeche', date: '2019-12-31' },
      { column: '2020', indicatorId: 'wohnflaeche', date: '2020-12-31' },
      { column: '2021', indicatorId: 'wohnflaeche', date: '2021-12-31' },
    ]);
    expect(
      validateTableForm(form, { systemId: 'lor2021', levelId: 'bez' }, { 'label:': d }, new Set()),
    ).toEqual([]);
  });

  it('marks the fields that are missing, in order: level, a column date, the Lebenslage', () => {
    const { form, drafts } = formFromAnalysis(years, new Set());
    const bad = {
      ...form,
      columns: { ...form.columns, '2020': { ...form.columns['2020']!, dateText: '31.13.2020' } },
    };
    const errors = validateTableForm(bad, { systemId: 'lor2021', levelId: '' }, drafts, new Set());
    expect(errors[0]).toEqual({ field: fieldIds.level, message: 'Bitte die Ebene wählen.' });
    expect(errors.map((e) => e.field)).toContain(fieldIds.columnDate(1));
    expect(errors.some((e) => e.field === fieldIds.draft('label:', 'dim'))).toBe(true);
  });

  it('long tables: every label of the whole file, mapped, new or skipped', () => {
    const long: AnalyzeResponse = {
      ...years,
      suggestedMapping: {
        layout: 'long',
        areaColumn: 'PLR',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicatorColumn: 'Merkmal',
        valueColumn: 'Wert',
      },
      published: {
        ...years.published!,
        dateColumns: null,
        labels: [
          {
            label: 'Einwohnende insgesamt',
            count: 4,
            suggestedIndicatorId: 'ewr_total',
            suggestedName: 'Einwohner',
            firstLine: 2,
          },
          {
            label: 'Wohndauer über 5 Jahre',
            count: 1,
            suggestedIndicatorId: null,
            suggestedName: null,
            firstLine: 6,
          },
        ],
      },
    };
    const { form, drafts } = formFromAnalysis(long, new Set(['ewr_total']));
    expect(form.labelsComplete).toBe(true);
    expect(form.labels.map((l) => l.target)).toEqual(['ewr_total', NEW_INDICATOR]);
    expect(Object.keys(drafts)).toEqual(['Wohndauer über 5 Jahre']);
    const skipped = {
      ...form,
      labels: form.labels.map((l, i) => (i === 1 ? { ...l, target: SKIP_LABEL } : l)),
    };
    expect(syncDrafts(skipped, drafts, long)).toEqual({});
    expect(buildMapping(skipped, {})).toMatchObject({
      indicatorMap: { 'Einwohnende insgesamt': 'ewr_total' },
      skipLabels: ['Wohndauer über 5 Jahre'],
    });
  });
  it('long tables: the same label in two contexts is chosen and sent per context', () => {
    const ctx = (value: string) => ({ column: 'Thema', value });
    const long: AnalyzeResponse = {
      ...years,
      suggestedMapping: {
        layout: 'long',
        areaColumn: 'PLR',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicatorColumn: 'Merkmal',
        valueColumn: 'Wert',
      },
      published: {
        ...years.published!,
        dateColumns: null,
        labelContextColumn: 'Thema',
        labels: [
          {
            label: 'Einwohnende insgesamt',
            count: 4,
            suggestedIndicatorId: 'ewr_total',
            suggestedName: 'Einwohner',
            firstLine: 2,
          },
          {
            label: 'Anteil in %',
            count: 4,
            suggestedIndicatorId: null,
            suggestedName: null,
            firstLine: 3,
            context: ctx('Arbeitslosigkeit'),
          },
          {
            label: 'Anteil in %',
            count: 4,
            suggestedIndicatorId: null,
            suggestedName: null,
            firstLine: 4,
            context: ctx('Transferbezug'),
          },
        ],
      },
    };
    const { form } = formFromAnalysis(long, new Set(['ewr_total', 'share_unemployed']));
    // repeated labels start open: the person decides each meaning
    expect(form.labels.map((l) => l.target)).toEqual(['ewr_total', '', '']);
    const errors = validateTableForm(form, { systemId: 'lor2021', levelId: 'plr' }, {}, new Set());
    expect(errors.map((e) => e.message)).toContain(
      '„Anteil in %“ (Thema: Transferbezug): bitte einem Indikator zuordnen oder auslassen.',
    );
    const chosen = {
      ...form,
      labels: form.labels.map((l, i) =>
        i === 1
          ? { ...l, target: 'share_unemployed' }
          : i === 2
            ? { ...l, target: NEW_INDICATOR }
            : l,
      ),
    };
    const drafts = syncDrafts(chosen, {}, long);
    expect(Object.keys(drafts)).toEqual(['Transferbezug › Anteil in %']);
    expect(drafts['Transferbezug › Anteil in %']?.nameDe).toMatch(/Anteil in % \(Transferbezug\)/);
    const withId = {
      'Transferbezug › Anteil in %': { ...drafts['Transferbezug › Anteil in %']!, id: 'transfer' },
    };
    expect(buildMapping(chosen, withId)).toMatchObject({
      indicatorMap: { 'Einwohnende insgesamt': 'ewr_total' },
      labelContext: {
        column: 'Thema',
        indicatorMap: {
          Arbeitslosigkeit: { 'Anteil in %': 'share_unemployed' },
          Transferbezug: { 'Anteil in %': 'transfer' },
        },
      },
    });
    const skipped = {
      ...chosen,
      labels: chosen.labels.map((l, i) => (i === 2 ? { ...l, target: SKIP_LABEL } : l)),
    };
    expect(buildMapping(skipped, {})).toMatchObject({
      labelContext: { skipLabels: { Transferbezug: ['Anteil in %'] } },
    });
  });
});

describe('decisions of a published table', () => {
  const match = {
    input: '07_Tempelhof_Schoeneberg',
    status: 'matched' as const,
    area: { id: 7, code: '07', name: 'Tempelhof-Schöneberg' },
    confidence: 'high' as const,
    reasons: ['Schreibweise', 'Umlaut umschrieben'],
  };
  it('sends only what the person chose; accepted names become acceptedNames', () => {
    expect(publishedFields(INITIAL_DECISIONS)).toEqual({ hasHeader: 'auto' });
    const names = acceptAllMatches(mergeNameMatches({}, [match]));
    expect(
      publishedFields({
        ...INITIAL_DECISIONS,
        hasHeader: false,
        thousands: 'none',
        acceptMarkers: true,
        zeroRowsMissing: true,
        skipNonAreaRows: true,
        names,
      }),
    ).toEqual({
      hasHeader: false,
      thousands: null,
      acceptMarkers: true,
      zeroRows: 'missing',
      skipNonAreaRows: true,
      acceptedNames: [{ name: '07_Tempelhof_Schoeneberg', areaId: 7 }],
    });
  });
  it('describes a match as the review table shows it', () => {
    expect(describeMatch(match)).toBe(
      '07_Tempelhof_Schoeneberg → 07 Tempelhof-Schöneberg (Schreibweise, Umlaut umschrieben)',
    );
  });
});
