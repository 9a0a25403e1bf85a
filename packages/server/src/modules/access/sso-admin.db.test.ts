// Administration of single sign-on links (issue 3): PATCH /api/admin/users/:id with `sso: false`
// removes the link (issuer, sub) of a person, audited as a diff; the sessions started through the
// link end, password sessions stay; only `false` is accepted, and only with access.users. (The
// re-link at the next SSO sign-in runs against a real provider in oidc.db.test.ts.)
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import {
  adminHeaders,
  createTestUser,
  sessionHeaders,
  tokenHeaders,
  type TestUser,
} from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { SESSION_COOKIE } from './access-control.ts';
import { createSession } from './service.ts';

const ISSUER = 'https://anmeldung.berlin.example/realms/stadt';

let db: Db;
let app: FastifyInstance;
let admin: { authorization: string };

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  admin = await adminHeaders(db);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** A person linked to an SSO identity, with one session started by SSO and one by password. */
async function linkedPerson(subject: string) {
  const user = await createTestUser(db, { roles: ['viewer'] });
  await db.query('UPDATE app_user SET oidc_issuer = $2, oidc_subject = $3 WHERE id = $1', [
    user.id,
    ISSUER,
    subject,
  ]);
  const sso = await db.transaction((tx) =>
    createSession(
      tx,
      app.sozialraumAccess,
      { tenant_id: user.tenantId, id: user.id },
      { ip: '127.0.0.1', userAgent: 'test' },
      { issuer: ISSUER, idToken: 'eyJ.ein-id-token.sig' },
    ),
  );
  const password = await sessionHeaders(app, user);
  return { user, ssoCookie: `${SESSION_COOKIE}=${sso.secret}`, password };
}

async function signedIn(cookie: string): Promise<boolean> {
  const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  return res.json<{ signedIn: boolean }>().signedIn;
}

async function link(user: TestUser) {
  const [row] = await db.query<{ oidc_issuer: string | null; oidc_subject: string | null }>(
    'SELECT oidc_issuer, oidc_subject FROM app_user WHERE id = $1',
    [user.id],
  );
  return row!;
}

describe('unlinking a single sign-on identity', () => {
  it('clears issuer and sub, audits the diff, ends the SSO sessions and keeps the password session', async () => {
    const { user, ssoCookie, password } = await linkedPerson('falsch-verknuepft');
    const list = await app.inject({ method: 'GET', url: '/api/admin/users', headers: admin });
    expect(list.json<{ id: number; sso: boolean }[]>().find((u) => u.id === user.id)!.sso).toBe(
      true,
    );
    // The SSO session works before (so its end below is the unlink's doing).
    expect(await signedIn(ssoCookie)).toBe(true);

    const res = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin,
      payload: { sso: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, sso: false, active: true, hasPassword: true });
    expect(await link(user)).toEqual({ oidc_issuer: null, oidc_subject: null });

    expect(await signedIn(ssoCookie)).toBe(false);
    expect(await signedIn(password.cookie)).toBe(true);
    const left = await db.query<{ oidc_issuer: string | null }>(
      'SELECT oidc_issuer FROM user_session WHERE user_id = $1',
      [user.id],
    );
    expect(left).toEqual([{ oidc_issuer: null }]);

    const [entry] = await db.query<{ action: string; permission: string; detail: unknown }>(
      `SELECT action, permission, detail FROM audit_log
        WHERE entity = 'user' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [String(user.id)],
    );
    expect(entry).toEqual({
      action: 'access.user_updated',
      permission: 'access.users',
      detail: {
        oidc_issuer: { before: ISSUER, after: null },
        oidc_subject: { before: 'falsch-verknuepft', after: null },
      },
    });
    expect((await verifyAuditChain(db, 'berlin')).problems).toEqual([]);
  });

  it('leaves an unlinked person and other fields alone, together with other changes', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin,
      payload: { sso: false, displayName: 'Neu Benannt' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sso: false, displayName: 'Neu Benannt' });
    const [entry] = await db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [String(user.id)],
    );
    expect(Object.keys(entry!.detail)).toEqual(['display_name']);
  });

  it('accepts only false, and only from people with access.users', async () => {
    const { user, ssoCookie } = await linkedPerson('bleibt');
    const wrong = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin,
      payload: { sso: true },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { message: string } }>().error.message).toMatch(/sso/);

    const planner = await createTestUser(db, { roles: ['department_planner'] });
    const refused = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: await tokenHeaders(db, planner),
      payload: { sso: false },
    });
    expect(refused.statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      payload: { sso: false },
    });
    expect(anonymous.statusCode).toBe(401);

    expect(await link(user)).toEqual({ oidc_issuer: ISSUER, oidc_subject: 'bleibt' });
    expect(await signedIn(ssoCookie)).toBe(true);
  });
});
