// Recording a cooperation on /netzwerk (network.edit_own): two organisations found by name in the
// directory, the kind, a Lebenslage and the start. The server checks that one of them is the
// person's own (unless network.edit_all) and answers with a message the form shows.
import { useId, useState, type FormEvent } from 'react';
import { directoryApi } from '../../api/directory.ts';
import { ApiError, json, request } from '../../api/http.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DIMENSIONS, LINK_KINDS } from '../../lib/core-bridge.ts';
import { dimensionLabel } from '../../lib/labels.ts';

interface Org {
  id: string;
  name: string;
}

function OrgPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Org[]>([]);
  const search = async () => {
    const res = await directoryApi.services({ q: text, perPage: 30 });
    const orgs = new Map(res.items.map((s) => [s.organisation.id, s.organisation.name]));
    const list = [...orgs].map(([oid, name]) => ({ id: oid, name }));
    setFound(list);
    if (list[0]) onChange(list[0].id);
  };
  return (
    <fieldset className="link-org">
      <legend>{label}</legend>
      <label htmlFor={`${id}-q`} className="field-label">
        {t.linkSearch}
      </label>
      <input id={`${id}-q`} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="button" className="btn btn-small" onClick={() => void search()}>
        {t.linkFind}
      </button>
      <label htmlFor={`${id}-org`} className="field-label">
        {t.networkOrganisation}
      </label>
      <select id={`${id}-org`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">–</option>
        {found.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

export function LinkForm({ onSaved }: { onSaved: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [kind, setKind] = useState<string>('projekt');
  const [dimension, setDimension] = useState('');
  const [from, setFrom] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await request(
        '/api/network/links',
        json('POST', {
          organisationA: a,
          organisationB: b,
          kind,
          dimensions: dimension ? [dimension] : [],
          validFrom: from || null,
        }),
      );
      setMessage({ ok: true, text: t.linkSaved });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <details className="link-form">
      <summary>{t.linkAdd}</summary>
      <form onSubmit={(e) => void submit(e)}>
        <OrgPicker label={t.linkOwn} value={a} onChange={setA} />
        <OrgPicker label={t.linkPartner} value={b} onChange={setB} />
        <div className="field">
          <label htmlFor={`${id}-kind`} className="field-label">
            {t.networkKind}
          </label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
            {LINK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t.networkLinkKinds(k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-dim`} className="field-label">
            {t.networkDimension}
          </label>
          <select id={`${id}-dim`} value={dimension} onChange={(e) => setDimension(e.target.value)}>
            <option value="">–</option>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {dimensionLabel(d, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`} className="field-label">
            {t.linkFrom}
          </label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={!a || !b}>
          {t.linkSave}
        </button>
        {message && (
          <p
            className={message.ok ? 'form-ok' : 'field-error'}
            role={message.ok ? 'status' : 'alert'}
          >
            {message.text}
          </p>
        )}
      </form>
    </details>
  );
}
