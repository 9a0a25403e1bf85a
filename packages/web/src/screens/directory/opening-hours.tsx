// Opening hours of one service at one place: a table, and for people who may edit it a form of
// weekday/from/to/note rows that replaces the week as a whole (PUT; audited on the server).
import { useId, useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { directoryApi, type OpeningInterval } from '../../api/directory.ts';
import { useI18n } from '../../i18n/index.tsx';

export function OpeningHours({
  serviceAtLocationId,
  intervals,
  canEdit,
  onSaved,
}: {
  serviceAtLocationId: string;
  intervals: OpeningInterval[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (editing) {
    return (
      <HoursForm
        salId={serviceAtLocationId}
        initial={intervals}
        onDone={(ok) => {
          setEditing(false);
          setSaved(ok);
          if (ok) onSaved();
        }}
      />
    );
  }
  return (
    <>
      {intervals.length === 0 ? (
        <p className="muted">{t.directoryNoHours}</p>
      ) : (
        <table className="hours">
          <tbody>
            {intervals.map((iv, i) => (
              <tr key={i}>
                <th scope="row">{t.weekday(iv.weekday)}</th>
                <td>
                  {iv.opens}–{iv.closes}
                </td>
                <td>{iv.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {saved && (
        <p role="status" className="state state-ok">
          {t.hoursSaved}
        </p>
      )}
      {canEdit && (
        <button type="button" className="btn" onClick={() => setEditing(true)}>
          {t.hoursEdit}
        </button>
      )}
    </>
  );
}

function HoursForm({
  salId,
  initial,
  onDone,
}: {
  salId: string;
  initial: OpeningInterval[];
  onDone: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<OpeningInterval[]>(() =>
    initial.length > 0
      ? initial.map((r) => ({ ...r }))
      : [{ weekday: 1, opens: '08:00', closes: '16:00' }],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    setBusy(true);
    setError(null);
    const body = rows.map((r) => ({ ...r, notes: r.notes?.trim() ? r.notes.trim() : null }));
    directoryApi.replaceOpeningHours(salId, body).then(
      () => {
        setBusy(false);
        onDone(true);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof ApiError && e.status !== 0 ? e.message : t.serverUnreachable);
      },
    );
  };
  return (
    <form
      className="hours-form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="muted">{t.hoursHint}</p>
      <HoursRowsEditor rows={rows} onChange={setRows} />
      {error && (
        <p role="alert" className="state state-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t.hoursSave}
        </button>
        <button type="button" className="btn" onClick={() => onDone(false)}>
          {t.hoursCancel}
        </button>
      </div>
    </form>
  );
}

/**
 * The rows of a week's opening hours (weekday, from, to, note; add and remove), edited in place:
 * the place hours form and the service form (a service's own hours) both use it.
 */
export function HoursRowsEditor({
  rows,
  onChange,
}: {
  rows: OpeningInterval[];
  onChange: (rows: OpeningInterval[]) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const update = (i: number, patch: Partial<OpeningInterval>) =>
    onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <>
      {rows.length > 0 && (
        <table className="hours">
          <thead>
            <tr>
              <th scope="col">{t.hoursWeekday}</th>
              <th scope="col">{t.hoursOpens}</th>
              <th scope="col">{t.hoursCloses}</th>
              <th scope="col">{t.hoursNotes}</th>
              <th scope="col">
                <span className="visually-hidden">{t.hoursRemove}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <select
                    aria-label={`${t.hoursWeekday} ${i + 1}`}
                    id={`${id}-d${i}`}
                    value={r.weekday}
                    onChange={(e) => update(i, { weekday: Number(e.target.value) })}
                  >
                    {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                      <option key={d} value={d}>
                        {t.weekday(d)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="time"
                    aria-label={`${t.hoursOpens} ${i + 1}`}
                    value={r.opens}
                    required
                    onChange={(e) => update(i, { opens: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="time"
                    aria-label={`${t.hoursCloses} ${i + 1}`}
                    value={r.closes === '24:00' ? '23:59' : r.closes}
                    required
                    onChange={(e) => update(i, { closes: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`${t.hoursNotes} ${i + 1}`}
                    value={r.notes ?? ''}
                    maxLength={200}
                    onChange={(e) => update(i, { notes: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => onChange(rows.filter((_, k) => k !== i))}
                  >
                    {t.hoursRemove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="btn"
        onClick={() => onChange([...rows, { weekday: 1, opens: '08:00', closes: '16:00' }])}
      >
        {t.hoursAdd}
      </button>
    </>
  );
}
