import { describe, expect, it } from 'vitest';
import { formatNumber } from '../format/number.ts';
import {
  assessShareChange,
  buildAlertCandidates,
  compareClasses,
  computeTrend,
  findClassChanges,
  findRepeatedNegativeDynamics,
  findRepeatedNegativeDynamicsColumns,
  flagOutstandingChangeColumn,
  firstFiniteValue,
  flagOutstandingChangeColumns,
  flagOutstandingChanges,
  formatYearsPhrase,
} from './change.ts';
import { computeIndex, createIndexWorkspace } from './compute-index.ts';
import { MonitoringError } from './errors.ts';
import { mssPreset } from './presets.ts';
import { loadMssEdition } from './test-support.ts';

const d17 = loadMssEdition(2017);
const d19 = loadMssEdition(2019);
const r17 = computeIndex(mssPreset(2017), { areas: d17.areas });
const r19 = computeIndex(mssPreset(2019), { areas: d19.areas });

describe('class changes between editions', () => {
  it('finds exactly the status class changes 2017 → 2019 that the official files show', () => {
    const official = [...d19.official]
      .filter(
        ([id, o]) => d17.official.has(id) && d17.official.get(id)?.statusLabel !== o.statusLabel,
      )
      .map(([id]) => id);
    const changes = compareClasses(r17, r19);
    expect(changes.map((c) => c.areaId).sort()).toEqual(official.sort());
    expect(changes.length).toBe(42);
    const c = changes.find((x) => x.areaId === '01022202');
    expect(c).toMatchObject({
      fromLabel: 'sehr niedrig',
      toLabel: 'mittel',
      steps: -2,
      direction: 'verbessert',
      explanation: "Status-Index: von 'sehr niedrig' (MSS 2017) nach 'mittel' (MSS 2019)",
    });
  });

  it('finds the areas with negative dynamics in 2017 and 2019, as in the official files', () => {
    const official = [...d19.official]
      .filter(([id, o]) => o.dynamicsCode === '-' && d17.official.get(id)?.dynamicsCode === '-')
      .map(([id]) => id);
    const found = findRepeatedNegativeDynamics([r17, r19]);
    expect(found.map((f) => f.areaId).sort()).toEqual(official.sort());
    expect(found.length).toBe(13);
    expect(found[0]?.explanation).toBe("Dynamik zweimal in Folge 'negativ' (MSS 2017, MSS 2019)");
    expect(() => findRepeatedNegativeDynamics([r19])).toThrow(MonitoringError);
  });
});

describe('class changes in columns', () => {
  it('lists the same changes as compareClasses, by position in the current edition', () => {
    const cols = findClassChanges(r17, r19, 'status');
    expect(cols.count).toBe(42);
    const objects = compareClasses(r17, r19, 'status');
    expect(Array.from(cols.positions, (j) => r19.ids[j])).toEqual(objects.map((o) => o.areaId));
    const k = objects.findIndex((o) => o.areaId === '01022202');
    // sehr niedrig (class 3) → mittel (class 1)
    expect([cols.from[k], cols.to[k]]).toEqual([3, 1]);
  });

  it('finds no change and every negative area when an edition is compared with itself (same ids, fast path)', () => {
    expect(findClassChanges(r19, r19, 'dynamics').count).toBe(0);
    const negative = [...d19.official].filter(([, o]) => o.dynamicsCode === '-').length;
    const rep = findRepeatedNegativeDynamicsColumns([r19, r19]);
    expect(rep.count).toBe(negative);
    expect(rep.count).toBeGreaterThan(0);
    expect(Array.from(rep.hit).reduce((a, b) => a + b, 0)).toBe(rep.count);
  });

  it('counts the same repeated negative dynamics as the object API across different area lists', () => {
    expect(findRepeatedNegativeDynamicsColumns([r17, r19]).count).toBe(13);
  });

  it('finds every class change of the same area list (word-wise comparison, tail included)', () => {
    // 447 areas (not a multiple of 4): raise the first status indicator for every 7th area, and
    // move the last three areas (the tail after the last full word) to both extremes
    const first = mssPreset(2019).status.inputs[0]?.indicatorId as string;
    const n = d19.areas.length;
    const tail = n - (n % 4);
    const changed = computeIndex(mssPreset(2019), {
      areas: d19.areas.map((a, i) => {
        const v = a.values[first] ?? 0;
        const nv = i >= tail ? (i % 2 ? 0 : v * 10 + 50) : i % 7 === 3 ? v * 3 + 5 : v;
        return nv === v ? a : { ...a, values: { ...a.values, [first]: nv } };
      }),
    });
    expect(n % 4).not.toBe(0);
    const cols = findClassChanges(r19, changed, 'status');
    const expected: number[] = [];
    for (let j = 0; j < r19.ids.length; j++)
      if (
        r19.valid[j] === 1 &&
        changed.valid[j] === 1 &&
        r19.status.classOf[j] !== changed.status.classOf[j]
      )
        expected.push(j);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.some((j) => j >= tail)).toBe(true);
    expect(Array.from(cols.positions)).toEqual(expected);
    expect(Array.from(cols.from)).toEqual(expected.map((j) => r19.status.classOf[j]));
    expect(Array.from(cols.to)).toEqual(expected.map((j) => changed.status.classOf[j]));
  });

  it('finds the repeated class per area in the same area list (word-wise, every class, tail included)', () => {
    // the dynamics of 2019 and a second edition with every 5th area moved one class (and the
    // tail after the last full word too), compared with a plain per-area check for each class
    const dyn = mssPreset(2019).dynamics?.inputs[0]?.indicatorId as string;
    const n = d19.areas.length;
    const later = computeIndex(mssPreset(2019), {
      areas: d19.areas.map((a, i) =>
        i % 5 === 0 || i >= n - 3
          ? { ...a, dynamics: { ...a.dynamics, [dyn]: ((a.dynamics?.[dyn] ?? 0) as number) + (i % 2 === 0 ? 3 : -3) } } // prettier-ignore
          : a,
      ),
    });
    expect(n % 4).not.toBe(0);
    const moved = Array.from(later.dynamics?.classOf ?? []).filter((c, j) => c !== r19.dynamics?.classOf[j]); // prettier-ignore
    expect(moved.length).toBeGreaterThan(10);
    for (const cls of (r19.dynamics?.classes ?? []).map((c) => c.code)) {
      const got = findRepeatedNegativeDynamicsColumns([r19, later], { classCode: cls });
      const t0 = r19.dynamics?.classes.findIndex((c) => c.code === cls);
      const expected = Array.from(
        { length: n },
        (_, j) =>
        r19.valid[j] === 1 && later.valid[j] === 1 && r19.dynamics?.classOf[j] === t0 && later.dynamics?.classOf[j] === t0 ? 1 : 0, // prettier-ignore
      );
      expect(Array.from(got.hit)).toEqual(expected);
      expect(got.count).toBe(expected.reduce<number>((a, b) => a + b, 0));
      expect(got.count).toBeGreaterThan(0);
    }
  });

  it('gives the same repeated hits with a workspace, whose column the next run overwrites', () => {
    const ws = createIndexWorkspace();
    const first = findRepeatedNegativeDynamicsColumns([r19, r19], {}, ws);
    const firstCount = first.count;
    // a run with fewer hits into the same column: the earlier 1s must not survive
    const other = findRepeatedNegativeDynamicsColumns([r19, r19], { classCode: '+' }, ws);
    expect(other.hit).toBe(first.hit);
    expect(Array.from(other.hit)).toEqual(
      Array.from(findRepeatedNegativeDynamicsColumns([r19, r19], { classCode: '+' }).hit),
    );
    const again = findRepeatedNegativeDynamicsColumns([r19, r19], {}, ws);
    expect(again.count).toBe(firstCount);
    expect(Array.from(again.hit)).toEqual(
      Array.from(findRepeatedNegativeDynamicsColumns([r19, r19]).hit),
    );
  });
});

describe('computeTrend', () => {
  it('gives the least-squares slope per year, absolute and relative to the mean level', () => {
    const t = computeTrend([
      { year: 2015, value: 10 },
      { year: 2017, value: 12 },
      { year: 2019, value: 14 },
      { year: 2018, value: null },
    ]);
    expect(t).toMatchObject({ slope: 1, n: 3, fromYear: 2015, toYear: 2019 });
    expect(t?.relativePercentPerYear).toBeCloseTo((1 / 12) * 100, 12);
  });

  it('uses only the last k observations and fits noisy points by least squares', () => {
    const pts = [2010, 2011, 2012, 2013].map((year, i) => ({
      year,
      value: [5, 1, 2, 4][i] as number,
    }));
    expect(computeTrend(pts, 2)?.slope).toBe(2);
    // x̄ = 2011.5, ȳ = 3: Σ(x−x̄)(y−ȳ) = (−1.5)(2) + (−0.5)(−2) + (0.5)(−1) + (1.5)(1) = −1; Σ(x−x̄)² = 5
    expect(computeTrend(pts)?.slope).toBeCloseTo(-0.2, 12);
    expect(computeTrend([{ year: 2020, value: 1 }])).toBeNull();
  });
});

describe('changes against the city-wide distribution', () => {
  it('flags changes more than 2 SD from the mean change', () => {
    const changes = [
      ...Array.from({ length: 20 }, (_, i) => ({ areaId: `a${i}`, change: (i % 5) * 0.1 })),
      { areaId: 'x', change: 3 },
      { areaId: 'y', change: null },
    ];
    const d = flagOutstandingChanges(changes);
    expect(d.n).toBe(21);
    expect(d.items.filter((i) => i.outstanding).map((i) => i.areaId)).toEqual(['x']);
    expect(
      flagOutstandingChanges(changes, { direction: 'decrease' }).items.filter((i) => i.outstanding),
    ).toEqual([]);
  });

  it('flags the same areas in the columnar form with and without z-values, ignoring missing changes', () => {
    const col = Float64Array.from([...Array.from({ length: 20 }, (_, i) => (i % 5) * 0.1), 3, NaN]);
    const withZ = flagOutstandingChangeColumn(col);
    const withoutZ = flagOutstandingChangeColumn(col, { withZ: false });
    expect(Array.from(withoutZ.outstanding)).toEqual(Array.from(withZ.outstanding));
    expect(withoutZ).toMatchObject({ n: 21, outstandingCount: 1, z: null });
    expect(withZ.outstanding[20]).toBe(1);
    expect(withZ.z?.[20]).toBeGreaterThan(2);
  });
});

describe('outstanding changes of several columns at once', () => {
  // 5 columns (a group of 4 and a group of 1), missing values at different places, seeded values
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const cols = Array.from({ length: 5 }, (_, j) =>
    Float64Array.from({ length: 300 }, (_, i) =>
      i % (j + 7) === 0 ? NaN : i === 50 + j ? 4 + j : i === 90 ? -5 : rand(),
    ),
  );
  it.each(['increase', 'decrease', 'both'] as const)(
    'gives each column the result it gets alone (%s)',
    (direction) => {
      const together = flagOutstandingChangeColumns(cols, { direction, threshold: 2 });
      expect(together).toHaveLength(5);
      cols.forEach((c, j) => {
        const alone = flagOutstandingChangeColumn(c, { direction, threshold: 2 });
        const t = together[j];
        expect(t?.n).toBe(alone.n);
        expect(t?.mean).toBe(alone.mean);
        expect(t?.sd).toBe(alone.sd);
        expect(t?.outstandingCount).toBe(alone.outstandingCount);
        expect(Array.from(t?.outstanding ?? [])).toEqual(Array.from(alone.outstanding));
        expect(Array.from(t?.z ?? [])).toEqual(Array.from(alone.z ?? []));
      });
      const up = together[0];
      if (direction !== 'decrease') expect(up?.outstanding[50]).toBe(1);
      else expect(up?.outstanding[90]).toBe(1);
    },
  );
  it('gives the same flags with a workspace, also after a run that flagged other areas', () => {
    const ws = createIndexWorkspace();
    const up = flagOutstandingChangeColumns(cols, { direction: 'increase' }, ws);
    const upCounts = up.map((f) => f.outstandingCount);
    const down = flagOutstandingChangeColumns(cols, { direction: 'decrease' }, ws);
    expect(down[0]?.outstanding).toBe(up[0]?.outstanding);
    const fresh = flagOutstandingChangeColumns(cols, { direction: 'decrease' });
    down.forEach((f, j) =>
      expect(Array.from(f.outstanding)).toEqual(Array.from(fresh[j]?.outstanding ?? [])),
    );
    const again = flagOutstandingChangeColumns(cols, { direction: 'increase' }, ws);
    expect(again.map((f) => f.outstandingCount)).toEqual(upCounts);
    const freshUp = flagOutstandingChangeColumns(cols, { direction: 'increase' });
    again.forEach((f, j) =>
      expect(Array.from(f.outstanding)).toEqual(Array.from(freshUp[j]?.outstanding ?? [])),
    );
  });

  it('gives identical results with the distribution sums passed in', () => {
    // the sums as documented for OutstandingSums: shift = first finite value, finite values in order
    const sums = cols.map((c) => {
      const shift = firstFiniteValue(c);
      let n = 0;
      let s = 0;
      let ss = 0;
      for (const x of c)
        if (Number.isFinite(x)) {
          n++;
          s += x - shift;
          ss += (x - shift) * (x - shift);
        }
      return { n, shift, s, ss };
    });
    for (const direction of ['increase', 'decrease', 'both'] as const) {
      const own = flagOutstandingChangeColumns(cols, { direction });
      const given = flagOutstandingChangeColumns(cols, { direction }, undefined, sums);
      given.forEach((g, j) => {
        const o = own[j];
        expect([g.n, g.mean, g.sd, g.outstandingCount]).toEqual([o?.n, o?.mean, o?.sd, o?.outstandingCount]); // prettier-ignore
        expect(Array.from(g.outstanding)).toEqual(Array.from(o?.outstanding ?? []));
        expect(Array.from(g.z ?? [])).toEqual(Array.from(o?.z ?? []));
      });
    }
    expect(() => flagOutstandingChangeColumns(cols, {}, undefined, sums.slice(1))).toThrow(MonitoringError); // prettier-ignore
  });

  it('handles columns of different lengths one by one, and refuses a column without spread', () => {
    const short = Float64Array.from([0, 1, 2, 3, 10]);
    const r = flagOutstandingChangeColumns([cols[0] as Float64Array, short]);
    expect(r[1]?.n).toBe(5);
    expect(r[0]?.outstandingCount).toBe(flagOutstandingChangeColumn(cols[0] as Float64Array).outstandingCount); // prettier-ignore
    expect(() =>
      flagOutstandingChangeColumns([cols[0] as Float64Array, new Float64Array(300).fill(1)]),
    ).toThrow(MonitoringError);
  });
});

describe('reliability of shares from small denominators', () => {
  it('treats a change as noise when the Wilson intervals of both dates overlap', () => {
    const small = assessShareChange({ count: 1, base: 10 }, { count: 3, base: 12 });
    expect(small.noise).toBe(true);
    expect(small.smallDenominator).toBe(true);
    expect(small.changePp).toBeCloseTo(15, 12);
    expect(small.reason).toMatch(
      /^Konfidenzintervalle überschneiden sich \(1,8–40,4 % und 8,9–53,2 %\)$/,
    );
    const large = assessShareChange({ count: 100, base: 1000 }, { count: 200, base: 1000 });
    expect(large).toMatchObject({ noise: false, smallDenominator: false, reason: null });
  });
});

describe('buildAlertCandidates', () => {
  const areas = [
    ...Array.from({ length: 40 }, (_, i) => ({
      areaId: `p${i}`,
      previous: { count: 100, base: 1000 },
      current: { count: 100 + (i % 5), base: 1000 },
    })),
    { areaId: 'big', previous: { count: 100, base: 1000 }, current: { count: 141, base: 1000 } },
    { areaId: 'tiny', previous: { count: 1, base: 10 }, current: { count: 2, base: 12 } },
    { areaId: 'none', previous: null, current: { count: 1, base: 10 } },
  ];
  const out = buildAlertCandidates({
    indicator: { id: 'S4', label: 'Kinderarmut' },
    years: 2,
    areas,
  });

  it('explains a standing-out change in plain German', () => {
    const changes = areas
      .filter((a) => a.previous)
      .map(
        (a) =>
          (a.current.count / a.current.base - (a.previous?.count ?? 0) / (a.previous?.base ?? 1)) *
          100,
      );
    const mean = changes.reduce((a, b) => a + b, 0) / changes.length;
    const sd = Math.sqrt(changes.reduce((a, b) => a + (b - mean) ** 2, 0) / changes.length);
    const z = (4.1 - mean) / sd;
    expect(out.candidates.map((c) => c.areaId)).toEqual(['big']);
    expect(out.candidates[0]?.explanation).toBe(
      `Kinderarmut +4,1 Prozentpunkte in zwei Jahren, ${formatNumber(z, { decimals: 1 })} Standardabweichungen über der gesamtstädtischen Veränderung`,
    );
  });

  it('holds back a larger change that is only noise, with the reason', () => {
    expect(out.heldBack.map((h) => h.areaId)).toEqual(['tiny']);
    expect(out.heldBack[0]?.reason).toMatch(
      /^Nicht gemeldet: Konfidenzintervalle überschneiden sich/,
    );
  });

  it('writes the period in words', () => {
    expect([formatYearsPhrase(1), formatYearsPhrase(2), formatYearsPhrase(15)]).toEqual([
      'in einem Jahr',
      'in zwei Jahren',
      'in 15 Jahren',
    ]);
  });
});
