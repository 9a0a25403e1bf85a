// Finding a person or an organisation by name for a body's membership (instead of typing an
// account number or a directory id): results appear while typing, a button takes one.
import { useEffect, useState } from 'react';
import { conferencesApi } from '../../api/conferences.ts';
import { useI18n } from '../../i18n/index.tsx';

export type Candidate =
  | { kind: 'person'; id: number; name: string; detail: string | null }
  | { kind: 'organisation'; id: string; name: string; detail: string | null };

export function MemberPicker({
  chosen,
  onChoose,
}: {
  chosen: Candidate | null;
  onChoose: (c: Candidate | null) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setFound(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      conferencesApi.candidates(text).then(
        (r) => {
          if (!live) return;
          setError(null);
          setFound([
            ...r.people.map((p) => ({
              kind: 'person' as const,
              id: p.id,
              name: p.name,
              detail: p.department,
            })),
            ...r.organisations.map((o) => ({
              kind: 'organisation' as const,
              id: o.id,
              name: o.name,
              detail: null,
            })),
          ]);
        },
        (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <div className="conf-picker">
      <label htmlFor="conf-mem-search">{t.confMemberSearch}</label>
      <input
        id="conf-mem-search"
        type="search"
        autoComplete="off"
        value={q}
        aria-describedby="conf-mem-search-help"
        onChange={(e) => setQ(e.target.value)}
      />
      <small id="conf-mem-search-help" className="conf-muted">
        {t.confMemberSearchHelp}
      </small>
      {error && <p role="alert">{error}</p>}
      <div aria-live="polite">
        {found && found.length === 0 && <p className="conf-muted">{t.confMemberNoMatch}</p>}
        {found && found.length > 0 && (
          <ul className="conf-picker-list">
            {found.map((c) => (
              <li key={`${c.kind}-${c.id}`}>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-pressed={chosen?.kind === c.kind && chosen.id === c.id}
                  onClick={() => onChoose(c)}
                >
                  {c.name}
                </button>{' '}
                <span className="conf-muted">
                  {c.kind === 'person' ? t.confMemberPersonKind : t.confMemberOrgKind}
                  {c.detail ? ` · ${c.detail}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {chosen && (
        <p>
          {t.confMemberChosen} <strong>{chosen.name}</strong>
        </p>
      )}
    </div>
  );
}
