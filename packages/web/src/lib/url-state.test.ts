import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAP_STATE,
  parseBreaks,
  parseGermanBreaks,
  parseMapState,
  serializeMapState,
} from './url-state.ts';

describe('map URL state', () => {
  it('reads every key of a shared link', () => {
    const s = parseMapState(
      '?system=lor2021&level=plr&indicator=mss.s1&date=2020-12-31&method=jenks&classes=7&area=123&view=table',
    );
    expect(s).toEqual({
      system: 'lor2021',
      level: 'plr',
      indicator: 'mss.s1',
      date: '2020-12-31',
      method: 'jenks',
      classes: 7,
      breaks: null,
      area: 123,
      view: 'table',
    });
  });

  it('falls back to defaults for malformed values instead of failing', () => {
    const s = parseMapState(
      '?method=magic&classes=42&date=31.12.2020&area=abc&system=%3Cscript%3E',
    );
    expect(s.method).toBe('quantile');
    expect(s.classes).toBe(5);
    expect(s.date).toBeNull();
    expect(s.area).toBeNull();
    expect(s.system).toBeNull();
  });

  it('derives the number of classes from custom breaks', () => {
    const s = parseMapState('?method=manual&breaks=5,10,15.5');
    expect(s.breaks).toEqual([5, 10, 15.5]);
    expect(s.classes).toBe(4);
  });

  it('ignores breaks unless the method is manual', () => {
    expect(parseMapState('?method=quantile&breaks=1,2').breaks).toBeNull();
  });

  it('writes nothing for the default view', () => {
    expect(serializeMapState(DEFAULT_MAP_STATE)).toBe('');
  });

  it('writes keys in a stable order with readable commas in breaks', () => {
    const url = serializeMapState({
      ...DEFAULT_MAP_STATE,
      system: 'lor2021',
      level: 'plr',
      indicator: 'mss.s1',
      date: '2020-12-31',
      method: 'manual',
      breaks: [2.5, 5, 10],
      classes: 4,
      area: 7,
    });
    expect(url).toBe(
      '?system=lor2021&level=plr&indicator=mss.s1&date=2020-12-31&method=manual&breaks=2.5,5,10&area=7',
    );
  });

  it('round-trips a state through the query string', () => {
    const state = {
      ...DEFAULT_MAP_STATE,
      system: 'a',
      level: 'b',
      indicator: 'c',
      method: 'equal' as const,
      classes: 3,
      view: 'table' as const,
    };
    expect(parseMapState(serializeMapState(state))).toEqual(state);
  });
});

describe('breaks parsing', () => {
  it('rejects breaks that are not strictly ascending', () => {
    expect(parseBreaks('5,5,6')).toBeNull();
    expect(parseBreaks('6,5')).toBeNull();
    expect(parseBreaks('1,x')).toBeNull();
  });

  it('reads German notation typed by a planner', () => {
    expect(parseGermanBreaks('5; 10; 15,5')).toEqual([5, 10, 15.5]);
    expect(parseGermanBreaks('1.234,5; 2.000')).toEqual([1234.5, 2000]);
    expect(parseGermanBreaks('-1,5 0 1,5')).toEqual([-1.5, 0, 1.5]);
  });

  it('rejects English decimals and descending input in German notation', () => {
    expect(parseGermanBreaks('1.5; 2.25')).toBeNull();
    expect(parseGermanBreaks('10; 5')).toBeNull();
    expect(parseGermanBreaks('')).toBeNull();
  });
});
