// People for tests: a user with given roles and department, signed in by API token (no CSRF) or
// by the real sign-in route (session cookie + CSRF token).
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from '../db/db.ts';
import {
  syncAccessData,
  ALL_PERMISSIONS,
  hashPassword,
  newSecret,
  sha256,
} from '../modules/access/index.ts';

export const TEST_PASSWORD = 'Sonnenblume-Kreuzberg-2026';

export interface TestUser {
  id: number;
  tenantId: string;
  email: string;
  password: string;
}

let counter = 0;

/** Inserts a person with a password; roles and department as given. */
export async function createTestUser(
  db: Db,
  opts: {
    roles: string[];
    departmentId?: string | null;
    tenantId?: string;
    email?: string;
    displayName?: string | undefined;
  },
): Promise<TestUser> {
  const tenantId = opts.tenantId ?? 'berlin';
  await db.transaction((tx) => syncAccessData(tx, tenantId));
  const email = opts.email ?? `person${++counter}.${opts.roles.join('-')}@${tenantId}.example`;
  const hash = await hashPassword(TEST_PASSWORD);
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO app_user (tenant_id, email, display_name, password_hash, department_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      tenantId,
      email,
      opts.displayName ?? `Test ${opts.roles.join('/')}`,
      hash,
      opts.departmentId ?? null,
    ],
  );
  for (const r of opts.roles)
    await db.query('INSERT INTO user_role (tenant_id, user_id, role_id) VALUES ($1, $2, $3)', [
      tenantId,
      row!.id,
      r,
    ]);
  return { id: row!.id, tenantId, email, password: TEST_PASSWORD };
}

/** An API token of the user with every permission as scope (the user's roles still limit it). */
export async function tokenHeaders(db: Db, user: TestUser): Promise<{ authorization: string }> {
  const token = newSecret('szr_');
  await db.query(
    `INSERT INTO api_token (tenant_id, user_id, name, token_hash, prefix, scopes) VALUES ($1, $2, 'test', $3, $4, $5)`,
    [user.tenantId, user.id, sha256(token), token.slice(0, 10), ALL_PERMISSIONS],
  );
  return { authorization: `Bearer ${token}` };
}

/** An administrator of the fixture tenant, as API token headers. */
export async function adminHeaders(
  db: Db,
  tenantId = 'berlin',
): Promise<{ authorization: string }> {
  return tokenHeaders(db, await createTestUser(db, { roles: ['administrator'], tenantId }));
}

/** Signs in through POST /api/auth/login; returns the cookie and CSRF headers of the session. */
export async function sessionHeaders(
  app: FastifyInstance,
  user: Pick<TestUser, 'email' | 'password'>,
): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password: user.password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken };
}

/** app.inject with these headers on every request (e.g. an administrator's token). */
export function injectAs(
  app: FastifyInstance,
  headers: Record<string, string>,
): (opts: string | InjectOptions) => Promise<LightMyRequestResponse> {
  return (opts) =>
    app.inject(
      typeof opts === 'string'
        ? { url: opts, headers }
        : { ...opts, headers: { ...headers, ...(opts.headers as Record<string, string>) } },
    );
}
