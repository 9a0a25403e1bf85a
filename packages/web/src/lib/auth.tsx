// Who is using the app: GET /api/me at start, kept in a context with refresh/sign-in/sign-out. The
// CSRF token lives in memory (api/http.ts); the session cookie is HttpOnly and never read here.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { type Department, type Me, accessApi } from '../api/access.ts';
import { AUTH_REQUIRED_EVENT, setCsrfToken, type ApiError } from '../api/http.ts';
import { can } from './access.ts';

export interface Auth {
  /** null while the first /api/me is on its way (or failed). */
  me: Me | null;
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  permissions: ReadonlySet<string>;
  csrfToken: string | null;
  /** Whether a changing request was refused with 401 (the session ended): show "Bitte anmelden". */
  sessionExpired: boolean;
  can: (permission: string) => boolean;
  refresh: () => Promise<Me | null>;
  signIn: (email: string, password: string) => Promise<Me>;
  /** Ends the session; after a single sign-on it goes on to the provider's logout (never settles). */
  signOut: () => Promise<void>;
  /** Takes a new /api/me answer (e.g. after a password change rotated the session). */
  accept: (me: Me) => void;
  dismissExpired: () => void;
  /** Departments and organisations of the tenant (loaded for signed-in people only). */
  departments: Department[];
  /** Name of a department by id (the id when unknown). */
  departmentName: (id: string | null | undefined) => string;
}

const AuthContext = createContext<Auth | null>(null);

/** Loads /api/me once and provides it to the app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<Auth['status']>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const [sessionExpired, setSessionExpired] = useState(false);
  const [departments, setDepartments] = useState<Department[]>([]);

  const accept = useCallback((m: Me) => {
    setCsrfToken(m.csrfToken);
    setMe(m);
    setStatus('ready');
    setError(null);
    if (m.signedIn) setSessionExpired(false);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const m = await accessApi.me();
      accept(m);
      return m;
    } catch (e) {
      setError(e as ApiError);
      setStatus('error');
      return null;
    }
  }, [accept]);

  useEffect(() => {
    void refresh();
    const onExpired = () => {
      setSessionExpired(true);
      void refresh();
    };
    window.addEventListener(AUTH_REQUIRED_EVENT, onExpired);
    return () => window.removeEventListener(AUTH_REQUIRED_EVENT, onExpired);
  }, [refresh]);

  const signedInAs = me?.user?.id ?? null;
  const mayList = can(me, 'account.self');
  useEffect(() => {
    if (signedInAs === null || !mayList) {
      setDepartments([]);
      return;
    }
    let live = true;
    accessApi.departments().then(
      (d) => live && setDepartments(d),
      () => live && setDepartments([]),
    );
    return () => {
      live = false;
    };
  }, [signedInAs, mayList]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const m = await accessApi.signIn(email, password);
      accept(m);
      return m;
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    let providerLogoutUrl: string | undefined;
    try {
      providerLogoutUrl = (await accessApi.signOut()).providerLogoutUrl;
    } finally {
      setCsrfToken(null);
      // After a single sign-on the provider's session ends too: its logout page sends the browser
      // back to /anmelden?abgemeldet=1. The page is leaving, so this promise never settles (the
      // caller's own navigation must not race the provider's).
      if (providerLogoutUrl) window.location.href = providerLogoutUrl;
      else await refresh();
    }
    if (providerLogoutUrl) await new Promise<never>(() => {});
  }, [refresh]);

  const value = useMemo<Auth>(
    () => ({
      me,
      status,
      error,
      permissions: new Set(me?.permissions ?? []),
      csrfToken: me?.csrfToken ?? null,
      sessionExpired,
      can: (p: string) => can(me, p),
      refresh,
      signIn,
      signOut,
      accept,
      dismissExpired: () => setSessionExpired(false),
      departments,
      departmentName: (id) => (id ? (departments.find((d) => d.id === id)?.name ?? id) : ''),
    }),
    [me, status, error, sessionExpired, refresh, signIn, signOut, accept, departments],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The current person and permissions. */
export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth braucht einen AuthProvider');
  return a;
}
