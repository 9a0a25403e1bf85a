// The card „Einschätzungen vor Ort“ of the area profile (issue 13 §§ 4–5): the latest assessment per
// Lebenslage with its comparison to the numbers (a disagreement is highlighted and said in words),
// the participation signals of the last 90 days, the area's history and — for people of an
// organisation and planners — the form to add one.
import { useState } from 'react';
import { alertsApi } from '../../api/alerts.ts';
import { assessmentsApi, type Assessment } from '../../api/assessments.ts';
import { ApiError } from '../../api/http.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Dict } from '../../i18n/de.ts';
import { formatBerlinDateTime, formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { dimensionLabel } from '../../lib/labels.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { AssessmentForm } from './assessment-form.tsx';
import { AssessmentRevisionsList } from './assessment-revisions.tsx';
import './assessments.css';

/** Alert kinds raised by the participation_signal rule (issue 13 § 5). */
const SIGNAL_ALERT_KINDS = new Set(['participation_signal', 'assessment_disagrees']);

/** The area's early warnings from participation signals, for people who read alerts. */
function SignalAlerts({ areaId }: { areaId: number }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const mayRead = auth.can('alerts.read');
  const q = useFetch(mayRead ? () => alertsApi.alerts({ area: areaId }) : null, [areaId, mayRead]);
  const items = (q.data ?? []).filter(
    (a) => SIGNAL_ALERT_KINDS.has(a.kind) && a.status !== 'closed',
  );
  if (items.length === 0) return null;
  return (
    <ul className="as-alerts" aria-label={t.asAlerts}>
      {items.map((a) => (
        <li key={a.id}>
          <span aria-hidden="true">⚠ </span>
          <strong>{t.alertsRuleKind(a.kind)}</strong> ({formatDate(a.createdAt, lang)}):{' '}
          {a.explanation}
        </li>
      ))}
    </ul>
  );
}

/** Days the profile's signal counts look back (server: SIGNAL_DAYS). */
const SIGNAL_DAYS = 90;

export function trendLabel(t: Dict, trend: Assessment['trend']): string {
  return trend === 'better' ? t.asTrendBetter : trend === 'worse' ? t.asTrendWorse : t.asTrendSame;
}

function Verdict({ a }: { a: Assessment }) {
  const { t } = useI18n();
  const v = a.comparison.verdict;
  const word = v === 'disagree' ? t.asDisagrees : v === 'agree' ? t.asAgrees : t.asNoNumbers;
  return (
    <p className={`as-verdict as-verdict-${v}`}>
      {v === 'disagree' && <span aria-hidden="true">⚠ </span>}
      <strong>{word}:</strong> {a.comparison.sentence}
    </p>
  );
}

function AssessmentCard({
  a,
  organisations,
  onChanged,
}: {
  a: Assessment;
  organisations: readonly { id: string; name: string }[];
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <li className="as-card">
        <AssessmentForm
          areaId={a.areaId}
          organisations={organisations}
          initial={a}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      </li>
    );
  const withdraw = () => {
    if (!window.confirm(t.asWithdrawConfirm)) return;
    assessmentsApi
      .withdraw(a.id)
      .then(onChanged, (err: unknown) =>
        setError(err instanceof ApiError ? err.message : t.serverUnreachable),
      );
  };
  return (
    <li className={`as-card${a.comparison.verdict === 'disagree' ? ' as-card-disagree' : ''}`}>
      <p className="as-head">
        <span className="as-dimension">{dimensionLabel(a.dimension, lang)}</span>
        <span className={`as-trend as-trend-${a.trend}`}>
          {t.asTrend}: {trendLabel(t, a.trend)}
        </span>
        <span className="as-urgency">
          {t.asUrgency}: {t.asUrgencyLevel(a.urgency)}
        </span>
      </p>
      <Verdict a={a} />
      {a.comparison.movements.length > 0 && (
        <ul className="as-movements">
          {a.comparison.movements.map((m) => (
            <li key={m.indicatorId}>
              {t.asMovement(
                m.label,
                `${formatNumber(m.previous, 1, lang)} (${formatDate(m.previousDate, lang)})`,
                `${formatNumber(m.current, 1, lang)} (${formatDate(m.currentDate, lang)})`,
              )}
              {m.noiseReason && <span className="as-noise"> – {t.asNoise}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="as-text">{a.text}</p>
      {a.evidence && (
        <p className="as-evidence">
          {t.asEvidence}: {a.evidence}
        </p>
      )}
      <p className="as-meta">
        {t.asBy(a.organisation.name, a.author)} · {t.asObserved(formatDate(a.observedDate, lang))}
        {a.revisions > 0 && ` · ${t.asEdited(formatBerlinDateTime(a.updatedAt, lang))}`}
        {a.mayEdit && (
          <>
            {' '}
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
              {t.asEdit}
            </button>{' '}
            <button type="button" className="btn btn-small" onClick={withdraw}>
              {t.asWithdraw}
            </button>
          </>
        )}
      </p>
      {a.revisions > 0 && auth.me?.signedIn && (
        <AssessmentRevisionsList id={a.id} count={a.revisions} />
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function AreaAssessments({ areaId, headingId }: { areaId: number; headingId: string }) {
  const { t, lang } = useI18n();
  const q = useFetch(() => assessmentsApi.forArea(areaId), [areaId]);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  const titleId = `${headingId}-assessments`;
  if (q.status === 'error') return null;
  const d = q.data;
  return (
    <section id="einschaetzungen" className="profile-group as-area-card" aria-labelledby={titleId}>
      <h3 className="profile-group-title" id={titleId}>
        {t.asTitle}
      </h3>
      {d && (
        <p className="as-signals">
          {t.asSignals(SIGNAL_DAYS)}: {formatNumber(d.signals.reports, 0, lang)}{' '}
          {t.asSignalReports(d.signals.reports)} · {formatNumber(d.signals.supports, 0, lang)}{' '}
          {t.asSignalSupports(d.signals.supports)} ·{' '}
          {formatNumber(d.signals.negativeAssessments, 0, lang)}{' '}
          {t.asSignalNegative(d.signals.negativeAssessments)} ·{' '}
          {formatNumber(d.signals.surveyResponses, 0, lang)}{' '}
          {t.asSignalSurvey(d.signals.surveyResponses)}
        </p>
      )}
      <SignalAlerts areaId={areaId} />
      {d && d.latest.length === 0 && <p className="profile-empty-line">{t.asEmpty}</p>}
      {d && d.latest.length > 0 && (
        <ul className="as-list">
          {d.latest.map((a) => (
            <AssessmentCard
              key={`${a.id}-${a.updatedAt}`}
              a={a}
              organisations={d.organisations}
              onChanged={q.reload}
            />
          ))}
        </ul>
      )}
      {d && d.history.length > 0 && (
        <details className="as-history">
          <summary>{t.asHistory(d.history.length)}</summary>
          <ol>
            {d.history.map((a) => (
              <li key={a.id} className={a.withdrawn ? 'as-withdrawn' : undefined}>
                {formatDate(a.observedDate, lang)} · {dimensionLabel(a.dimension, lang)} ·{' '}
                {trendLabel(t, a.trend)} · {a.organisation.name}
                {a.comparison.verdict === 'disagree' && ` · ${a.comparison.sentence}`}
                {a.withdrawn && ` (${t.asWithdrawn})`}
                {a.revisions > 0 && ` · ${t.asRevisions(a.revisions)}`}
              </li>
            ))}
          </ol>
        </details>
      )}
      {saved && !adding && (
        <p className="profile-meta" role="status">
          {t.asSaved}
        </p>
      )}
      {d?.mayWrite && !adding && (
        <p>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setSaved(false);
              setAdding(true);
            }}
          >
            {t.asAdd}
          </button>
        </p>
      )}
      {d?.mayWrite && adding && (
        <AssessmentForm
          areaId={areaId}
          organisations={d.organisations}
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            setSaved(true);
            q.reload();
          }}
        />
      )}
    </section>
  );
}
