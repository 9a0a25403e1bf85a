import { describe, expect, it } from 'vitest';
import { ckmeansSorted } from './ckmeans.ts';

/** Exhaustive minimum SSQ over all contiguous partitions of sorted raw values into k groups (reference). */
function bruteForceMinSs(sorted: number[], k: number): number {
  const ss = (a: number[]) => {
    const m = a.reduce((s, x) => s + x, 0) / a.length;
    return a.reduce((s, x) => s + (x - m) ** 2, 0);
  };
  const best = (from: number, groups: number): number => {
    if (groups === 1) return ss(sorted.slice(from));
    let b = Infinity;
    for (let cut = from + 1; cut <= sorted.length - groups + 1; cut++)
      b = Math.min(b, ss(sorted.slice(from, cut)) + best(cut, groups - 1));
    return b;
  };
  return best(0, k);
}

/** Deterministic pseudo-random integers (LCG, Numerical Recipes constants) — core tests use no Math.random. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('ckmeansSorted', () => {
  it('separates three obvious groups', () => {
    const r = ckmeansSorted([1, 2, 3, 10, 11, 12, 20, 21, 22], [1, 1, 1, 1, 1, 1, 1, 1, 1], 3);
    expect(r.starts).toEqual([0, 3, 6]);
    expect(r.withinSs).toBeCloseTo(6, 12); // each group {a−1, a, a+1} has SSQ 2
  });

  it('puts the outlier alone, as checked by hand for [0, 1, 2, 3, 10] in 2 classes', () => {
    // {0,1,2,3}|{10}: 5 + 0 = 5;  {0,1,2}|{3,10}: 2 + 24.5 = 26.5;  {0,1}|{2,3,10}: 0.5 + 38 = 38.5
    const r = ckmeansSorted([0, 1, 2, 3, 10], [1, 1, 1, 1, 1], 2);
    expect(r.starts).toEqual([0, 4]);
    expect(r.withinSs).toBeCloseTo(5, 12);
  });

  it('reproduces the published simple-statistics example ckmeans([-1,2,-1,2,4,5,6,-1,2,-1], 3)', () => {
    // expected clusters [[-1,-1,-1,-1],[2,2,2],[4,5,6]]; distinct values -1, 2, 4, 5, 6 with weights 4, 3, 1, 1, 1
    const r = ckmeansSorted([-1, 2, 4, 5, 6], [4, 3, 1, 1, 1], 3);
    expect(r.starts).toEqual([0, 1, 2]);
    expect(r.withinSs).toBeCloseTo(2, 12);
  });

  it('uses the weights as multiplicities', () => {
    // 9 times 0 and once 10, plus 11: weight pulls nothing across; SSQ of {10, 11} = 0.5
    const r = ckmeansSorted([0, 10, 11], [9, 1, 1], 2);
    expect(r.starts).toEqual([0, 1]);
    expect(r.withinSs).toBeCloseTo(0.5, 12);
  });

  it('finds the exhaustive optimum on 200 pseudo-random small cases', () => {
    const rand = lcg(42);
    for (let t = 0; t < 200; t++) {
      const n = 2 + Math.floor(rand() * 9);
      const raw = Array.from({ length: n }, () => Math.round(rand() * 50) / 2).sort(
        (a, b) => a - b,
      );
      const distinct = [...new Set(raw)];
      const weights = distinct.map((d) => raw.filter((x) => x === d).length);
      const k = 1 + Math.floor(rand() * Math.min(4, distinct.length));
      const r = ckmeansSorted(distinct, weights, k);
      const expanded = distinct.flatMap((d, i) => new Array<number>(weights[i] as number).fill(d));
      // equal values never split, so the optimum over distinct values equals the optimum over raw values
      expect(r.withinSs).toBeCloseTo(bruteForceMinSs(expanded, k), 9);
      expect(r.starts[0]).toBe(0);
      expect(r.starts).toEqual([...r.starts].sort((a, b) => a - b));
      expect(new Set(r.starts).size).toBe(k);
    }
  });

  it('rejects more classes than distinct values', () => {
    expect(() => ckmeansSorted([1, 2], [1, 1], 3)).toThrow('Klassenzahl 3');
  });
});
