// "An andere Indikatoren binden": the method of the shown index (e.g. the preset MSS 2019/2021)
// with other indicators, e.g. a new edition's inputs (issue 9 § 6). One picker per input, the
// indicator with the most similar name suggested; a preview of what will be created (with the
// server's warnings on direction and unit) before saving; refusals marked at their field.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError, request } from '../../api/http.ts';
import { indicatorsApi } from '../../api/indicators.ts';
import type { IndexSummary } from '../../api/monitoring.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { focusFirstInvalid } from '../../components/form-field.tsx';
import {
  checkBinding,
  inputsOf,
  rankCandidates,
  suggestBindings,
  type BindProblem,
} from './bind-plan.ts';

/** What POST /api/indices/{id}/bind/preview answers. */
interface BindPlanAnswer {
  basedOn: string;
  definition: { id: string; label: string };
  inputs: { input: string; indicatorId: string; indicatorName: string }[];
  warnings: string[];
}

const post = <T,>(url: string, body: unknown) =>
  request<T>(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
  });

export function BindForm({
  base,
  onSaved,
  onClose,
}: {
  base: IndexSummary;
  onSaved: (saved: IndexSummary) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const uid = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const catalogue = useFetch(() => indicatorsApi.indicators(), []);
  const inputs = useMemo(() => inputsOf(base.definition), [base]);
  const [newId, setNewId] = useState(`${base.id.replace(/-eigen$/, '')}-neu`);
  const [label, setLabel] = useState('');
  const [bindings, setBindings] = useState<Record<string, string>>({});
  const [suggested, setSuggested] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, BindProblem | string>>({});
  const [plan, setPlan] = useState<BindPlanAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const candidates = useMemo(() => catalogue.data ?? [], [catalogue.data]);
  useEffect(() => {
    if (!catalogue.data) return;
    const s = suggestBindings(inputs, candidates);
    setSuggested(s);
    setBindings((b) => ({ ...s, ...b }));
  }, [catalogue.data, candidates, inputs]);
  useEffect(() => {
    if (attempt) focusFirstInvalid(formRef.current);
  }, [attempt]);
  // on narrow screens the form opens below the map: bring it into view
  useEffect(() => {
    formRef.current?.scrollIntoView?.({ block: 'start' });
  }, []);

  const text = (p: BindProblem | string): string =>
    p === 'missing'
      ? t.bindMissing
      : p === 'twice'
        ? t.bindTwice
        : p === 'idInvalid'
          ? t.bindIdInvalid
          : p;
  const body = () => ({ id: newId.trim(), label: label.trim() || undefined, bindings });
  const send = async (save: boolean) => {
    const found = checkBinding(newId, inputs, bindings);
    setProblems(found);
    if (Object.keys(found).length > 0) return setAttempt((n) => n + 1);
    setBusy(true);
    setError(null);
    try {
      const url = `/api/indices/${encodeURIComponent(base.id)}/bind`;
      if (save) onSaved(await post<IndexSummary>(url, body()));
      else setPlan(await post<BindPlanAnswer>(`${url}/preview`, body()));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 0) return setError(t.serverUnreachable);
      // a refused indicator or id is marked where it was chosen
      const input = inputs.find((i) => e.message.includes(`„${bindings[i.indicatorId]}“`));
      // the message stands at the field it is about; the summary only points there
      const key =
        e.status === 409 || e.message.includes('Kennung') ? 'id' : (input?.indicatorId ?? null);
      if (key) {
        setProblems({ [key]: e.message });
        setAttempt((n) => n + 1);
        setError(t.editErrors(1));
      } else setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  const invalid = (key: string) => ({
    'aria-invalid': problems[key] ? true : undefined,
    'aria-describedby': problems[key] ? `${uid}-${key}-err` : undefined,
  });
  const fieldError = (key: string) =>
    problems[key] ? (
      <p id={`${uid}-${key}-err`} className="field-error">
        {text(problems[key])}
      </p>
    ) : null;
  const change = (next: Record<string, string>) => {
    setBindings(next);
    setPlan(null);
  };

  return (
    <form
      ref={formRef}
      className="card form-card bind-form"
      noValidate
      aria-labelledby={`${uid}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void send(true);
      }}
    >
      <h2 id={`${uid}-h`} className="card-title">
        {t.bindTitle}: {base.label}
      </h2>
      <p className="hint">{t.bindIntro}</p>
      {error && (
        <div className="state state-error inline-state" role="alert">
          <p className="state-title">{error}</p>
        </div>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${uid}-id`} className="field-label">
            {t.bindNewId} *
          </label>
          <input
            id={`${uid}-id`}
            type="text"
            value={newId}
            {...invalid('id')}
            aria-describedby={[`${uid}-id-hint`, problems.id ? `${uid}-id-err` : '']
              .filter(Boolean)
              .join(' ')}
            onChange={(e) => {
              setNewId(e.target.value);
              setPlan(null);
            }}
          />
          <span id={`${uid}-id-hint`} className="hint">
            {t.bindNewIdHint}
          </span>
          {fieldError('id')}
        </div>
        <div className="field">
          <label htmlFor={`${uid}-label`} className="field-label">
            {t.bindNewLabel}
          </label>
          <input
            id={`${uid}-label`}
            type="text"
            value={label}
            onChange={(e) => {
              setLabel(e.target.value);
              setPlan(null);
            }}
          />
        </div>
      </div>
      <fieldset className="bind-inputs">
        <legend className="field-label">{t.bindInputs}</legend>
        {inputs.map((inp) => {
          const key = inp.indicatorId;
          const ranked = rankCandidates(inp, candidates);
          return (
            <div key={key} className="field bind-row">
              <label htmlFor={`${uid}-${key}`} className="field-label">
                {t.bindPart(inp.part)} · {inp.label} <code>{key}</code>
              </label>
              <select
                id={`${uid}-${key}`}
                value={bindings[key] ?? ''}
                disabled={!catalogue.data}
                {...invalid(key)}
                onChange={(e) => change({ ...bindings, [key]: e.target.value })}
              >
                <option value="">{t.bindChoose}</option>
                {ranked.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.nameDe} ({c.id})
                  </option>
                ))}
              </select>
              {bindings[key] && bindings[key] === suggested[key] && (
                <span className="hint">{t.bindSuggested}</span>
              )}
              {fieldError(key)}
            </div>
          );
        })}
      </fieldset>
      {plan && <BindPreview plan={plan} />}
      <div className="actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void send(false)}>
          {t.bindPreview}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || !plan}>
          {busy ? t.bindSaving : t.bindSave}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t.bindCancel}
        </button>
      </div>
    </form>
  );
}

/** What the binding will create: the new index, each input with its indicator, the warnings. */
function BindPreview({ plan }: { plan: BindPlanAnswer }) {
  const { t } = useI18n();
  return (
    <section className="bind-preview" aria-live="polite">
      <h3>{t.bindPreviewTitle}</h3>
      <p>{t.bindPreviewLine(plan.definition.id, plan.definition.label, plan.inputs.length)}</p>
      <ul>
        {plan.inputs.map((b) => (
          <li key={b.input}>
            <code>{b.input}</code> → {b.indicatorName} (<code>{b.indicatorId}</code>)
          </li>
        ))}
      </ul>
      {plan.warnings.length > 0 ? (
        <>
          <h4>{t.bindWarnings}</h4>
          <ul className="bind-warnings">
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="hint">{t.bindNoWarnings}</p>
      )}
    </section>
  );
}
