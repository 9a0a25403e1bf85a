// The alert feed's second list (issue 14 § 2): measures that are overdue or lag behind their goals'
// target lines, next to the indicators' early warnings, each with a link to the measure and its
// areas (judged by the server on what the reader may read).
import { measuresApi } from '../../api/measures.ts';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';

export function MeasureSignalsSection() {
  const { t, lang } = useI18n();
  const q = useFetch(() => measuresApi.signals(), []);
  return (
    <section aria-labelledby="alerts-measure-signals" className="alerts-measure-signals">
      <h2 id="alerts-measure-signals">{t.msSignalsFeed}</h2>
      <p style={{ maxWidth: '60em' }}>{t.msSignalsFeedIntro}</p>
      {q.status === 'error' && (
        <ErrorState error={q.error} what={t.msSignalsFeed} onRetry={q.reload} />
      )}
      {!q.data && q.status === 'loading' && <Loading />}
      {q.data && q.data.length === 0 && <p className="state state-empty">{t.msSignalsFeedEmpty}</p>}
      {q.data && q.data.length > 0 && (
        <ul aria-label={t.msSignalsFeed} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {q.data.map((s) => (
            <li
              key={`${s.measureId}-${s.kind}`}
              style={{
                border: '1px solid #d0d4da',
                borderLeft: `4px solid ${s.kind === 'overdue' ? '#b3261e' : '#8a5a00'}`,
                borderRadius: 4,
                padding: '10px 12px',
                marginBottom: 10,
                background: '#fff',
              }}
            >
              <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                <strong style={{ fontSize: 16 }}>
                  <Link href={s.href}>{s.title}</Link>
                </strong>
                <span style={{ fontSize: 13, color: '#333' }}>
                  {s.kind === 'overdue' ? t.msSignalOverdue : t.msSignalOffTarget} ·{' '}
                  {t.msSince(formatDate(s.since, lang))}
                </span>
              </div>
              <p style={{ margin: '6px 0' }}>{s.detail}</p>
              <p style={{ margin: 0, fontSize: 13 }}>
                {s.citywide
                  ? t.msCitywide
                  : s.areas.map((a, i) => (
                      <span key={a.id}>
                        {i > 0 ? ', ' : ''}
                        <Link href={`/gebiete/${a.id}`}>{a.name}</Link>
                      </span>
                    ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
