// /konto: own data, password change, own API tokens (create with scopes ⊆ own permissions, secret
// shown once, revoke with confirmation).
import { useEffect, useId, useMemo, useState } from 'react';
import { type ApiToken, type PermissionInfo, accessApi } from '../../api/access.ts';
import { ApiError } from '../../api/http.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import {
  formatDateTime,
  groupPermissions,
  MODULE_NAMES,
  passwordProblems,
  roleName,
} from '../../lib/access.ts';
import { useI18n } from '../../i18n/index.tsx';
import { RequireAuth } from '../../components/guard.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { SecretBox } from '../../components/copy-button.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { NewPasswordFields, PasswordRules } from './password-rules.tsx';

const msg = (e: unknown, fallback: string) =>
  e instanceof ApiError && e.status !== 0 ? e.message : fallback;

function PasswordChange() {
  const { t } = useI18n();
  const auth = useAuth();
  const id = useId();
  const email = auth.me?.user?.email ?? null;
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  return (
    <section className="card form-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="card-title">
        {t.changePassword}
      </h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          if (!current) return setError(`${t.currentPassword}: ${t.fieldRequired}`);
          const problems = passwordProblems(pw, email);
          if (problems.length) return setError(t.passwordWeak(problems.join(', ')));
          if (pw !== pw2) return setError(t.passwordMismatch);
          setBusy(true);
          setError(null);
          accessApi.changePassword(current, pw).then(
            (me) => {
              auth.accept(me);
              setBusy(false);
              setDone(true);
              setCurrent('');
              setPw('');
              setPw2('');
            },
            (err: unknown) => {
              setBusy(false);
              setError(msg(err, t.serverUnreachable));
            },
          );
        }}
      >
        {error && (
          <div className="state state-error inline-state" role="alert">
            <p className="state-title">{error}</p>
          </div>
        )}
        {done && (
          <p className="note note-ok" role="status">
            {t.passwordChanged}
          </p>
        )}
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-cur`} className="field-label">
              {t.currentPassword}
            </label>
            <input
              id={`${id}-cur`}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          </div>
          <NewPasswordFields
            id={id}
            password={pw}
            repeat={pw2}
            onPassword={setPw}
            onRepeat={setPw2}
          />
        </div>
        <PasswordRules id={`${id}-rules`} password={pw} email={email} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t.saving : t.changePassword}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Checkboxes of permissions grouped by module, with the German descriptions. */
export function PermissionPicker({
  all,
  selected,
  onChange,
  disabled = false,
  idPrefix,
}: {
  all: PermissionInfo[];
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  disabled?: boolean;
  idPrefix: string;
}) {
  const groups = useMemo(() => groupPermissions(all), [all]);
  return (
    <div className="perm-groups">
      {groups.map(([module, list]) => (
        <fieldset key={module} className="perm-group">
          <legend>{MODULE_NAMES[module] ?? module}</legend>
          {list.map((p) => {
            const cid = `${idPrefix}-${p.id}`;
            return (
              <div key={p.id} className="check">
                <input
                  id={cid}
                  type="checkbox"
                  checked={selected.has(p.id)}
                  disabled={disabled}
                  onChange={(e) => {
                    const next = new Set(selected);
                    if (e.target.checked) next.add(p.id);
                    else next.delete(p.id);
                    onChange(next);
                  }}
                />
                <label htmlFor={cid}>
                  {p.descriptionDe} <code className="perm-id">{p.id}</code>
                </label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}

function tokenState(tk: ApiToken, t: ReturnType<typeof useI18n>['t']): string {
  if (tk.revokedAt) return t.stateRevoked(formatDateTime(tk.revokedAt));
  if (tk.expiresAt && new Date(tk.expiresAt).getTime() < Date.now()) return t.stateExpired;
  return t.stateActive;
}

function Tokens() {
  const { t } = useI18n();
  const auth = useAuth();
  const id = useId();
  const tokens = useFetch(() => accessApi.tokens(), []);
  const perms = useFetch(() => accessApi.permissions(), []);
  const own = useMemo(
    () => (perms.data ?? []).filter((p) => auth.permissions.has(p.id)),
    [perms.data, auth.permissions],
  );
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<string>>(new Set());
  const [days, setDays] = useState('90');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);

  return (
    <section className="card form-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="card-title">
        {t.tokens}
      </h2>
      <p className="hint">{t.tokensIntro}</p>
      {tokens.status === 'error' && (
        <ErrorState error={tokens.error} what={t.tokens} onRetry={tokens.reload} />
      )}
      {tokens.status === 'loading' && !tokens.data && <Loading />}
      {note && (
        <p className="note note-ok" role="status">
          {note}
        </p>
      )}
      {tokens.data &&
        (tokens.data.length === 0 ? (
          <Empty>{t.noTokens}</Empty>
        ) : (
          <ListTable
            caption={t.tokens}
            columns={[
              t.tokenName,
              t.colPrefix,
              t.colScopes,
              t.colCreated,
              t.colExpires,
              t.colLastUsed,
              t.colState,
            ]}
            actions
          >
            {tokens.data.map((tk) => (
              <tr key={tk.id} className={tk.revokedAt ? 'row-muted' : undefined}>
                <td>{tk.name}</td>
                <td>
                  <code>{tk.prefix}…</code>
                </td>
                <td className="scopes-cell">{tk.scopes.join(', ')}</td>
                <td className="nowrap">{formatDateTime(tk.createdAt)}</td>
                <td className="nowrap">
                  {tk.expiresAt ? formatDateTime(tk.expiresAt) : t.expiryNever}
                </td>
                <td className="nowrap">
                  {tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t.never}
                </td>
                <td>{tokenState(tk, t)}</td>
                <td>
                  {!tk.revokedAt &&
                    (confirming === tk.id ? (
                      <div className="confirm" role="group" aria-label={t.revokeConfirm(tk.name)}>
                        <p>{t.revokeConfirm(tk.name)}</p>
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          onClick={() =>
                            accessApi.revokeToken(tk.id).then(
                              () => {
                                setConfirming(null);
                                setNote(t.tokenRevoked(tk.name));
                                tokens.reload();
                              },
                              (err: unknown) => setError(msg(err, t.serverUnreachable)),
                            )
                          }
                        >
                          {t.revokeYes}
                        </button>{' '}
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setConfirming(null)}
                        >
                          {t.cancel}
                        </button>
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setConfirming(tk.id)}
                      >
                        {t.revoke}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </ListTable>
        ))}

      {created && (
        <div className="secret-panel" role="status">
          <h3>
            {t.tokenCreatedTitle}: {created.name}
          </h3>
          <p className="warning">{t.tokenCreatedWarning}</p>
          <SecretBox text={created.token} label={t.tokens} />
        </div>
      )}

      <form
        className="sub-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return setError(`${t.tokenName}: ${t.fieldRequired}`);
          if (scopes.size === 0) return setError(t.noScopes);
          setBusy(true);
          setError(null);
          setNote(null);
          accessApi
            .createToken({
              name: name.trim(),
              scopes: [...scopes],
              expiresInDays: days === 'never' ? null : Number(days),
            })
            .then(
              (r) => {
                setBusy(false);
                setCreated({ token: r.token, name: r.info.name });
                setName('');
                setScopes(new Set());
                tokens.reload();
              },
              (err: unknown) => {
                setBusy(false);
                setError(msg(err, t.serverUnreachable));
              },
            );
        }}
      >
        <h3>{t.createToken}</h3>
        {error && (
          <div className="state state-error inline-state" role="alert">
            <p className="state-title">{error}</p>
          </div>
        )}
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-name`} className="field-label">
              {t.tokenName}
            </label>
            <input
              id={`${id}-name`}
              type="text"
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-days`} className="field-label">
              {t.tokenExpiry}
            </label>
            <select id={`${id}-days`} value={days} onChange={(e) => setDays(e.target.value)}>
              {[30, 90, 365].map((d) => (
                <option key={d} value={String(d)}>
                  {t.expiryDays(d)}
                </option>
              ))}
              <option value="never">{t.expiryNever}</option>
            </select>
          </div>
        </div>
        <p className="field-label">{t.tokenScopes}</p>
        {perms.status === 'error' && <ErrorState error={perms.error} onRetry={perms.reload} />}
        <PermissionPicker all={own} selected={scopes} onChange={setScopes} idPrefix={`${id}-s`} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t.saving : t.createToken}
          </button>
        </div>
      </form>
    </section>
  );
}

export function AccountScreen() {
  const { t } = useI18n();
  const auth = useAuth();
  useEffect(() => {
    document.title = `${t.accountTitle} – ${t.appName}`;
  }, [t]);
  const user = auth.me?.user;
  return (
    <RequireAuth title={t.accountTitle} anyOf={['account.self']}>
      <div className="page page-account">
        <h1>{t.accountTitle}</h1>
        {user && (
          <section className="card form-card" aria-label={t.ownData}>
            <h2 className="card-title">{t.ownData}</h2>
            <dl className="meta">
              <div className="meta-row">
                <dt>{t.name}</dt>
                <dd>{user.displayName}</dd>
              </div>
              <div className="meta-row">
                <dt>{t.email}</dt>
                <dd>{user.email}</dd>
              </div>
              <div className="meta-row">
                <dt>{t.departmentLabel}</dt>
                <dd>
                  {user.departmentId ? auth.departmentName(user.departmentId) : t.noDepartment}
                </dd>
              </div>
              <div className="meta-row">
                <dt>{t.roles}</dt>
                <dd>{user.roles.map((r) => roleName(r)).join(', ')}</dd>
              </div>
              <div className="meta-row">
                <dt>{t.tenant}</dt>
                <dd>{auth.me?.tenant.name}</dd>
              </div>
            </dl>
          </section>
        )}
        {auth.me?.kind === 'session' && <PasswordChange />}
        <Tokens />
      </div>
    </RequireAuth>
  );
}
