// "Regeln" on the Frühwarnungen screen: the rules with their kind, settings and owning department,
// an active switch and "Bearbeiten" (name and parameters, PATCH) for those the person may edit (own
// department with alerts.rules, every rule with alerts.rules_all), and a small form to create an
// indicator-change rule (share indicators, threshold in SD with a German decimal comma, minimum base).
import { SignalRuleForm, signalRuleSummary } from './signal-rule-form.tsx';
import { COLUMN, IndicatorChecklist, RuleEditor, toApiError } from './rule-editor.tsx';
import { useId, useState } from 'react';
import { type AlertRule, alertsApi } from '../../api/alerts.ts';
import { areasApi } from '../../api/areas.ts';
import { ApiError } from '../../api/http.ts';
import { indicatorsApi } from '../../api/indicators.ts';
import { monitoringApi } from '../../api/monitoring.ts';
import { useAuth } from '../../lib/auth.tsx';
import { HistoryLink } from '../../components/history-link.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { DIRECTIONS, canEditRule, draftOf, parsePositiveGermanDecimal } from './rule-edit.ts';
import type { Direction } from './rule-edit.ts';

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

const CELL = { padding: '4px 12px 4px 0', verticalAlign: 'top' } as const;

export function RulesSection() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const rules = useFetch(() => alertsApi.alertRules(), []);
  const indicators = useFetch(() => indicatorsApi.indicators(), []);
  // names of index, area system and level in the settings of index rules
  const hasIndexRules = !!rules.data?.some((r) => r.kind !== 'indicator_change');
  const indices = useFetch(hasIndexRules ? () => monitoringApi.indices() : null, [hasIndexRules]);
  const systems = useFetch(hasIndexRules ? () => areasApi.areaSystems() : null, [hasIndexRules]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [department, setDepartment] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [threshold, setThreshold] = useState('2');
  const [minBase, setMinBase] = useState('100');
  const [direction, setDirection] = useState<Direction>('increase');
  const [formError, setFormError] = useState<string | null>(null);
  const id = useId();
  const shares = (indicators.data ?? []).filter((i) => i.kind === 'share');
  const mayAll = auth.can('alerts.rules_all');
  const ownDepartment = auth.me?.user?.departmentId ?? null;
  const mayCreate = mayAll || (auth.can('alerts.rules') && ownDepartment !== null);
  const createDepartment = mayAll ? department || ownDepartment || '' : (ownDepartment ?? '');
  const directionLabel = (d: Direction) =>
    d === 'increase'
      ? t.alertsDirIncrease
      : d === 'decrease'
        ? t.alertsDirDecrease
        : t.alertsDirBoth;

  const toggle = async (r: AlertRule) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const saved = await alertsApi.updateAlertRule(r.id, { active: !r.active });
      setMessage(t.alertsRuleSwitched(saved.nameDe, saved.active));
      rules.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  /** Closes the editor and gives the focus back to the rule's "Bearbeiten" button. */
  const closeEditor = (ruleId: string) => {
    setEditing(null);
    requestAnimationFrame(() => document.getElementById(`${id}-edit-${ruleId}`)?.focus());
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
      const saved = await alertsApi.createAlertRule({
        id: slugifyRuleName(name),
        nameDe: name.trim(),
        department: createDepartment,
        kind: 'indicator_change',
        params: { indicatorIds: chosen, sdThreshold: sd, minBase: base, direction },
      });
      setMessage(t.alertsRuleCreated(saved.nameDe));
      setName('');
      setChosen([]);
      rules.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const summary = (r: AlertRule): string => {
    const d = draftOf(r);
    if (r.kind === 'participation_signal') return signalRuleSummary(r.params, t, lang);
    if (r.kind !== 'indicator_change') {
      const index = indices.data?.find((i) => i.id === d.indexId)?.label ?? d.indexId;
      const sys = systems.data?.find((x) => x.id === d.system);
      const lev = sys?.levels.find((x) => x.id === d.level);
      return `${index} · ${sys && lev ? `${sys.name} – ${lev.nameDe}` : `${d.system} / ${d.level}`}`;
    }
    const p = r.params;
    return t.alertsRuleSummary(
      formatNumber(d.indicatorIds.length, 0, lang),
      // German decimal comma, as many places as stored (2 → „2“, 2.5 → „2,5“)
      d.sdThreshold,
      formatNumber(typeof p.minBase === 'number' ? p.minBase : 100, 0, lang),
      directionLabel(d.direction),
    );
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
        <div className="list-wrap" tabIndex={0} role="region" aria-label={t.alertsRules}>
          <table className="table" style={{ borderCollapse: 'collapse', textAlign: 'left' }}>
            <thead>
              <tr>
                <th style={CELL}>{t.alertsRuleName}</th>
                <th style={CELL}>{t.alertsRuleKindHeader}</th>
                <th style={CELL}>{t.alertsRuleSettings}</th>
                <th style={CELL}>{t.alertsRuleDepartment}</th>
                <th style={CELL}>{t.alertsRuleActive}</th>
                <th style={CELL}>
                  <span className="visually-hidden">{t.alertsRuleActions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.data.map((r) => {
                const editable = canEditRule(auth.me, r);
                return [
                  <tr key={r.id}>
                    <td style={CELL}>{r.nameDe}</td>
                    <td style={CELL}>{t.alertsRuleKind(r.kind)}</td>
                    <td style={CELL}>{summary(r)}</td>
                    <td style={CELL}>{auth.departmentName(r.department) || r.department}</td>
                    <td style={{ ...CELL, whiteSpace: 'nowrap' }}>
                      <label>
                        <input
                          type="checkbox"
                          checked={r.active}
                          disabled={busy || !editable}
                          onChange={() => void toggle(r)}
                        />{' '}
                        {t.alertsRuleActive}
                        <span className="visually-hidden"> ({r.nameDe})</span>
                      </label>
                    </td>
                    <td style={CELL}>
                      {editable && (
                        <button
                          id={`${id}-edit-${r.id}`}
                          type="button"
                          className="btn btn-small"
                          aria-expanded={editing === r.id}
                          aria-label={t.alertsRuleEditOf(r.nameDe)}
                          onClick={() => {
                            setMessage(null);
                            setEditing(editing === r.id ? null : r.id);
                          }}
                        >
                          {t.alertsRuleEdit}
                        </button>
                      )}{' '}
                      <HistoryLink entity="alert_rule" id={r.id} name={r.nameDe} />
                    </td>
                  </tr>,
                  editing === r.id && (
                    <tr key={`${r.id}-editor`}>
                      <td colSpan={6} style={{ padding: '4px 0 12px' }}>
                        <RuleEditor
                          rule={r}
                          shares={shares}
                          directionLabel={directionLabel}
                          onCancel={() => closeEditor(r.id)}
                          onSaved={(saved, changed) => {
                            setMessage(
                              changed ? t.alertsRuleSaved(saved.nameDe) : t.alertsRuleUnchanged,
                            );
                            closeEditor(r.id);
                            if (changed) rules.reload();
                          }}
                        />
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
      {mayCreate && (
        <form
          style={{ ...COLUMN, gap: 8, maxWidth: '40em', marginTop: 12 }}
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <h3 style={{ margin: '8px 0 0' }}>{t.alertsRuleNew}</h3>
          <label style={COLUMN}>
            {t.alertsRuleName}
            <input type="text" required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          {mayAll ? (
            <label style={COLUMN}>
              {t.alertsRuleDepartment}
              <select
                value={createDepartment}
                onChange={(e) => setDepartment(e.target.value)}
                required
              >
                {!createDepartment && <option value="">—</option>}
                {auth.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p style={{ margin: 0 }}>
              {t.alertsRuleDepartment}: {auth.departmentName(createDepartment)}
            </p>
          )}
          <IndicatorChecklist
            legend={t.alertsRuleIndicators}
            options={shares.map((i) => ({ id: i.id, name: i.nameDe }))}
            value={chosen}
            onChange={setChosen}
          />
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <label style={COLUMN}>
              {t.alertsRuleThreshold}
              <input
                type="text"
                inputMode="decimal"
                value={threshold}
                onChange={(e) => setThreshold(e.target.value)}
              />
            </label>
            <label style={COLUMN}>
              {t.alertsRuleMinBase}
              <input
                type="text"
                inputMode="numeric"
                value={minBase}
                onChange={(e) => setMinBase(e.target.value)}
              />
            </label>
            <label style={COLUMN}>
              {t.alertsRuleDirection}
              <select
                value={direction}
                onChange={(e) =>
                  setDirection(DIRECTIONS.find((d) => d === e.target.value) ?? 'increase')
                }
              >
                {DIRECTIONS.map((d) => (
                  <option key={d} value={d}>
                    {directionLabel(d)}
                  </option>
                ))}
              </select>
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
      )}
      {mayCreate && createDepartment && (
        <SignalRuleForm
          department={createDepartment}
          makeId={slugifyRuleName}
          onCreated={(saved) => {
            setMessage(t.sigRuleCreated(saved.nameDe));
            rules.reload();
          }}
        />
      )}
    </section>
  );
}
