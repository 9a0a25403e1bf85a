// The administration's Open311 api keys (issue 13 § 1, ADR 0031): create one per reporting app
// (the secret is shown once), see which exist, revoke one. Shown on /mitmachen/moderation to
// people with participation.configure.
import { useState, type FormEvent } from 'react';
import { participationApi } from '../../api/participation.ts';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDateTime } from '../../lib/access.ts';
import { useFetch } from '../../lib/use-fetch.ts';

export function Open311Keys() {
  const { t } = useI18n();
  const keys = useFetch(() => participationApi.open311Keys(), []);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
      keys.reload();
    } catch (err) {
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await participationApi.createOpen311Key(name);
      setSecret(r.secret);
      setName('');
      setMsg(null);
    });
  };
  return (
    <section className="part-card" aria-labelledby="part-keys-title">
      <h2 id="part-keys-title">{t.partKeysTitle}</h2>
      <p>{t.partKeysIntro}</p>
      <form onSubmit={create} className="part-answer-form">
        <label htmlFor="part-keys-name">{t.partKeysName}</label>
        <input
          id="part-keys-name"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn btn-small btn-primary">
          {t.partKeysCreate}
        </button>
      </form>
      {secret && (
        <div role="status">
          <p>{t.partKeysSecret}</p>
          <p>
            <code className="part-key-secret">{secret}</code>
          </p>
        </div>
      )}
      {msg && <p role="status">{msg}</p>}
      {keys.status === 'loading' && !keys.data && <Loading />}
      {keys.status === 'error' && (
        <ErrorState error={keys.error} what={t.partKeysTitle} onRetry={keys.reload} />
      )}
      {keys.data && keys.data.length === 0 && <Empty>{t.partKeysEmpty}</Empty>}
      {keys.data && keys.data.length > 0 && (
        <ul className="part-key-list">
          {keys.data.map((k) => (
            <li key={k.id}>
              <strong>{k.name}</strong> · {t.partKeysPrefix} <code>{k.prefix}</code> ·{' '}
              {t.partKeysCreated} {formatDateTime(k.createdAt)} ·{' '}
              {k.revokedAt
                ? `${t.partKeysRevoked} ${formatDateTime(k.revokedAt)}`
                : t.partKeysActive}
              {!k.revokedAt && (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t.partKeysRevokeLabel(k.name)}
                  onClick={() =>
                    void run(async () => {
                      await participationApi.revokeOpen311Key(k.id);
                      setMsg(t.partKeysDone);
                    })
                  }
                >
                  {t.partKeysRevoke}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
