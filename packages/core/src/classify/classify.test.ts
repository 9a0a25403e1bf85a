import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify, classIndex } from './classify.ts';
import type { ClassifyMethod } from './classify.ts';

const MSS_CSV = new URL(
  '../../../../demo-data/berlin/mss/mss2021_index_indicators_plr542.csv',
  import.meta.url,
);
const GOLDEN = new URL('./__golden__/mss2021-s4-breaks.json', import.meta.url);
const ACTUAL = new URL('./__golden__/mss2021-s4-breaks.actual.json', import.meta.url);

/** S4 (Kinderarmut, %) of the 542 PLR of MSS 2021, without the 6 invalid PLR coded −9999. */
function readS4(): number[] {
  const lines = readFileSync(MSS_CSV, 'utf8').trim().split(/\r?\n/);
  const header = (lines[0] as string).split(',');
  const col = header.indexOf('S4');
  // The file has no quoted commas (checked: PLR names contain none), so a plain split is safe.
  return lines
    .slice(1)
    .map((line) => Number(line.split(',')[col]))
    .filter((v) => v !== -9999);
}

const round = (x: number) => Math.round(x * 1e10) / 1e10;

describe('classify', () => {
  it('puts a value equal to an inner bound into the upper class and the maximum into the last class', () => {
    const r = classify([0, 5, 10], { method: 'manual', breaks: [0, 5, 10] });
    expect(Array.from(r.classOf)).toEqual([0, 1, 1]);
    expect(r.counts).toEqual([1, 2]);
    expect(classIndex([0, 5, 10], 4.999)).toBe(0);
  });

  it('makes equal intervals from min to max', () => {
    const r = classify([0, 1, 4, 5, 9, 10], { method: 'equal', classes: 5 });
    expect(r.breaks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(r.counts).toEqual([2, 0, 2, 0, 2]);
    expect(r.notes).toContain('Klasse 2 (2 bis 4) enthält keine Werte');
  });

  it('makes type-7 quantile breaks', () => {
    // R: quantile(1:9, c(0, 1/3, 2/3, 1)) → 1.000000 3.666667 6.333333 9.000000
    const r = classify([9, 1, 8, 2, 7, 3, 6, 4, 5], { method: 'quantile', classes: 3 });
    expect(r.breaks.map((b) => round(b))).toEqual([1, round(11 / 3), round(19 / 3), 9]);
    expect(r.counts).toEqual([3, 3, 3]);
  });

  it('makes Jenks breaks that start each class at its smallest member', () => {
    const r = classify([22, 1, 12, 2, 21, 3, 10, 11, 20], { method: 'jenks', classes: 3 });
    expect(r.breaks).toEqual([1, 10, 20, 22]);
    expect(Array.from(r.classOf)).toEqual([2, 0, 1, 0, 2, 0, 1, 1, 2]);
  });

  it('keeps nulls out of the classes with class −1', () => {
    const r = classify([null, 3, undefined, 1], { method: 'equal', classes: 2 });
    expect(Array.from(r.classOf)).toEqual([-1, 1, -1, 0]);
    expect(r.counts).toEqual([1, 1]);
  });

  it('reduces the classes when there are fewer distinct values and says so', () => {
    const r = classify([1, 1, 2, 2, 3], { method: 'jenks', classes: 5 });
    expect(r.classes).toBe(3);
    expect(r.requestedClasses).toBe(5);
    expect(r.breaks).toEqual([1, 2, 3, 3]);
    expect(r.counts).toEqual([2, 2, 1]);
    expect(r.notes).toContain('Nur 3 verschiedene Werte: 3 statt 5 Klassen');
  });

  it('merges equal quantile bounds caused by many equal values and says so', () => {
    // 5 distinct values, so 4 classes are possible; type-7 quantiles at 0, ¼, ½, ¾, 1 are
    // 1, 1, 1, 2.75, 5 (h = 2.25, 4.5, 6.75) → bounds 1, 2.75, 5
    const r = classify([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], { method: 'quantile', classes: 4 });
    expect(r.breaks).toEqual([1, 2.75, 5]);
    expect(r.classes).toBe(2);
    expect(r.counts).toEqual([7, 3]);
    expect(r.notes.some((n) => n.startsWith('Gleiche Klassengrenzen'))).toBe(true);
  });

  it('gives one class [x, x] when all values are equal', () => {
    const r = classify([4, 4, 4], { method: 'quantile', classes: 4 });
    expect(r.breaks).toEqual([4, 4]);
    expect(r.counts).toEqual([3]);
  });

  it('returns no classes for no values', () => {
    const r = classify([null, null], { method: 'jenks', classes: 5 });
    expect(r.classes).toBe(0);
    expect(Array.from(r.classOf)).toEqual([-1, -1]);
  });

  it('widens manual bounds to the data range and says how many values were outside', () => {
    const r = classify([-2, 3, 12, 15], { method: 'manual', breaks: [0, 5, 10] });
    expect(r.breaks).toEqual([-2, 5, 15]);
    expect(r.counts).toEqual([2, 2]);
    expect(r.notes).toEqual([
      '1 Wert(e) unter der ersten Grenze 0: erste Grenze auf das Minimum -2 gesetzt',
      '2 Wert(e) über der letzten Grenze 10: letzte Grenze auf das Maximum 15 gesetzt',
    ]);
  });

  it('rejects bad input with German messages naming what is allowed', () => {
    expect(() => classify([1], { method: 'natural' as ClassifyMethod, classes: 3 })).toThrow(
      'Unbekannte Klassifizierungsmethode "natural". Erlaubt sind: quantile, equal, jenks, manual.',
    );
    expect(() => classify([1], { method: 'equal', classes: 0 })).toThrow(
      'Klassenzahl muss eine ganze Zahl von 1 bis 20 sein, erhalten: 0',
    );
    expect(() => classify([1], { method: 'manual', breaks: [0, 5, 5] })).toThrow(
      'streng aufsteigen',
    );
    expect(() => classify([1], { method: 'manual', breaks: [0, 5], classes: 3 })).toThrow(
      '2 Grenzen ergeben 1 Klassen',
    );
    expect(() => classify([1, Number.NaN], { method: 'equal', classes: 2 })).toThrow('Position 1');
  });
});

describe('classify on MSS 2021 S4 (Kinderarmut, 536 valid PLR)', () => {
  const s4 = readS4();
  const methods: [string, ClassifyMethod, number][] = [
    ['quantile4', 'quantile', 4],
    ['quantile5', 'quantile', 5],
    ['equal5', 'equal', 5],
    ['jenks5', 'jenks', 5],
  ];
  const actual = {
    source:
      'demo-data/berlin/mss/mss2021_index_indicators_plr542.csv, column S4 (%), rows with -9999 removed',
    n: s4.length,
    results: Object.fromEntries(
      methods.map(([name, method, classes]) => {
        const r = classify(s4, { method, classes });
        return [name, { breaks: r.breaks.map(round), counts: r.counts, notes: r.notes }];
      }),
    ),
  };

  it('matches breaks cross-checked with numpy.quantile and an independent O(k·n²) Python DP', () => {
    // Independent reference (Python 3 + numpy 2.4, /tmp/check_s4.py during development):
    // quantile5 [0.66401, 8.99183, 16.08232, 26.08696, 39.9546, 74.67833] counts 107×4, 108
    // jenks5    [0.66401, 14.00209, 26.99115, 40.36496, 53.96008, 74.67833] counts 186 142 101 76 31
    expect(s4).toHaveLength(536);
    const q5 = actual.results.quantile5 as { breaks: number[]; counts: number[] };
    expect(q5.breaks.map((b) => Math.round(b * 1e5) / 1e5)).toEqual([
      0.66401, 8.99183, 16.08232, 26.08696, 39.9546, 74.67833,
    ]);
    expect(q5.counts).toEqual([107, 107, 107, 107, 108]);
    const j5 = actual.results.jenks5 as { breaks: number[]; counts: number[] };
    expect(j5.breaks).toEqual([0.66401, 14.00209, 26.99115, 40.36496, 53.96008, 74.67833]);
    expect(j5.counts).toEqual([186, 142, 101, 76, 31]);
  });

  it('matches the committed golden file (a changed output is written next to it as .actual.json)', () => {
    const text = `${JSON.stringify(actual, null, 2)}\n`;
    const golden = existsSync(GOLDEN) ? readFileSync(GOLDEN, 'utf8') : null;
    if (golden === text) {
      if (existsSync(ACTUAL)) rmSync(ACTUAL);
      return;
    }
    writeFileSync(ACTUAL, text);
    expect.fail(
      golden === null
        ? `Golden-Datei fehlt: Ausgabe nach ${ACTUAL.pathname} geschrieben. Prüfen und nach ${GOLDEN.pathname} umbenennen.`
        : `Ausgabe weicht von ${GOLDEN.pathname} ab: neue Ausgabe in ${ACTUAL.pathname}. Unterschiede prüfen; wenn richtig, Datei übernehmen.`,
    );
  });
});
