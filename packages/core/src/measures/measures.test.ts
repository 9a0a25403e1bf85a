import { describe, expect, it } from 'vitest';
import {
  evaluateGoal,
  measureSignals,
  milestoneProgress,
  rollUpProgress,
  targetLineAt,
  wouldCycle,
  type ProgressNode,
} from './index.ts';

const node = (p: Partial<ProgressNode> & { id: string }): ProgressNode => ({
  parentId: null,
  weight: 1,
  status: 'in_progress',
  progress: null,
  milestones: [],
  ...p,
});

describe('progress roll-up', () => {
  it('weighs milestones by their weights', () => {
    expect(
      milestoneProgress([
        { weight: 3, done: true },
        { weight: 1, done: false },
      ]),
    ).toBe(75);
    expect(milestoneProgress([])).toBeNull();
  });

  it('rolls children up to the parent as a weighted mean (Decidim accountability)', () => {
    const p = rollUpProgress([
      node({ id: 'p', progress: 5 }),
      node({ id: 'a', parentId: 'p', weight: 3, progress: 100 }),
      node({ id: 'b', parentId: 'p', weight: 1, milestones: [{ weight: 1, done: false }] }),
    ]);
    expect(p.get('a')).toBe(100);
    expect(p.get('b')).toBe(0);
    expect(p.get('p')).toBe(75); // (100·3 + 0·1) / 4, the parent's own 5 % is not used
  });

  it('rolls up over several levels and leaves cancelled children out', () => {
    const p = rollUpProgress([
      node({ id: 'root' }),
      node({ id: 'mid', parentId: 'root', weight: 1 }),
      node({ id: 'leaf1', parentId: 'mid', progress: 40 }),
      node({ id: 'leaf2', parentId: 'mid', progress: 80 }),
      node({ id: 'gone', parentId: 'root', weight: 5, status: 'cancelled', progress: 0 }),
      node({ id: 'done', parentId: 'root', weight: 1, status: 'done', progress: 10 }),
    ]);
    expect(p.get('mid')).toBe(60);
    expect(p.get('root')).toBe(80); // (60 + 100) / 2, the cancelled weight 5 is ignored
  });

  it('counts a done measure as 100 whatever its milestones say', () => {
    const p = rollUpProgress([
      node({ id: 'x', status: 'done', milestones: [{ weight: 1, done: false }] }),
    ]);
    expect(p.get('x')).toBe(100);
  });

  it('refuses a cycle', () => {
    expect(() =>
      rollUpProgress([node({ id: 'a', parentId: 'b' }), node({ id: 'b', parentId: 'a' })]),
    ).toThrow(/Zyklus/);
    const parents = new Map<string, string | null>([
      ['a', null],
      ['b', 'a'],
      ['c', 'b'],
    ]);
    expect(wouldCycle('a', 'c', parents)).toBe(true);
    expect(wouldCycle('c', 'a', parents)).toBe(false);
    expect(wouldCycle('a', 'a', parents)).toBe(true);
  });
});

const baseline = { date: '2022-01-01', value: 20 };
const target = { date: '2026-01-01', value: 12 };

describe('goal evaluation', () => {
  it('draws a straight target line between baseline and target', () => {
    expect(targetLineAt(baseline, target, '2021-06-30')).toBe(20);
    expect(targetLineAt(baseline, target, '2024-01-01')).toBeCloseTo(16, 1);
    expect(targetLineAt(baseline, target, '2030-01-01')).toBe(12);
  });

  it('has no verdict without a value after the baseline date', () => {
    const e = evaluateGoal({ baseline, target, actual: [{ date: '2022-01-01', value: 20 }] });
    expect(e.status).toBe('no_data');
  });

  it('is on course within 10 % of the planned change behind the line', () => {
    // line at 2024-01-01 ≈ 16.0; tolerance 0.8; 16.7 lags 0.7
    const e = evaluateGoal({ baseline, target, actual: [{ date: '2024-01-01', value: 16.7 }] });
    expect(e.status).toBe('on_course');
    expect(e.tolerance).toBeCloseTo(0.8);
  });

  it('is off target beyond the tolerance, judged by the latest value (suppressed ones skipped)', () => {
    const e = evaluateGoal({
      baseline,
      target,
      actual: [
        { date: '2023-01-01', value: 17 },
        { date: '2024-01-01', value: 17.2 },
        { date: '2024-07-01', value: null },
      ],
    });
    expect(e.status).toBe('off_target');
    expect(e.latest?.date).toBe('2024-01-01');
  });

  it('is reached at or beyond the target, missed after the target date without it', () => {
    expect(
      evaluateGoal({ baseline, target, actual: [{ date: '2025-01-01', value: 11 }] }).status,
    ).toBe('reached');
    expect(
      evaluateGoal({ baseline, target, actual: [{ date: '2026-06-30', value: 13 }] }).status,
    ).toBe('missed');
  });

  it('works for goals that raise a value', () => {
    const e = evaluateGoal({
      baseline: { date: '2022-01-01', value: 50 },
      target: { date: '2024-01-01', value: 60 },
      actual: [{ date: '2023-01-01', value: 53 }],
    });
    expect(e.status).toBe('off_target'); // line ≈ 55, lag 2 > 1
  });
});

describe('signals', () => {
  it('flags a measure overdue after its end date unless done or cancelled', () => {
    const base = { end: '2026-01-31', goals: [], today: '2026-02-01' } as const;
    expect(measureSignals({ ...base, status: 'in_progress' }).map((s) => s.kind)).toEqual([
      'overdue',
    ]);
    expect(measureSignals({ ...base, status: 'in_progress' })[0]!.detail).toContain('31.01.2026');
    expect(measureSignals({ ...base, status: 'done' })).toEqual([]);
    expect(measureSignals({ ...base, status: 'cancelled' })).toEqual([]);
    expect(measureSignals({ ...base, status: 'planned', today: '2026-01-31' })).toEqual([]);
  });

  it('flags goals off target or missed', () => {
    const off = evaluateGoal({ baseline, target, actual: [{ date: '2024-01-01', value: 19 }] });
    const s = measureSignals({
      status: 'in_progress',
      end: null,
      today: '2024-02-01',
      goals: [{ indicatorName: 'Kinderarmut', evaluation: off, targetDate: target.date }],
    });
    expect(s).toEqual([
      { kind: 'off_target', since: '2024-01-01', detail: expect.stringContaining('Kinderarmut') },
    ]);
  });
});
