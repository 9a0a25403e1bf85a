import { describe, expect, it } from 'vitest';
import type { Principal, PrincipalKind } from '../access/index.ts';
import { canReadIndicator, readerClass, type ReadableIndicator } from './policy.ts';

// Prepared answers are shared by readers of one class (http/prepared.ts): two principals of the
// same class must read exactly the same indicators, and see cells the same way.
describe('readerClass', () => {
  const kinds: PrincipalKind[] = ['anonymous', 'session', 'token'];
  const departments = [null, 'sozialplanung', 'gesundheit', 'null'];
  const grants = [
    [],
    ['indicators.read'],
    ['indicators.read', 'indicators.read_all'],
    ['indicators.read', 'disclosure.unsuppressed'],
    ['indicators.read', 'indicators.read_all', 'disclosure.unsuppressed'],
  ];
  const principals: Principal[] = kinds.flatMap((kind) =>
    departments.flatMap((departmentId) =>
      grants.map((g) => ({
        kind,
        tenantId: 'berlin',
        userId: kind === 'anonymous' ? null : 1,
        name: 'x',
        displayName: 'x',
        departmentId,
        roles: [],
        permissions: new Set(g),
      })),
    ),
  );
  const indicators: ReadableIndicator[] = (['public', 'internal', 'department'] as const).flatMap(
    (visibility) =>
      [
        { department: 'sozialplanung', sharedWith: [] },
        { department: 'gesundheit', sharedWith: ['sozialplanung'] },
        { department: 'null', sharedWith: [] },
      ].map((d) => ({ visibility, ...d })),
  );

  it('puts principals in one class only when they read the same indicators and cells', () => {
    for (const a of principals)
      for (const b of principals) {
        if (readerClass(a) !== readerClass(b)) continue;
        expect(a.permissions.has('disclosure.unsuppressed')).toBe(
          b.permissions.has('disclosure.unsuppressed'),
        );
        for (const ind of indicators)
          expect(canReadIndicator(a, ind)).toBe(canReadIndicator(b, ind));
      }
  });

  it('keeps anonymous visitors apart from signed-in people', () => {
    const [anon, signedIn] = ['anonymous', 'session'].map((kind) =>
      principals.find(
        (p) => p.kind === kind && p.permissions.size === 1 && p.departmentId === null,
      ),
    );
    expect(readerClass(anon!)).not.toBe(readerClass(signedIn!));
  });
});
