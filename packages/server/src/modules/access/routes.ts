// HTTP routes of the access module: sign-in/out, who am I, password change and reset, own API
// tokens, and the administration of people, departments and roles.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  changePasswordBodySchema,
  createdTokenSchema,
  createdUserSchema,
  createTokenBodySchema,
  createUserBodySchema,
  departmentBodySchema,
  departmentListSchema,
  departmentSchema,
  linkSchema,
  meSchema,
  permissionListSchema,
  publicUserSchema,
  resetAnswerSchema,
  resetBodySchema,
  resetRequestAnswerSchema,
  resetRequestBodySchema,
  roleListSchema,
  roleSchema,
  saveRoleBodySchema,
  setupBodySchema,
  signInBodySchema,
  signOutSchema,
  slugSchema,
  tokenListSchema,
  tokenSchema,
  updateUserBodySchema,
  userListSchema,
} from '@sozialraum/contracts/access';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { servedOverHttps } from '../../config.ts';
import { forbidden } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import { Mailer } from '../mail/index.ts';
import { SESSION_COOKIE } from './access-control.ts';
import { providerLogoutUrl } from './oidc-client.ts';
import { PERMISSIONS } from './permissions.ts';
import type { Principal } from './principal.ts';
import {
  changePassword,
  createToken,
  createUser,
  issueResetLink,
  listDepartments,
  listPublicUsers,
  listRoles,
  listTokens,
  requestPasswordReset,
  resetPassword,
  revokeToken,
  saveDepartment,
  saveRole,
  setupFirstAdministrator,
  signIn,
  signOut,
  updateUser,
  type NewSession,
} from './service.ts';
import { findTenant } from './store.ts';

const tags = ['Zugang'];
const slug = slugSchema;
/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure when served over https. */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  ctx: AppContext,
  session: NewSession | null,
): void {
  const secure = servedOverHttps(request.protocol, ctx.config);
  const attrs = ['Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
  const value = session
    ? `${SESSION_COOKIE}=${session.secret}; Max-Age=${Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)}`
    : `${SESSION_COOKIE}=; Max-Age=0`;
  reply.header('Set-Cookie', [value, ...attrs].join('; '));
}

/** What /api/me answers for a principal. */
export async function describeMe(ctx: AppContext, principal: Principal, csrf?: string | null) {
  const tenant = await findTenant(ctx.db, principal.tenantId);
  return {
    signedIn: principal.kind !== 'anonymous',
    kind: principal.kind,
    tenant: tenant ?? { id: principal.tenantId, name: principal.tenantId, ags: '' },
    user:
      principal.userId === null
        ? null
        : {
            id: principal.userId,
            email: principal.name,
            displayName: principal.displayName,
            departmentId: principal.departmentId,
            roles: [...principal.roles],
          },
    permissions: [...principal.permissions].sort(),
    csrfToken: csrf !== undefined ? csrf : (principal.csrfToken ?? null),
    sso: { enabled: ctx.config.oidc !== undefined, label: ctx.config.oidc?.label ?? '' },
  };
}

export function registerAccessRoutes(app: FastifyInstance, ctx: AppContext): void {
  const access = app.sozialraumAccess;

  defineRoute(app, {
    method: 'GET',
    url: '/api/me',
    operationId: 'getMe',
    summary: 'Wer bin ich: Mandant, Person, Berechtigungen und CSRF-Token',
    tags,
    permission: 'none',
    response: meSchema,
    handler: ({ auth }) => describeMe(ctx, auth),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/login',
    operationId: 'signIn',
    csrfExempt: true,
    // attempts per IP address and failures per account are limited in signIn (throttle.ts)
    ownThrottle: true,
    summary: 'Anmelden mit E-Mail-Adresse und Passwort (setzt das Sitzungs-Cookie)',
    tags,
    permission: 'none',
    body: signInBodySchema,
    response: meSchema,
    handler: async ({ body, request, reply }) => {
      const { session, user } = await signIn(ctx.db, access, {
        email: body.email,
        password: body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: String(request.id),
      });
      setSessionCookie(reply, request, ctx, session);
      const principal = (await access.userPrincipal(user.tenant_id, user.id, 'session'))!;
      return describeMe(ctx, principal, session.csrfToken);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/logout',
    operationId: 'signOut',
    summary: 'Abmelden (beendet die Sitzung auf dem Server)',
    description:
      'Nach einer Anmeldung mit Single Sign-on enthält die Antwort `providerLogoutUrl`, sofern der Anmeldedienst einen end_session_endpoint anbietet: die App leitet dorthin weiter, damit auch die Sitzung beim Anmeldedienst endet (OpenID Connect RP-Initiated Logout 1.0). Der Anmeldedienst leitet danach zu `/anmelden?abgemeldet=1` zurück.',
    tags,
    permission: 'none',
    response: signOutSchema,
    handler: async ({ auth, request, reply }) => {
      const sso = await signOut(ctx.db, access, auth, auditActor(auth, request, 'account.self'));
      setSessionCookie(reply, request, ctx, null);
      const providerLogout = await providerLogoutUrl(ctx, sso, (err) =>
        request.log.warn({ err }, 'OIDC logout URL not available'),
      );
      return {
        signedOut: auth.kind === 'session',
        ...(providerLogout ? { providerLogoutUrl: providerLogout } : {}),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/password',
    operationId: 'changePassword',
    summary: 'Eigenes Passwort ändern (beendet alle anderen Sitzungen)',
    tags,
    permission: 'account.self',
    body: changePasswordBodySchema,
    response: meSchema,
    handler: async ({ auth, body, request, reply }) => {
      if (auth.kind !== 'session')
        throw forbidden(
          'Das Passwort lässt sich nur in einer angemeldeten Sitzung ändern, nicht mit einem API-Token.',
        );
      const session = await changePassword(
        ctx.db,
        access,
        auth,
        body,
        auditActor(auth, request, 'account.self'),
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      setSessionCookie(reply, request, ctx, session);
      return describeMe(ctx, auth, session.csrfToken);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/reset-request',
    operationId: 'requestPasswordReset',
    csrfExempt: true,
    summary: 'Link zum Zurücksetzen des Passworts per E-Mail anfordern',
    description:
      'Antwortet immer gleich, ob es das Konto gibt oder nicht. Ohne SMTP steht der Link im Server-Log.',
    tags,
    permission: 'none',
    body: resetRequestBodySchema,
    response: resetRequestAnswerSchema,
    handler: async ({ auth, body, request }) => {
      await requestPasswordReset(
        ctx.db,
        ctx.config,
        body.email,
        auditActor(auth, request, 'none'),
        async (to, subject, text, tenantId) => {
          // the one transport, with timeouts and the delivery log (modules/mail)
          const mailer = new Mailer(ctx.config.smtpUrl!, ctx.config.mailFrom);
          try {
            await mailer.send(ctx.db, tenantId, { purpose: 'password_reset', to, subject, text });
          } catch (err) {
            // the answer stays the same (it must not tell whether the account exists); the
            // failure is in the delivery log and the server log
            request.log.warn({ err }, 'Mail zum Zurücksetzen des Passworts nicht zugestellt');
          } finally {
            mailer.close();
          }
        },
        (msg) => request.log.warn(msg),
      );
      return {
        message:
          'Wenn es ein Konto mit dieser Adresse gibt, ist eine E-Mail mit einem Link unterwegs. Der Link gilt eine Stunde.',
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/reset',
    operationId: 'resetPassword',
    csrfExempt: true,
    summary: 'Neues Passwort mit einem Einmal-Link setzen',
    tags,
    permission: 'none',
    body: resetBodySchema,
    response: resetAnswerSchema,
    handler: ({ body, request }) =>
      resetPassword(ctx.db, access, body, { ip: request.ip, requestId: String(request.id) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/setup',
    operationId: 'setupFirstAdministrator',
    summary: 'Erste Administration einrichten (Einmal-Link aus dem Server-Log beim ersten Start)',
    tags,
    permission: 'none',
    csrfExempt: true,
    body: setupBodySchema,
    response: meSchema,
    refusals: { 409: 'Es gibt schon eine Administration' },
    handler: async ({ auth, body, request, reply }) => {
      const { session, user } = await setupFirstAdministrator(ctx.db, access, auth.tenantId, body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: String(request.id),
      });
      setSessionCookie(reply, request, ctx, session);
      const principal = (await access.userPrincipal(user.tenant_id, user.id, 'session'))!;
      return describeMe(ctx, principal, session.csrfToken);
    },
  });

  // --- own API tokens
  defineRoute(app, {
    method: 'GET',
    url: '/api/me/tokens',
    operationId: 'listOwnTokens',
    summary: 'Eigene API-Token (ohne Geheimnis)',
    tags,
    permission: 'account.self',
    response: tokenListSchema,
    handler: ({ auth }) => listTokens(ctx.db, auth),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/me/tokens',
    operationId: 'createOwnToken',
    summary: 'API-Token für Skripte anlegen (das Geheimnis wird nur jetzt gezeigt)',
    tags,
    permission: 'account.self',
    body: createTokenBodySchema,
    response: createdTokenSchema,
    status: 201,
    location: (r) => `/api/me/tokens/${r.info.id}`,
    handler: ({ auth, body, request }) =>
      createToken(ctx.db, auth, body, auditActor(auth, request, 'account.self')),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/me/tokens/:id',
    operationId: 'revokeOwnToken',
    summary: 'Eigenes API-Token widerrufen',
    tags,
    permission: 'account.self',
    params: z.object({ id: z.coerce.number().int() }),
    response: tokenSchema,
    handler: ({ auth, params, request }) =>
      revokeToken(ctx.db, access, auth, params.id, auditActor(auth, request, 'account.self')),
  });

  // --- directory: departments and permissions (for share dialogs and token scopes)
  defineRoute(app, {
    method: 'GET',
    url: '/api/departments',
    operationId: 'listDepartments',
    summary: 'Abteilungen und Organisationen des Mandanten',
    tags,
    permission: 'account.self',
    response: departmentListSchema,
    handler: ({ auth }) => listDepartments(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/permissions',
    operationId: 'listPermissions',
    summary: 'Alle Berechtigungen (modul.verb) mit Beschreibung',
    tags,
    permission: 'account.self',
    response: permissionListSchema,
    handler: () =>
      Object.entries(PERMISSIONS).map(([id, descriptionDe]) => ({
        id,
        module: id.split('.')[0]!,
        descriptionDe,
      })),
  });

  // --- administration
  defineRoute(app, {
    method: 'GET',
    url: '/api/admin/users',
    operationId: 'listUsers',
    summary: 'Personen des Mandanten',
    tags,
    permission: 'access.users',
    response: userListSchema,
    handler: ({ auth }) => listPublicUsers(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/admin/users',
    operationId: 'createUser',
    summary: 'Person anlegen; die Antwort enthält den Einmal-Link zum Setzen des Passworts',
    tags,
    permission: 'access.users',
    body: createUserBodySchema,
    response: createdUserSchema,
    status: 201,
    location: (r) => `/api/admin/users/${r.user.id}`,
    refusals: { 409: 'Es gibt schon ein Konto mit dieser Adresse' },
    handler: async ({ auth, body, request }) => {
      const r = await createUser(
        ctx.db,
        ctx.config,
        auth.tenantId,
        body,
        auditActor(auth, request, 'access.users'),
      );
      return {
        user: r.user,
        setupLink: { url: r.setupLink.url, expiresAt: r.setupLink.expiresAt.toISOString() },
      };
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/admin/users/:id',
    operationId: 'updateUser',
    summary: 'Person ändern: Name, Adresse, Abteilung, Rollen, gesperrt, SSO-Verknüpfung lösen',
    tags,
    permission: 'access.users',
    params: z.object({ id: z.coerce.number().int() }),
    body: updateUserBodySchema,
    response: publicUserSchema,
    handler: ({ auth, params, body, request }) =>
      updateUser(ctx.db, access, auth, params.id, body, auditActor(auth, request, 'access.users')),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/admin/users/:id/reset-link',
    operationId: 'issueResetLink',
    summary: 'Neuen Einmal-Link zum Setzen des Passworts erzeugen',
    tags,
    permission: 'access.users',
    params: z.object({ id: z.coerce.number().int() }),
    response: linkSchema,
    handler: async ({ auth, params, request }) => {
      const link = await issueResetLink(
        ctx.db,
        ctx.config,
        auth.tenantId,
        params.id,
        auditActor(auth, request, 'access.users'),
      );
      return { url: link.url, expiresAt: link.expiresAt.toISOString() };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/admin/departments',
    operationId: 'createDepartment',
    summary: 'Abteilung oder Organisation anlegen',
    tags,
    permission: 'access.departments',
    body: departmentSchema,
    response: departmentSchema,
    status: 201,
    location: (d) => `/api/admin/departments/${d.id}`,
    refusals: { 409: 'Kennung schon vergeben' },
    handler: ({ auth, body, request }) =>
      saveDepartment(
        ctx.db,
        auth.tenantId,
        body,
        auditActor(auth, request, 'access.departments'),
        'create',
      ),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/admin/departments/:id',
    operationId: 'updateDepartment',
    summary: 'Abteilung oder Organisation ändern',
    tags,
    permission: 'access.departments',
    params: z.object({ id: slug }),
    body: departmentBodySchema,
    response: departmentSchema,
    handler: ({ auth, params, body, request }) =>
      saveDepartment(
        ctx.db,
        auth.tenantId,
        { ...body, id: params.id },
        auditActor(auth, request, 'access.departments'),
        'update',
      ),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/admin/roles',
    operationId: 'listRoles',
    summary: 'Rollen mit ihren Berechtigungen',
    tags,
    permission: 'access.roles',
    response: roleListSchema,
    handler: ({ auth }) => listRoles(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/admin/roles/:id',
    operationId: 'saveRole',
    summary: 'Eigene Rolle anlegen oder ändern (eingebaute Rollen folgen der Software)',
    tags,
    permission: 'access.roles',
    params: z.object({ id: slug }),
    body: saveRoleBodySchema,
    response: roleSchema,
    handler: ({ auth, params, body, request }) =>
      saveRole(
        ctx.db,
        access,
        auth.tenantId,
        { ...body, id: params.id },
        auditActor(auth, request, 'access.roles'),
      ),
  });
}
