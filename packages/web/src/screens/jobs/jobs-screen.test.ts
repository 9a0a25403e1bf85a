import { describe, expect, it } from 'vitest';
import { formatDuration } from './jobs-screen.tsx';

describe('formatDuration', () => {
  it('writes short durations with a decimal comma and long ones in minutes and hours', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(12)).toBe('< 0,1 s');
    expect(formatDuration(420)).toBe('0,4 s');
    expect(formatDuration(9_950)).toBe('10,0 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
  });
});
