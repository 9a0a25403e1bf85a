// /konferenzen/:id — a body: kind, areas, members, meetings, calendar feed; organisers plan meetings.
import { useState, type FormEvent } from 'react';
import { conferencesApi, type ConferenceBodyDetail } from '../../api/conferences.ts';
import { Link } from '../../components/link.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { formatBerlinDateTime, formatDate } from '../../lib/core-bridge.ts';
import { navigate } from '../../lib/router.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { MemberPicker, type Candidate } from './member-picker.tsx';

function NewMeetingForm({ bodyId }: { bodyId: number }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [place, setPlace] = useState('');
  const [online, setOnline] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const m = await conferencesApi.createMeeting(bodyId, {
        title,
        start,
        end,
        ...(place ? { place } : {}),
        ...(online ? { onlineUrl: online } : {}),
      });
      navigate(`/konferenzen/sitzungen/${m.id}`);
    } catch (err) {
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <details className="conf-box">
      <summary>{t.confNewMeeting}</summary>
      <form onSubmit={send} className="conf-form">
        <label htmlFor="conf-m-title">{t.confMeetingTitle}</label>
        <input
          id="conf-m-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
        <label htmlFor="conf-m-start">{t.confStart}</label>
        <input
          id="conf-m-start"
          type="datetime-local"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          required
        />
        <label htmlFor="conf-m-end">{t.confEnd}</label>
        <input
          id="conf-m-end"
          type="datetime-local"
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          required
        />
        <label htmlFor="conf-m-place">{t.confPlace}</label>
        <input id="conf-m-place" value={place} onChange={(e) => setPlace(e.target.value)} />
        <label htmlFor="conf-m-online">{t.confOnline}</label>
        <input
          id="conf-m-online"
          type="url"
          value={online}
          onChange={(e) => setOnline(e.target.value)}
        />
        <button type="submit" className="btn btn-primary">
          {t.confPlan}
        </button>
        {msg && <p role="alert">{msg}</p>}
      </form>
    </details>
  );
}

function Members({ body, onChanged }: { body: ConferenceBodyDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [msg, setMsg] = useState<string | null>(null);
  if (body.members.length === 0) return <Empty>{t.confNoMembers}</Empty>;
  const consent = async (id: number, namePublic: boolean) => {
    try {
      await conferencesApi.setMemberConsent(body.id, id, namePublic);
      setMsg(null);
      onChanged();
    } catch (err) {
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <ul className="conf-members">
      {body.members.map((m) => (
        <li key={m.id}>
          <strong className={m.nameWithheld ? 'conf-muted' : undefined}>{m.name}</strong> ·{' '}
          {t.confRoleLabel(m.role)} · {formatDate(m.validFrom, lang)}
          {m.validTo ? ` – ${formatDate(m.validTo, lang)}` : ''}
          {m.kind === 'person' && !m.nameWithheld && !m.namePublic && (
            <span className="conf-muted"> · {t.confMemberNameInternal}</span>
          )}
          {body.canOrganise && m.kind === 'person' && !m.inOffice && (
            <label className="conf-consent">
              <input
                type="checkbox"
                checked={m.namePublic}
                onChange={(e) => void consent(m.id, e.target.checked)}
              />{' '}
              {t.confMemberConsent(m.name)}
            </label>
          )}
        </li>
      ))}
      {msg && <li role="alert">{msg}</li>}
    </ul>
  );
}

function AddMemberForm({ bodyId, onDone }: { bodyId: number; onDone: () => void }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const [role, setRole] = useState('member');
  const [from, setFrom] = useState('');
  const [namePublic, setNamePublic] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) {
      setMsg(t.confMemberChoose);
      return;
    }
    try {
      await conferencesApi.addMember(bodyId, {
        ...(chosen.kind === 'person' ? { userId: chosen.id } : { organisationId: chosen.id }),
        role,
        validFrom: from,
        namePublic: chosen.kind === 'person' && namePublic,
      });
      setMsg(null);
      setChosen(null);
      onDone();
    } catch (err) {
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <details className="conf-box">
      <summary>{t.confAddMember}</summary>
      <form onSubmit={send} className="conf-form">
        <MemberPicker chosen={chosen} onChoose={setChosen} />
        <label htmlFor="conf-mem-role">{t.confMemberRole}</label>
        <select id="conf-mem-role" value={role} onChange={(e) => setRole(e.target.value)}>
          {['chair', 'deputy', 'member', 'guest'].map((r) => (
            <option key={r} value={r}>
              {t.confRoleLabel(r)}
            </option>
          ))}
        </select>
        <label htmlFor="conf-mem-from">{t.confMemberFrom}</label>
        <input
          id="conf-mem-from"
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          required
        />
        {chosen?.kind === 'person' && (
          <label className="conf-check">
            <input
              type="checkbox"
              checked={namePublic}
              onChange={(e) => setNamePublic(e.target.checked)}
            />{' '}
            {t.confMemberNamePublic}
          </label>
        )}
        <button type="submit" className="btn btn-primary">
          {t.confMemberAdd}
        </button>
        {msg && <p role="alert">{msg}</p>}
      </form>
    </details>
  );
}

function PersonalFeed() {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  return url ? (
    <input className="conf-feed" readOnly value={url} aria-label={t.confPersonalFeed} />
  ) : (
    <button
      type="button"
      className="btn btn-small"
      onClick={() => void conferencesApi.feedToken().then((r) => setUrl(r.url))}
    >
      {t.confPersonalFeed}
    </button>
  );
}

export function BodyPage({ id }: { id: number }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const body = useFetch(() => conferencesApi.body(id), [id]);
  if (!body.data)
    return (
      <div className="page">
        {body.status === 'error' ? (
          <ErrorState error={body.error} what={t.confTitle} onRetry={body.reload} />
        ) : (
          <Loading />
        )}
      </div>
    );
  const b = body.data;
  return (
    <div className="page conf-page">
      <p>
        <Link href="/konferenzen">← {t.confAllBodies}</Link>
      </p>
      <span className="conf-kind">{t.confKindLabel(b.kind)}</span>
      <h1>{b.name}</h1>
      {b.description && <p className="lead">{b.description}</p>}
      {b.areas.length > 0 && (
        <p>
          {t.confAreas}:{' '}
          {b.areas.map((a, i) => (
            <span key={a.id}>
              {i > 0 && ', '}
              <Link href={`/gebiete/${a.id}`}>{a.name}</Link>
            </span>
          ))}
        </p>
      )}
      <p className="conf-actions">
        <a className="btn btn-small" href={b.calendarUrl}>
          {t.confCalendar}
        </a>
        {auth.can('conferences.participate') && <PersonalFeed />}
      </p>
      <div className="conf-columns">
        <section>
          <h2>{t.confMeetings}</h2>
          {b.canOrganise && <NewMeetingForm bodyId={b.id} />}
          {b.meetings.length === 0 && <Empty>{t.confNoMeetings}</Empty>}
          <ul className="conf-list">
            {[...b.meetings].reverse().map((m) => (
              <li key={m.id} className="conf-card">
                <Link href={`/konferenzen/sitzungen/${m.id}`} className="conf-card-title">
                  {m.title}
                </Link>
                <span className="conf-muted">
                  {formatBerlinDateTime(m.start, lang)} · {t.confStatusLabel(m.status)}
                  {m.minutesApproved ? ` · ${t.confApproved}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h2>{t.confMembers}</h2>
          {b.canOrganise && <AddMemberForm bodyId={b.id} onDone={body.reload} />}
          <Members body={b} onChanged={body.reload} />
        </section>
      </div>
    </div>
  );
}
