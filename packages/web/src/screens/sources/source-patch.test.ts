import { describe, expect, it } from 'vitest';
import type { Source } from '../../api/sources.ts';
import { sourcePatch } from './sources-screen.tsx';

const SOURCE: Source = {
  id: 'afs',
  title: 'Einwohnerregister',
  publisher: 'Amt für Statistik Berlin-Brandenburg',
  licence: 'CC BY 3.0 DE',
  licenceUrl: 'https://creativecommons.org/licenses/by/3.0/de/',
  attribution: 'Amt für Statistik Berlin-Brandenburg',
  url: null,
  notes: null,
};
const draft = (over: Partial<Record<keyof Source, string>> = {}) => ({
  title: SOURCE.title,
  publisher: SOURCE.publisher,
  licence: SOURCE.licence,
  licenceUrl: SOURCE.licenceUrl ?? '',
  attribution: SOURCE.attribution,
  url: '',
  notes: '',
  ...over,
});

describe('sourcePatch', () => {
  it('sends nothing when no field changed (blank optional fields stay null)', () => {
    expect(sourcePatch(SOURCE, draft())).toEqual({});
  });
  it('sends only the changed fields, trimmed', () => {
    expect(sourcePatch(SOURCE, draft({ licence: ' dl-de/by-2-0 ', notes: 'geprüft' }))).toEqual({
      licence: 'dl-de/by-2-0',
      notes: 'geprüft',
    });
  });
  it('clears an optional field with null', () => {
    expect(sourcePatch(SOURCE, draft({ licenceUrl: '  ' }))).toEqual({ licenceUrl: null });
  });
});
