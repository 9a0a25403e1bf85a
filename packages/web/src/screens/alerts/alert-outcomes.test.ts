import { describe, expect, it } from 'vitest';
import type { AlertOutcomeList } from '../../api/trace.ts';
import { outcomesByAlert } from './alert-outcomes.tsx';

const o = (alertId: number, measures: string[]): AlertOutcomeList[number] => ({
  alertId,
  agendaItems: [],
  measures: measures.map((id) => ({
    kind: 'measure',
    id,
    label: `M ${id}`,
    href: `/massnahmen/${id}`,
    meeting: null,
    status: 'planned',
    deletedAt: null,
    goals: [],
  })),
});

describe('what became of an alert', () => {
  it('finds the outcome of each alert by its id, and none for an alert that became nothing', () => {
    const out = outcomesByAlert([o(7, ['1', '3']), o(8, ['5'])]);
    expect(out.get(7)!.measures.map((m) => m.id)).toEqual(['1', '3']);
    expect(out.get(8)!.measures.map((m) => m.id)).toEqual(['5']);
    expect(out.has(9)).toBe(false);
  });
});
