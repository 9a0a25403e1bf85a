// "Gebiet verwalten" on the area's profile page (people with imports.areas): retire the area with an
// end date (it keeps its values, marked aufgelöst) or remove it after a confirmation dialog that
// names exactly what goes — the server's preview counts, which the removal call repeats (ADR 0017).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormField } from '../../components/form-field.tsx';
import { ApiError, request } from '../../api/http.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n, type Lang } from '../../i18n/index.tsx';
import type { Dict } from '../../i18n/de.ts';
import { navigate } from '../../lib/router.ts';

interface RemovalCounts {
  values: number;
  pointAssignments: number;
  alerts: number;
  subscriptions: number;
  synonyms: number;
}

export interface RemovalPreview {
  area: { id: number; code: string; name: string; systemId: string; levelId: string };
  counts: RemovalCounts;
  indicators: { id: string; nameDe: string; values: number }[];
  children: number;
  removable: boolean;
  message: string;
}

const areasApi = {
  retire: (id: number, validTo: string) =>
    request<{ message: string }>(`/api/areas/${id}/retire`, {
      method: 'POST',
      body: JSON.stringify({ validTo }),
    }),
  preview: (id: number) => request<RemovalPreview>(`/api/areas/${id}/removal`),
  remove: (id: number, confirm: RemovalCounts) =>
    request<RemovalPreview>(`/api/areas/${id}`, {
      method: 'DELETE',
      body: JSON.stringify({ confirm }),
    }),
};

const num = (x: number, lang: Lang) => x.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB');
const day = (iso: string, lang: Lang) =>
  lang === 'de' ? iso.split('-').reverse().join('.') : iso.split('-').reverse().join('/');
const msg = (e: unknown, t: Dict) =>
  e instanceof ApiError && e.status !== 0 ? e.message : t.areaUnreachable;

/** " (aufgelöst 31.12.2023)" after a retired area's name in lists, which show it greyed. */
export function AreaRetiredNote({ validTo }: { validTo: string }) {
  const { t, lang } = useI18n();
  return <span className="area-retired-note">{t.areaRetiredNote(day(validTo, lang))}</span>;
}

/** What goes, one line each, as the dialog lists it. */
export function removalLines(p: RemovalPreview, t: Dict, lang: Lang): string[] {
  const c = p.counts;
  const indicators = p.indicators.map((i) => `${i.nameDe}: ${num(i.values, lang)}`).join(', ');
  return [
    t.areaLineValues(num(c.values, lang), c.values === 1, indicators),
    t.areaLinePoints(num(c.pointAssignments, lang), c.pointAssignments === 1),
    t.areaLineAlerts(num(c.alerts, lang), c.alerts === 1),
    t.areaLineSubs(num(c.subscriptions, lang), c.subscriptions === 1),
    t.areaLineSynonyms(num(c.synonyms, lang), c.synonyms === 1),
  ];
}

function RemovalDialog({
  preview,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  preview: RemovalPreview;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const id = useId();
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
  }, []);
  return (
    <dialog
      ref={ref}
      className="form-card area-removal-dialog"
      aria-labelledby={`${id}-t`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-t`}>{t.areaRemoveTitle(`${preview.area.code} ${preview.area.name}`)}</h2>
      {preview.removable ? (
        <>
          <p>{t.areaRemoveWhat}</p>
          <ul>
            {removalLines(preview, t, lang).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <p className="hint">{t.areaRemoveHint}</p>
        </>
      ) : (
        <p role="alert">{preview.message}</p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn" onClick={onClose} autoFocus>
          {t.areaRemoveCancel}
        </button>
        {preview.removable && (
          <button type="button" className="btn btn-danger" disabled={busy} onClick={onConfirm}>
            {t.areaRemoveConfirm}
          </button>
        )}
      </div>
    </dialog>
  );
}

/** The section; renders nothing without imports.areas. `onChanged` reloads the profile. */
export function AreaLifecycle({
  area,
  onChanged,
}: {
  area: { id: number; code: string; name: string; validTo?: string | null };
  onChanged?: () => void;
}) {
  const id = useId();
  const auth = useAuth();
  const { t, lang } = useI18n();
  const [validTo, setValidTo] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<RemovalPreview | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [retiredTo, setRetiredTo] = useState<string | null>(null);
  if (!auth.can('imports.areas')) return null;
  const endDate = retiredTo ?? area.validTo ?? null;

  const retire = (e: FormEvent) => {
    e.preventDefault();
    if (!validTo) {
      setDateError(t.areaRetireDateMissing);
      document.getElementById(`${id}-date`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    areasApi.retire(area.id, validTo).then(
      (r) => {
        setDone(r.message);
        setRetiredTo(validTo);
        setBusy(false);
        onChanged?.();
      },
      (err: unknown) => {
        setError(msg(err, t));
        setBusy(false);
      },
    );
  };
  const openRemoval = () => {
    setError(null);
    setDialogError(null);
    areasApi.preview(area.id).then(setPreview, (err: unknown) => setError(msg(err, t)));
  };
  const confirmRemoval = () => {
    if (!preview) return;
    setBusy(true);
    areasApi.remove(area.id, preview.counts).then(
      (r) => {
        setBusy(false);
        setPreview(null);
        setDone(r.message);
        navigate('/');
      },
      (err: unknown) => {
        setBusy(false);
        // the counts changed since the preview: show the new ones and ask again
        if (err instanceof ApiError && err.status === 409 && err.details)
          setPreview(err.details as RemovalPreview);
        setDialogError(msg(err, t));
      },
    );
  };

  return (
    <section className="profile-group area-lifecycle" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="profile-group-title">
        {t.areaManage}
      </h3>
      {endDate ? (
        <p className="profile-meta">{t.areaRetiredSince(day(endDate, lang))}</p>
      ) : (
        <form onSubmit={retire} noValidate className="inline-form">
          <FormField
            id={`${id}-date`}
            label={t.areaRetireDate}
            error={dateError}
            hint={t.areaRetireHint}
          >
            <input
              type="date"
              value={validTo}
              onChange={(e) => {
                setValidTo(e.target.value);
                setDateError(null);
              }}
            />
          </FormField>
          <div className="actions">
            <button type="submit" className="btn" disabled={busy}>
              {t.areaRetire}
            </button>
          </div>
        </form>
      )}
      <div className="actions">
        <button type="button" className="btn btn-danger" onClick={openRemoval} disabled={busy}>
          {t.areaRemove}
        </button>
      </div>
      {done && (
        <p className="note note-ok" role="status">
          {done}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <RemovalDialog
          preview={preview}
          busy={busy}
          error={dialogError}
          onConfirm={confirmRemoval}
          onClose={() => setPreview(null)}
        />
      )}
    </section>
  );
}
