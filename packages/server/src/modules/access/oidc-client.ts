// The identity provider as openid-client sees it: discovery (issuer metadata, JWKS) once per app,
// shared by the sign-in routes (oidc.ts) and the sign-out route (routes.ts), and the URL that ends
// the provider session (OpenID Connect RP-Initiated Logout 1.0).
import * as client from 'openid-client';
import type { AppContext } from '../../app-context.ts';
import { publicBaseUrl, type Config } from '../../config.ts';
import type { SsoSessionInfo } from './service.ts';

export type OidcConfig = NonNullable<Config['oidc']>;

/** Where the provider sends the browser after its logout; register it at the provider. */
export const POST_LOGOUT_PATH = '/anmelden?abgemeldet=1';
/**
 * `state` of the logout request; the provider passes it back (`&state=anmeldedienst`), so the
 * sign-in page can say that the provider session ended too (a password sign-out lands on
 * /anmelden?abgemeldet=1 without it).
 */
export const PROVIDER_LOGOUT_STATE = 'anmeldedienst';

export function postLogoutRedirectUri(config: Config): string {
  return `${publicBaseUrl(config)}${POST_LOGOUT_PATH}`;
}

/**
 * openid-client refuses plain-http providers. We allow that only for a provider on this machine
 * (127.0.0.1 / localhost / ::1): the tests start a real provider there. Anywhere else the provider
 * must use https.
 */
function isLoopbackHttp(issuer: URL): boolean {
  return (
    issuer.protocol === 'http:' &&
    ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(issuer.hostname)
  );
}

/** Discovery per app (context): a failed discovery is forgotten so the next request tries again. */
const discovered = new WeakMap<
  AppContext,
  { key: string; config: Promise<client.Configuration> }
>();

export function providerConfig(ctx: AppContext, oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}\n${oidc.clientId}`;
  const cached = discovered.get(ctx);
  if (cached?.key === key) return cached.config;
  const issuer = new URL(oidc.issuer);
  const config = client.discovery(
    issuer,
    oidc.clientId,
    { client_secret: oidc.clientSecret },
    // client_secret_basic: the method every OAuth server must support (RFC 6749 § 2.3.1),
    // the default of Keycloak, ADFS and oidc-provider.
    client.ClientSecretBasic(oidc.clientSecret),
    isLoopbackHttp(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  const entry = { key, config };
  discovered.set(ctx, entry);
  config.catch(() => {
    if (discovered.get(ctx) === entry) discovered.delete(ctx);
  });
  return config;
}

/**
 * The provider's logout URL for a session started by single sign-on, or undefined when SSO is no
 * longer configured, the session came from another provider, the provider offers no
 * end_session_endpoint or cannot be reached (the local sign-out stands either way).
 */
export async function providerLogoutUrl(
  ctx: AppContext,
  sso: SsoSessionInfo | undefined,
  log: (err: unknown) => void,
): Promise<string | undefined> {
  const oidc = ctx.config.oidc;
  if (!sso || !oidc) return undefined;
  try {
    const config = await providerConfig(ctx, oidc);
    const meta = config.serverMetadata();
    if (meta.issuer !== sso.issuer || !meta.end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, {
      id_token_hint: sso.idToken,
      post_logout_redirect_uri: postLogoutRedirectUri(ctx.config),
      state: PROVIDER_LOGOUT_STATE,
    }).href;
  } catch (err) {
    log(err);
    return undefined;
  }
}
