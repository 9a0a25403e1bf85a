// The card „Maßnahmen in diesem Gebiet“ of the area profile (issue 14 § 2): the measures the
// reader may see that name this area, with status and progress, and in one line the city-wide
// measures (they concern every area); planners may start a new one here.
import { measuresApi } from '../../api/measures.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { measureUrl, statusLabel } from './labels.ts';
import { MeasureSignals, ProgressBar } from './timeline.tsx';

export function AreaMeasures({ areaId, headingId }: { areaId: number; headingId: string }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const q = useFetch(() => measuresApi.list({ area: areaId }), [areaId]);
  // city-wide measures concern every area: named in one line under the area's own
  const city = useFetch(() => measuresApi.list({ citywide: true }), []);
  const titleId = `${headingId}-measures`;
  if (q.status === 'error' && q.error.status === 401) return null;
  return (
    <section className="profile-group ms-area-card" aria-labelledby={titleId}>
      <h3 className="profile-group-title" id={titleId}>
        {t.msInArea}
      </h3>
      {q.data && q.data.length === 0 && <p className="profile-empty-line">{t.msInAreaEmpty}</p>}
      {q.data && q.data.length > 0 && (
        <ul className="ms-area-list">
          {q.data.map((m) => (
            <li key={m.id}>
              <Link href={measureUrl(m.id)}>{m.title}</Link>
              <span className="ms-meta">
                <span className={`ms-status ms-status-${m.status}`}>
                  {statusLabel(t, m.status)}
                </span>
                <span>{t.msProgressOf(formatNumber(m.progress, 0, lang))}</span>
                <MeasureSignals m={m} />
              </span>
              <ProgressBar value={m.progress} label={`${t.msProgress}: ${m.title}`} />
            </li>
          ))}
        </ul>
      )}
      {city.data && city.data.length > 0 && (
        <p className="ms-citywide-line">
          {t.msCitywideHere(city.data.length)}{' '}
          {city.data.map((m, i) => (
            <span key={m.id}>
              {i > 0 && ', '}
              <Link href={measureUrl(m.id)}>{m.title}</Link>
            </span>
          ))}
        </p>
      )}
      {auth.can('measures.edit') && (
        <p>
          <Link href={`/massnahmen/neu?gebiet=${areaId}`}>{t.msFormCreateHere}</Link>
        </p>
      )}
    </section>
  );
}
