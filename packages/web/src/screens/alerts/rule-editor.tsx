// The editor of one alert rule on the Frühwarnungen screen (name and the parameters of its kind,
// saves only what changed) and the checklist of share indicators it shares with the creation form.
import { useEffect, useId, useRef, useState } from 'react';
import { type AlertRule, alertsApi } from '../../api/alerts.ts';
import { ApiError } from '../../api/http.ts';
import { areasApi } from '../../api/areas.ts';
import type { Indicator } from '../../api/indicators.ts';
import { monitoringApi } from '../../api/monitoring.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState } from '../../components/status.tsx';
import { DIRECTIONS, draftOf, rulePatch } from './rule-edit.ts';
import type { Direction, RuleDraft } from './rule-edit.ts';

export const COLUMN = { display: 'flex', flexDirection: 'column' } as const;

export const toApiError = (e: unknown) =>
  e instanceof ApiError ? e : new ApiError(String(e), 500, 'client');

/** Share indicators as a scrolling list of checkboxes (the chosen ones are easy to see). */
export function IndicatorChecklist({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: { id: string; name: string }[];
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset
      style={{ border: '1px solid #c4c9d0', borderRadius: 4, padding: '4px 8px', margin: 0 }}
    >
      <legend>
        {legend}{' '}
        <span style={{ fontWeight: 400 }}>({t.alertsRuleChosen(String(value.length))})</span>
      </legend>
      <div style={{ maxHeight: '10.5em', overflowY: 'auto' }}>
        {options.map((o) => (
          <label key={o.id} style={{ display: 'block' }}>
            <input
              type="checkbox"
              checked={value.includes(o.id)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))
              }
            />{' '}
            {o.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The editor of one rule: name and the parameters of its kind; saves only what changed. */
export function RuleEditor({
  rule,
  shares,
  directionLabel,
  onCancel,
  onSaved,
}: {
  rule: AlertRule;
  shares: Indicator[];
  directionLabel: (d: Direction) => string;
  onCancel: () => void;
  onSaved: (rule: AlertRule, changed: boolean) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<RuleDraft>(() => draftOf(rule));
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const isIndex = rule.kind !== 'indicator_change';
  const indices = useFetch(isIndex ? () => monitoringApi.indices() : null, [isIndex]);
  const indexDetail = useFetch(draft.indexId ? () => monitoringApi.index(draft.indexId) : null, [
    draft.indexId,
  ]);
  const systems = useFetch(isIndex ? () => areasApi.areaSystems() : null, [isIndex]);
  const levelKey = (s: string, l: string) => `${s}~${l}`;
  const levelOptions = new Map<string, string>();
  const levelName = (s: string, l: string) => {
    const sys = systems.data?.find((x) => x.id === s);
    const lev = sys?.levels.find((x) => x.id === l);
    return sys && lev ? `${sys.name} – ${lev.nameDe}` : `${s} / ${l}`;
  };
  for (const e of indexDetail.data?.id === draft.indexId ? indexDetail.data.editions : [])
    levelOptions.set(levelKey(e.system, e.level), levelName(e.system, e.level));
  if (draft.system && draft.level)
    levelOptions.set(levelKey(draft.system, draft.level), levelName(draft.system, draft.level));
  // indicators of the rule that are no (readable) share indicator stay selectable
  const options = [
    ...shares.map((i) => ({ id: i.id, name: i.nameDe })),
    ...draft.indicatorIds
      .filter((x) => !shares.some((i) => i.id === x))
      .map((x) => ({ id: x, name: x })),
  ];

  const save = async () => {
    setError(null);
    const r = rulePatch(rule, draft);
    if (!r.ok) return setProblems(r.problems);
    setProblems([]);
    if (!r.patch.nameDe && !r.patch.params) return onSaved(rule, false);
    setBusy(true);
    try {
      onSaved(await alertsApi.updateAlertRule(rule.id, r.patch), true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label={t.alertsRuleEditOf(rule.nameDe)}
      style={{
        ...COLUMN,
        gap: 8,
        maxWidth: '44em',
        padding: '10px 12px',
        border: '1px solid #d0d4da',
        borderRadius: 4,
        background: '#f7f8fa',
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <label style={COLUMN}>
        {t.alertsRuleName}
        <input
          ref={nameRef}
          type="text"
          required
          value={draft.nameDe}
          onChange={(e) => set({ nameDe: e.target.value })}
        />
      </label>
      {!isIndex ? (
        <>
          <IndicatorChecklist
            legend={t.alertsRuleIndicators}
            options={options}
            value={draft.indicatorIds}
            onChange={(indicatorIds) => set({ indicatorIds })}
          />
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <label style={COLUMN}>
              {t.alertsRuleThreshold}
              <input
                id={`${id}-sd`}
                type="text"
                inputMode="decimal"
                value={draft.sdThreshold}
                onChange={(e) => set({ sdThreshold: e.target.value })}
              />
            </label>
            <label style={COLUMN}>
              {t.alertsRuleMinBase}
              <input
                type="text"
                inputMode="numeric"
                value={draft.minBase}
                onChange={(e) => set({ minBase: e.target.value })}
              />
            </label>
            <label style={COLUMN}>
              {t.alertsRuleDirection}
              <select
                value={draft.direction}
                onChange={(e) =>
                  set({ direction: DIRECTIONS.find((d) => d === e.target.value) ?? 'increase' })
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
        </>
      ) : (
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <label style={COLUMN}>
            {t.alertsRuleIndex}
            <select value={draft.indexId} onChange={(e) => set({ indexId: e.target.value })}>
              {!draft.indexId && <option value="">—</option>}
              {(indices.data ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.label}
                </option>
              ))}
              {draft.indexId && !indices.data?.some((i) => i.id === draft.indexId) && (
                <option value={draft.indexId}>{draft.indexId}</option>
              )}
            </select>
          </label>
          <label style={COLUMN}>
            {t.alertsRuleLevel}
            <select
              value={draft.system && draft.level ? levelKey(draft.system, draft.level) : ''}
              onChange={(e) => {
                const [system = '', level = ''] = e.target.value.split('~');
                set({ system, level });
              }}
            >
              {!(draft.system && draft.level) && <option value="">—</option>}
              {[...levelOptions].map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {problems.length > 0 && (
        <ul role="alert" style={{ color: '#b3261e', margin: 0, paddingLeft: '1.2em' }}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {error && <ErrorState error={error} />}
      <div style={{ display: 'flex', gap: 8 }}>
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {t.alertsRuleSave}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          {t.alertsCancel}
        </button>
      </div>
    </form>
  );
}
