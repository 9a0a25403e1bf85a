// Places (or beds) of one service with their dates, and for people of the owning organisation (or
// with directory.edit_all) a form to record a new count and to take back a wrong entry (PUT and
// DELETE …/capacities; audited on the server). The newest date is the current value everywhere.
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { directoryApi, type DirectoryServiceDetail } from '../../api/directory.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';

type Capacity = DirectoryServiceDetail['capacities'][number];

export function CapacityForm({
  serviceId,
  capacities,
  canEdit,
  onSaved,
}: {
  serviceId: string;
  capacities: Capacity[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Capacity['kind']>(capacities[0]?.kind ?? 'places');
  const [value, setValue] = useState(capacities[0] ? String(capacities[0].value) : '');
  const [refDate, setRefDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const done = (text: string) => () => {
    setBusy(false);
    setMessage({ ok: true, text });
    onSaved();
  };
  const failed = (e: unknown) => {
    setBusy(false);
    setMessage({
      ok: false,
      text: e instanceof ApiError && e.status !== 0 ? e.message : t.serverUnreachable,
    });
  };
  const save = () => {
    setBusy(true);
    setMessage(null);
    directoryApi
      .recordCapacity(serviceId, { kind, value: Number(value), refDate })
      .then(done(t.capacitySaved), failed);
  };
  const remove = (c: Capacity) => {
    setBusy(true);
    setMessage(null);
    directoryApi.removeCapacity(serviceId, c).then(done(t.capacityRemoved), failed);
  };
  return (
    <section className="capacity-block" aria-labelledby="capacity-heading">
      <h2 id="capacity-heading">{t.capacityTitle}</h2>
      {capacities.length === 0 ? (
        <p className="muted">{t.capacityNone}</p>
      ) : (
        <table className="hours">
          <caption className="visually-hidden">{t.capacityTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.capacityDate}</th>
              <th scope="col">{t.capacityValue}</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">{t.capacityRemove}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {capacities.map((c) => (
              <tr key={`${c.kind}-${c.refDate}`}>
                <th scope="row">{formatDate(c.refDate)}</th>
                <td>
                  {formatNumber(c.value)} {c.kind === 'beds' ? t.capacityBeds : t.capacityPlaces}
                </td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={busy}
                      aria-label={`${t.capacityRemove}: ${formatDate(c.refDate)}`}
                      onClick={() => remove(c)}
                    >
                      {t.capacityRemove}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form
          className="capacity-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label>
            {t.capacityKind}
            <select value={kind} onChange={(e) => setKind(e.target.value as Capacity['kind'])}>
              <option value="places">{t.capacityPlaces}</option>
              <option value="beds">{t.capacityBeds}</option>
            </select>
          </label>
          <label>
            {t.capacityValue}
            <input
              type="number"
              min={0}
              max={100000}
              step={1}
              required
              inputMode="numeric"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </label>
          <label>
            {t.capacityDate}
            <input
              type="date"
              required
              value={refDate}
              onChange={(e) => setRefDate(e.target.value)}
            />
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t.capacitySave}
          </button>
        </form>
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
