import { describe, expect, it } from 'vitest';
import { missingInMapping, setWideTarget, unwrapSuggestion, wideTargets } from './mapping.ts';

describe('import mapping helpers', () => {
  it('takes the mapping out of a MappingSuggestion and copies it', () => {
    const inner = { layout: 'wide', areaColumn: 'PLR_ID' };
    const m = unwrapSuggestion({ mapping: inner, confidence: 0.9 });
    expect(m).toEqual(inner);
    expect(m).not.toBe(inner);
  });

  it('sets, replaces and clears the target of a wide column', () => {
    let m = setWideTarget({ layout: 'wide' }, 'S1', 'mss_s1');
    m = setWideTarget(m, 'S3', 'mss_s3');
    m = setWideTarget(m, 'S1', 'mss_s1_new');
    expect(wideTargets(m)).toEqual({ S3: { indicatorId: 'mss_s3', role: 'value' }, S1: { indicatorId: 'mss_s1_new', role: 'value' } });
    m = setWideTarget(m, 'S3', '');
    expect(Object.keys(wideTargets(m))).toEqual(['S1']);
  });

  it('names what is missing in German', () => {
    expect(missingInMapping({ layout: 'wide', indicators: [] })).toEqual([
      'Bitte die Gebietsspalte wählen.',
      'Bitte eine Datumsspalte oder einen festen Stichtag angeben.',
      'Bitte mindestens eine Spalte einem Indikator zuordnen.',
    ]);
    expect(missingInMapping({ layout: 'wide', areaColumn: 'ID', date: { fixed: '31.12.2020' }, indicators: [{ column: 'a', indicatorId: 'x' }] })).toEqual([
      'Der Stichtag ist kein gültiges Datum.',
    ]);
    expect(missingInMapping({ layout: 'long', areaColumn: 'ID', date: { column: 'Jahr' } })).toEqual([
      'Bitte die Indikatorspalte wählen.',
      'Bitte die Wertspalte wählen.',
    ]);
  });
});
