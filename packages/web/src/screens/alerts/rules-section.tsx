// "Regeln" on the Frühwarnungen screen: the rules with their kind and an active switch (PATCH), and a
// small form to create an indicator-change rule (share indicators, threshold in SD with a German
// decimal comma, minimum base).
import { useState } from 'react';
import type { AlertRule } from '../../lib/api.ts';
import { api, ApiError } from '../../lib/api.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';

/** Parses a positive German decimal ("2,5", "1.000"); null when it is not a number > 0. */
export function parsePositiveGermanDecimal(input: string): number | null {
  const s = input.trim().replace(/\s/g, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/.test(s)) return null;
  const v = Number(s.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** A rule id (slug, ≤ 63 characters) from a German name: umlauts spelled out, other signs → "-". */
export function slugifyRuleName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
  return s || 'regel';
}

const CELL = { padding: '4px 12px 4px 0' } as const;

export function RulesSection() {
  const { t } = useI18n();
  const rules = useFetch(() => api.alertRules(), []);
  const indicators = useFetch(() => api.indicators(), []);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [department, setDepartment] = useState('Sozialplanung');
  const [chosen, setChosen] = useState<string[]>([]);
  const [threshold, setThreshold] = useState('2');
  const [minBase, setMinBase] = useState('100');
  const [formError, setFormError] = useState<string | null>(null);
  const shares = (indicators.data ?? []).filter((i) => i.kind === 'share');
  const fail = (e: unknown) =>
    setError(e instanceof ApiError ? e : new ApiError(String(e), 500, 'client'));

  const toggle = async (r: AlertRule) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const saved = await api.updateAlertRule(r.id, { active: !r.active });
      setMessage(t.alertsRuleSwitched(saved.nameDe, saved.active));
      rules.reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    setFormError(null);
    setMessage(null);
    setError(null);
    const sd = parsePositiveGermanDecimal(threshold);
    const base = parsePositiveGermanDecimal(minBase);
    if (sd === null || base === null || !Number.isInteger(base))
      return setFormError(t.alertsRuleBadNumber);
    if (chosen.length === 0) return setFormError(t.alertsRuleNoIndicator);
    setBusy(true);
    try {
      const saved = await api.createAlertRule({
        id: slugifyRuleName(name),
        nameDe: name.trim(),
        department: department.trim(),
        kind: 'indicator_change',
        params: { indicatorIds: chosen, sdThreshold: sd, minBase: base },
      });
      setMessage(t.alertsRuleCreated(saved.nameDe));
      setName('');
      setChosen([]);
      rules.reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="alert-rules-title" style={{ marginTop: 24 }}>
      <h2 id="alert-rules-title">{t.alertsRules}</h2>
      <div role="status" aria-live="polite" style={{ minHeight: '1.5em' }}>
        {message}
      </div>
      {error && <ErrorState error={error} />}
      {rules.status === 'loading' && !rules.data && <Loading />}
      {rules.status === 'error' && (
        <ErrorState error={rules.error} what={t.alertsRules} onRetry={rules.reload} />
      )}
      {rules.data && rules.data.length === 0 && (
        <p className="state state-empty">{t.alertsNoRules}</p>
      )}
      {rules.data && rules.data.length > 0 && (
        <table className="table" style={{ borderCollapse: 'collapse', textAlign: 'left' }}>
          <thead>
            <tr>
              <th style={CELL}>{t.alertsRuleName}</th>
              <th style={CELL}>{t.alertsRuleKindHeader}</th>
              <th style={CELL}>{t.alertsRuleDepartment}</th>
              <th style={CELL}>{t.alertsRuleActive}</th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((r) => (
              <tr key={r.id}>
                <td style={CELL}>{r.nameDe}</td>
                <td style={CELL}>{t.alertsRuleKind(r.kind)}</td>
                <td style={CELL}>{r.department}</td>
                <td style={CELL}>
                  <label>
                    <input
                      type="checkbox"
                      checked={r.active}
                      disabled={busy}
                      onChange={() => void toggle(r)}
                    />{' '}
                    {t.alertsRuleActive}
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        style={{
          display: 'flex',
          flexDirection: 'column',
          gap: 8,
          maxWidth: '40em',
          marginTop: 12,
        }}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h3 style={{ margin: '8px 0 0' }}>{t.alertsRuleNew}</h3>
        <label style={{ display: 'flex', flexDirection: 'column' }}>
          {t.alertsRuleName}
          <input type="text" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label style={{ display: 'flex', flexDirection: 'column' }}>
          {t.alertsRuleDepartment}
          <input
            type="text"
            required
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
          />
        </label>
        <label style={{ display: 'flex', flexDirection: 'column' }}>
          {t.alertsRuleIndicators}
          <select
            multiple
            size={Math.min(6, Math.max(2, shares.length))}
            value={chosen}
            onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => o.value))}
          >
            {shares.map((i) => (
              <option key={i.id} value={i.id}>
                {i.nameDe}
              </option>
            ))}
          </select>
        </label>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <label style={{ display: 'flex', flexDirection: 'column' }}>
            {t.alertsRuleThreshold}
            <input
              type="text"
              inputMode="decimal"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
            />
          </label>
          <label style={{ display: 'flex', flexDirection: 'column' }}>
            {t.alertsRuleMinBase}
            <input
              type="text"
              inputMode="numeric"
              value={minBase}
              onChange={(e) => setMinBase(e.target.value)}
            />
          </label>
        </div>
        {formError && (
          <p role="alert" style={{ color: '#b3261e', margin: 0 }}>
            {formError}
          </p>
        )}
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()}>
            {t.alertsRuleCreate}
          </button>
        </div>
      </form>
    </section>
  );
}
