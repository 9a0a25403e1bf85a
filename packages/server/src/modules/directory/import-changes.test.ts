import { describe, expect, it } from 'vitest';
import { IMPORT_DIFF_LIMITS, importChanges } from './import-changes.ts';

const snap = (over: Record<string, unknown> = {}) => ({ name: 'Treff', phone: null, ...over });

describe('importChanges', () => {
  it('keeps the changed fields of each service old → new and leaves unchanged ones out', () => {
    const before = new Map([
      ['a', snap()],
      ['b', snap()],
    ]);
    const after = new Map([
      ['a', snap({ name: 'Treff Nord' })],
      ['b', snap()],
    ]);
    expect(importChanges(['a', 'b'], before, after)).toEqual({
      serviceChanges: {
        a: { changes: { name: { before: 'Treff', after: 'Treff Nord' } }, moreFields: 0 },
      },
      moreServices: 0,
    });
    // a service only before or only after (created, gone) has no field diff here
    expect(importChanges(['a', 'c'], before, new Map([['c', snap()]])).serviceChanges).toEqual({});
  });

  it('records at most the limit of fields per service and of services, counting the rest', () => {
    const n = IMPORT_DIFF_LIMITS.fields + 5;
    const wide = (v: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, v]));
    const ids = Array.from({ length: IMPORT_DIFF_LIMITS.services + 3 }, (_, i) => `s${i}`);
    const r = importChanges(
      ids,
      new Map(ids.map((id) => [id, wide(1)])),
      new Map(ids.map((id) => [id, wide(2)])),
    );
    expect(Object.keys(r.serviceChanges)).toHaveLength(IMPORT_DIFF_LIMITS.services);
    expect(r.moreServices).toBe(3);
    expect(Object.keys(r.serviceChanges.s0!.changes)).toHaveLength(IMPORT_DIFF_LIMITS.fields);
    expect(r.serviceChanges.s0!.moreFields).toBe(5);
    expect(r.serviceChanges[`s${IMPORT_DIFF_LIMITS.services}`]).toBeUndefined();
  });

  it('cuts long texts and lists', () => {
    const long = 'x'.repeat(IMPORT_DIFF_LIMITS.textChars + 10);
    const list = Array.from({ length: IMPORT_DIFF_LIMITS.listItems + 2 }, (_, i) => i);
    const r = importChanges(
      ['a'],
      new Map([['a', snap()]]),
      new Map([['a', snap({ name: long, phone: list })]]),
    );
    const c = r.serviceChanges.a!.changes;
    expect(c.name!.after).toBe(`${'x'.repeat(IMPORT_DIFF_LIMITS.textChars)}…`);
    expect(c.phone!.after).toEqual([...list.slice(0, IMPORT_DIFF_LIMITS.listItems), '… 2 weitere']);
  });
});
