// "Abonnements" on the Frühwarnungen screen (alerts.subscribe): the own e-mail subscriptions with
// "Beenden", and a form (address defaults to the signed-in person's; optionally one rule or one
// indicator — empty means all). Mail goes out after each detection run when SMTP is set up.
import { useId, useState } from 'react';
import { type AlertSubscription, alertsApi } from '../../api/alerts.ts';
import { ApiError } from '../../api/http.ts';
import { indicatorsApi } from '../../api/indicators.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { formatDateTime } from '../../lib/access.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';

const COLUMN = { display: 'flex', flexDirection: 'column' } as const;

export function SubscriptionsSection() {
  const { t } = useI18n();
  const auth = useAuth();
  const id = useId();
  const subs = useFetch(() => alertsApi.alertSubscriptions(), []);
  const rules = useFetch(() => alertsApi.alertRules(), []);
  const indicators = useFetch(() => indicatorsApi.indicators(), []);
  const [email, setEmail] = useState(auth.me?.user?.email ?? '');
  const [ruleId, setRuleId] = useState('');
  const [indicatorId, setIndicatorId] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fail = (e: unknown) =>
    setError(e instanceof ApiError ? e : new ApiError(String(e), 500, 'client'));

  const ruleName = (rid: string) => rules.data?.find((r) => r.id === rid)?.nameDe ?? rid;
  const indicatorName = (iid: string) => indicators.data?.find((i) => i.id === iid)?.nameDe ?? iid;
  const scope = (s: AlertSubscription) => {
    const parts = [
      s.ruleId && `${t.alertsRule}: ${ruleName(s.ruleId)}`,
      s.indicatorId && `${t.indicator}: ${indicatorName(s.indicatorId)}`,
      s.areaId !== null && `${t.alertsSubArea} ${s.areaId}`,
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : t.alertsSubAll;
  };

  const create = async () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await alertsApi.createAlertSubscription({
        email: email.trim(),
        areaId: null,
        indicatorId: indicatorId || null,
        ruleId: ruleId || null,
      });
      setMessage(t.alertsSubCreated);
      setRuleId('');
      setIndicatorId('');
      subs.reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (s: AlertSubscription) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await alertsApi.deleteAlertSubscription(s.id);
      setMessage(t.alertsSubDeleted);
      subs.reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} style={{ marginTop: 24 }}>
      <h2 id={`${id}-title`}>{t.alertsSubs}</h2>
      <p style={{ maxWidth: '60em', marginTop: 0 }}>{t.alertsSubsIntro}</p>
      <div role="status" aria-live="polite" style={{ minHeight: '1.5em' }}>
        {message}
      </div>
      {error && <ErrorState error={error} />}
      {subs.status === 'loading' && !subs.data && <Loading />}
      {subs.status === 'error' && (
        <ErrorState error={subs.error} what={t.alertsSubs} onRetry={subs.reload} />
      )}
      {subs.data && subs.data.length === 0 && (
        <p className="state state-empty">{t.alertsSubsEmpty}</p>
      )}
      {subs.data && subs.data.length > 0 && (
        <ul aria-label={t.alertsSubs} style={{ paddingLeft: '1.2em' }}>
          {subs.data.map((s) => (
            <li key={s.id} style={{ marginBottom: 4 }}>
              <strong>{s.email}</strong> – {scope(s)}{' '}
              <span style={{ color: '#555', fontSize: 13 }}>
                ({t.alertsSubSince(formatDateTime(s.createdAt))})
              </span>{' '}
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() => void remove(s)}
                aria-label={t.alertsSubDeleteOf(scope(s))}
              >
                {t.alertsSubDelete}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        style={{ ...COLUMN, gap: 8, maxWidth: '40em' }}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h3 style={{ margin: '8px 0 0' }}>{t.alertsSubNew}</h3>
        <label style={COLUMN}>
          {t.alertsSubEmail}
          <input
            type="email"
            required
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <label style={COLUMN}>
            {t.alertsRule}
            <select value={ruleId} onChange={(e) => setRuleId(e.target.value)}>
              <option value="">{t.alertsSubAnyRule}</option>
              {(rules.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.nameDe}
                </option>
              ))}
            </select>
          </label>
          <label style={COLUMN}>
            {t.indicator}
            <select value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)}>
              <option value="">{t.alertsSubAnyIndicator}</option>
              {(indicators.data ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.nameDe}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy || !email.trim()}>
            {t.alertsSubCreate}
          </button>
        </div>
      </form>
    </section>
  );
}
