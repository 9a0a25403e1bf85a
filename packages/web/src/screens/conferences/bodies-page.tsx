// /konferenzen — every body of the municipality; organisers create new ones.
import { useState, type FormEvent } from 'react';
import { conferencesApi, type ConferenceBody } from '../../api/conferences.ts';
import { Link } from '../../components/link.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { navigate } from '../../lib/router.ts';
import { useFetch } from '../../lib/use-fetch.ts';

const KINDS: ConferenceBody['kind'][] = [
  'sozialraumkonferenz',
  'planungskonferenz',
  'ag78',
  'stadtteilrunde',
];

function NewBodyForm() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ConferenceBody['kind']>('sozialraumkonferenz');
  const [name, setName] = useState('');
  const [areas, setAreas] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const areaIds = areas
        .split(/[,\s]+/)
        .filter(Boolean)
        .map(Number);
      const body = await conferencesApi.createBody({ kind, name, areaIds });
      navigate(`/konferenzen/${body.id}`);
    } catch (err) {
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <details className="conf-box">
      <summary>{t.confNewBody}</summary>
      <form onSubmit={send} className="conf-form">
        <label htmlFor="conf-kind">{t.confKind}</label>
        <select
          id="conf-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as ConferenceBody['kind'])}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t.confKindLabel(k)}
            </option>
          ))}
        </select>
        <label htmlFor="conf-name">{t.confName}</label>
        <input id="conf-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor="conf-areas">{t.confAreaIds}</label>
        <input id="conf-areas" value={areas} onChange={(e) => setAreas(e.target.value)} />
        <button type="submit" className="btn btn-primary">
          {t.confCreate}
        </button>
        {msg && <p role="alert">{msg}</p>}
      </form>
    </details>
  );
}

export function BodiesPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const list = useFetch(() => conferencesApi.bodies(), []);
  return (
    <div className="page conf-page">
      <h1>{t.confTitle}</h1>
      <p className="lead">{t.confIntro}</p>
      {auth.can('conferences.organise') && <NewBodyForm />}
      {list.status === 'loading' && !list.data && <Loading />}
      {list.status === 'error' && (
        <ErrorState error={list.error} what={t.confTitle} onRetry={list.reload} />
      )}
      {list.data && list.data.length === 0 && <Empty>{t.confEmpty}</Empty>}
      <ul className="conf-list">
        {list.data?.map((b) => (
          <li key={b.id} className="conf-card">
            <span className="conf-kind">{t.confKindLabel(b.kind)}</span>
            <Link href={`/konferenzen/${b.id}`} className="conf-card-title">
              {b.name}
            </Link>
            {b.areas.length > 0 && (
              <span className="conf-muted">{b.areas.map((a) => a.name).join(', ')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
