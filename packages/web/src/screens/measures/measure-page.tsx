// /massnahmen/:id — one measure: where and when, who is responsible, progress from milestones and
// sub-measures, goals against their target lines, where it came from ("Woher kommt das?") and what
// changed (history from the audit log).
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { measuresApi, type MeasureDetail } from '../../api/measures.ts';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { dimensionLabel } from '../../lib/labels.ts';
import { navigate } from '../../lib/router.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { MeasureFinancing } from '../funding/funded-measures.tsx';
import { traceApi, type Trace } from '../../api/trace.ts';
import { GoalChart } from './goal-chart.tsx';
import { InlineChain, OriginChain } from './trace-view.tsx';
import { MeasureEffect } from './measure-effect.tsx';
import { fieldLabel, measureUrl, statusLabel } from './labels.ts';
import { MeasureSignals, ProgressBar } from './timeline.tsx';

function Facts({ m }: { m: MeasureDetail }) {
  const { t, lang } = useI18n();
  const row = (label: string, value: React.ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className="ms-facts">
      {row(t.msStatus, statusLabel(t, m.status))}
      {row(t.msVisibility, m.visibility === 'public' ? t.msPublic : t.msInternal)}
      {row(t.msDepartment, m.departmentName ?? t.msNoDepartment)}
      {m.organisations.length > 0 &&
        row(t.msOrganisations, m.organisations.map((o) => o.name).join(', '))}
      {row(
        t.msPeriod,
        m.start || m.end
          ? `${m.start ? formatDate(m.start, lang) : '…'} – ${m.end ? formatDate(m.end, lang) : '…'}`
          : t.msNoPeriod,
      )}
      {row(
        t.msAreas,
        m.citywide ? (
          t.msCitywide
        ) : m.areas.length > 0 ? (
          <ul className="chip-list">
            {m.areas.map((a) => (
              <li key={a.id}>
                <Link href={`/gebiete/${a.id}`}>{a.name}</Link>
              </li>
            ))}
          </ul>
        ) : (
          '–'
        ),
      )}
      {m.geometry &&
        row(
          t.msOnMap,
          m.geometry.type === 'Point'
            ? t.msPointAt(
                formatNumber(m.geometry.coordinates[1], 4, lang),
                formatNumber(m.geometry.coordinates[0], 4, lang),
              )
            : t.msLineOf(m.geometry.coordinates.length),
        )}
      {m.lebenslagen.length > 0 &&
        row(t.msLebenslagen, m.lebenslagen.map((d) => dimensionLabel(d, lang)).join(', '))}
      {m.targetGroups.length > 0 && row(t.msTargetGroups, m.targetGroups.join(', '))}
      {m.parent && row(t.msParent, <Link href={measureUrl(m.parent.id)}>{m.parent.title}</Link>)}
    </dl>
  );
}

/** „Woher kommt das?“: the whole chain from the trace (decision ← agenda item ← alert). */
function Origin({ m, trace }: { m: MeasureDetail; trace: Trace | null }) {
  const { t } = useI18n();
  return (
    <section className="ms-section" aria-labelledby="ms-origin">
      <h2 id="ms-origin">{t.msOrigin}</h2>
      {trace ? (
        <OriginChain trace={trace} />
      ) : m.origin ? (
        <p>
          {m.origin.kind === 'decision'
            ? `${t.msOriginDecision}: `
            : m.origin.kind === 'alert'
              ? `${t.msOriginAlert}: `
              : ''}
          {m.origin.href ? <Link href={m.origin.href}>{m.origin.label}</Link> : m.origin.label}
        </p>
      ) : (
        <p>{t.msOriginNone}</p>
      )}
    </section>
  );
}

function Milestones({ m }: { m: MeasureDetail }) {
  const { t, lang } = useI18n();
  return (
    <section className="ms-section" aria-labelledby="ms-milestones">
      <h2 id="ms-milestones">{t.msMilestones}</h2>
      {m.milestones.length === 0 ? (
        <p className="ms-hint">{t.msNoMilestones}</p>
      ) : (
        <ol className="ms-milestones">
          {m.milestones.map((s, i) => (
            <li key={i} className={s.done ? 'ms-ms-done' : undefined}>
              <span aria-hidden="true">{s.done ? '✓' : '○'}</span> {s.title}{' '}
              <span className="ms-hint">
                ({s.done ? t.msMilestoneDone : t.msMilestoneOpen}
                {s.dueDate ? `, ${t.msDue} ${formatDate(s.dueDate, lang)}` : ''}, {t.msWeight}{' '}
                {formatNumber(s.weight, s.weight % 1 ? 1 : 0, lang)})
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function History({ m }: { m: MeasureDetail }) {
  const { t, lang } = useI18n();
  return (
    <section className="ms-section" aria-labelledby="ms-history">
      <h2 id="ms-history">{t.msHistory}</h2>
      <ul className="ms-history">
        {m.history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{formatDate(h.at.slice(0, 10), lang)}</time>{' '}
            {h.action === 'measures.create'
              ? t.msHistoryCreate
              : t.msHistoryUpdate(h.fields.map((f) => fieldLabel(t, f)).join(', ') || '–')}
            {h.actor ? ` · ${h.actor}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Delete with a confirmation; the server's refusal (money booked, sub-measures) is shown as it is. */
function DeleteMeasure({ m }: { m: MeasureDetail }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await measuresApi.remove(m.id);
      navigate(`/massnahmen?geloescht=${encodeURIComponent(m.title)}`);
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <section className="ms-section ms-delete" aria-label={t.msDelete}>
      {!asking ? (
        <button type="button" className="btn btn-danger" onClick={() => setAsking(true)}>
          {t.msDelete}
        </button>
      ) : (
        <div role="group" aria-label={t.msDelete} className="ms-delete-confirm">
          <p>{t.msDeleteQuestion(m.title)}</p>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={() => void remove()}
          >
            {busy ? t.msDeleting : t.msDeleteConfirm}
          </button>{' '}
          <button
            type="button"
            className="btn"
            onClick={() => {
              setAsking(false);
              setError(null);
            }}
          >
            {t.msFormCancel}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

export function MeasurePage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const q = useFetch(() => measuresApi.get(id), [id]);
  const trace = useFetch(() => traceApi.get('measures', id), [id]);
  if (q.status === 'error')
    return (
      <div className="page ms-page">
        <p>
          <Link href="/massnahmen">{t.msBack}</Link>
        </p>
        <ErrorState
          error={q.error}
          title={q.error.status === 404 ? t.msNotFound : undefined}
          what={t.msTitle}
          onRetry={q.error.status === 404 ? undefined : q.reload}
        />
      </div>
    );
  if (!q.data) return <Loading />;
  const m = q.data;
  return (
    <article className="page ms-page ms-detail">
      <p>
        <Link href="/massnahmen">{t.msBack}</Link>
      </p>
      <div className="ms-head">
        <h1>{m.title}</h1>
        {m.canEdit && (
          <Link href={`${measureUrl(m.id)}/bearbeiten`} className="btn">
            {t.msEdit}
          </Link>
        )}
      </div>
      <p className="ms-meta">
        <span className={`ms-status ms-status-${m.status}`}>{statusLabel(t, m.status)}</span>
        <MeasureSignals m={m} />
      </p>
      {m.signals.length > 0 && (
        <ul className="ms-signal-list" aria-label={t.msSignals}>
          {m.signals.map((s, i) => (
            <li key={i}>{s.detail}</li>
          ))}
        </ul>
      )}
      <div className="ms-progress-line">
        <span>{t.msProgressOf(formatNumber(m.progress, 0, lang))}</span>
        <ProgressBar value={m.progress} label={t.msProgress} />
      </div>
      <div className="ms-columns">
        <div>
          <Facts m={m} />
          {m.description && <p className="ms-description">{m.description}</p>}
          <Origin m={m} trace={trace.data} />
        </div>
        <div>
          <Milestones m={m} />
          {m.children.length > 0 && (
            <section className="ms-section" aria-labelledby="ms-children">
              <h2 id="ms-children">{t.msChildren}</h2>
              <ul>
                {m.children.map((c) => (
                  <li key={c.id}>
                    <Link href={measureUrl(c.id)}>{c.title}</Link> ({statusLabel(t, c.status)},{' '}
                    {t.msProgressOf(formatNumber(c.progress, 0, lang))})
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
      <section className="ms-section" aria-labelledby="ms-goals">
        <h2 id="ms-goals">{t.msGoals}</h2>
        <p className="ms-hint">{t.msOutcome}</p>
        {m.goals.length > 0 && trace.data && (
          <p className="ms-hint ms-goal-origin">
            {t.trGoalsOfMeasure(m.title)} · {t.trOrigin} <InlineChain trace={trace.data} />
          </p>
        )}
        {m.goals.length === 0 && <p className="ms-hint">{t.msNoGoals}</p>}
        {m.goals.map((g, i) => (
          <div key={i} className="ms-goal">
            <h3>
              {g.indicatorName} – {g.areaName}
            </h3>
            <GoalChart goal={g} />
          </div>
        ))}
        {m.hiddenGoals > 0 && <p className="ms-hint">{t.msHiddenGoals(m.hiddenGoals)}</p>}
      </section>
      <MeasureEffect m={m} />
      <MeasureFinancing measureId={Number(m.id)} />
      <History m={m} />
      {m.canEdit && <DeleteMeasure m={m} />}
    </article>
  );
}
