// "Gebiet verwalten" on the area's profile page (people with imports.areas): retire the area with an
// end date (it keeps its values, marked aufgelöst) or remove it after a confirmation dialog that
// names exactly what goes — the server's preview counts, which the removal call repeats (ADR 0017).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormField } from '../../components/form-field.tsx';
import { ApiError, request } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
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

const n = (x: number) => x.toLocaleString('de-DE');
const de = (iso: string) => iso.split('-').reverse().join('.');
const msg = (e: unknown) =>
  e instanceof ApiError && e.status !== 0
    ? e.message
    : 'Der Server ist nicht erreichbar. Bitte später erneut versuchen.';

/** " (aufgelöst 31.12.2023)" after a retired area's name in lists, which show it greyed. */
export function AreaRetiredNote({ validTo }: { validTo: string }) {
  return <span className="area-retired-note"> (aufgelöst {de(validTo)})</span>;
}

/** What goes, one line each, as the dialog lists it. */
export function removalLines(p: RemovalPreview): string[] {
  const c = p.counts;
  return [
    `${n(c.values)} ${c.values === 1 ? 'Wert' : 'Werte'}${p.indicators.length ? ` (${p.indicators.map((i) => `${i.nameDe}: ${n(i.values)}`).join(', ')})` : ''}`,
    `${n(c.pointAssignments)} ${c.pointAssignments === 1 ? 'Standort-Zuordnung' : 'Standort-Zuordnungen'} (die Standorte selbst bleiben)`,
    `${n(c.alerts)} ${c.alerts === 1 ? 'Hinweis' : 'Hinweise'} der Frühwarnung`,
    `${n(c.subscriptions)} ${c.subscriptions === 1 ? 'Abo' : 'Abos'} für dieses Gebiet`,
    `${n(c.synonyms)} gespeicherte ${c.synonyms === 1 ? 'Schreibweise' : 'Schreibweisen'} des Namens`,
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
      <h2 id={`${id}-t`}>
        {preview.area.code} {preview.area.name} entfernen?
      </h2>
      {preview.removable ? (
        <>
          <p>Mit dem Gebiet werden endgültig entfernt:</p>
          <ul>
            {removalLines(preview).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <p className="hint">
            Die Summen der übergeordneten Gebiete werden neu berechnet. Die Änderung wird im
            Protokoll festgehalten. Soll das Gebiet mit seinen Werten erhalten bleiben, lösen Sie es
            stattdessen auf.
          </p>
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
          Abbrechen
        </button>
        {preview.removable && (
          <button type="button" className="btn btn-danger" disabled={busy} onClick={onConfirm}>
            Endgültig entfernen
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
      setDateError('Bitte das Enddatum angeben (letzter Tag, an dem das Gebiet gilt).');
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
        setError(msg(err));
        setBusy(false);
      },
    );
  };
  const openRemoval = () => {
    setError(null);
    setDialogError(null);
    areasApi.preview(area.id).then(setPreview, (err: unknown) => setError(msg(err)));
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
        setDialogError(msg(err));
      },
    );
  };

  return (
    <section className="profile-group area-lifecycle" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="profile-group-title">
        Gebiet verwalten
      </h3>
      {endDate ? (
        <p className="profile-meta">
          Aufgelöst zum {de(endDate)}: es bleibt mit seinen Werten erhalten, wird aber für spätere
          Stichtage nicht mehr zugeordnet.
        </p>
      ) : (
        <form onSubmit={retire} noValidate className="inline-form">
          <FormField
            id={`${id}-date`}
            label="Auflösen zum (letzter gültiger Tag)"
            error={dateError}
            hint="Das Gebiet bleibt mit seinen Werten erhalten und wird als „aufgelöst“ geführt."
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
              Gebiet auflösen
            </button>
          </div>
        </form>
      )}
      <div className="actions">
        <button type="button" className="btn btn-danger" onClick={openRemoval} disabled={busy}>
          Gebiet entfernen …
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
