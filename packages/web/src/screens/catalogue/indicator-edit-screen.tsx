// /indikatoren/:id/bearbeiten: the owning department edits an indicator's metadata, visibility and
// shares (PATCH sends only the changed fields); the "Verlauf" panel shows its audit history.
import { useEffect, useId, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import type { Indicator, IndicatorPatch, Polarity, Visibility } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { canEditIndicator } from '../../lib/access.ts';
import { indicatorName } from '../../lib/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../components/link.tsx';
import { RequireAuth } from '../../components/guard.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { HistoryPanel } from '../access/history-panel.tsx';
import { buildPatch, draftOf } from './edit-draft.ts';
import type { Draft } from './edit-draft.ts';

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

function Editor({ ind, onSaved }: { ind: Indicator; onSaved: (i: Indicator) => void }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(ind));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const others = auth.departments.filter((d) => d.id !== ind.department);
  const visOptions: [Visibility, string, string][] = [
    ['public', t.visPublic, t.visPublicHint],
    ['internal', t.visInternal, t.visInternalHint],
    ['department', t.visDepartment, t.visDepartmentHint],
  ];
  return (
    <form
      className="card form-card indicator-editor"
      noValidate
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        setNote(null);
        const r = buildPatch(ind, draft);
        if ('missing' in r) {
          const label = TEXT_FIELDS.find(([k]) => k === r.missing)?.[1];
          return setError(t.requiredField(label ? t[label] : r.missing));
        }
        if (Object.keys(r.patch).length === 0) {
          setError(null);
          return setNote(t.nothingChanged);
        }
        setBusy(true);
        setError(null);
        api.updateIndicator(ind.id, r.patch as IndicatorPatch).then(
          (saved) => {
            setBusy(false);
            setNote(t.indicatorSaved);
            onSaved(saved);
          },
          (err: unknown) => {
            setBusy(false);
            setError(
              err instanceof ApiError && err.status !== 0 ? err.message : t.serverUnreachable,
            );
          },
        );
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
        {TEXT_FIELDS.map(([key, label, required, long]) => (
          <div key={key} className={`field${long ? ' form-grid-full' : ''}`}>
            <label htmlFor={`${id}-${key}`} className="field-label">
              {t[label]}
              {required ? ' *' : ''}
            </label>
            {long ? (
              <textarea
                id={`${id}-${key}`}
                rows={key === 'methodNote' || key === 'definitionDe' ? 3 : 2}
                value={draft[key]}
                required={required}
                onChange={(e) => set({ [key]: e.target.value })}
              />
            ) : (
              <input
                id={`${id}-${key}`}
                type="text"
                value={draft[key]}
                required={required}
                onChange={(e) => set({ [key]: e.target.value })}
              />
            )}
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${id}-pol`} className="field-label">
            {t.polarity}
          </label>
          <select
            id={`${id}-pol`}
            value={draft.polarity}
            onChange={(e) => set({ polarity: e.target.value as Polarity })}
          >
            {(['higher_is_worse', 'higher_is_better', 'neutral'] as const).map((p) => (
              <option key={p} value={p}>
                {t.polarityLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-dec`} className="field-label">
            {t.decimals}
          </label>
          <select
            id={`${id}-dec`}
            value={draft.decimals}
            onChange={(e) => set({ decimals: e.target.value })}
          >
            {['', '0', '1', '2', '3', '4', '5', '6'].map((d) => (
              <option key={d} value={d} disabled={d === ''}>
                {d === '' ? '—' : d}
              </option>
            ))}
          </select>
        </div>
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
  const q = useFetch(() => api.indicator(indicatorId), [indicatorId]);
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
