// Single sign-on by OpenID Connect (issue 3 § 2): authorization code flow with PKCE (S256), state
// and nonce, against the municipality's identity provider (Keycloak, ADFS, …) via openid-client.
//
// GET /api/auth/oidc/login     → 302 to the provider; state, nonce and PKCE verifier travel in the
//                                short-lived cookie `sozialraum_oidc` (AES-256-GCM encrypted, key
//                                derived from the client secret: every process of the installation
//                                can read it, nobody can read or forge it without the secret).
// GET /api/auth/oidc/callback  → code exchanged, ID token checked (signature, iss, aud, exp, nonce),
//                                person mapped: (issuer, sub) → verified e-mail → auto-create viewer
//                                → refused. Session + audit entry in one transaction, 302 to '/'.
//                                The session keeps issuer and ID token: POST /api/auth/logout
//                                answers with `providerLogoutUrl` (oidc-client.ts) to end the
//                                provider session too.
// Refusals redirect to `/anmelden?fehler=<code>`; OIDC_ERRORS holds the German text of each code.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { z } from 'zod';
import { ssoCallbackSchema, ssoStartSchema } from '@sozialraum/contracts/access';
import { isSafeReturnPath, RETURN_PATH_MAX_CHARS } from '@sozialraum/contracts/rules';
import type { AppContext } from '../../app-context.ts';
import { publicBaseUrl, servedOverHttps, type Config } from '../../config.ts';
import type { Sql } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { readCookie } from './access-control.ts';
import { providerConfig, type OidcConfig } from './oidc-client.ts';
import { setSessionCookie } from './routes.ts';
import { createSession } from './service.ts';
import { insertSsoUser, insertUserRole, linkUserSso } from './store-people.ts';
import { findUser, findUserByEmail, findUserByOidc, type UserRow } from './store.ts';

export const OIDC_COOKIE = 'sozialraum_oidc';
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** Time from the redirect to the provider until the answer must be back. */
const FLOW_TTL_MS = 10 * 60_000;
/** Role of people created at their first sign-in (config.oidc.autoCreate). */
const AUTO_CREATE_ROLE = 'viewer';

/** Codes of `/anmelden?fehler=…` and what the sign-in page should say. */
export const OIDC_ERRORS = {
  abgebrochen: 'Die Anmeldung beim Anmeldedienst wurde abgebrochen oder abgelehnt.',
  abgelaufen:
    'Die Anmeldung ist abgelaufen oder wurde in einem anderen Fenster begonnen. Bitte versuchen Sie es erneut.',
  ungueltig:
    'Die Antwort des Anmeldedienstes konnte nicht bestätigt werden. Bitte versuchen Sie es erneut.',
  dienst: 'Der Anmeldedienst ist zurzeit nicht erreichbar. Bitte versuchen Sie es später erneut.',
  email:
    'Der Anmeldedienst hat keine bestätigte E-Mail-Adresse übermittelt; damit lässt sich kein Konto zuordnen.',
  unbekannt:
    'Für Ihr Konto beim Anmeldedienst gibt es hier keinen Zugang. Bitte wenden Sie sich an die Administration Ihrer Kommune.',
  verknuepft:
    'Das Konto mit Ihrer E-Mail-Adresse ist schon mit einer anderen Single-Sign-on-Identität verbunden. Bitte wenden Sie sich an die Administration Ihrer Kommune.',
  gesperrt: 'Ihr Konto ist gesperrt. Bitte wenden Sie sich an die Administration Ihrer Kommune.',
} as const;
export type OidcErrorCode = keyof typeof OIDC_ERRORS;

const DISABLED_MESSAGE =
  'Die Anmeldung mit Single Sign-on (OpenID Connect) ist in dieser Installation nicht eingerichtet.';

/** A refusal that ends in `/anmelden?fehler=code`; the reason goes to the log only. */
class OidcRefusal extends Error {
  constructor(
    readonly code: OidcErrorCode,
    reason: string,
    /** The account concerned, for an 'access.sign_in_failed' audit entry. */
    readonly user?: UserRow,
  ) {
    super(reason);
  }
}

/** What travels in the encrypted cookie between login and callback. */
interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  /** Expiry, ms since epoch (the cookie's Max-Age alone is up to the browser). */
  exp: number;
  /** Where to go after sign-in: an in-app path (never another site). */
  returnTo?: string;
}

/** An in-app path to return to after sign-in, or undefined (never another site, never the API). */
export function safeReturnPath(p: string | undefined): string | undefined {
  return isSafeReturnPath(p) ? p.slice(0, RETURN_PATH_MAX_CHARS) : undefined;
}

/** AES-256-GCM key for the flow cookie, derived from the client secret (HKDF-SHA-256). */
function cookieKey(oidc: OidcConfig): Buffer {
  return Buffer.from(
    hkdfSync('sha256', oidc.clientSecret, 'sozialraum-oidc', 'flow-cookie-v1', 32),
  );
}

export function sealFlow(oidc: OidcConfig, flow: FlowState): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cookieKey(oidc), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
}

/** The flow state, or undefined when the cookie is missing, forged, changed or expired. */
export function openFlow(oidc: OidcConfig, sealed: string | undefined): FlowState | undefined {
  if (!sealed) return undefined;
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', cookieKey(oidc), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString();
    const flow = JSON.parse(text) as FlowState;
    if (typeof flow.exp !== 'number' || flow.exp <= Date.now()) return undefined;
    return flow;
  } catch {
    return undefined;
  }
}

/**
 * The flow cookie: HttpOnly, SameSite=Lax (it must come along on the provider's top-level redirect
 * back to us, which Strict would withhold), only sent to /api/auth/oidc, at most 10 minutes.
 */
function setFlowCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  config: Config,
  value: string | null,
): void {
  const attrs = [
    value === null ? `${OIDC_COOKIE}=` : `${OIDC_COOKIE}=${value}`,
    `Max-Age=${value === null ? 0 : Math.floor(FLOW_TTL_MS / 1000)}`,
    'Path=/api/auth/oidc',
    'HttpOnly',
    'SameSite=Lax',
    ...(servedOverHttps(request.protocol, config) ? ['Secure'] : []),
  ];
  reply.header('Set-Cookie', attrs.join('; '));
}

/** Redirect URI registered at the provider. */
export function oidcRedirectUri(config: Config): string {
  return `${publicBaseUrl(config)}${OIDC_CALLBACK_PATH}`;
}

function refuse(reply: FastifyReply, code: OidcErrorCode): FastifyReply {
  return reply
    .header('Cache-Control', 'no-store')
    .redirect(`/anmelden?fehler=${encodeURIComponent(code)}`, 302);
}

/** Claims of the person as far as we use them. */
interface Person {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  displayName: string | undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Finds, links or creates the account of a person; throws OidcRefusal when there is none. */
async function mapPerson(
  tx: Sql,
  ctx: AppContext,
  oidc: OidcConfig,
  person: Person,
  actorOf: (u: { email: string; id: number }) => AuditActor,
): Promise<UserRow> {
  const linked = await findUserByOidc(tx, person.issuer, person.subject);
  if (linked) {
    if (!linked.active) throw new OidcRefusal('gesperrt', 'account inactive', linked);
    return linked;
  }
  // An e-mail address names an account only when the provider vouches for it (email_verified):
  // otherwise anyone able to type an address into their provider profile could take an account.
  if (!person.email || !person.emailVerified)
    throw new OidcRefusal('email', `no verified e-mail claim for sub ${person.subject}`);
  const byEmail = await findUserByEmail(tx, person.email);
  if (byEmail) {
    if (!byEmail.active) throw new OidcRefusal('gesperrt', 'account inactive', byEmail);
    // Linked to another identity already: never move a link silently.
    if (byEmail.oidc_subject !== null)
      throw new OidcRefusal(
        'verknuepft',
        `account ${byEmail.id} is linked to ${byEmail.oidc_issuer} ${byEmail.oidc_subject}`,
        byEmail,
      );
    await linkUserSso(tx, byEmail.tenant_id, byEmail.id, person.issuer, person.subject);
    await writeAudit(tx, byEmail.tenant_id, {
      actor: actorOf(byEmail),
      action: 'access.sso_linked',
      entity: 'user',
      entityId: String(byEmail.id),
      detail: { issuer: person.issuer, subject: person.subject, by: 'email' },
    });
    return { ...byEmail, oidc_issuer: person.issuer, oidc_subject: person.subject };
  }
  if (!oidc.autoCreate)
    throw new OidcRefusal('unbekannt', `no account for ${person.email} and autoCreate off`);
  const tenantId = ctx.config.tenantId;
  const displayName = (person.displayName ?? person.email).slice(0, 200);
  // ON CONFLICT: a second, simultaneous first sign-in of the same person must not end in a 500.
  const id = await insertSsoUser(tx, tenantId, {
    email: person.email,
    displayName,
    issuer: person.issuer,
    subject: person.subject,
  });
  if (id === undefined)
    throw new OidcRefusal('verknuepft', `concurrent creation of ${person.email}`);
  await insertUserRole(tx, tenantId, id, AUTO_CREATE_ROLE);
  const created = (await findUser(tx, tenantId, id))!;
  await writeAudit(tx, tenantId, {
    actor: actorOf(created),
    action: 'access.user_created',
    entity: 'user',
    entityId: String(created.id),
    detail: {
      method: 'oidc',
      email: created.email,
      display_name: created.display_name,
      roles: created.roles,
      issuer: person.issuer,
      subject: person.subject,
    },
  });
  return created;
}

export function registerOidcRoutes(app: FastifyInstance, ctx: AppContext): void {
  const access = app.sozialraumAccess;
  // Both answer with a redirect (to the sign-in service, the start page or /anmelden?fehler=…);
  // without a configured provider with 404.
  const redirects = {
    status: 302,
    refusals: { 404: 'Single Sign-on ist nicht eingerichtet' },
  } as const;

  defineRoute(app, {
    method: 'GET',
    url: '/api/auth/oidc/login',
    operationId: 'oidcLogin',
    summary: 'Anmelden mit Single Sign-on: leitet zum Anmeldedienst (OpenID Connect) weiter',
    tags: ['Zugang'],
    permission: 'none',
    querystring: z.object({
      weiter: z.string().max(500).optional().describe('Pfad der App, zu dem es danach geht'),
    }),
    response: ssoStartSchema,
    ...redirects,
    handler: async ({ query, request, reply }) => {
      const oidc = ctx.config.oidc;
      if (!oidc) throw notFound(DISABLED_MESSAGE);
      let config: client.Configuration;
      try {
        config = await providerConfig(ctx, oidc);
      } catch (err) {
        request.log.error({ err, issuer: oidc.issuer }, 'OIDC discovery failed');
        return refuse(reply, 'dienst');
      }
      const flow: FlowState = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        exp: Date.now() + FLOW_TTL_MS,
        ...(safeReturnPath(query.weiter) ? { returnTo: safeReturnPath(query.weiter) } : {}),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: oidcRedirectUri(ctx.config),
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      setFlowCookie(reply, request, ctx.config, sealFlow(oidc, flow));
      return reply.header('Cache-Control', 'no-store').redirect(url.href, 302);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: OIDC_CALLBACK_PATH,
    operationId: 'oidcCallback',
    summary: 'Rückkehr vom Anmeldedienst: prüft die Antwort, meldet an und leitet zur Startseite',
    tags: ['Zugang'],
    permission: 'none',
    response: ssoCallbackSchema,
    ...redirects,
    handler: async ({ request, reply }) => {
      const oidc = ctx.config.oidc;
      if (!oidc) throw notFound(DISABLED_MESSAGE);
      // The flow cookie is single-use: cleared whatever happens next.
      const flow = openFlow(oidc, readCookie(request.headers.cookie, OIDC_COOKIE));
      setFlowCookie(reply, request, ctx.config, null);
      const query = new URL(request.url, 'http://x').searchParams;
      const actorOf = (u: { email: string; id: number }): AuditActor => ({
        actor: u.email,
        userId: u.id,
        ip: request.ip,
        requestId: String(request.id),
      });
      try {
        if (query.has('error'))
          throw new OidcRefusal(
            'abgebrochen',
            `provider error ${query.get('error')}: ${query.get('error_description') ?? ''}`,
          );
        if (!flow) throw new OidcRefusal('abgelaufen', 'flow cookie missing, invalid or expired');
        let config: client.Configuration;
        try {
          config = await providerConfig(ctx, oidc);
        } catch (err) {
          request.log.error({ err, issuer: oidc.issuer }, 'OIDC discovery failed');
          throw new OidcRefusal('dienst', 'discovery failed');
        }
        // The URL the provider sent the browser to, rebuilt on the registered redirect URI (the
        // token request repeats it, and behind a proxy request.host may differ).
        const currentUrl = new URL(oidcRedirectUri(ctx.config));
        currentUrl.search = query.toString();
        let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
        try {
          tokens = await client.authorizationCodeGrant(config, currentUrl, {
            pkceCodeVerifier: flow.verifier,
            expectedState: flow.state,
            expectedNonce: flow.nonce,
            idTokenExpected: true,
          });
        } catch (err) {
          request.log.warn({ err }, 'OIDC authorization response or token rejected');
          throw new OidcRefusal('ungueltig', err instanceof Error ? err.message : String(err));
        }
        const claims = tokens.claims();
        if (!claims) throw new OidcRefusal('ungueltig', 'no ID token');
        let info: Record<string, unknown> = claims;
        // Providers that put only `sub` into the ID token (OIDC Core § 5.4 when an access token is
        // issued, e.g. oidc-provider, ADFS by default) send the rest from the userinfo endpoint.
        if (str(claims.email) === undefined && config.serverMetadata().userinfo_endpoint) {
          try {
            const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
            info = { ...userinfo, ...claims };
          } catch (err) {
            request.log.warn({ err }, 'OIDC userinfo failed');
          }
        }
        const person: Person = {
          issuer: claims.iss,
          subject: claims.sub,
          email: str(info.email),
          // Some ADFS/Cognito versions send "true" as a string.
          emailVerified: info.email_verified === true || info.email_verified === 'true',
          displayName:
            str(info.name) ??
            str([str(info.given_name), str(info.family_name)].filter(Boolean).join(' ')) ??
            str(info.preferred_username),
        };
        const { user, session } = await ctx.db.transaction(async (tx) => {
          const u = await mapPerson(tx, ctx, oidc, person, actorOf);
          // The ID token stays with the session: at sign-out it is the id_token_hint of the
          // logout at the provider (RP-initiated logout).
          const s = await createSession(
            tx,
            access,
            u,
            { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
            tokens.id_token ? { issuer: claims.iss, idToken: tokens.id_token } : undefined,
          );
          await writeAudit(tx, u.tenant_id, {
            actor: actorOf(u),
            action: 'access.sign_in',
            entity: 'user',
            entityId: String(u.id),
            detail: { method: 'oidc' },
          });
          return { user: u, session: s };
        });
        access.invalidateUser(user.tenant_id, user.id);
        setSessionCookie(reply, request, ctx, session);
        return reply
          .header('Cache-Control', 'no-store')
          .redirect(safeReturnPath(flow.returnTo) ?? '/', 302);
      } catch (err) {
        if (!(err instanceof OidcRefusal)) throw err;
        request.log.warn({ code: err.code, reason: err.message }, 'OIDC sign-in refused');
        const u = err.user;
        if (u)
          await ctx.db.transaction((tx) =>
            writeAudit(tx, u.tenant_id, {
              actor: actorOf(u),
              action: 'access.sign_in_failed',
              entity: 'user',
              entityId: String(u.id),
              detail: { method: 'oidc', reason: OIDC_ERRORS[err.code] },
            }),
          );
        return refuse(reply, err.code);
      }
    },
  });
}
