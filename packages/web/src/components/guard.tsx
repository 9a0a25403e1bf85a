// Pages for signed-in people: a sign-in hint for the public, a plain note without the permission.
import type { ReactNode } from 'react';
import { useAuth } from '../lib/auth.tsx';
import { canAny, signInHref } from '../lib/access.ts';
import { useLocation } from '../lib/router.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorState, Loading } from './status.tsx';
import { Link } from './link.tsx';

/** Renders children only for a signed-in person holding one of `anyOf` (all signed-in when empty). */
export function RequireAuth({
  anyOf = [],
  title,
  children,
}: {
  anyOf?: readonly string[];
  title: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const auth = useAuth();
  const { path, search } = useLocation();
  if (auth.status === 'loading' && !auth.me) return <Loading />;
  if (auth.status === 'error' && auth.error && !auth.me)
    return <ErrorState error={auth.error} onRetry={() => void auth.refresh()} />;
  if (!auth.me?.signedIn)
    return (
      <div className="page page-narrow">
        <h1>{title}</h1>
        <div className="state state-empty" role="status">
          <p className="state-title-neutral">{t.needSignIn}</p>
          <Link href={signInHref(path + search)} className="btn btn-primary">
            {t.signInLink}
          </Link>
        </div>
      </div>
    );
  if (anyOf.length && !canAny(auth.me, anyOf))
    return (
      <div className="page page-narrow">
        <h1>{title}</h1>
        <div className="state state-empty" role="status">
          <p className="state-title-neutral">{t.noPermission}</p>
        </div>
      </div>
    );
  return <>{children}</>;
}
