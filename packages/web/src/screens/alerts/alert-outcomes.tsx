// „Was ist daraus geworden?“ on an alert's card (issue 14 § 2, trace both ways): the agenda items the
// alert became — meeting, date and status (behandelt, nicht behandelt, vorgeschlagen) —, their
// decisions and the measures those decided, with their goals; and the measures made straight from
// the alert. Each links to where it is shown; the other direction is the measure page's and the
// agenda item's „Woher kommt das?“. Built from one request for the whole feed (GET /api/trace/alerts).
import type { AlertOutcomeList } from '../../api/trace.ts';
import { useI18n } from '../../i18n/index.tsx';
import { OutcomeTree } from '../measures/trace-view.tsx';

export type AlertOutcome = AlertOutcomeList[number];
export type AlertOutcomes = ReadonlyMap<number, AlertOutcome>;

/** The outcomes by alert id (alerts that became nothing are not in the list). */
export function outcomesByAlert(list: AlertOutcomeList): AlertOutcomes {
  return new Map(list.map((o) => [o.alertId, o]));
}

/** The section on the card; nothing when the alert became nothing yet. */
export function AlertOutcomeSection({ outcome }: { outcome: AlertOutcome | undefined }) {
  const { t } = useI18n();
  if (!outcome || outcome.agendaItems.length + outcome.measures.length === 0) return null;
  const headingId = `hinweis-${outcome.alertId}-outcome`;
  return (
    <section className="alert-outcome" aria-labelledby={headingId}>
      <h3 id={headingId} className="trace-heading">
        {t.trOutcome}
      </h3>
      <OutcomeTree outcome={outcome} />
    </section>
  );
}
