import { describe, expect, it } from 'vitest';
import type { MeasureSummary } from '../../api/measures.ts';
import { measuresByAlert } from './alert-outcomes.tsx';

const m = (id: string, origin: MeasureSummary['origin']) =>
  ({ id, title: `M ${id}`, origin }) as MeasureSummary;

describe('what became of an alert', () => {
  it('groups the measures by the alert they came from, ignoring other origins', () => {
    const out = measuresByAlert([
      m('1', { kind: 'alert', id: '7', label: 'x', href: null }),
      m('2', { kind: 'decision', id: '7', label: 'x', href: null }),
      m('3', { kind: 'alert', id: '7', label: 'x', href: null }),
      m('4', null),
      m('5', { kind: 'alert', id: '8', label: 'x', href: null }),
    ]);
    expect(out.get(7)).toEqual([
      { id: '1', title: 'M 1' },
      { id: '3', title: 'M 3' },
    ]);
    expect(out.get(8)!.map((x) => x.id)).toEqual(['5']);
    expect(out.has(9)).toBe(false);
  });
});
