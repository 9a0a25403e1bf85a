// /hinweise "Frühwarnungen": the alert feed (filter by status), each item with its plain-German
// explanation, area, indicator, period and links to map and profile; status buttons (gesehen,
// besprochen, schließen mit Kommentar, wieder öffnen mit Kommentar) with alerts.handle, "Jetzt
// prüfen" (runs the detection) with alerts.detect, the rules and the own e-mail subscriptions.
import { useEffect, useRef, useState } from 'react';
import {
  type AlertDetection,
  type AlertItem,
  type AlertStatus,
  alertsApi,
} from '../../api/alerts.ts';
import { ApiError } from '../../api/http.ts';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useScrollToHash } from '../../lib/scroll-to-hash.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { RulesSection } from './rules-section.tsx';
import { SubscriptionsSection } from './subscriptions-section.tsx';
import { MeasureSignalsSection } from './measure-signals-section.tsx';
import { AlertOutcomeSection, outcomesByAlert, type AlertOutcome } from './alert-outcomes.tsx';
import { traceApi } from '../../api/trace.ts';

const STATUSES: AlertStatus[] = ['new', 'seen', 'discussed', 'closed'];

const STATUS_COLOR: Record<AlertStatus, string> = {
  new: '#b3261e',
  seen: '#8a5a00',
  discussed: '#0b3a66',
  closed: '#555',
};

/** Reads ?status= from the search string; null = all. */
export function parseStatusFilter(search: string): AlertStatus | null {
  const s = new URLSearchParams(search).get('status');
  return (STATUSES as string[]).includes(s ?? '') ? (s as AlertStatus) : null;
}

/** The measure form, prefilled from an alert: its area, a goal on its indicator, the origin. */
export function createMeasureHref(a: Pick<AlertItem, 'id' | 'area' | 'indicator'>): string {
  const q = new URLSearchParams({ hinweis: String(a.id), gebiet: String(a.area.id) });
  if (a.indicator) q.set('indikator', a.indicator.id);
  return `/massnahmen/neu?${q.toString()}`;
}

export function AlertsScreen({ search }: { search: string }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const [status, setStatus] = useState<AlertStatus | null>(() => parseStatusFilter(search));
  const feed = useFetch(() => alertsApi.alerts({ status }), [status]);
  // what became of the alerts (agenda items, decisions, measures): one request for the feed
  const traced = useFetch(() => traceApi.alertOutcomes(), []);
  const outcomes = traced.data ? outcomesByAlert(traced.data) : new Map<number, AlertOutcome>();
  useScrollToHash(feed.data !== null && traced.status !== 'loading');
  const [detecting, setDetecting] = useState(false);
  const [detection, setDetection] = useState<AlertDetection | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const statusLabel: Record<AlertStatus, string> = {
    new: t.alertsStatusNew,
    seen: t.alertsStatusSeen,
    discussed: t.alertsStatusDiscussed,
    closed: t.alertsStatusClosed,
  };
  const n = (x: number) => formatNumber(x, 0, lang);

  const detect = async () => {
    setDetecting(true);
    setError(null);
    try {
      setDetection(await alertsApi.detectAlerts());
      feed.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), 500, 'client'));
    } finally {
      setDetecting(false);
    }
  };
  const choose = (s: AlertStatus | null) => {
    setStatus(s);
    const url = s ? `/hinweise?status=${s}` : '/hinweise';
    window.history.replaceState(null, '', url);
  };

  return (
    <div className="page page-alerts">
      <h1>{t.alertsTitle}</h1>
      <p style={{ maxWidth: '60em' }}>{t.alertsIntro}</p>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
        <div
          role="group"
          aria-label={t.alertsStatusFilter}
          style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
        >
          {[null, ...STATUSES].map((s) => (
            <button
              key={s ?? 'all'}
              type="button"
              className="btn btn-toggle"
              aria-pressed={status === s}
              onClick={() => choose(s)}
            >
              {s ? statusLabel[s] : t.alertsAll}
            </button>
          ))}
        </div>
        {auth.can('alerts.detect') && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void detect()}
            disabled={detecting}
          >
            {detecting ? t.alertsChecking : t.alertsCheckNow}
          </button>
        )}
      </div>
      <div role="status" aria-live="polite" style={{ minHeight: '1.5em', margin: '8px 0' }}>
        {detection &&
          t.alertsDetected(n(detection.raised), n(detection.heldBack), n(detection.existing))}
        {detection?.rules
          .flatMap((r) => r.notes.map((note) => `${r.ruleId}: ${note}`))
          .map((x) => (
            <div key={x} style={{ color: '#555', fontSize: 13 }}>
              {x}
            </div>
          ))}
        {detection?.mail && (
          <div
            style={{
              fontSize: 13,
              color: detection.mail.failed > 0 ? '#b3261e' : '#555',
            }}
          >
            {t.alertsMail}: {detection.mail.message}
          </div>
        )}
      </div>
      {error && <ErrorState error={error} />}
      {/* measure signals first: a handful, while the indicator alerts can run to hundreds */}
      {auth.can('measures.read') && <MeasureSignalsSection />}
      {feed.status === 'loading' && !feed.data && <Loading />}
      {feed.status === 'error' && (
        <ErrorState error={feed.error} what={t.alertsList} onRetry={feed.reload} />
      )}
      {feed.data && feed.data.length === 0 && (
        <p className="state state-empty">
          {status
            ? t.alertsEmptyFiltered
            : auth.can('alerts.detect')
              ? t.alertsEmpty
              : t.alertsEmptyNoDetect}
        </p>
      )}
      {feed.data && feed.data.length > 0 && (
        <ul aria-label={t.alertsList} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {feed.data.map((a) => (
            <AlertCard
              key={a.id}
              alert={a}
              statusLabel={statusLabel}
              mayHandle={auth.can('alerts.handle')}
              mayCreateMeasure={auth.can('measures.edit')}
              outcome={outcomes.get(a.id)}
              onChanged={feed.reload}
              onError={setError}
            />
          ))}
        </ul>
      )}
      <RulesSection />
      {auth.can('alerts.subscribe') && <SubscriptionsSection />}
    </div>
  );
}

function AlertCard({
  alert: a,
  statusLabel,
  mayHandle,
  mayCreateMeasure,
  outcome,
  onChanged,
  onError,
}: {
  alert: AlertItem;
  statusLabel: Record<AlertStatus, string>;
  mayHandle: boolean;
  mayCreateMeasure: boolean;
  /** what became of this alert („Was ist daraus geworden?“) */
  outcome: AlertOutcome | undefined;
  onChanged: () => void;
  onError: (e: ApiError | null) => void;
}) {
  const { t, lang } = useI18n();
  // the comment form: closing (any open status → closed) or reopening (closed → seen)
  const [commenting, setCommenting] = useState<'close' | 'reopen' | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  // the server's German refusal, shown in the card it belongs to
  const [cardError, setCardError] = useState<ApiError | null>(null);
  const commentRef = useRef<HTMLInputElement>(null);
  const actionsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (commenting) commentRef.current?.focus();
  }, [commenting]);
  const endCommenting = () => {
    setCommenting(null);
    setComment('');
    // back to the card's buttons (the one that opened the form is gone or still there)
    requestAnimationFrame(() => actionsRef.current?.querySelector<HTMLElement>('button')?.focus());
  };
  const set = async (status: AlertStatus, text?: string) => {
    setBusy(true);
    onError(null);
    setCardError(null);
    try {
      await alertsApi.setAlertStatus(a.id, status, text);
      if (commenting) endCommenting();
      onChanged();
    } catch (e) {
      setCardError(e instanceof ApiError ? e : new ApiError(String(e), 500, 'client'));
    } finally {
      setBusy(false);
    }
  };
  const commentId = `alert-${a.id}-comment`;
  return (
    <li
      id={`hinweis-${a.id}`}
      style={{
        border: '1px solid #d0d4da',
        borderLeft: `4px solid ${STATUS_COLOR[a.status]}`,
        borderRadius: 4,
        padding: '10px 12px',
        marginBottom: 10,
        background: '#fff',
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <strong style={{ fontSize: 16 }}>
          {a.area.name} <span style={{ color: '#555', fontWeight: 400 }}>({a.area.code})</span>
        </strong>
        <span
          style={{
            fontSize: 12,
            padding: '1px 6px',
            borderRadius: 8,
            color: '#fff',
            background: STATUS_COLOR[a.status],
          }}
        >
          {statusLabel[a.status]}
        </span>
        <span style={{ color: '#555', fontSize: 13 }}>
          {a.indicator?.name ?? a.indexId} ·{' '}
          {t.alertsPeriod(formatDate(a.previousDate, lang), formatDate(a.refDate, lang))} ·{' '}
          {t.alertsRule}: {a.ruleName}
        </span>
      </div>
      <p style={{ margin: '6px 0' }}>{a.explanation}</p>
      {a.statusComment && (
        <p style={{ margin: '6px 0', fontSize: 13, color: '#333' }}>
          {t.alertsComment}: {a.statusComment}
        </p>
      )}
      <AlertOutcomeSection outcome={outcome} />
      <div
        ref={actionsRef}
        style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}
      >
        <Link href={a.links.map}>{t.alertsOpenMap}</Link>
        <Link href={a.links.profile}>{t.alertsOpenProfile}</Link>
        {mayCreateMeasure && <Link href={createMeasureHref(a)}>{t.msCreateFromAlert}</Link>}
        <span style={{ flex: 1 }} />
        {mayHandle && a.status !== 'seen' && a.status !== 'closed' && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void set('seen')}
          >
            {t.alertsMarkSeen}
          </button>
        )}
        {mayHandle && a.status !== 'discussed' && a.status !== 'closed' && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void set('discussed')}
          >
            {t.alertsMarkDiscussed}
          </button>
        )}
        {mayHandle && a.status !== 'closed' && !commenting && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => setCommenting('close')}
          >
            {t.alertsClose}
          </button>
        )}
        {mayHandle && a.status === 'closed' && !commenting && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => setCommenting('reopen')}
          >
            {t.alertsReopen}
          </button>
        )}
      </div>
      {commenting && (
        <form
          style={{ display: 'flex', gap: 8, marginTop: 8, flexWrap: 'wrap', alignItems: 'end' }}
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim())
              void set(commenting === 'close' ? 'closed' : 'seen', comment.trim());
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') endCommenting();
          }}
        >
          <label htmlFor={commentId} style={{ display: 'flex', flexDirection: 'column', flex: 1 }}>
            {commenting === 'close' ? t.alertsCloseComment : t.alertsReopenComment}
            <input
              ref={commentRef}
              id={commentId}
              type="text"
              required
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
          <button
            type="submit"
            className="btn btn-primary btn-small"
            disabled={busy || !comment.trim()}
          >
            {commenting === 'close' ? t.alertsCloseConfirm : t.alertsReopenConfirm}
          </button>
          <button type="button" className="btn btn-small" onClick={endCommenting}>
            {t.alertsCancel}
          </button>
        </form>
      )}
      {cardError && <ErrorState error={cardError} />}
    </li>
  );
}
