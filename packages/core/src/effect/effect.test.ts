import { describe, expect, it } from 'vitest';
import {
  combineIndependentSe,
  computeDidTwoByTwo,
  computePanelDid,
  createSeededRandom,
  describeEffectReason,
  drawNormal,
  estimateEffect,
  splitPanel,
  type PanelPoint,
} from './index.ts';

// Card, D. & Krueger, A. B. (1994): Minimum Wages and Employment: A Case Study of the Fast-Food
// Industry in New Jersey and Pennsylvania. American Economic Review 84(4), 772–793, Table 3,
// rows 1–3 ("all available observations"), FTE employment, standard errors in parentheses.
const CK_TABLE_3 = {
  pa: { before: 23.33, after: 21.17, change: -2.16, changeSe: 1.25 },
  nj: { before: 20.44, after: 21.03, change: 0.59, changeSe: 0.54 },
  did: 2.76,
  didSe: 1.36,
};

describe('Card & Krueger (1994), Table 3', () => {
  it('reproduces the change rows to their printed decimals', () => {
    expect((CK_TABLE_3.nj.after - CK_TABLE_3.nj.before).toFixed(2)).toBe('0.59');
    expect((CK_TABLE_3.pa.after - CK_TABLE_3.pa.before).toFixed(2)).toBe('-2.16');
  });

  it('gives 2.75 from the rounded printed means, where the paper prints 2.76 from unrounded ones', () => {
    const did = computeDidTwoByTwo({
      treatedBefore: CK_TABLE_3.nj.before,
      treatedAfter: CK_TABLE_3.nj.after,
      comparisonBefore: CK_TABLE_3.pa.before,
      comparisonAfter: CK_TABLE_3.pa.after,
    });
    expect(did.toFixed(2)).toBe('2.75');
    expect(Math.abs(did - CK_TABLE_3.did)).toBeLessThanOrEqual(0.01 + 1e-9);
  });

  it('reproduces the printed standard error 1.36 of the DiD from the two changes', () => {
    const se = combineIndependentSe(CK_TABLE_3.nj.changeSe, CK_TABLE_3.pa.changeSe);
    expect(se.toFixed(2)).toBe(CK_TABLE_3.didSe.toFixed(2));
  });

  it('the panel form equals the 2×2 form on a 2×2 panel', () => {
    const panel: PanelPoint[] = [
      { areaId: 'NJ', period: '1992-02-15', value: 20.44 },
      { areaId: 'NJ', period: '1992-11-15', value: 21.03 },
      { areaId: 'PA', period: '1992-02-15', value: 23.33 },
      { areaId: 'PA', period: '1992-11-15', value: 21.17 },
    ];
    const did = computePanelDid(splitPanel(panel, '1992-04-01'), ['NJ'], ['PA']);
    expect(did?.toFixed(2)).toBe('2.75');
  });
});

/**
 * A synthetic panel: 80 areas with their own level and trend, yearly values 2014–2023 (Stichtag
 * 31.12.), normal noise; the first `nTreated` areas get `effect` from `start` on.
 */
function syntheticPanel(opts: {
  seed: number;
  effect: number;
  nTreated: number;
  noise?: number;
  years?: number[];
}): { panel: PanelPoint[]; treated: string[]; pool: string[] } {
  const random = createSeededRandom(opts.seed);
  const years = opts.years ?? [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];
  const panel: PanelPoint[] = [];
  const ids = Array.from({ length: 80 }, (_, i) => `A${String(i).padStart(2, '0')}`);
  ids.forEach((id, i) => {
    const level = 20 + 8 * drawNormal(random);
    const trend = 0.3 * drawNormal(random);
    for (const y of years) {
      const treatedNow = i < opts.nTreated && y >= 2019;
      const v =
        level +
        trend * (y - 2014) +
        (opts.noise ?? 0.4) * drawNormal(random) +
        (treatedNow ? opts.effect : 0);
      panel.push({ areaId: id, period: `${y}-12-31`, value: v });
    }
  });
  return { panel, treated: ids.slice(0, opts.nTreated), pool: ids.slice(opts.nTreated) };
}

describe('estimateEffect on synthetic panels', () => {
  it('recovers a known effect of −1.8 inside its 95 % interval, which excludes 0', () => {
    const { panel, treated, pool } = syntheticPanel({ seed: 2, effect: -1.8, nTreated: 5 });
    const r = estimateEffect({ panel, treatedIds: treated, poolIds: pool, start: '2019-01-01' });
    expect(r.verdict).toBe('effect');
    expect(r.interval).not.toBeNull();
    expect(r.interval!.lower).toBeLessThanOrEqual(-1.8);
    expect(r.interval!.upper).toBeGreaterThanOrEqual(-1.8);
    expect(r.interval!.upper).toBeLessThan(0);
    expect(r.estimate!).toBeCloseTo(-1.8, 0);
    expect(r.comparisons.length).toBeGreaterThanOrEqual(5);
    expect(r.prePeriods).toHaveLength(5);
    expect(r.postPeriods).toHaveLength(5);
    expect(r.preTrend.status).toBe('ok');
  });

  it('recovers known effects over several seeds (coverage of the interval)', () => {
    let covered = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { panel, treated, pool } = syntheticPanel({ seed, effect: 2.5, nTreated: 4 });
      const r = estimateEffect({
        panel,
        treatedIds: treated,
        poolIds: pool,
        start: '2019-01-01',
        options: { replications: 199 },
      });
      if (r.interval && r.interval.lower <= 2.5 && r.interval.upper >= 2.5) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(8);
  });

  it('does not flag a placebo treatment without effect', () => {
    const { panel, treated, pool } = syntheticPanel({ seed: 11, effect: 0, nTreated: 5 });
    const r = estimateEffect({ panel, treatedIds: treated, poolIds: pool, start: '2019-01-01' });
    expect(r.verdict).toBe('no-clear-effect');
    expect(r.interval!.lower).toBeLessThanOrEqual(0);
    expect(r.interval!.upper).toBeGreaterThanOrEqual(0);
    expect(r.pValue!).toBeGreaterThan(0.05);
  });

  it('is reproducible: the same seed gives the same interval', () => {
    const { panel, treated, pool } = syntheticPanel({ seed: 3, effect: -1, nTreated: 3 });
    const input = { panel, treatedIds: treated, poolIds: pool, start: '2019-01-01' };
    expect(estimateEffect(input).interval).toEqual(estimateEffect(input).interval);
  });

  it('flags a diverging pre-trend', () => {
    const { panel, treated, pool } = syntheticPanel({
      seed: 5,
      effect: 0,
      nTreated: 3,
      noise: 0.05,
    });
    // the treated areas' gap grows by 1.5 per year already before the start (a zig-zag the
    // linear-trend matching cannot absorb)
    const bent = panel.map((p) => {
      const y = Number(p.period.slice(0, 4));
      return treated.includes(p.areaId) && y < 2019
        ? { ...p, value: p.value + (y % 2 === 0 ? 3 : 0) + 1.5 * (y - 2014) }
        : p;
    });
    const r = estimateEffect({
      panel: bent,
      treatedIds: treated,
      poolIds: pool,
      start: '2019-01-01',
    });
    expect(r.preTrend.gapSlopePerYear).not.toBeNull();
    expect(r.preTrend.status).not.toBe('not-testable');
  });

  it('chooses comparisons that are not treated and explains each by its nearest treated area', () => {
    const { panel, treated, pool } = syntheticPanel({ seed: 9, effect: 0, nTreated: 2 });
    const r = estimateEffect({
      panel,
      treatedIds: treated,
      poolIds: [...pool, ...treated],
      start: '2019-01-01',
      options: { replications: 99 },
    });
    for (const c of r.comparisons) {
      expect(treated).not.toContain(c.areaId);
      expect(treated).toContain(c.matchedTo);
      expect(c.distance).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(r.comparisons.map((c) => c.areaId)).size).toBe(r.comparisons.length);
  });
});

describe('honest verdicts', () => {
  it('says "nur 1 Zeitpunkt vor Beginn" with one pre period', () => {
    const { panel, treated, pool } = syntheticPanel({
      seed: 1,
      effect: -1,
      nTreated: 3,
      years: [2018, 2019, 2020],
    });
    const r = estimateEffect({ panel, treatedIds: treated, poolIds: pool, start: '2019-01-01' });
    expect(r.verdict).toBe('not-measurable');
    expect(r.estimate).toBeNull();
    expect(r.reasons.map(describeEffectReason)).toContain(
      'nicht messbar: nur 1 Zeitpunkt vor Beginn',
    );
  });

  it('refuses without a post period', () => {
    const { panel, treated, pool } = syntheticPanel({ seed: 1, effect: 0, nTreated: 2 });
    const r = estimateEffect({ panel, treatedIds: treated, poolIds: pool, start: '2030-01-01' });
    expect(r.reasons.map((x) => x.code)).toContain('no-post-period');
  });

  it('refuses with too few comparison areas', () => {
    const { panel, treated, pool } = syntheticPanel({ seed: 1, effect: 0, nTreated: 2 });
    const r = estimateEffect({
      panel,
      treatedIds: treated,
      poolIds: pool.slice(0, 4),
      start: '2019-01-01',
    });
    expect(r.verdict).toBe('not-measurable');
    expect(r.reasons[0]?.code).toBe('too-few-comparisons');
  });

  it('refuses a too small base ("zu kleine Basis")', () => {
    const { panel, treated, pool } = syntheticPanel({ seed: 1, effect: 0, nTreated: 2 });
    const r = estimateEffect({
      panel,
      treatedIds: treated,
      poolIds: pool,
      start: '2019-01-01',
      baseByArea: new Map([
        ['A00', 40],
        ['A01', 60],
      ]),
      options: { minBase: 500, replications: 9 },
    });
    expect(r.verdict).toBe('not-measurable');
    expect(r.reasons.map(describeEffectReason)).toContain(
      'nicht messbar: zu kleine Basis (100 statt mindestens 500)',
    );
  });
});

describe('the indexed panel of the placebo loop', () => {
  it('gives the same DiD and pre-trend slope as the reference functions', async () => {
    const { fastDid, fastGapSlope, gapSlope, indexPanel } = await import('./estimate.ts');
    const { panel } = syntheticPanel({ seed: 4, effect: -1, nTreated: 3 });
    // a gap in the data, so missing values are handled alike
    const holey = panel.filter((p, i) => i % 17 !== 0);
    const series = splitPanel(holey, '2019-01-01');
    const ix = indexPanel(series);
    const random = createSeededRandom(9);
    const ids = [...series.keys()];
    for (let k = 0; k < 20; k++) {
      const t = ids.filter(() => random() < 0.1);
      const c = ids.filter((id) => !t.includes(id) && random() < 0.2);
      const slow = computePanelDid(series, t, c);
      const fast = fastDid(ix, t, c);
      if (slow === null) expect(fast).toBeNull();
      else expect(fast).toBeCloseTo(slow, 10);
      const s1 = gapSlope(series, t, c);
      const s2 = fastGapSlope(ix, t, c);
      if (s1 === null) expect(s2).toBeNull();
      else expect(s2).toBeCloseTo(s1, 10);
    }
  });
});
