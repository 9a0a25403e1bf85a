// One accepted agenda item on the meeting page: its evidence, minutes and decisions; organisers
// write minutes (speakers, private persons marked) and record decisions with a task → measure.
import { useState, type FormEvent } from 'react';
import type { ConferenceAgendaItem, ConferenceMeetingDetail } from '../../api/conferences.ts';
import { conferencesApi } from '../../api/conferences.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { formatBerlinDateTime, formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { traceApi, type Trace } from '../../api/trace.ts';
import { OriginChain, OutcomeTree } from '../measures/trace-view.tsx';

type Update = (run: () => Promise<ConferenceMeetingDetail>) => Promise<void>;

/** The evidence of a proposed item: what happened, its numbers and a link to the source. */
export function Evidence({ item }: { item: ConferenceAgendaItem }) {
  const { t, lang } = useI18n();
  if (!item.evidence) return null;
  const e = item.evidence;
  // a measure deleted since the proposal: say when, link nowhere
  const gone = e.sourceDeletedAt
    ? t.confMeasureDeleted(formatBerlinDateTime(e.sourceDeletedAt, lang))
    : null;
  return (
    <div className="conf-evidence">
      <span className="conf-reason">{item.reason}</span> · {formatDate(e.occurredAt, lang)}
      {e.detail && <p>{e.detail}</p>}
      {e.numbers.length > 0 && (
        <ul className="conf-numbers">
          {e.numbers.map((n) => (
            <li key={n.label}>
              {n.label}: <strong>{formatNumber(n.value, 1, lang)}</strong>
              {n.unit ? ` ${n.unit}` : ''}
            </li>
          ))}
        </ul>
      )}
      {e.snippet && !gone && (
        <a href={e.href} className="conf-snippet">
          {/* the SVG carries its own <title>; as an image it runs no script (ADR 0040) */}
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(e.snippet)}`}
            alt={t.confSnippetAlt}
            width={160}
            height={120}
          />
        </a>
      )}
      {gone ? <span className="conf-gone">{gone}</span> : <a href={e.href}>{t.confOpenSource}</a>}
    </div>
  );
}

function MinutesForm({ item, update }: { item: ConferenceAgendaItem; update: Update }) {
  const { t } = useI18n();
  const [notes, setNotes] = useState(item.minutes?.notes ?? '');
  const [speakers, setSpeakers] = useState(
    (item.minutes?.speakers ?? []).map((s) => `${s.private ? '*' : ''}${s.name}`).join('\n'),
  );
  const send = (e: FormEvent) => {
    e.preventDefault();
    const list = speakers
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => ({ name: s.replace(/^\*\s*/, ''), private: s.startsWith('*') }));
    void update(() => conferencesApi.minutes(item.id, notes, list));
  };
  return (
    <form onSubmit={send} className="conf-form">
      <label htmlFor={`conf-notes-${item.id}`}>{t.confNotes}</label>
      <textarea
        id={`conf-notes-${item.id}`}
        rows={4}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      <label htmlFor={`conf-speakers-${item.id}`}>{t.confSpeakers}</label>
      <textarea
        id={`conf-speakers-${item.id}`}
        rows={2}
        value={speakers}
        onChange={(e) => setSpeakers(e.target.value)}
      />
      <button type="submit" className="btn btn-small">
        {t.confSaveMinutes}
      </button>
    </form>
  );
}

function DecisionForm({ item, update }: { item: ConferenceAgendaItem; update: Update }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [vote, setVote] = useState({ yes: '', no: '', abstain: '' });
  const [task, setTask] = useState({ title: '', departmentId: '', dueDate: '' });
  const { departments } = useAuth();
  const id = (s: string) => `conf-${s}-${item.id}`;
  const send = (e: FormEvent) => {
    e.preventDefault();
    const voted = vote.yes !== '' || vote.no !== '' || vote.abstain !== '';
    void update(() =>
      conferencesApi.decide(item.id, {
        text,
        vote: voted
          ? {
              yes: Number(vote.yes || 0),
              no: Number(vote.no || 0),
              abstain: Number(vote.abstain || 0),
            }
          : null,
        task: task.title
          ? {
              title: task.title,
              departmentId: task.departmentId || null,
              dueDate: task.dueDate || null,
              visibility: 'internal',
            }
          : null,
      }),
    ).then(() => {
      setText('');
      setVote({ yes: '', no: '', abstain: '' });
      setTask({ title: '', departmentId: '', dueDate: '' });
    });
  };
  return (
    <form onSubmit={send} className="conf-form">
      <label htmlFor={id('decision')}>{t.confDecisionText}</label>
      <textarea
        id={id('decision')}
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        required
      />
      <fieldset className="conf-vote">
        <legend>{t.confVote}</legend>
        {(['yes', 'no', 'abstain'] as const).map((k) => (
          <label key={k}>
            {t[k === 'yes' ? 'confYes' : k === 'no' ? 'confNo' : 'confAbstain']}
            <input
              type="number"
              min={0}
              value={vote[k]}
              onChange={(e) => setVote({ ...vote, [k]: e.target.value })}
            />
          </label>
        ))}
      </fieldset>
      <fieldset className="conf-task">
        <legend>{t.confTask}</legend>
        <label htmlFor={id('task')}>{t.confTaskTitle}</label>
        <input
          id={id('task')}
          value={task.title}
          onChange={(e) => setTask({ ...task, title: e.target.value })}
        />
        <label htmlFor={id('dept')}>{t.confTaskDepartment}</label>
        <select
          id={id('dept')}
          value={task.departmentId}
          onChange={(e) => setTask({ ...task, departmentId: e.target.value })}
        >
          <option value="">{t.confTaskOwnDepartment}</option>
          {departments
            .filter((d) => d.kind === 'department')
            .map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
        </select>
        <label htmlFor={id('due')}>{t.confTaskDue}</label>
        <input
          id={id('due')}
          type="date"
          value={task.dueDate}
          onChange={(e) => setTask({ ...task, dueDate: e.target.value })}
        />
      </fieldset>
      <button type="submit" className="btn btn-small btn-primary">
        {t.confRecord}
      </button>
    </form>
  );
}

/** An accepted item with minutes and decisions (forms for the organiser until approval). */
export function AcceptedItem({
  item,
  number,
  meeting,
  update,
  controls,
}: {
  item: ConferenceAgendaItem;
  number: number;
  meeting: ConferenceMeetingDetail;
  update: Update;
  controls: React.ReactNode;
}) {
  const { t, lang } = useI18n();
  const editable = meeting.canOrganise && !meeting.minutesApproved;
  // where the item came from and what its decisions became (issue 14 § 2, trace both ways)
  const trace = useFetch(
    () => traceApi.get('agenda-items', item.id),
    [item.id, item.decisions.length, item.decisions.map((d) => d.task?.measureId).join()],
  );
  return (
    <li className="conf-item" id={`top-${item.id}`}>
      <div className="conf-item-head">
        <h3>
          {number}. {item.title}
        </h3>
        {controls}
      </div>
      {item.description && <p className="conf-pre">{item.description}</p>}
      <Evidence item={item} />
      {trace.data && trace.data.origin.length > 0 && (
        <section className="conf-trace" aria-labelledby={`top-${item.id}-origin`}>
          <h4 id={`top-${item.id}-origin`}>{t.trOrigin}</h4>
          <OriginChain trace={trace.data} />
        </section>
      )}
      {item.minutes && !editable && (
        <div className="conf-minutes">
          <h4>{t.confMinutes}</h4>
          <p className="conf-pre">{item.minutes.notes}</p>
        </div>
      )}
      {item.decisions.map((d) => (
        <div key={d.id} id={`beschluss-${d.id}`} className="conf-decision">
          <h4>{t.confDecision}</h4>
          <p>{d.text}</p>
          {d.vote && (
            <p className="conf-muted">{t.confVoteText(d.vote.yes, d.vote.no, d.vote.abstain)}</p>
          )}
          {d.task && (
            <p className="conf-muted">
              {t.confTaskTitle}: {d.task.title}
              {d.task.dueDate
                ? ` · ${t.confTaskDue} ${formatDate(d.task.dueDate, lang)}`
                : ''} ·{' '}
              {d.task.measureDeletedAt ? (
                t.confMeasureDeleted(formatBerlinDateTime(d.task.measureDeletedAt, lang))
              ) : d.task.measureId ? (
                <Link href={`/massnahmen/${d.task.measureId}`}>
                  {t.confTaskMeasure(d.task.measureId)}
                </Link>
              ) : (
                t.confTaskMeasure(null)
              )}
            </p>
          )}
          <DecisionOutcome trace={trace.data} decisionId={d.id} />
        </div>
      ))}
      {editable && (
        <details className="conf-box">
          <summary>
            {t.confMinutes} / {t.confDecision}
          </summary>
          <MinutesForm item={item} update={update} />
          <DecisionForm item={item} update={update} />
        </details>
      )}
    </li>
  );
}

/** „Was ist daraus geworden?“ under a decision: its measure with status and goals, from the trace. */
function DecisionOutcome({ trace, decisionId }: { trace: Trace | null; decisionId: number }) {
  const { t } = useI18n();
  const d = trace?.outcome.decisions.find((x) => x.id === String(decisionId));
  if (!d || d.measures.length === 0) return null;
  const headingId = `beschluss-${decisionId}-outcome`;
  return (
    <section className="conf-trace" aria-labelledby={headingId}>
      <h4 id={headingId}>{t.trOutcome}</h4>
      <OutcomeTree outcome={{ agendaItems: [], measures: d.measures }} />
    </section>
  );
}
