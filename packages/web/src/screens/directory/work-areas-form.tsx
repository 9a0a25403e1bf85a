// The work areas of a service's organisation (the actor network's Arbeitsgebiete): shown to everyone
// who sees the service; people who may record the organisation's network facts pick areas by name
// or code (a list to choose from as one types; Enter adds) and save (PUT …/organisations/:id/areas,
// audited on the server).
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { directoryApi, type DirectoryServiceDetail } from '../../api/directory.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AreaPicker, type AreaChoice } from '../measures/form-parts.tsx';

export function WorkAreas({ s, onSaved }: { s: DirectoryServiceDetail; onSaved: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [areas, setAreas] = useState<AreaChoice[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const start = () => {
    setAreas(s.workAreas.map((a) => ({ id: a.id, name: a.name, code: a.code })));
    setMessage(null);
    setEditing(true);
  };
  const save = () => {
    setBusy(true);
    setMessage(null);
    directoryApi
      .setWorkAreas(
        s.organisation.id,
        areas.map((a) => a.id),
      )
      .then(
        () => {
          setBusy(false);
          setEditing(false);
          setMessage({ ok: true, text: t.workAreasSaved });
          onSaved();
        },
        (e: unknown) => {
          setBusy(false);
          setMessage({
            ok: false,
            text: e instanceof ApiError && e.status !== 0 ? e.message : t.serverUnreachable,
          });
        },
      );
  };
  return (
    <section className="work-areas" aria-labelledby="work-areas-heading">
      <h2 id="work-areas-heading">{t.workAreasTitle}</h2>
      <p className="muted">{t.workAreasIntro}</p>
      {!editing &&
        (s.workAreas.length === 0 ? (
          <p>{t.workAreasNone}</p>
        ) : (
          <ul className="chip-list">
            {s.workAreas.map((a) => (
              <li key={a.id}>
                <Link href={`/gebiete/${a.id}`}>{a.name}</Link>{' '}
                <span className="muted">({a.level})</span>
              </li>
            ))}
          </ul>
        ))}
      {editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <AreaPicker legend={t.workAreasTitle} areas={areas} onChange={setAreas} />
          <p>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t.workAreasSave}
            </button>{' '}
            <button type="button" className="btn" onClick={() => setEditing(false)}>
              {t.serviceCancel}
            </button>
          </p>
        </form>
      )}
      {!editing && s.canEditWorkAreas && (
        <button type="button" className="btn" onClick={start}>
          {t.workAreasEdit}
        </button>
      )}
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={`state ${message.ok ? 'state-ok' : 'state-error'}`}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
