import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../api/indicators.ts';
import { allowedUnits, buildPatch, draftOf, fieldOfRefusal } from './edit-draft.ts';

const SOURCE = {
  id: 'afs',
  title: 'Einwohnerregister',
  publisher: 'Amt für Statistik Berlin-Brandenburg',
  licence: 'CC BY 3.0 DE',
  licenceUrl: null,
  attribution: 'Amt für Statistik Berlin-Brandenburg',
  url: null,
  notes: null,
};

const IND: Indicator = {
  id: 'share_unemployed',
  nameDe: 'Anteil Arbeitslose',
  nameEn: 'Unemployed share',
  shortDe: null,
  definitionDe: 'Arbeitslose je 100 Einwohnende 15–65',
  definitionEn: null,
  unit: 'percent',
  kind: 'share',
  scale: 100,
  dimension: 'work',
  polarity: 'higher_is_worse',
  department: 'sozialplanung',
  updateCycle: null,
  numeratorDef: null,
  denominatorDef: null,
  decimals: 1,
  methodNote: null,
  source: SOURCE,
  coverage: [],
  visibility: 'public',
  sharedWith: [],
};

describe('indicator edit draft', () => {
  it('sends nothing when nothing changed', () => {
    expect(buildPatch(IND, draftOf(IND))).toEqual({ patch: {} });
  });

  it('saves an indicator that has no source without asking for one', () => {
    const bare = { ...IND, source: null };
    expect(buildPatch(bare, { ...draftOf(bare), nameDe: 'Arbeitslose' })).toEqual({
      patch: { nameDe: 'Arbeitslose' },
    });
  });

  it('sends only the changed metadata fields, also Lebenslage, unit, decimals and source', () => {
    const d = {
      ...draftOf(IND),
      dimension: 'income',
      unit: 'per_100',
      decimals: '2',
      sourceId: 'ba',
      nameEn: ' Unemployment share ',
    };
    expect(buildPatch(IND, d)).toEqual({
      patch: {
        nameEn: 'Unemployment share',
        dimension: 'income',
        unit: 'per_100',
        decimals: 2,
        sourceId: 'ba',
      },
    });
  });

  it('names every field that cannot be sent, not only the first', () => {
    const d = { ...draftOf(IND), nameDe: ' ', definitionDe: '', unit: 'count', sourceId: '' };
    expect(buildPatch(IND, d)).toEqual({
      errors: {
        nameDe: 'required',
        definitionDe: 'required',
        unit: 'unitKind',
        sourceId: 'required',
      },
    });
  });

  it('offers a share only units of its scale, a count only count, a value every unit', () => {
    expect(allowedUnits(IND)).toEqual(['percent', 'per_100']);
    expect(allowedUnits({ kind: 'share', scale: 1000, unit: 'per_mille' })).toEqual(['per_mille']);
    expect(allowedUnits({ kind: 'count', scale: 1, unit: 'count' })).toEqual(['count']);
    expect(allowedUnits({ kind: 'value', scale: 1, unit: 'euro' })).toContain('percent');
    // an odd stored unit stays selectable, so the form never silently changes it
    expect(allowedUnits({ kind: 'count', scale: 1, unit: 'stück' })).toEqual(['stück', 'count']);
  });

  it('finds the field a server refusal names', () => {
    expect(fieldOfRefusal([{ in: 'body', field: 'sourceId', reason: 'unbekannt' }])).toBe(
      'sourceId',
    );
    expect(fieldOfRefusal([{ in: 'body', field: 'sharedWith.0' }])).toBe('sharedWith');
    expect(fieldOfRefusal([{ in: 'params', field: 'id' }])).toBeNull();
    expect(fieldOfRefusal(undefined)).toBeNull();
  });
});
