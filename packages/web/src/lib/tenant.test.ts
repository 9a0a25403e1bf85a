import { describe, expect, it } from 'vitest';
import { requestedTenant } from '../api/http.ts';

function memoryStore() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
  };
}

describe('requestedTenant', () => {
  it('takes ?mandant= from the address and keeps it for the tab', () => {
    const store = memoryStore();
    expect(requestedTenant('?mandant=gemeinde-y&level=plr', store)).toBe('gemeinde-y');
    expect(requestedTenant('?level=plr', store)).toBe('gemeinde-y');
  });

  it('ignores ids that are no tenant ids and is null without one', () => {
    const store = memoryStore();
    expect(requestedTenant('?mandant=../../etc', store)).toBeNull();
    expect(requestedTenant('', store)).toBeNull();
  });
});
