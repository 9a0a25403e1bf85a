import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../catalogue/dimensions.ts';
import {
  REPORT_TOPICS,
  leadingZeroBits,
  meetsDifficulty,
  powInput,
  shouldAutoHide,
  statusChangeProblem,
  topicDimension,
} from './index.ts';

describe('report topics', () => {
  it('map every topic to a known Lebenslage', () => {
    for (const t of REPORT_TOPICS) expect(DIMENSIONS).toContain(t.dimension);
    expect(topicDimension('housing')).toBe('housing');
  });
  it('refuse an unknown topic by name', () => {
    expect(() => topicDimension('parking')).toThrow(/Unbekanntes Thema „parking“/);
  });
});

describe('status changes', () => {
  it('require a public reason for a rejection', () => {
    expect(statusChangeProblem('rejected', null)).toMatch(/Begründung/);
    expect(statusChangeProblem('rejected', '   ')).toMatch(/Begründung/);
    expect(statusChangeProblem('rejected', 'Fläche gehört dem Land')).toBeNull();
    expect(statusChangeProblem('in_review', null)).toBeNull();
  });
});

describe('automatic hiding', () => {
  it('hides at the threshold unless a moderator reviewed the report', () => {
    expect(shouldAutoHide(2, 3, false)).toBe(false);
    expect(shouldAutoHide(3, 3, false)).toBe(true);
    expect(shouldAutoHide(9, 3, true)).toBe(false);
    expect(shouldAutoHide(9, 0, false)).toBe(false);
  });
});

describe('proof of work', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(Uint8Array.of(0x80))).toBe(0);
    expect(leadingZeroBits(Uint8Array.of(0x01))).toBe(7);
    expect(leadingZeroBits(Uint8Array.of(0, 0x10, 0xff))).toBe(11);
    expect(leadingZeroBits(Uint8Array.of(0, 0))).toBe(16);
  });
  it('accepts a nonce found by search and rejects a wrong one', () => {
    const digest = (n: string) =>
      new Uint8Array(createHash('sha256').update(powInput('abc', n)).digest());
    let nonce = 0;
    while (!meetsDifficulty(digest(String(nonce)), 8)) nonce++;
    expect(meetsDifficulty(digest(String(nonce)), 8)).toBe(true);
    // the first nonces before the found one all fail: the search stopped at the first success
    for (let n = 0; n < nonce; n++) expect(meetsDifficulty(digest(String(n)), 8)).toBe(false);
  });
});
