// /passwort#token=…: set a new password from a one-time link (reset or setup link of a new person).
// /einrichten#token=…: the first administrator of a fresh installation (link from the server log at
// the first start): name, e-mail and password, then signed in.
import { useEffect, useId, useState } from 'react';
import { accessApi } from '../../api/access.ts';
import { ApiError } from '../../api/http.ts';
import { useAuth } from '../../lib/auth.tsx';
import { looksLikeEmail, passwordProblems, tokenFromHash } from '../../lib/access.ts';
import { navigate } from '../../lib/router.ts';
import { useI18n } from '../../i18n/index.tsx';
import { NewPasswordFields, PasswordRules } from './password-rules.tsx';

export function PasswordScreen({ setup = false }: { setup?: boolean }) {
  const { t } = useI18n();
  const { accept } = useAuth();
  const id = useId();
  const title = setup ? t.setupTitle : t.passwordTitle;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  // read once: the fragment never reaches the server's logs; remove it from the address bar
  const [token] = useState(() => tokenFromHash(window.location.hash));
  useEffect(() => {
    document.title = `${title} – ${t.appName}`;
    if (window.location.hash)
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }, [t, title]);
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!token)
    return (
      <div className="page page-narrow">
        <h1>{title}</h1>
        <div className="state state-error inline-state" role="alert">
          <p className="state-title">{t.passwordNoToken}</p>
        </div>
      </div>
    );

  return (
    <div className="page page-narrow">
      <h1>{title}</h1>
      {setup && <p className="lead">{t.setupIntro}</p>}
      <form
        className="card form-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (setup && (!name.trim() || !email.trim())) return setError(t.fieldRequired);
          if (setup && !looksLikeEmail(email)) return setError(t.emailInvalid);
          const problems = passwordProblems(pw);
          if (problems.length) return setError(t.passwordWeak(problems.join(', ')));
          if (pw !== pw2) return setError(t.passwordMismatch);
          setBusy(true);
          setError(null);
          const done = setup
            ? accessApi
                .setupFirstAdmin({
                  token,
                  email: email.trim(),
                  displayName: name.trim(),
                  password: pw,
                })
                .then((me) => {
                  accept(me);
                  navigate('/verwaltung');
                })
            : accessApi.resetPassword(token, pw).then(() => navigate('/anmelden?passwort=gesetzt'));
          done.then(
            () => undefined,
            (err: unknown) => {
              setBusy(false);
              setError(
                err instanceof ApiError && err.status !== 0 ? err.message : t.serverUnreachable,
              );
            },
          );
        }}
      >
        {error && (
          <div className="state state-error inline-state" role="alert">
            <p className="state-title">{error}</p>
          </div>
        )}
        {setup && (
          <>
            <div className="field">
              <label htmlFor={`${id}-name`} className="field-label">
                {t.displayName}
              </label>
              <input
                id={`${id}-name`}
                type="text"
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-email`} className="field-label">
                {t.email}
              </label>
              <input
                id={`${id}-email`}
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
          </>
        )}
        <NewPasswordFields
          id={id}
          password={pw}
          repeat={pw2}
          onPassword={setPw}
          onRepeat={setPw2}
        />
        <PasswordRules id={`${id}-rules`} password={pw} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t.saving : setup ? t.setupButton : t.savePassword}
          </button>
        </div>
      </form>
    </div>
  );
}
