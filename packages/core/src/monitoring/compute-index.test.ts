import { describe, expect, it } from 'vitest';
import {
  computeIndex,
  computeIndexColumns,
  createIndexWorkspace,
  getAreaResult,
  listAreaResults,
} from './compute-index.ts';
import type { IndexAreaInput, IndexColumnsInput } from './compute-index.ts';
import { flagOutstandingChangeColumns } from './change.ts';
import { MonitoringError } from './errors.ts';
import { MSS_2019_2021, mssPreset } from './presets.ts';
import { loadMssEdition } from './test-support.ts';
import type { DynamicsPart, IndexDefinition, IndexPart } from './types.ts';
import { validateIndexDefinition } from './validate-definition.ts';

const part = (over: Partial<IndexPart> = {}): IndexPart => ({
  label: 'Test-Index',
  inputs: [{ indicatorId: 'A', label: 'Indikator A', direction: 'higher_is_worse' }],
  standardisation: 'zscore',
  combination: 'sum',
  restandardise: false,
  classes: {
    kind: 'fixed',
    boundaries: [{ value: 0, onBoundary: 'lower' }],
    classes: [
      { code: 'u', label: 'unten' },
      { code: 'o', label: 'oben' },
    ],
  },
  ...over,
});
const def = (over: Partial<IndexDefinition> = {}, p: Partial<IndexPart> = {}): IndexDefinition => ({
  id: 't',
  label: 'Test',
  status: part(p),
  validity: {},
  ...over,
});
const areas = (
  vals: Record<string, (number | null)[]>,
  pops?: (number | null)[],
): IndexAreaInput[] => {
  const n = (Object.values(vals)[0] as unknown[]).length;
  return Array.from({ length: n }, (_, i) => ({
    id: `g${i + 1}`,
    population: pops ? (pops[i] ?? null) : 1000,
    values: Object.fromEntries(Object.entries(vals).map(([k, v]) => [k, v[i] ?? null])),
  }));
};
const caught = (f: () => unknown): MonitoringError => {
  try {
    f();
  } catch (e) {
    if (e instanceof MonitoringError) return e;
    throw e;
  }
  throw new Error('kein Fehler geworfen');
};
const z = (r: ReturnType<typeof computeIndex>, j = 0) =>
  Array.from(r.status.standardised[j] as Float64Array).map((x) => Math.round(x * 1e6) / 1e6);

describe('computeIndex: standardisation', () => {
  it('z-standardises with the population SD (divide by N, not N − 1)', () => {
    // mean 2.5, population SD √1.25 = 1.118034 (the sample SD would be 1.290994)
    expect(z(computeIndex(def(), { areas: areas({ A: [1, 2, 3, 4] }) }))).toEqual([
      -1.341641, -0.447214, 0.447214, 1.341641,
    ]);
  });

  it('flips the sign of indicators where higher is better, so standardised values always point to disadvantage', () => {
    const r = computeIndex(
      def({}, { inputs: [{ indicatorId: 'A', label: 'A', direction: 'higher_is_better' }] }),
      { areas: areas({ A: [1, 2, 3, 4] }) },
    );
    expect(z(r)).toEqual([1.341641, 0.447214, -0.447214, -1.341641]);
  });

  it('min–max scales to 0…1 over the valid areas and inverts for higher-is-better (KomMonitor Leitindikator)', () => {
    expect(
      z(
        computeIndex(def({}, { standardisation: 'minmax' }), {
          areas: areas({ A: [10, 20, 30, 50] }),
        }),
      ),
    ).toEqual([0, 0.25, 0.5, 1]);
    const inv = computeIndex(
      def(
        {},
        {
          standardisation: 'minmax',
          inputs: [{ indicatorId: 'A', label: 'A', direction: 'higher_is_better' }],
        },
      ),
      { areas: areas({ A: [10, 20, 30, 50] }) },
    );
    expect(z(inv)).toEqual([1, 0.75, 0.5, 0]);
  });

  it('gives percentile ranks with ties counted half', () => {
    expect(
      z(
        computeIndex(def({}, { standardisation: 'percentile_rank' }), {
          areas: areas({ A: [5, 1, 5, 9] }),
        }),
      ),
    ).toEqual([0.5, 0.125, 0.5, 0.875]);
  });

  it('combines by weighted sum and by mean', () => {
    const vals = { A: [1, 2, 3, 4], B: [4, 3, 2, 1] };
    const inputs = [
      { indicatorId: 'A', label: 'A', direction: 'higher_is_worse' as const },
      { indicatorId: 'B', label: 'B', direction: 'higher_is_worse' as const },
    ];
    const w = computeIndex(
      def({}, { inputs, combination: 'weighted_sum', weights: { A: 3, B: 1 } }),
      { areas: areas(vals) },
    );
    // zA = −1.341641…, zB = +1.341641… → 3·zA + zB = −2.683282
    expect(Math.round((w.status.combined[0] as number) * 1e6) / 1e6).toBe(-2.683282);
    const m = computeIndex(
      def(
        {},
        {
          inputs: [
            inputs[0] as (typeof inputs)[0],
            { ...(inputs[0] as (typeof inputs)[0]), indicatorId: 'B' },
          ],
          combination: 'mean',
        },
      ),
      { areas: areas({ A: [1, 2, 3, 4], B: [1, 2, 3, 5] }) },
    );
    const zb0 =
      (1 - 2.75) /
      Math.sqrt(((1 - 2.75) ** 2 + (2 - 2.75) ** 2 + (3 - 2.75) ** 2 + (5 - 2.75) ** 2) / 4);
    expect(m.status.combined[0]).toBeCloseTo((-1.3416407865 + zb0) / 2, 9);
  });

  it('re-standardises the combined value when asked (mean 0, population SD 1 over valid areas)', () => {
    const r = computeIndex(def({}, { restandardise: true }), {
      areas: areas({ A: [1, 2, 3, 10] }),
    });
    const idx = Array.from(r.status.index);
    const mean = idx.reduce((a, b) => a + b, 0) / 4;
    expect(mean).toBeCloseTo(0, 12);
    expect(Math.sqrt(idx.reduce((a, b) => a + (b - mean) ** 2, 0) / 4)).toBeCloseTo(1, 12);
  });
});

describe('computeIndex: classes', () => {
  it('puts a value lying exactly on a boundary into the class the boundary names', () => {
    // z of 2 in [1, 2, 3] is exactly 0
    const lower = computeIndex(def(), { areas: areas({ A: [1, 2, 3] }) });
    expect(Array.from(lower.status.classOf)).toEqual([0, 0, 1]);
    const upper = computeIndex(
      def(
        {},
        {
          classes: {
            kind: 'fixed',
            boundaries: [{ value: 0, onBoundary: 'upper' }],
            classes: [
              { code: 'u', label: 'unten' },
              { code: 'o', label: 'oben' },
            ],
          },
        },
      ),
      { areas: areas({ A: [1, 2, 3] }) },
    );
    expect(Array.from(upper.status.classOf)).toEqual([0, 1, 1]);
    expect(upper.status.counts).toEqual([1, 2]);
  });

  it('resolves SD boundaries around mean and SD of an index that is not re-standardised, and quantile boundaries', () => {
    const sd = computeIndex(
      def(
        {},
        {
          standardisation: 'minmax',
          classes: {
            kind: 'sd',
            boundaries: [{ value: 1, onBoundary: 'lower' }],
            classes: [
              { code: 'a', label: 'a' },
              { code: 'b', label: 'b' },
            ],
          },
        },
      ),
      { areas: areas({ A: [0, 1, 2, 3, 4, 10] }) },
    );
    const idx = [0, 0.1, 0.2, 0.3, 0.4, 1];
    const mean = idx.reduce((a, b) => a + b, 0) / 6;
    const sdv = Math.sqrt(idx.reduce((a, b) => a + (b - mean) ** 2, 0) / 6);
    expect(sd.status.boundaries[0]?.value).toBeCloseTo(mean + sdv, 12);
    expect(Array.from(sd.status.classOf)).toEqual([0, 0, 0, 0, 0, 1]);
    const q = computeIndex(
      def(
        {},
        {
          classes: {
            kind: 'quantile',
            boundaries: [{ value: 0.5, onBoundary: 'upper' }],
            classes: [
              { code: 'a', label: 'a' },
              { code: 'b', label: 'b' },
            ],
          },
        },
      ),
      { areas: areas({ A: [1, 2, 3, 4] }) },
    );
    expect(q.status.counts).toEqual([2, 2]);
  });

  it('flags exactly the MSS 2021 areas with status sehr niedrig, or niedrig with dynamics negativ', () => {
    const r = computeIndex(mssPreset(2021), { areas: loadMssEdition(2021).areas });
    const rows = listAreaResults(r).filter((a) => a.valid);
    const expected = rows.filter(
      (a) =>
        a.status?.classLabel === 'sehr niedrig' ||
        (a.status?.classLabel === 'niedrig' && a.dynamics?.classLabel === 'negativ'),
    );
    expect(rows.filter((a) => a.attention).map((a) => a.id)).toEqual(expected.map((a) => a.id));
    expect(r.attentionCount).toBe(49 + 7);
  });
});

describe('computeIndex: validity', () => {
  it('scores only areas with the minimum population, not excluded, and says why the others are not scored', () => {
    const d = def({
      validity: { minPopulation: 300, exclusions: [{ areaId: 'g2', reason: 'Gewerbegebiet' }] },
    });
    const r = computeIndex(d, {
      areas: areas({ A: [1, 2, 3, 4, 5] }, [1000, 1000, 299, null, 300]),
    });
    expect(Array.from(r.valid)).toEqual([1, 0, 0, 0, 1]);
    expect(r.reasons).toEqual([
      null,
      'Ausgeschlossen: Gewerbegebiet',
      'Weniger als 300 Einwohnerinnen und Einwohner (299)',
      'Einwohnerzahl fehlt (mindestens 300 nötig)',
      null,
    ]);
  });

  it('uses an explicit list of valid areas instead of the rules when given', () => {
    const r = computeIndex(def({ validity: { minPopulation: 300 } }), {
      areas: areas({ A: [1, 2, 3] }, [10, 10, 10]),
      validAreaIds: ['g1', 'g3'],
    });
    expect(getAreaResult(r, 'g2').reason).toBe('Nicht in der Liste der bewerteten Gebiete');
    expect(r.validCount).toBe(2);
  });

  it('excludes areas with a missing value when the rules say so', () => {
    const r = computeIndex(def({ validity: { missingValues: 'exclude' } }), {
      areas: areas({ A: [1, null, 3, 4] }),
    });
    expect(getAreaResult(r, 'g2')).toMatchObject({
      valid: false,
      reasonCode: 'missing_value',
      reason: 'Kein Wert für Indikator „Indikator A“ (A)',
    });
  });
});

describe('computeIndex: refuses definitions and inputs it cannot compute', () => {
  it('refuses an indicator the input does not contain', () => {
    const e = caught(() =>
      computeIndex(MSS_2019_2021, { areas: areas({ S1: [1, 2], S3: [1, 2] }) }),
    );
    expect(e.code).toBe('unknown_indicator');
    expect(e.message).toBe(
      'Der Index verwendet den Indikator „Kinderarmut“ (S4), die Eingabedaten enthalten ihn nicht.',
    );
  });

  it('refuses when no area is valid', () => {
    const e = caught(() =>
      computeIndex(def({ validity: { minPopulation: 300 } }), {
        areas: areas({ A: [1, 2] }, [10, 20]),
      }),
    );
    expect(e.code).toBe('no_valid_area');
    expect(e.message).toContain(
      'Kein Gebiet erfüllt die Gültigkeitsregeln von „Test“ (2 Gebiete geprüft)',
    );
  });

  it('refuses an indicator without variance', () => {
    const e = caught(() => computeIndex(def(), { areas: areas({ A: [2.5, 2.5, 2.5] }) }));
    expect(e.code).toBe('zero_variance');
    expect(e.message).toBe(
      'Indikator „Indikator A“ (A) hat über die 3 gültigen Gebiete keine Streuung (alle Werte 2,50); standardisieren ist nicht möglich.',
    );
  });

  it('refuses missing dynamics periods: no column, or no value for a valid area', () => {
    const d = mssPreset(2021);
    const base = areas({ S1: [1, 2, 3], S3: [2, 3, 5], S4: [1, 5, 4] });
    const e1 = caught(() => computeIndex(d, { areas: base }));
    expect(e1.code).toBe('missing_dynamics');
    expect(e1.problems[0]).toBe(
      'Für den Dynamik-Indikator „Veränderung Arbeitslosigkeit“ (D1, Veränderung über 2 Jahre) liegen keine Werte vor.',
    );
    const withDyn = base.map((a, i) => ({
      ...a,
      dynamics: { D1: i === 1 ? null : i, D3: i, D4: 2 * i },
    }));
    const e2 = caught(() => computeIndex(d, { areas: withDyn }));
    expect(e2.code).toBe('missing_dynamics');
    expect(e2.problems[0]).toBe(
      'Gebiet g2: kein Wert für Dynamik-Indikator „Veränderung Arbeitslosigkeit“ (D1).',
    );
  });

  it('refuses weights that do not match the inputs', () => {
    const e = caught(() =>
      computeIndex(def({}, { combination: 'weighted_sum', weights: { B: 1 } }), {
        areas: areas({ A: [1, 2] }),
      }),
    );
    expect(e.code).toBe('weights_mismatch');
    expect(e.problems).toEqual([
      'Indexdefinition, Feld status.weights: Gewicht für Indikator "A" fehlt.',
      'Indexdefinition, Feld status.weights.B: Gewicht für "B", aber "B" ist kein Indikator dieses Teils.',
    ]);
    expect(
      caught(() =>
        computeIndex(def({}, { combination: 'weighted_sum' }), { areas: areas({ A: [1, 2] }) }),
      ).code,
    ).toBe('weights_mismatch');
  });

  it('refuses a valid-area list naming areas the input lacks, and duplicate area ids', () => {
    expect(
      caught(() => computeIndex(def(), { areas: areas({ A: [1, 2] }), validAreaIds: ['g9'] })).code,
    ).toBe('unknown_area');
    const dup = areas({ A: [1, 2] }).map((a) => ({ ...a, id: 'x' }));
    expect(caught(() => computeIndex(def(), { areas: dup })).message).toBe(
      'Gebiet x kommt in den Eingabedaten mehrfach vor.',
    );
  });

  it('lists every problem of a broken definition with its field', () => {
    const broken = {
      ...MSS_2019_2021,
      status: {
        ...MSS_2019_2021.status,
        standardisation: 'median',
        classes: {
          ...MSS_2019_2021.status.classes,
          boundaries: [
            { value: 1, onBoundary: 'lower' },
            { value: -1, onBoundary: 'upper' },
          ],
        },
      },
      matrix: MSS_2019_2021.matrix?.slice(1),
    };
    expect(validateIndexDefinition(broken).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'status.standardisation: Standardisierung "median" unbekannt (erlaubt: zscore, minmax, percentile_rank).',
      'status.classes.classes: 2 Grenzen ergeben 3 Klassen, angegeben sind 4.',
      'status.classes.boundaries[1].value: Grenzen müssen aufsteigend sein: -1 folgt auf 1.',
      'matrix: Kombination Status "1" / Dynamik "+" fehlt in der Matrix.',
    ]);
    expect(validateIndexDefinition(MSS_2019_2021)).toEqual([]);
  });
});

describe('workspace (reused output buffers)', () => {
  const d19 = loadMssEdition(2019);
  const preset = mssPreset(2019);
  const column = (get: (a: IndexAreaInput) => number | null | undefined) =>
    Float64Array.from(d19.areas, (a) => get(a) ?? NaN);
  const input: IndexColumnsInput = {
    ids: d19.areas.map((a) => a.id),
    population: column((a) => a.population),
    values: Object.fromEntries(
      preset.status.inputs.map((i) => [i.indicatorId, column((a) => a.values[i.indicatorId])]),
    ),
    dynamics: Object.fromEntries(
      (preset.dynamics?.inputs ?? []).map((i) => [
        i.indicatorId,
        column((a) => a.dynamics?.[i.indicatorId]),
      ]),
    ),
  };
  const strict: IndexDefinition = {
    ...preset,
    validity: { ...preset.validity, minPopulation: 5000 },
  };

  it('computes each part in the two-part fast path exactly as the general path for one part', () => {
    const both = computeIndexColumns(preset, input);
    const dyn = preset.dynamics as IndexPart;
    const statusOnly = computeIndexColumns(
      { ...preset, dynamics: undefined, matrix: undefined, rules: undefined },
      input,
    );
    const dynamicsOnly = computeIndexColumns(
      { ...preset, status: dyn, dynamics: undefined, matrix: undefined, rules: undefined },
      { ...input, values: input.dynamics ?? {} },
    );
    for (const [fast, general] of [
      [both.status, statusOnly.status],
      [both.dynamics, dynamicsOnly.status],
    ] as const) {
      expect(Array.from(fast?.combined ?? [])).toEqual(Array.from(general.combined));
      expect(Array.from(fast?.index ?? [])).toEqual(Array.from(general.index));
      expect(Array.from(fast?.classOf ?? [])).toEqual(Array.from(general.classOf));
      expect(fast?.counts).toEqual(general.counts);
      expect(fast?.combinedStats).toEqual(general.combinedStats);
      expect(fast?.standardised.map((c) => Array.from(c))).toEqual(
        general.standardised.map((c) => Array.from(c)),
      );
    }
    // matrix group and rules per area from the classes, as the definition states them
    const sCodes = preset.status.classes.classes.map((c) => c.code);
    const dCodes = dyn.classes.classes.map((c) => c.code);
    const counts = (preset.matrix ?? []).map(() => 0);
    let attention = 0;
    for (let i = 0; i < input.ids.length; i++) {
      const s = both.status.classOf[i] as number;
      const d = both.dynamics?.classOf[i] as number;
      if (both.valid[i] !== 1) {
        expect([s, d, both.groupOf[i], both.attention[i]]).toEqual([-1, -1, -1, 0]);
        continue;
      }
      const g = (preset.matrix ?? []).findIndex(
        (m) => m.status === sCodes[s] && m.dynamics === dCodes[d],
      );
      expect(both.groupOf[i]).toBe(g);
      counts[g] = (counts[g] as number) + 1;
      const hit = (preset.rules ?? []).some((r) =>
        r.when.some(
          (w) =>
            w.status.includes(sCodes[s] as string) &&
            (w.dynamics === undefined || w.dynamics.includes(dCodes[d] as string)),
        ),
      );
      expect(both.attention[i]).toBe(hit ? 1 : 0);
      attention += hit ? 1 : 0;
    }
    expect(both.groupCounts).toEqual(counts);
    expect(both.attentionCount).toBe(attention);
    expect(attention).toBeGreaterThan(0);
  });

  it('writes the matrix columns of the fast path from the classes on first read, for every rule', () => {
    const sCodes = preset.status.classes.classes.map((c) => c.code);
    const dCodes = (preset.dynamics as IndexPart).classes.classes.map((c) => c.code);
    // a second rule (status class 0 with any dynamics): rules after the first get a pass each
    const twoRules: IndexDefinition = {
      ...preset,
      rules: [...(preset.rules ?? []), { id: 'zweite', label: 'Zweite', when: [{ status: [sCodes[0] as string] }] }], // prettier-ignore
    };
    for (const ws of [undefined, createIndexWorkspace()]) {
      const r = computeIndexColumns(twoRules, input, ws);
      const hitsOf = (id: string, s: number, d: number) =>
        (twoRules.rules ?? []).some((rule) => rule.id === id && rule.when.some((w) => w.status.includes(sCodes[s] as string) && (w.dynamics === undefined || w.dynamics.includes(dCodes[d] as string)))); // prettier-ignore
      const ids = (twoRules.rules ?? []).map((x) => x.id);
      expect(Object.keys(r.ruleHits)).toEqual(ids);
      let second = 0;
      for (let i = 0; i < input.ids.length; i++) {
        const s = r.status.classOf[i] as number;
        const d = r.dynamics?.classOf[i] as number;
        const scored = r.valid[i] === 1;
        const g = scored ? (twoRules.matrix ?? []).findIndex((m) => m.status === sCodes[s] && m.dynamics === dCodes[d]) : -1; // prettier-ignore
        expect(r.groupOf[i]).toBe(g);
        const hits = ids.map((id) => (scored && hitsOf(id, s, d) ? 1 : 0));
        expect(ids.map((id) => r.ruleHits[id]?.[i])).toEqual(hits);
        expect(r.attention[i]).toBe(hits.some((h) => h === 1) ? 1 : 0);
        second += hits[1] ?? 0;
      }
      expect(second).toBeGreaterThan(0);
      expect(r.attentionCount).toBe(r.attention.reduce((a, b) => a + b, 0));
      expect(r.groupCounts.reduce((a, b) => a + b, 0)).toBe(r.validCount);
    }
  });

  it("writes the same per-area columns with materialise 'all' as on first read, for one and two rules", () => {
    const sCodes = preset.status.classes.classes.map((c) => c.code);
    const twoRules: IndexDefinition = {
      ...preset,
      rules: [...(preset.rules ?? []), { id: 'zweite', label: 'Zweite', when: [{ status: [sCodes[0] as string] }] }], // prettier-ignore
    };
    for (const def of [preset, twoRules]) {
      const lazy = computeIndexColumns(def, input);
      for (const ws of [undefined, createIndexWorkspace()]) {
        // a workspace that held another run's columns must be overwritten completely
        if (ws) computeIndexColumns(strict, input, ws, { materialise: 'all' }).groupOf.fill(7);
        const all = computeIndexColumns(def, input, ws, {
          materialise: 'all',
          outstandingChanges: { direction: 'increase' },
        });
        expect(all.validCount).toBe(lazy.validCount);
        expect(all.validCount).toBeLessThan(input.ids.length);
        for (const [a, l] of [
          [all.status, lazy.status],
          [all.dynamics, lazy.dynamics],
        ] as const) {
          expect(Array.from(a?.index ?? [])).toEqual(Array.from(l?.index ?? []));
          expect(Array.from(a?.classOf ?? [])).toEqual(Array.from(l?.classOf ?? []));
          expect(a?.counts).toEqual(l?.counts);
        }
        expect(Array.from(all.groupOf)).toEqual(Array.from(lazy.groupOf));
        expect(Array.from(all.attention)).toEqual(Array.from(lazy.attention));
        expect(Object.keys(all.ruleHits)).toEqual(Object.keys(lazy.ruleHits));
        for (const [id, hits] of Object.entries(lazy.ruleHits))
          expect(Array.from(all.ruleHits[id] ?? [])).toEqual(Array.from(hits));
        expect(all.groupCounts).toEqual(lazy.groupCounts);
        expect(all.attentionCount).toBe(lazy.attentionCount);
        expect(all.attention.reduce((x, y) => x + y, 0)).toBe(all.attentionCount);
      }
    }
    // the general path (one part: no fast path) ignores the option and gives its own result
    const statusOnly = { ...preset, dynamics: undefined, matrix: undefined, rules: undefined };
    const g = computeIndexColumns(statusOnly, input, undefined, { materialise: 'all' });
    expect(Array.from(g.status.index)).toEqual(
      Array.from(computeIndexColumns(statusOnly, input).status.index),
    );
  });

  it('gives the same result as fresh buffers, also after a run that scored fewer areas', () => {
    const ws = createIndexWorkspace();
    const first = computeIndexColumns(preset, input, ws);
    const firstAttention = first.attentionCount;
    const firstValid = first.validCount;
    const small = computeIndexColumns(strict, input, ws);
    expect(small.validCount).toBeLessThan(firstValid);
    expect(small.validCount).toBeGreaterThan(0);
    // the earlier result shares the buffers: it now shows the later run
    expect(first.valid).toBe(small.valid);
    const again = computeIndexColumns(preset, input, ws);
    const fresh = computeIndexColumns(preset, input);
    expect(again.validCount).toBe(fresh.validCount);
    expect(Array.from(again.valid)).toEqual(Array.from(fresh.valid));
    expect(Array.from(again.status.index)).toEqual(Array.from(fresh.status.index));
    expect(Array.from(again.dynamics?.classOf ?? [])).toEqual(
      Array.from(fresh.dynamics?.classOf ?? []),
    );
    expect(Array.from(again.groupOf)).toEqual(Array.from(fresh.groupOf));
    expect(Array.from(again.attention)).toEqual(Array.from(fresh.attention));
    expect(again.attentionCount).toBe(firstAttention);
    expect(again.reasonAt(again.valid.indexOf(0))).toBe(fresh.reasonAt(fresh.valid.indexOf(0)));
  });
});

describe('outstanding changes computed with the index (option outstandingChanges)', () => {
  const d19 = loadMssEdition(2019);
  const preset = mssPreset(2019);
  const dynIds = (preset.dynamics as IndexPart).inputs.map((i) => i.indicatorId);
  const column = (get: (a: IndexAreaInput) => number | null | undefined) =>
    Float64Array.from(d19.areas, (a) => get(a) ?? NaN);
  const real: IndexColumnsInput = {
    ids: d19.areas.map((a) => a.id),
    population: column((a) => a.population),
    values: Object.fromEntries(
      preset.status.inputs.map((i) => [i.indicatorId, column((a) => a.values[i.indicatorId])]),
    ),
    dynamics: Object.fromEntries(dynIds.map((id) => [id, column((a) => a.dynamics?.[id])])),
  };
  // every change finite (the sums need no test per value): the path through the index's passes
  const finite: IndexColumnsInput = {
    ...real,
    dynamics: Object.fromEntries(
      dynIds.map((id) => [id, (real.dynamics?.[id] as Float64Array).map((x) => (x - x === 0 ? x : 0))]), // prettier-ignore
    ),
  };
  // no change for a few unscored areas: the sums over all areas are then not finite
  const unscored = computeIndexColumns(preset, finite).valid.reduce<number[]>((acc, v, i) => (v === 0 && acc.length < 3 ? [...acc, i] : acc), []); // prettier-ignore
  const withNaN: IndexColumnsInput = {
    ...finite,
    dynamics: Object.fromEntries(
      dynIds.map((id, j) => [id, (finite.dynamics?.[id] as Float64Array).map((x, i) => (i === unscored[j % unscored.length] ? NaN : x))]), // prettier-ignore
    ),
  };
  const scored = (inp: IndexColumnsInput) =>
    computeIndexColumns(preset, inp).ids.filter((_, i) => computeIndexColumns(preset, inp).valid[i] === 1); // prettier-ignore
  const cases: [string, IndexDefinition, IndexColumnsInput][] = [
    ['fast path, sums in the validity pass', preset, finite],
    ['fast path, explicit list: sums in the statistics pass', preset, { ...finite, validAreaIds: scored(finite) }], // prettier-ignore
    ['missing changes (the function sums with tests itself)', preset, withNaN],
    ['weighted sum (general z-sum kernel, flags in a pass of their own)', { ...preset, dynamics: { ...(preset.dynamics as DynamicsPart), combination: 'weighted_sum', weights: Object.fromEntries(dynIds.map((id, j) => [id, j + 1])) } }, finite], // prettier-ignore
    ['general path (dynamics not re-standardised)', { ...preset, dynamics: { ...(preset.dynamics as DynamicsPart), restandardise: false } }, finite], // prettier-ignore
  ];
  const options = [
    { direction: 'increase', threshold: 2, withZ: false },
    { direction: 'decrease', threshold: 1.5 },
    { direction: 'both', threshold: 2 },
  ] as const;

  it('has missing changes only for unscored areas in the test input', () => {
    expect(unscored).toHaveLength(3);
    expect(dynIds.every((id) => (withNaN.dynamics?.[id] as Float64Array).some(Number.isNaN))).toBe(true); // prettier-ignore
  });

  it.each(cases)(
    'gives the result of flagOutstandingChangeColumns: %s',
    (_name, definition, inp) => {
      const cols = dynIds.map((id) => inp.dynamics?.[id] as Float64Array);
      const plain = computeIndexColumns(definition, inp);
      const ws = createIndexWorkspace();
      let flagged = 0;
      for (const opt of options) {
        const alone = flagOutstandingChangeColumns(cols, opt);
        for (const r of [
          computeIndexColumns(definition, inp, undefined, { outstandingChanges: opt }),
          computeIndexColumns(definition, inp, ws, { outstandingChanges: opt }),
        ]) {
          // prettier-ignore
          const got = r.outstandingChanges ?? [];
          expect(got).toHaveLength(alone.length);
          alone.forEach((a, j) => {
            const g = got[j];
            expect([g?.n, g?.mean, g?.sd, g?.outstandingCount]).toEqual([a.n, a.mean, a.sd, a.outstandingCount]); // prettier-ignore
            expect(Array.from(g?.outstanding ?? [])).toEqual(Array.from(a.outstanding));
            expect(g?.z === null ? null : Array.from(g?.z ?? [])).toEqual(a.z === null ? null : Array.from(a.z)); // prettier-ignore
            flagged += a.outstandingCount;
          });
          // the index itself is the same as without the option
          expect(Array.from(r.valid)).toEqual(Array.from(plain.valid));
          expect(Array.from(r.status.index)).toEqual(Array.from(plain.status.index));
          expect(Array.from(r.dynamics?.index ?? [])).toEqual(Array.from(plain.dynamics?.index ?? [])); // prettier-ignore
          expect(Array.from(r.dynamics?.classOf ?? [])).toEqual(Array.from(plain.dynamics?.classOf ?? [])); // prettier-ignore
          expect(Array.from(r.attention)).toEqual(Array.from(plain.attention));
          expect(r.groupCounts).toEqual(plain.groupCounts);
        }
      }
      expect(flagged).toBeGreaterThan(0);
      expect(plain.outstandingChanges).toBeNull();
    },
  );

  it('flags only the areas of the current run when the workspace held other flags', () => {
    const ws = createIndexWorkspace();
    const cols = dynIds.map((id) => finite.dynamics?.[id] as Float64Array);
    computeIndexColumns(preset, finite, ws, { outstandingChanges: { direction: 'both', threshold: 0.5 } }); // prettier-ignore
    const r = computeIndexColumns(preset, finite, ws, { outstandingChanges: { direction: 'increase' } }); // prettier-ignore
    const alone = flagOutstandingChangeColumns(cols, { direction: 'increase' });
    alone.forEach(
      (a, j) =>
      expect(Array.from(r.outstandingChanges?.[j]?.outstanding ?? [])).toEqual(Array.from(a.outstanding)), // prettier-ignore
    );
  });
});
