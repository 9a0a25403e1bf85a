// The shared part of the web's API client: one fetch with CSRF token, tenant header and the error
// shape of docs/api-contract.md (ApiError), and the small helpers the capability clients use
// (query strings, JSON bodies). The clients per capability are the other files of this folder.

/** An API failure with the server's German message (or a network message). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The server's reason for one invalid field of a refused request (400 validation_failed, its
 * details name each field), to show next to that field; null for any other error.
 */
export function fieldReason(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return null;
  if (!Array.isArray(error.details)) return null;
  const hit = (error.details as { field?: unknown; reason?: unknown }[]).find(
    (d) => d.field === field && typeof d.reason === 'string',
  );
  return hit ? (hit.reason as string) : null;
}

/** Status 0 marks "server unreachable" (network failure, no HTTP answer). */
export const UNREACHABLE = 0;

// The session's CSRF token (from /api/me or the sign-in answer); kept in memory only, never in storage.
let csrfToken: string | null = null;
// Whether csrfToken reflects the server's answer (false until the first /api/me arrived).
let csrfKnown = false;
let csrfLoading: Promise<void> | null = null;

/**
 * The municipality a visitor without sign-in looks at, when one installation serves several (a
 * Kreis and its Gemeinden): `?mandant=<id>` in the address, kept for the browser tab. Sent as
 * X-Sozialraum-Tenant; a signed-in person always sees her own municipality (the server decides).
 */
export function requestedTenant(
  search: string = typeof window === 'undefined' ? '' : window.location.search,
  store: Pick<Storage, 'getItem' | 'setItem'> | null = typeof sessionStorage === 'undefined'
    ? null
    : sessionStorage,
): string | null {
  const fromUrl = new URLSearchParams(search).get('mandant');
  if (fromUrl && /^[a-z0-9][a-z0-9_-]{0,62}$/.test(fromUrl)) {
    store?.setItem('sozialraum.mandant', fromUrl);
    return fromUrl;
  }
  return store?.getItem('sozialraum.mandant') ?? null;
}

const tenantHeader = (): Record<string, string> => {
  const t = requestedTenant();
  return t ? { 'X-Sozialraum-Tenant': t } : {};
};

/** Sets the CSRF token sent as X-CSRF-Token on every changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  csrfKnown = true;
}

/** A change sent before /api/me answered would lack the token: ask for it first (once). */
function ensureCsrfToken(): Promise<void> {
  if (csrfKnown) return Promise.resolve();
  csrfLoading ??= fetch('/api/me', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...tenantHeader() },
  })
    .then((r) => (r.ok ? (r.json() as Promise<{ csrfToken?: string | null }>) : null))
    .then(
      (me) => {
        if (!csrfKnown) setCsrfToken(me?.csrfToken ?? null);
      },
      () => undefined,
    )
    .finally(() => {
      csrfLoading = null;
    });
  return csrfLoading;
}

/** Event fired on window when a changing request was refused with 401 (the session has ended). */
export const AUTH_REQUIRED_EVENT = 'sozialraum:auth-required';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One API call with CSRF token, tenant header and the error shape of docs/api-contract.md. */
export async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  const method = (init?.method ?? 'GET').toUpperCase();
  const changing = CHANGING.has(method);
  if (changing) await ensureCsrfToken();
  try {
    res = await fetch(url, {
      ...init,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...tenantHeader(),
        ...(changing && csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
        ...init?.headers,
      },
    });
  } catch (e) {
    throw new ApiError(e instanceof Error ? e.message : String(e), UNREACHABLE, 'unreachable');
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)
      ?.error;
    if (res.status === 401 && changing && typeof window !== 'undefined')
      window.dispatchEvent(new Event(AUTH_REQUIRED_EVENT));
    // 502/503/504 from a proxy means the API process is not there.
    const status = res.status >= 502 && res.status <= 504 && !err ? UNREACHABLE : res.status;
    throw new ApiError(
      err?.message ?? `HTTP ${res.status}`,
      status,
      err?.code ?? 'http',
      err?.details,
    );
  }
  return body as T;
}

/** A query string from the set parameters ('' when none is set). */
export const q = (params: Record<string, string | number | null | undefined>): string => {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
};

export const enc = encodeURIComponent;

/** A JSON body for a changing request. */
export const json = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body ?? {}),
  headers: { 'Content-Type': 'application/json' },
});
