// /mitmachen/befragungen — the open surveys, one card each (mobile first).
import { surveysApi } from '../../api/surveys.ts';
import { Link } from '../../components/link.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { formatDate } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';

export function OpenSurveys() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const list = useFetch(() => surveysApi.open(), []);
  return (
    <div className="page sv-page">
      <h1>{t.svPublicTitle}</h1>
      <p className="lead">{t.svPublicIntro}</p>
      {auth.can('surveys.edit') && (
        <p>
          <Link href="/befragungen">{t.svManage}</Link>
        </p>
      )}
      {list.status === 'loading' && !list.data && <Loading />}
      {list.status === 'error' && (
        <ErrorState error={list.error} what={t.svPublicTitle} onRetry={list.reload} />
      )}
      {list.data && list.data.length === 0 && <Empty>{t.svNoneOpen}</Empty>}
      <ul className="sv-list">
        {(list.data ?? []).map((s) => (
          <li key={s.id} className="sv-card">
            <h2>
              <Link href={`/mitmachen/befragungen/${s.id}`}>{s.title}</Link>
            </h2>
            <p className="sv-meta">
              {s.areaName ? t.svForArea(s.areaName) : t.svWholeCity}
              {s.closesOn && ` · ${t.svUntil(formatDate(s.closesOn, lang))}`}
            </p>
            {s.intro && <p>{s.intro}</p>}
            <Link href={`/mitmachen/befragungen/${s.id}`} className="btn btn-primary">
              {t.svTakePart}
              <span className="visually-hidden">: {s.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
