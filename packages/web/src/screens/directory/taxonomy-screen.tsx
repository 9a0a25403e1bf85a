// /angebote/arten: the service types (taxonomy) with their Lebenslagen and legal basis (SGB) and how
// many services each has. The built-in types come with Sozialraum; the data steward adds the
// tenant's own types and changes them (issue 12 § 1 "a tenant can extend it"). The search filter of
// /angebote offers every type listed here.
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { directoryApi, type DirectoryTaxonomyTerm, type TermBody } from '../../api/directory.ts';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { dimensionLabel, DIMENSION_ORDER } from '../../lib/labels.ts';
import { useFetch } from '../../lib/use-fetch.ts';

interface Draft {
  code: string;
  name: string;
  description: string;
  dimensions: string[];
  legalBasis: string;
}

const EMPTY: Draft = { code: '', name: '', description: '', dimensions: [], legalBasis: '' };

export function TaxonomyScreen() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const res = useFetch(() => directoryApi.taxonomy(), []);
  const [editing, setEditing] = useState<{ code: string | null; draft: Draft } | null>(null);
  const canEdit = auth.can('directory.edit_all');
  return (
    <div className="page taxonomy">
      <p>
        <Link href="/angebote">← {t.directoryBack}</Link>
      </p>
      <h1>{t.taxonomyTitle}</h1>
      <p className="lead">{t.taxonomyIntro}</p>
      {res.status === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.status === 'loading' && !res.data && <Loading />}
      {res.data && (
        <table className="data-table">
          <caption className="visually-hidden">{t.taxonomyTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.directoryType}</th>
              <th scope="col">{t.directoryDimension}</th>
              <th scope="col">{t.directoryLegal}</th>
              <th scope="col" className="num">
                {t.taxonomyServices}
              </th>
              <th scope="col">{t.taxonomyOrigin}</th>
            </tr>
          </thead>
          <tbody>
            {res.data.map((term) => (
              <tr key={term.code}>
                <th scope="row">
                  {term.name} <span className="muted small">({term.code})</span>
                  <div className="muted small">{term.description}</div>
                </th>
                <td>{term.dimensions.map((d) => dimensionLabel(d, lang)).join(', ') || '–'}</td>
                <td>{term.legalBasis.join('; ') || '–'}</td>
                <td className="num">{formatNumber(term.services)}</td>
                <td>
                  {term.builtin ? t.taxonomyBuiltin : t.taxonomyOwn}
                  {canEdit && !term.builtin && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`${t.taxonomyEdit}: ${term.name}`}
                        onClick={() => setEditing({ code: term.code, draft: draftOf(term) })}
                      >
                        {t.taxonomyEdit}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && !editing && (
        <button
          type="button"
          className="btn"
          onClick={() => setEditing({ code: null, draft: EMPTY })}
        >
          {t.taxonomyAdd}
        </button>
      )}
      {editing && (
        <TermForm
          code={editing.code}
          initial={editing.draft}
          onDone={(saved) => {
            setEditing(null);
            if (saved) res.reload();
          }}
        />
      )}
    </div>
  );
}

const draftOf = (term: DirectoryTaxonomyTerm): Draft => ({
  code: term.code,
  name: term.name,
  description: term.description,
  dimensions: [...term.dimensions],
  legalBasis: term.legalBasis.join('; '),
});

function TermForm({
  code,
  initial,
  onDone,
}: {
  code: string | null;
  initial: Draft;
  onDone: (saved: boolean) => void;
}) {
  const { t, lang } = useI18n();
  const [d, setD] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = () => {
    setBusy(true);
    setError(null);
    const body = {
      code: code ?? d.code.trim(),
      name: d.name,
      description: d.description,
      dimensions: d.dimensions as TermBody['dimensions'],
      legalBasis: d.legalBasis
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    };
    (code ? directoryApi.changeTerm(code, body) : directoryApi.addTerm(body)).then(
      () => onDone(true),
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof ApiError && e.status !== 0 ? e.message : t.serverUnreachable);
      },
    );
  };
  return (
    <form
      className="term-form"
      aria-label={code ? t.taxonomyEdit : t.taxonomyAdd}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2>{code ? `${t.taxonomyEdit}: ${initial.name}` : t.taxonomyAdd}</h2>
      {!code && (
        <label>
          {t.taxonomyCode}
          <input
            required
            pattern="[a-z0-9_]{1,60}"
            value={d.code}
            onChange={(e) => setD({ ...d, code: e.target.value })}
          />
        </label>
      )}
      <label>
        {t.taxonomyName}
        <input
          required
          maxLength={200}
          value={d.name}
          onChange={(e) => setD({ ...d, name: e.target.value })}
        />
      </label>
      <label>
        {t.taxonomyDescription}
        <input
          maxLength={2000}
          value={d.description}
          onChange={(e) => setD({ ...d, description: e.target.value })}
        />
      </label>
      <fieldset>
        <legend>{t.directoryDimension}</legend>
        {DIMENSION_ORDER.filter((x) => x !== 'social_index').map((dim) => (
          <label key={dim} className="check">
            <input
              type="checkbox"
              checked={d.dimensions.includes(dim)}
              onChange={(e) =>
                setD({
                  ...d,
                  dimensions: e.target.checked
                    ? [...d.dimensions, dim]
                    : d.dimensions.filter((x) => x !== dim),
                })
              }
            />{' '}
            {dimensionLabel(dim, lang)}
          </label>
        ))}
      </fieldset>
      <label>
        {t.taxonomyLegal}
        <input
          value={d.legalBasis}
          placeholder="SGB VIII § 16; SGB XII § 11"
          onChange={(e) => setD({ ...d, legalBasis: e.target.value })}
        />
      </label>
      {error && (
        <p role="alert" className="state state-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t.taxonomySave}
        </button>
        <button type="button" className="btn" onClick={() => onDone(false)}>
          {t.hoursCancel}
        </button>
      </div>
    </form>
  );
}
