import { describe, expect, it } from 'vitest';
import { measureIdsOf, toItem } from './shape.ts';
import type { DecisionRow, ItemRow } from './store-agenda.ts';

const item = {
  id: 1,
  meeting_id: 2,
  status: 'accepted',
  position: 1,
  merged_into_id: null,
  title: 'Maßnahme überfällig',
  description: '',
  source_kind: 'measure_overdue',
  source_id: '7',
  reason: 'Maßnahme überfällig',
  evidence: {
    detail: 'seit März',
    areaIds: [],
    numbers: [],
    href: '/massnahmen/7',
    occurredAt: '2026-03-01',
  },
  notes: null,
  published_notes: null,
  speakers: null,
  minutes_modified_at: null,
} as unknown as ItemRow;

const decision = {
  id: 3,
  agenda_item_id: 1,
  text: 'Nachsteuern',
  vote_yes: null,
  vote_no: null,
  vote_abstain: null,
  task_title: 'Neue Maßnahme',
  task_department_id: null,
  task_due_date: null,
  measure_id: '8',
  created_at: new Date('2026-03-02T10:00:00Z'),
} as unknown as DecisionRow;

describe('an agenda item naming deleted measures', () => {
  it('collects the measure ids of proposals and decisions', () => {
    expect(measureIdsOf([item], [decision])).toEqual(['8', '7']);
  });

  it('says when the proposal’s and the task’s measures were deleted, and nothing while they exist', () => {
    const view = { internal: true, approved: false };
    const live = toItem(item, [decision], view);
    expect(live.evidence!.sourceDeletedAt).toBeUndefined();
    expect(live.decisions[0]!.task!.measureDeletedAt).toBeNull();
    const deleted = new Map([
      ['7', '2026-04-01T08:00:00.000Z'],
      ['8', '2026-04-02T08:00:00.000Z'],
    ]);
    const gone = toItem(item, [decision], view, deleted);
    expect(gone.evidence!.sourceDeletedAt).toBe('2026-04-01T08:00:00.000Z');
    expect(gone.decisions[0]!.task!.measureDeletedAt).toBe('2026-04-02T08:00:00.000Z');
  });
});
