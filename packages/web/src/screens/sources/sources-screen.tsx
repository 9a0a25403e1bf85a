// /quellen: every source with publisher, licence and the attribution to show — for everyone. People
// with 'sources.edit' correct a source here (PATCH sends only changed fields; audited on the server).
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { type Source, type SourcePatch, sourcesApi } from '../../api/sources.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { HistoryLink } from '../../components/history-link.tsx';

type Field = keyof SourcePatch;
const FIELDS: { key: Field; required: boolean; long?: boolean }[] = [
  { key: 'title', required: true },
  { key: 'publisher', required: true },
  { key: 'licence', required: true },
  { key: 'licenceUrl', required: false },
  { key: 'attribution', required: true, long: true },
  { key: 'url', required: false },
  { key: 'notes', required: false, long: true },
];

/** The fields that differ from the source ('' becomes null for optional fields). */
export function sourcePatch(s: Source, draft: Record<Field, string>): SourcePatch {
  const patch: Record<string, string | null> = {};
  for (const { key, required } of FIELDS) {
    const v = draft[key].trim();
    const next = v === '' && !required ? null : v;
    if (next !== (s[key] ?? null)) patch[key] = next;
  }
  return patch as SourcePatch;
}

function SourceEditor({
  source,
  onDone,
}: {
  source: Source;
  onDone: (saved: Source | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Record<Field, string>>(
    () =>
      Object.fromEntries(FIELDS.map((f) => [f.key, source[f.key] ?? ''])) as Record<Field, string>,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: Field | null; message: string } | null>(null);
  const label = (k: Field) =>
    ({
      title: t.sourceTitle,
      publisher: t.sourcePublisher,
      licence: t.sourceLicence,
      licenceUrl: t.sourceLicenceUrl,
      attribution: t.sourceAttribution,
      url: t.sourceUrl,
      notes: t.sourceNotes,
    })[k];
  const submit = () => {
    const missing = FIELDS.find((f) => f.required && draft[f.key].trim() === '');
    if (missing) {
      setError({ field: missing.key, message: t.sourceRequired(label(missing.key)) });
      document.getElementById(`${id}-${missing.key}`)?.focus();
      return;
    }
    const patch = sourcePatch(source, draft);
    if (Object.keys(patch).length === 0) return onDone(null);
    setBusy(true);
    setError(null);
    sourcesApi.updateSource(source.id, patch).then(
      (saved) => {
        setBusy(false);
        onDone(saved);
      },
      (err: unknown) => {
        setBusy(false);
        setError({
          field: null,
          message: err instanceof ApiError && err.status !== 0 ? err.message : t.serverUnreachable,
        });
      },
    );
  };
  return (
    <form
      className="form-card source-editor"
      noValidate
      aria-label={t.sourceEditOf(source.title)}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="hint">{t.sourceEditHint}</p>
      {FIELDS.map(({ key, required, long }) => {
        const invalid = error?.field === key;
        const common = {
          id: `${id}-${key}`,
          value: draft[key],
          required,
          'aria-invalid': invalid || undefined,
          'aria-describedby': invalid ? `${id}-err` : undefined,
          onChange: (e: { target: { value: string } }) =>
            setDraft((d) => ({ ...d, [key]: e.target.value })),
        };
        return (
          <div className="field" key={key}>
            <label htmlFor={`${id}-${key}`} className="field-label">
              {label(key)}
            </label>
            {long ? <textarea rows={2} {...common} /> : <input type="text" {...common} />}
            {invalid && (
              <p id={`${id}-err`} className="field-error">
                {error.message}
              </p>
            )}
          </div>
        );
      })}
      {error && error.field === null && (
        <div className="state state-error inline-state" role="alert">
          <p className="state-title">{error.message}</p>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t.saving : t.save}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)} disabled={busy}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

function SourceCard({ source, canEdit }: { source: Source; canEdit: boolean }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(source);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);
  // the form that had the focus is gone: the confirmation takes it (and comes into view)
  useEffect(() => {
    if (note) noteRef.current?.focus();
  }, [note]);
  return (
    <li className="card source-card">
      <h2 className="card-title">{shown.title}</h2>
      <dl className="source-facts">
        <dt>{t.sourcePublisher}</dt>
        <dd>{shown.url ? <a href={shown.url}>{shown.publisher}</a> : shown.publisher}</dd>
        <dt>{t.sourceLicence}</dt>
        <dd>{shown.licenceUrl ? <a href={shown.licenceUrl}>{shown.licence}</a> : shown.licence}</dd>
        <dt>{t.sourceAttribution}</dt>
        <dd>{shown.attribution}</dd>
        {shown.notes && (
          <>
            <dt>{t.sourceNotesLabel}</dt>
            <dd>{shown.notes}</dd>
          </>
        )}
        <dt>{t.sourceId}</dt>
        <dd>
          <code>{shown.id}</code>
        </dd>
      </dl>
      <div aria-live="polite">
        {note && (
          <p className="note note-ok" ref={noteRef} tabIndex={-1}>
            {note}
          </p>
        )}
      </div>
      {editing ? (
        <SourceEditor
          source={shown}
          onDone={(saved) => {
            setEditing(false);
            if (saved) {
              setShown(saved);
              setNote(t.sourceSaved);
            }
          }}
        />
      ) : (
        <div className="card-actions">
          {canEdit && (
            <button
              type="button"
              className="btn btn-small"
              aria-label={t.sourceEditOf(shown.title)}
              onClick={() => {
                setNote(null);
                setEditing(true);
              }}
            >
              {t.edit}
            </button>
          )}
          <HistoryLink entity="source" id={shown.id} name={shown.title} />
        </div>
      )}
    </li>
  );
}

export function SourcesScreen() {
  const { t } = useI18n();
  const auth = useAuth();
  const sources = useFetch(() => sourcesApi.sources(), []);
  return (
    <div className="page page-sources">
      <h1>{t.sourcesTitle}</h1>
      <p className="lead">{t.sourcesIntro}</p>
      {sources.status === 'loading' && !sources.data && <Loading />}
      {sources.status === 'error' && <ErrorState error={sources.error} onRetry={sources.reload} />}
      {sources.data && sources.data.length === 0 && (
        <div className="state state-empty" role="status">
          <p className="state-title-neutral">{t.sourcesEmpty}</p>
        </div>
      )}
      {sources.data && sources.data.length > 0 && (
        <ul className="source-list">
          {sources.data.map((s) => (
            <SourceCard key={s.id} source={s} canEdit={auth.can('sources.edit')} />
          ))}
        </ul>
      )}
    </div>
  );
}
