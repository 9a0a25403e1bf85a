// /anmelden: e-mail + password, German errors (generic 401, 429 with the wait), "Passwort
// vergessen?" (reset request), the SSO button when configured; afterwards back to ?weiter=.
// ?abgemeldet=1 says "signed out" (with &state=anmeldedienst: also at the SSO provider).
import { useEffect, useId, useRef, useState } from 'react';
import { accessApi } from '../../api/access.ts';
import { ApiError } from '../../api/http.ts';
import { useAuth } from '../../lib/auth.tsx';
import { safeReturnPath } from '../../lib/access.ts';
import { navigate } from '../../lib/router.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../components/link.tsx';
import { Loading } from '../../components/status.tsx';

/**
 * `state` the server sends with the logout at the single sign-on provider (oidc-client.ts); the
 * provider passes it back on its redirect to /anmelden?abgemeldet=1.
 */
const PROVIDER_LOGOUT_STATE = 'anmeldedienst';

function errorText(e: unknown, unreachable: string): string {
  if (e instanceof ApiError) return e.status === 0 ? unreachable : e.message;
  return e instanceof Error ? e.message : String(e);
}

function ForgotPassword({ initialEmail }: { initialEmail: string }) {
  const { t } = useI18n();
  const id = useId();
  const [email, setEmail] = useState(initialEmail);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="sub-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!email.trim()) {
          setError(t.fieldRequired);
          return;
        }
        setBusy(true);
        setError(null);
        accessApi.requestReset(email.trim()).then(
          (r) => {
            setMessage(r.message);
            setBusy(false);
          },
          (err: unknown) => {
            setError(errorText(err, t.serverUnreachable));
            setBusy(false);
          },
        );
      }}
    >
      <p className="hint">{t.forgotIntro}</p>
      <div className="field">
        <label htmlFor={`${id}-email`} className="field-label">
          {t.email}
        </label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="username"
          value={email}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => setEmail(e.target.value)}
        />
        {error && (
          <span id={`${id}-err`} className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="btn" disabled={busy}>
          {t.sendResetLink}
        </button>
      </div>
      {message && (
        <p className="note note-ok" role="status">
          {message}
        </p>
      )}
    </form>
  );
}

export function SignInScreen({ search }: { search: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const id = useId();
  const params = new URLSearchParams(search);
  const next = safeReturnPath(params.get('weiter'));
  const ssoError = params.get('fehler');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ email: boolean; password: boolean }>({
    email: false,
    password: false,
  });
  const [forgot, setForgot] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t.signInTitle} – ${t.appName}`;
    emailRef.current?.focus();
  }, [t]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (auth.status === 'loading' && !auth.me) return <Loading />;
  const me = auth.me;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { email: !email.trim(), password: !password };
    setMissing(m);
    if (m.email || m.password) {
      setError(t.fieldRequired);
      return;
    }
    setBusy(true);
    setError(null);
    auth.signIn(email.trim(), password).then(
      () => navigate(next),
      (err: unknown) => {
        setBusy(false);
        setPassword('');
        setError(errorText(err, t.serverUnreachable));
      },
    );
  };

  return (
    <div className="page page-narrow page-sign-in">
      <h1>{t.signInTitle}</h1>
      {params.get('passwort') === 'gesetzt' && (
        <p className="note note-ok" role="status">
          {t.passwordSetNote}
        </p>
      )}
      {params.get('abgemeldet') === '1' && !me?.signedIn && (
        <p className="note" role="status">
          {params.get('state') === PROVIDER_LOGOUT_STATE ? t.signedOutProvider : t.signedOut}
        </p>
      )}
      {me?.signedIn && me.user && (
        <p className="note" role="status">
          {t.alreadySignedIn(me.user.displayName)} <Link href={next}>{t.backToMap}</Link>
        </p>
      )}
      <p className="lead">{t.signInIntro}</p>
      {ssoError && (
        <div className="state state-error inline-state" role="alert">
          <p className="state-title">{t.ssoFailed(ssoError)}</p>
        </div>
      )}
      <form className="card form-card" noValidate onSubmit={submit} aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`} className="visually-hidden">
          {t.signInTitle}
        </h2>
        {error && (
          <div
            ref={errorRef}
            tabIndex={-1}
            className="state state-error inline-state"
            role="alert"
            id={`${id}-error`}
          >
            <p className="state-title">{error}</p>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-email`} className="field-label">
            {t.email}
          </label>
          <input
            ref={emailRef}
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            aria-invalid={missing.email || undefined}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-pw`} className="field-label">
            {t.password}
          </label>
          <input
            id={`${id}-pw`}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={missing.password || undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t.signingIn : t.signInButton}
          </button>
          <button
            type="button"
            className="link-button"
            aria-expanded={forgot}
            onClick={() => setForgot((f) => !f)}
          >
            {t.forgotPassword}
          </button>
        </div>
      </form>
      {forgot && (
        <section className="card form-card" aria-label={t.forgotPassword}>
          <h2 className="card-title">{t.forgotPassword}</h2>
          <ForgotPassword initialEmail={email} />
        </section>
      )}
      {me?.sso.enabled && (
        <div className="sso">
          <p className="sso-or">{t.ssoOr}</p>
          <a
            className="btn"
            href={`/api/auth/oidc/login${next !== '/' ? `?weiter=${encodeURIComponent(next)}` : ''}`}
          >
            {me.sso.label || t.ssoDefault}
          </a>
        </div>
      )}
    </div>
  );
}
