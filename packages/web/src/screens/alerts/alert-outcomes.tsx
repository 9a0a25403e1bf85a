// „Was ist daraus geworden?“ on an alert's card (issue 14 § 2, trace both ways): the measures the
// reader may see whose origin is this alert, linked — the other direction of the measure page's
// „Woher kommt das?“. Built from the measures list the feed loads once.
import type { MeasureSummary } from '../../api/measures.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';

export type AlertOutcomes = ReadonlyMap<number, { id: string; title: string }[]>;

/** The measures created from each alert, by alert id. */
export function measuresByAlert(list: readonly MeasureSummary[]): AlertOutcomes {
  const out = new Map<number, { id: string; title: string }[]>();
  for (const m of list) {
    if (m.origin?.kind !== 'alert' || !/^\d+$/.test(m.origin.id)) continue;
    const key = Number(m.origin.id);
    out.set(key, [...(out.get(key) ?? []), { id: m.id, title: m.title }]);
  }
  return out;
}

/** The line on the card; nothing when no measure came from the alert. */
export function AlertOutcomeLine({ measures }: { measures: { id: string; title: string }[] }) {
  const { t } = useI18n();
  if (measures.length === 0) return null;
  return (
    <p className="alert-outcome" style={{ margin: '6px 0', fontSize: 14 }}>
      {t.msOutcome}{' '}
      {measures.map((m, i) => (
        <span key={m.id}>
          {i > 0 && ', '}
          {t.msOutcomeMeasure} <Link href={`/massnahmen/${m.id}`}>{m.title}</Link>
        </span>
      ))}
    </p>
  );
}
