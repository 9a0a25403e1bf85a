import { describe, expect, it } from 'vitest';
import {
  POLL_BASE_MS,
  POLL_ERROR_MAX_MS,
  POLL_MAX_MS,
  firstPoll,
  isTypingTarget,
  nextPoll,
  onDemoLoaded,
  type PollState,
} from './demo-poll.ts';

/** The waits after a sequence of answers (a per cent, or 'error'). */
function waits(answers: ({ percent: number } | 'error')[]): number[] {
  let s: PollState = firstPoll();
  return answers.map((a) => (s = nextPoll(s, a)).delayMs);
}

describe('polling the demo load', () => {
  it('asks every 3 s while the per cent moves', () => {
    expect(waits([{ percent: 4 }, { percent: 9 }, { percent: 15 }])).toEqual([3000, 3000, 3000]);
  });

  it('backs off up to 15 s while the per cent stands still, and returns to 3 s when it moves', () => {
    const p = { percent: 80 };
    expect(waits([p, p, p, p, p, p, p, p, { percent: 81 }])).toEqual([
      3000,
      4500,
      6750,
      10125,
      POLL_MAX_MS,
      POLL_MAX_MS,
      POLL_MAX_MS,
      POLL_MAX_MS,
      POLL_BASE_MS,
    ]);
  });

  it('doubles the wait up to 30 s while the server does not answer, keeping the per cent', () => {
    const seq = waits([{ percent: 50 }, 'error', 'error', 'error', 'error', 'error', 'error']);
    expect(seq).toEqual([3000, 6000, 12000, 24000, POLL_ERROR_MAX_MS, 30000, 30000]);
    // the answer after the outage moved on: back to the base wait
    let s = nextPoll(nextPoll(firstPoll(), { percent: 50 }), 'error');
    expect(s.percent).toBe(50);
    s = nextPoll(s, { percent: 60 });
    expect(s).toEqual({ delayMs: POLL_BASE_MS, percent: 60 });
  });
});

describe('when the demo has loaded', () => {
  it('reloads the page unless the person has typed into a field', () => {
    expect(onDemoLoaded(false)).toBe('reload');
    expect(onDemoLoaded(true)).toBe('offer');
  });

  it('counts text fields, text areas and editable content as typing, not choices', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'number' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'range' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
