import { describe, expect, it } from 'vitest';
import { assessmentChanges, assessmentEdits } from './index.ts';

const v1 = { observedDate: '2026-03-01', trend: 'same', urgency: 1, text: 'ruhig', evidence: '' };
const v2 = { ...v1, trend: 'worse', urgency: 3 };
const v3 = { ...v2, text: 'Treffpunkt am Abend verlagert', evidence: 'Zählung 12.03.' };

describe('assessmentChanges', () => {
  it('names only the fields that differ, in reading order', () => {
    expect(assessmentChanges(v1, v2)).toEqual([
      { field: 'trend', before: 'same', after: 'worse' },
      { field: 'urgency', before: 1, after: 3 },
    ]);
  });

  it('is empty for equal versions and ignores other keys', () => {
    const a: Record<string, unknown> = { ...v1, author: 'a' };
    const b: Record<string, unknown> = { ...v1, author: 'b' };
    expect(assessmentChanges(a, b)).toEqual([]);
  });

  it('treats a missing field as null', () => {
    expect(assessmentChanges({}, { evidence: 'x' })).toEqual([
      { field: 'evidence', before: null, after: 'x' },
    ]);
  });
});

describe('assessmentEdits', () => {
  it('pairs each kept version with the next one, the newest with the current, newest first', () => {
    const edits = assessmentEdits(
      [
        { revision: 2, snapshot: v2, meta: 'zweite' },
        { revision: 1, snapshot: v1, meta: 'erste' },
      ],
      v3,
    );
    expect(edits.map((e) => [e.revision, e.meta])).toEqual([
      [2, 'zweite'],
      [1, 'erste'],
    ]);
    expect(edits[0]!.changes.map((c) => c.field)).toEqual(['text', 'evidence']);
    expect(edits[1]!.changes.map((c) => c.field)).toEqual(['trend', 'urgency']);
  });

  it('has no edits without revisions', () => {
    expect(assessmentEdits([], v1)).toEqual([]);
  });
});
