// /konferenzen/sitzungen/:id — a meeting with its agenda. Organisers run the agenda builder, accept
// proposals (with their evidence), order, merge, add own items, set proposals aside ("nicht
// behandelt"), invite by e-mail, write minutes, record decisions and approve the minutes.
import { useState, type FormEvent } from 'react';
import {
  conferencesApi,
  type ConferenceAgendaItem,
  type ConferenceMeetingDetail,
} from '../../api/conferences.ts';
import { Link } from '../../components/link.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { formatBerlinDateTime, formatBerlinTime } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { useScrollToHash } from '../../lib/scroll-to-hash.ts';
import { AcceptedItem, Evidence } from './agenda-item.tsx';
import { AttendancePanel } from './attendance.tsx';

type Update = (run: () => Promise<ConferenceMeetingDetail>) => Promise<void>;

function Proposal({
  item,
  accepted,
  update,
}: {
  item: ConferenceAgendaItem;
  accepted: ConferenceAgendaItem[];
  update: Update;
}) {
  const { t } = useI18n();
  const [into, setInto] = useState('');
  return (
    <li className="conf-item conf-proposal" id={`top-${item.id}`}>
      <div className="conf-item-head">
        <h3>{item.title}</h3>
        <div className="conf-buttons">
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => void update(() => conferencesApi.setStatus(item.id, 'accepted'))}
          >
            {t.confAccept}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void update(() => conferencesApi.setStatus(item.id, 'not_treated'))}
          >
            {t.confSetAside}
          </button>
        </div>
      </div>
      <Evidence item={item} />
      {accepted.length > 0 && (
        <div className="conf-merge">
          <label htmlFor={`conf-merge-${item.id}`}>{t.confMergeInto}</label>
          <select
            id={`conf-merge-${item.id}`}
            value={into}
            onChange={(e) => setInto(e.target.value)}
          >
            <option value="">{t.confMergeChoose}</option>
            {accepted.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={!into}
            onClick={() => void update(() => conferencesApi.merge(item.id, Number(into)))}
          >
            OK
          </button>
        </div>
      )}
    </li>
  );
}

function OwnItemForm({ meetingId, update }: { meetingId: number; update: Update }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const send = (e: FormEvent) => {
    e.preventDefault();
    void update(() => conferencesApi.addItem(meetingId, title)).then(() => setTitle(''));
  };
  return (
    <form onSubmit={send} className="conf-inline">
      <label htmlFor="conf-own">{t.confOwnItem}</label>
      <input id="conf-own" value={title} onChange={(e) => setTitle(e.target.value)} required />
      <button type="submit" className="btn btn-small">
        {t.confAddItem}
      </button>
    </form>
  );
}

function OrganiserBar({ m, update }: { m: ConferenceMeetingDetail; update: Update }) {
  const { t } = useI18n();
  const [msg, setMsg] = useState<string | null>(null);
  if (!m.canOrganise || m.minutesApproved) return null;
  return (
    <div className="conf-box conf-bar">
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => void update(() => conferencesApi.propose(m.id))}
      >
        {t.confPropose}
      </button>
      <span className="conf-muted">{t.confProposeHelp}</span>
      <button
        type="button"
        className="btn"
        onClick={() =>
          void conferencesApi.invite(m.id).then(
            (r) => setMsg(t.confInvited(r.sent, r.recipients)),
            (e: unknown) => setMsg(e instanceof Error ? e.message : String(e)),
          )
        }
      >
        {t.confInvite}
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => void update(() => conferencesApi.approve(m.id))}
      >
        {t.confApprove}
      </button>
      {msg && <p role="status">{msg}</p>}
    </div>
  );
}

function Agenda({ m, update }: { m: ConferenceMeetingDetail; update: Update }) {
  const { t } = useI18n();
  const accepted = m.agenda.filter((i) => i.status === 'accepted');
  const proposals = m.agenda.filter((i) => i.status === 'proposed');
  const rest = m.agenda.filter((i) => i.status === 'not_treated' || i.status === 'merged');
  const editable = m.canOrganise && !m.minutesApproved;
  const move = (index: number, by: -1 | 1) => {
    const ids = accepted.map((i) => i.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    void update(() => conferencesApi.order(m.id, ids));
  };
  return (
    <>
      <section aria-labelledby="conf-agenda">
        <h2 id="conf-agenda">{t.confAgenda}</h2>
        {accepted.length === 0 && <Empty>{t.confAgendaEmpty}</Empty>}
        <ol className="conf-agenda">
          {accepted.map((item, i) => (
            <AcceptedItem
              key={item.id}
              item={item}
              number={i + 1}
              meeting={m}
              update={update}
              controls={
                editable && (
                  <div className="conf-buttons">
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={i === 0}
                      aria-label={`${t.confUp}: ${item.title}`}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={i === accepted.length - 1}
                      aria-label={`${t.confDown}: ${item.title}`}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                  </div>
                )
              }
            />
          ))}
        </ol>
        {editable && <OwnItemForm meetingId={m.id} update={update} />}
      </section>
      {proposals.length > 0 && (
        <section aria-labelledby="conf-proposals">
          <h2 id="conf-proposals">{t.confProposals}</h2>
          <ul className="conf-agenda">
            {proposals.map((p) =>
              editable ? (
                <Proposal key={p.id} item={p} accepted={accepted} update={update} />
              ) : (
                <li key={p.id} id={`top-${p.id}`} className="conf-item conf-proposal">
                  <h3>{p.title}</h3>
                  <Evidence item={p} />
                </li>
              ),
            )}
          </ul>
        </section>
      )}
      {rest.length > 0 && (
        <section aria-labelledby="conf-rest">
          <h2 id="conf-rest">{t.confNotTreated}</h2>
          <ul className="conf-rest">
            {rest.map((r) => (
              <li key={r.id} id={`top-${r.id}`}>
                {r.title}{' '}
                <span className="conf-muted">
                  ({r.status === 'merged' ? t.confMerged : t.confNotTreated})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function MeetingPage({ id }: { id: number }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const meeting = useFetch(() => conferencesApi.meeting(id), [id]);
  const [data, setData] = useState<ConferenceMeetingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const m = data && data.id === id ? data : meeting.data;
  const update: Update = async (run) => {
    setError(null);
    try {
      setData(await run());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      throw err;
    }
  };
  const safeUpdate: Update = (run) => update(run).catch(() => undefined);
  useScrollToHash(Boolean(m));
  if (!m)
    return (
      <div className="page">
        {meeting.status === 'error' ? (
          <ErrorState error={meeting.error} what={t.confAgenda} onRetry={meeting.reload} />
        ) : (
          <Loading />
        )}
      </div>
    );
  return (
    <div className="page conf-page">
      <p>
        <Link href={`/konferenzen/${m.body.id}`}>← {m.body.name}</Link>
      </p>
      <span className="conf-kind">{t.confKindLabel(m.body.kind)}</span>
      <h1>{m.title}</h1>
      <p className="lead">
        {formatBerlinDateTime(m.start, lang)}–{formatBerlinTime(m.end)} ·{' '}
        {t.confStatusLabel(m.status)}
        {m.place ? ` · ${m.place}` : ''}
        {m.onlineUrl && (
          <>
            {' · '}
            <a href={m.onlineUrl}>{t.confOnlineAt}</a>
          </>
        )}
      </p>
      {m.minutesApproved ? (
        <p className="conf-approved">{t.confApproved}</p>
      ) : (
        m.internal && <p className="conf-draft">{t.confDraft}</p>
      )}
      {auth.can('conferences.participate') && m.internal && !m.canOrganise && (
        <p>
          {m.registered && <span>{t.confRegistered} </span>}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void safeUpdate(() => conferencesApi.register(m.id, !m.registered))}
          >
            {m.registered ? t.confUnregister : t.confRegister}
          </button>
        </p>
      )}
      <OrganiserBar m={m} update={safeUpdate} />
      {error && (
        <p role="alert" className="conf-error">
          {error}
        </p>
      )}
      <Agenda m={m} update={safeUpdate} />
      <AttendancePanel m={m} update={safeUpdate} />
    </div>
  );
}
