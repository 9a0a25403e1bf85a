// Client of the trace (issue 14 § 2, „trace both ways“): where an alert, agenda item, decision or
// measure came from and what became of it; for the alert feed, the outcomes of all alerts at once.
import type { AlertOutcomeList, Trace } from '@sozialraum/contracts/trace';
import { request } from './http.ts';

export type {
  AlertOutcomeList,
  Trace,
  TraceDecision,
  TraceGoal,
  TraceItem,
  TraceMeasure,
  TraceStep,
} from '@sozialraum/contracts/trace';

export type TraceSubject = 'alerts' | 'agenda-items' | 'decisions' | 'measures';

export const traceApi = {
  get: (kind: TraceSubject, id: number | string) =>
    request<Trace>(`/api/trace/${kind}/${encodeURIComponent(String(id))}`),
  alertOutcomes: () => request<AlertOutcomeList>('/api/trace/alerts'),
};
