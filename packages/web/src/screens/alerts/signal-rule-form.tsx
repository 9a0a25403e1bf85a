// "Neue Regel: Ungewöhnlich viele Hinweise/negative Einschätzungen" (issue 13 § 5): creates a
// participation_signal rule — Lebenslage, period, how many earlier periods it is compared with, a
// minimum count, and which signals count. The server checks everything again (contract).
import { useRef, useState } from 'react';
import type { SignalSource } from '@sozialraum/contracts/alerts';
import type { Dimension } from '@sozialraum/contracts/enums';
import { alertsApi, type AlertRule } from '../../api/alerts.ts';
import { ApiError } from '../../api/http.ts';
import { ErrorState } from '../../components/status.tsx';
import { FormField, focusFirstInvalid } from '../../components/form-field.tsx';
import { DIMENSION_ORDER, dimensionLabel } from '../../lib/labels.ts';
import { useI18n, type Lang } from '../../i18n/index.tsx';
import type { Dict } from '../../i18n/de.ts';
import { formatNumber } from '../../lib/core-bridge.ts';

const PERIODS = [1, 3, 6, 12] as const;

// every kind of signal the contract knows (the record makes the compiler check the list is whole;
// the web takes only types from the contracts, so zod stays out of its bundle)
const EVERY_SOURCE: Record<SignalSource, true> = {
  reports: true,
  supports: true,
  negative_assessments: true,
  survey_responses: true,
};
const SIGNAL_SOURCES = Object.keys(EVERY_SOURCE) as SignalSource[];

/** A whole number within [min, max] from a German input ("1.000" allowed), else null. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  const t = text.trim().replace(/\./g, '');
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** The settings of a stored signal rule in words: „Bildung · 6 Monate · ab 3 · Hinweise und Ideen, …“. */
export function signalRuleSummary(params: Record<string, unknown>, t: Dict, lang: Lang): string {
  const dim = typeof params.dimension === 'string' ? dimensionLabel(params.dimension, lang) : null;
  const months = typeof params.periodMonths === 'number' ? params.periodMonths : 3;
  const min = typeof params.minCount === 'number' ? params.minCount : 5;
  const sources = Array.isArray(params.sources) ? (params.sources as string[]) : SIGNAL_SOURCES;
  return [
    dim ?? t.sigRuleAllDimensions,
    t.sigRuleMonths(months),
    t.sigRuleFrom(formatNumber(min, 0, lang)),
    sources.map((x) => t.sigRuleSource(x)).join(', '),
  ].join(' · ');
}

export function SignalRuleForm({
  department,
  makeId,
  onCreated,
}: {
  /** The owning department of the new rule. */
  department: string;
  /** The rule id from its name (the screen's slug rule). */
  makeId: (name: string) => string;
  onCreated: (rule: AlertRule) => void;
}) {
  const { t, lang } = useI18n();
  const [name, setName] = useState('');
  const [dimension, setDimension] = useState('');
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>(3);
  const [history, setHistory] = useState('4');
  const [minCount, setMinCount] = useState('5');
  const [sources, setSources] = useState<SignalSource[]>([...SIGNAL_SOURCES]);
  const [errors, setErrors] = useState<{ history?: string; minCount?: string; sources?: string }>(
    {},
  );
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const submit = async () => {
    setFailure(null);
    const historyPeriods = wholeNumber(history, 1, 12);
    const min = wholeNumber(minCount, 1, 1000);
    const next = {
      history: historyPeriods === null ? t.sigRuleBadHistory : undefined,
      minCount: min === null ? t.sigRuleBadMinCount : undefined,
      sources: sources.length === 0 ? t.sigRuleNoSource : undefined,
    };
    setErrors(next);
    if (next.sources || historyPeriods === null || min === null) {
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    try {
      const saved = await alertsApi.createAlertRule({
        id: makeId(name),
        nameDe: name.trim(),
        department,
        kind: 'participation_signal',
        params: {
          dimension: (dimension || null) as Dimension | null,
          periodMonths: period,
          historyPeriods,
          minCount: min,
          sources,
        },
      });
      setName('');
      onCreated(saved);
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(String(e), 500, 'client'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      className="signal-rule-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t.sigRuleNew}</h3>
      <p className="hint">{t.sigRuleIntro}</p>
      <FormField label={t.sigRuleName}>
        <input type="text" required value={name} onChange={(e) => setName(e.target.value)} />
      </FormField>
      <div className="signal-rule-row">
        <FormField label={t.sigRuleDimension}>
          <select value={dimension} onChange={(e) => setDimension(e.target.value)}>
            <option value="">{t.sigRuleAllDimensions}</option>
            {DIMENSION_ORDER.filter((d) => d !== 'social_index').map((d) => (
              <option key={d} value={d}>
                {dimensionLabel(d, lang)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t.sigRulePeriod}>
          <select
            value={period}
            onChange={(e) => setPeriod(PERIODS.find((p) => String(p) === e.target.value) ?? 3)}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t.sigRuleMonths(p)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t.sigRuleHistory} error={errors.history}>
          <input
            type="text"
            inputMode="numeric"
            value={history}
            onChange={(e) => setHistory(e.target.value)}
          />
        </FormField>
        <FormField label={t.sigRuleMinCount} hint={t.sigRuleMinCountHint} error={errors.minCount}>
          <input
            type="text"
            inputMode="numeric"
            value={minCount}
            onChange={(e) => setMinCount(e.target.value)}
          />
        </FormField>
      </div>
      <fieldset aria-invalid={errors.sources ? true : undefined}>
        <legend>{t.sigRuleSources}</legend>
        {SIGNAL_SOURCES.map((s) => (
          <label key={s} className="signal-rule-source">
            <input
              type="checkbox"
              checked={sources.includes(s)}
              onChange={(e) =>
                setSources((now) =>
                  e.target.checked
                    ? SIGNAL_SOURCES.filter((x) => x === s || now.includes(x))
                    : now.filter((x) => x !== s),
                )
              }
            />{' '}
            {t.sigRuleSource(s)}
          </label>
        ))}
        {errors.sources && (
          <p className="field-error" role="alert">
            {errors.sources}
          </p>
        )}
      </fieldset>
      {failure && <ErrorState error={failure} />}
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()}>
          {t.sigRuleCreate}
        </button>
      </div>
    </form>
  );
}
