// /indikatoren/:id/bearbeiten: the owning department edits every metadata field of an indicator
// (names, definition, Lebenslage, unit, polarity, decimals, source — licence and attribution are the
// source's, edited under /quellen), its visibility and shares. PATCH sends only the changed fields;
// refused fields are marked (aria-invalid, message next to the field, focus on the first); the
// "Verlauf" panel shows the audit history.
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { type Indicator, type Visibility, indicatorsApi } from '../../api/indicators.ts';
import { sourcesApi } from '../../api/sources.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { canEditIndicator } from '../../lib/access.ts';
import { indicatorName } from '../../lib/labels.ts';
import { useFocusFirstInvalid } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../components/link.tsx';
import { RequireAuth } from '../../components/guard.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { HistoryPanel } from '../access/history-panel.tsx';
import { buildPatch, draftOf, fieldOfRefusal } from './edit-draft.ts';
import { MetadataSelects } from './metadata-selects.tsx';
import type { Draft, DraftField, DraftProblem } from './edit-draft.ts';

const TEXT_FIELDS = [
  ['nameDe', 'nameDe', true, false],
  ['shortDe', 'shortName', false, false],
  ['nameEn', 'nameEn', true, false],
  ['definitionDe', 'definitionDe', true, true],
  ['definitionEn', 'definitionEn', false, true],
  ['numeratorDef', 'numerator', false, true],
  ['denominatorDef', 'denominator', false, true],
  ['updateCycle', 'updateCycle', false, false],
  ['methodNote', 'methodNote', false, true],
] as const;

type Errors = Partial<Record<DraftField, string>>;

function Editor({ ind, onSaved }: { ind: Indicator; onSaved: (i: Indicator) => void }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const sources = useFetch(() => sourcesApi.sources(), []);
  const [draft, setDraft] = useState<Draft>(() => draftOf(ind));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [note, setNote] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // a corrected field loses its mark; the success note belongs to the saved state only
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as DraftField];
      return next;
    });
    setNote(null);
  };
  const others = auth.departments.filter((d) => d.id !== ind.department);
  const visOptions: [Visibility, string, string][] = [
    ['public', t.visPublic, t.visPublicHint],
    ['internal', t.visInternal, t.visInternalHint],
    ['department', t.visDepartment, t.visDepartmentHint],
  ];
  const label = (k: DraftField): string => {
    const text = TEXT_FIELDS.find(([key]) => key === k)?.[1];
    return text ? t[text] : k;
  };
  const message = (k: DraftField, problem: DraftProblem): string =>
    problem === 'unitKind'
      ? t.editUnitKind
      : problem === 'decimals'
        ? t.editDecimalsRange
        : k === 'sourceId'
          ? t.editChooseSource
          : t.requiredField(label(k));
  const fail = (next: Errors, summary: string) => {
    setErrors(next);
    setError(summary);
    setAttempt((n) => n + 1);
  };
  const submit = () => {
    setNote(null);
    const r = buildPatch(ind, draft);
    if ('errors' in r) {
      const next: Errors = {};
      for (const [k, p] of Object.entries(r.errors))
        next[k as DraftField] = message(k as DraftField, p);
      return fail(next, t.editErrors(Object.keys(next).length));
    }
    const changed = Object.keys(r.patch).length;
    if (changed === 0) {
      setError(null);
      return setNote(t.nothingChanged);
    }
    setBusy(true);
    setError(null);
    setErrors({});
    indicatorsApi.updateIndicator(ind.id, r.patch).then(
      (saved) => {
        setBusy(false);
        setNote(t.editSaved(changed));
        onSaved(saved);
      },
      (err: unknown) => {
        setBusy(false);
        if (!(err instanceof ApiError) || err.status === 0) return setError(t.serverUnreachable);
        const f = err.status === 400 ? fieldOfRefusal(err.details) : null;
        if (f) fail({ [f]: err.message }, t.editErrors(1));
        else setError(err.message);
      },
    );
  };
  const fieldProps = (k: DraftField) => ({
    id: `${id}-${k}`,
    'aria-invalid': errors[k] ? true : undefined,
    'aria-describedby': errors[k] ? `${id}-${k}-err` : undefined,
  });
  const fieldError = (k: DraftField) =>
    errors[k] ? (
      <p id={`${id}-${k}-err`} className="field-error">
        {errors[k]}
      </p>
    ) : null;
  return (
    <form
      ref={formRef}
      className="card form-card indicator-editor"
      noValidate
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 id={`${id}-h`} className="card-title">
        {t.metadata}
      </h2>
      {error && (
        <div className="state state-error inline-state" role="alert">
          <p className="state-title">{error}</p>
        </div>
      )}
      <div className="form-grid form-grid-wide">
        {TEXT_FIELDS.map(([key, text, required, long]) => (
          <div key={key} className={`field${long ? ' form-grid-full' : ''}`}>
            <label htmlFor={`${id}-${key}`} className="field-label">
              {t[text]}
              {required ? ' *' : ''}
            </label>
            {long ? (
              <textarea
                {...fieldProps(key)}
                rows={key === 'methodNote' || key === 'definitionDe' ? 3 : 2}
                value={draft[key]}
                required={required}
                onChange={(e) => set({ [key]: e.target.value })}
              />
            ) : (
              <input
                {...fieldProps(key)}
                type="text"
                value={draft[key]}
                required={required}
                onChange={(e) => set({ [key]: e.target.value })}
              />
            )}
            {fieldError(key)}
          </div>
        ))}
        <MetadataSelects
          ind={ind}
          draft={draft}
          set={set}
          errors={errors}
          idPrefix={id}
          sources={sources}
        />
      </div>

      <fieldset className="vis-fieldset">
        <legend className="field-label">{t.visibility}</legend>
        {visOptions.map(([v, label, hint]) => (
          <div key={v} className="radio-block">
            <input
              id={`${id}-vis-${v}`}
              type="radio"
              name={`${id}-vis`}
              value={v}
              checked={draft.visibility === v}
              aria-describedby={`${id}-vis-${v}-h`}
              onChange={() => set({ visibility: v })}
            />
            <label htmlFor={`${id}-vis-${v}`}>
              <strong>{label}</strong>
              <span id={`${id}-vis-${v}-h`} className="hint">
                {' '}
                – {hint}
              </span>
            </label>
          </div>
        ))}
      </fieldset>

      <fieldset className="check-group" disabled={draft.visibility !== 'department'}>
        <legend className="field-label">{t.sharedWith}</legend>
        <p className="hint">{t.sharedWithHint}</p>
        {others.map((d) => (
          <div key={d.id} className="check">
            <input
              id={`${id}-share-${d.id}`}
              type="checkbox"
              checked={draft.sharedWith.includes(d.id)}
              onChange={(e) =>
                set({
                  sharedWith: e.target.checked
                    ? [...draft.sharedWith, d.id]
                    : draft.sharedWith.filter((x) => x !== d.id),
                })
              }
            />
            <label htmlFor={`${id}-share-${d.id}`}>
              {d.name}
              {d.kind === 'organisation' ? ` (${t.kindOrganisation})` : ''}
            </label>
          </div>
        ))}
      </fieldset>

      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t.saving : t.save}
        </button>
        <Link href="/indikatoren" className="btn">
          {t.backToCatalogue}
        </Link>
      </div>
      <div aria-live="polite">{note && <p className="note note-ok">{note}</p>}</div>
      <p className="hint">
        {indicatorName(ind, lang)} · <code>{ind.id}</code>
      </p>
    </form>
  );
}

function EditPage({ indicatorId }: { indicatorId: string }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const q = useFetch(() => indicatorsApi.indicator(indicatorId), [indicatorId]);
  const [saved, setSaved] = useState<Indicator | null>(null);
  const [tick, setTick] = useState(0);
  const ind = saved ?? q.data;
  useEffect(() => {
    if (ind) document.title = `${t.editTitle}: ${indicatorName(ind, lang)} – ${t.appName}`;
  }, [ind, t, lang]);
  if (q.status === 'error' && !ind)
    return (
      <div className="page">
        <ErrorState error={q.error} what={indicatorId} onRetry={q.reload} />
      </div>
    );
  if (!ind) return <Loading />;
  const editable = canEditIndicator(auth.me, ind);
  return (
    <div className="page page-indicator-edit">
      <p className="breadcrumb">
        <Link href="/indikatoren">{t.catalogueTitle}</Link>
      </p>
      <h1>
        {t.editTitle}: {indicatorName(ind, lang)}
      </h1>
      <p className="owner-line">{t.ownedBy(auth.departmentName(ind.department) || '—')}</p>
      {editable ? (
        <Editor
          key={ind.id}
          ind={ind}
          onSaved={(i) => {
            setSaved(i);
            setTick((n) => n + 1);
          }}
        />
      ) : (
        <div className="state state-empty" role="status">
          <p className="state-title-neutral">{t.notYours}</p>
        </div>
      )}
      <HistoryPanel entity="indicator" entityId={ind.id} refreshKey={tick} />
    </div>
  );
}

export function IndicatorEditScreen({ indicatorId }: { indicatorId: string }) {
  const { t } = useI18n();
  return (
    <RequireAuth title={t.editTitle} anyOf={['indicators.edit', 'indicators.edit_all']}>
      <EditPage indicatorId={indicatorId} />
    </RequireAuth>
  );
}
