// When the note of the Berlin demo's second phase (ADR 0053, 0062) asks /api/health again, and what
// the open page does when the phase has ended. Pure, so the unit tests can walk through a load:
// asks every 3 s while the per cent moves, backs off up to 15 s while it stands still (a long
// step), and up to 30 s while the server does not answer; a new per cent brings it back to 3 s.

export const POLL_BASE_MS = 3_000;
export const POLL_MAX_MS = 15_000;
export const POLL_ERROR_MAX_MS = 30_000;

export interface PollState {
  /** the wait before the next question */
  delayMs: number;
  /** the per cent of the last answer (null before the first one) */
  percent: number | null;
}

export const firstPoll = (): PollState => ({ delayMs: POLL_BASE_MS, percent: null });

/** The next wait after an answer with the per cent done, or after a failed question ('error'). */
export function nextPoll(state: PollState, answer: { percent: number } | 'error'): PollState {
  if (answer === 'error')
    return { ...state, delayMs: Math.min(POLL_ERROR_MAX_MS, state.delayMs * 2) };
  if (state.percent === null || answer.percent !== state.percent)
    return { delayMs: POLL_BASE_MS, percent: answer.percent };
  return {
    delayMs: Math.min(POLL_MAX_MS, Math.round(state.delayMs * 1.5)),
    percent: state.percent,
  };
}

/**
 * What the page does when the demo has loaded: reloads itself (every screen then reads the new
 * dates, tables and facilities), unless the person has typed into a field since the page opened —
 * then the note offers the reload and nothing typed is lost.
 */
export const onDemoLoaded = (typed: boolean): 'reload' | 'offer' => (typed ? 'offer' : 'reload');

/** Input types into which a person types text (a select or checkbox is a choice, kept in the URL). */
const TYPED_INPUTS = new Set([
  '',
  'text',
  'search',
  'email',
  'number',
  'password',
  'tel',
  'url',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** Whether an input event's target is a field a person types into. */
export function isTypingTarget(
  target: { tagName?: string; type?: string; isContentEditable?: boolean } | null,
): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toLowerCase();
  if (tag === 'textarea') return true;
  return tag === 'input' && TYPED_INPUTS.has((target.type ?? '').toLowerCase());
}
