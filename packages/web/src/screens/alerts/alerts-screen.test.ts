import { describe, expect, it } from 'vitest';
import { parseStatusFilter } from './alerts-screen.tsx';

describe('parseStatusFilter', () => {
  it('reads a known status from the query string', () => {
    expect(parseStatusFilter('?status=closed')).toBe('closed');
    expect(parseStatusFilter('?status=new&x=1')).toBe('new');
  });

  it('shows all alerts for a missing or unknown status', () => {
    expect(parseStatusFilter('')).toBeNull();
    expect(parseStatusFilter('?status=offen')).toBeNull();
  });
});
