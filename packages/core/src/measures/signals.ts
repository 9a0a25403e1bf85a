// Signals of measures (issue 14 § 2): overdue (the end date has passed and the measure is not
// finished) and off target (a goal's latest value lags behind its target line beyond the tolerance,
// or the target date passed without reaching it). They go to the alert feed and the agenda builder.
import type { GoalEvaluation } from './goals.ts';
import type { MeasureStatus } from './progress.ts';

export type MeasureSignalKind = 'overdue' | 'off_target';

/** A signal of one measure: what, since when, and a German sentence. */
export interface MeasureSignalFact {
  kind: MeasureSignalKind;
  since: string;
  detail: string;
}

/** What the signals look at. `today` is passed in: core reads no clock. */
export interface SignalInput {
  status: MeasureStatus;
  end: string | null;
  goals: readonly { indicatorName: string; evaluation: GoalEvaluation; targetDate: string }[];
  today: string;
}

const germanDate = (iso: string): string => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

/** True when the measure is neither done nor cancelled and its end date lies before today. */
export function isOverdue(status: MeasureStatus, end: string | null, today: string): boolean {
  return end !== null && end < today && status !== 'done' && status !== 'cancelled';
}

/** The signals of one measure (overdue first, then one per goal off target or missed). */
export function measureSignals(input: SignalInput): MeasureSignalFact[] {
  const out: MeasureSignalFact[] = [];
  if (isOverdue(input.status, input.end, input.today))
    out.push({
      kind: 'overdue',
      since: input.end!,
      detail: `Die Maßnahme sollte am ${germanDate(input.end!)} abgeschlossen sein und ist es nicht.`,
    });
  if (input.status === 'cancelled') return out;
  for (const g of input.goals) {
    const e = g.evaluation;
    if (e.latest && e.status === 'off_target')
      out.push({
        kind: 'off_target',
        since: e.latest.date,
        detail: `„${g.indicatorName}“ liegt am ${germanDate(e.latest.date)} hinter dem Zielpfad.`,
      });
    else if (e.latest && e.status === 'missed')
      out.push({
        kind: 'off_target',
        since: g.targetDate,
        detail: `„${g.indicatorName}“ hat das Ziel zum ${germanDate(g.targetDate)} verfehlt.`,
      });
  }
  return out;
}
