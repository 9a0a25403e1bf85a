// The first administrator as a new installation creates her: `sozialraum admin create` prints a
// one-time link (no default password); the link sets the password; she signs in. And a second
// tenant (a Gemeinde of a Kreis) with `sozialraum tenant create`. Runs the real command on an
// embedded database of its own.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDb } from '../../db/db.ts';

const run = promisify(execFile);
const BIN = path.resolve('packages/server/bin/sozialraum.mjs');
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sz-admin-cli-'));
  env = {
    ...process.env,
    SOZIALRAUM_DATA_DIR: dir,
    SOZIALRAUM_TENANT: 'kreis-x',
    SOZIALRAUM_TENANT_AGS: '03459000',
    SOZIALRAUM_TENANT_NAME: 'Landkreis X',
    SOZIALRAUM_DEMO: 'none',
    SOZIALRAUM_PUBLIC_URL: 'https://sozialraum.kreis-x.example',
    DATABASE_URL: '',
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sozialraum admin create / tenant create', () => {
  it('creates an administrator without a password and prints a one-time link that sets it', async () => {
    const out = await run(
      process.execPath,
      [BIN, 'admin', 'create', '--email', 'erika@kreis-x.example', '--name', 'Erika Muster'],
      { env },
    );
    expect(out.stdout).toContain('Administration angelegt: Erika Muster <erika@kreis-x.example>');
    const link = /https:\/\/sozialraum\.kreis-x\.example\/passwort#token=([\w-]+)/.exec(out.stdout);
    expect(link, out.stdout).not.toBeNull();

    const again = await run(
      process.execPath,
      [BIN, 'admin', 'create', '--email', 'ERIKA@kreis-x.example', '--name', 'Doppelt'],
      { env },
    ).catch((e: { code: number; stderr: string }) => e);
    expect((again as { code: number }).code).toBe(1);
    expect((again as { stderr: string }).stderr).toContain('Es gibt schon ein Konto');

    const db = await openDb({ dataDir: dir });
    try {
      const [user] = await db.query<{ password_hash: string | null; roles: string[] }>(
        `SELECT u.password_hash, array_agg(r.role_id) AS roles FROM app_user u
           JOIN user_role r ON r.tenant_id = u.tenant_id AND r.user_id = u.id
          WHERE u.email = 'erika@kreis-x.example' GROUP BY u.password_hash`,
      );
      expect(user).toEqual({ password_hash: null, roles: ['administrator'] });
      const app = await buildApp(
        {
          db,
          tenantId: 'kreis-x',
          config: { ...loadConfig({}), webDist: '/nonexistent', tenantId: 'kreis-x' },
        },
        { validateResponses: true, warmCaches: false },
      );
      try {
        const cannot = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'erika@kreis-x.example', password: 'irgendetwas-langes' },
        });
        expect(cannot.statusCode).toBe(401);
        const set = await app.inject({
          method: 'POST',
          url: '/api/auth/reset',
          payload: { token: link![1], newPassword: 'Kreisverwaltung-Sozialplanung-1' },
        });
        expect(set.statusCode, set.body).toBe(200);
        const signedIn = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'erika@kreis-x.example', password: 'Kreisverwaltung-Sozialplanung-1' },
        });
        expect(signedIn.statusCode).toBe(200);
        expect(signedIn.json()).toMatchObject({
          signedIn: true,
          tenant: { id: 'kreis-x', name: 'Landkreis X', ags: '03459000' },
        });
        expect(signedIn.json().permissions).toContain('access.users');
        const reuse = await app.inject({
          method: 'POST',
          url: '/api/auth/reset',
          payload: { token: link![1], newPassword: 'Noch-ein-anderes-Passwort-2' },
        });
        expect(reuse.statusCode).toBe(400);
      } finally {
        await app.close();
      }
    } finally {
      await db.close();
    }
  });

  it('adds a Gemeinde as a tenant of its Kreis, with roles and departments, and refuses bad input', async () => {
    const out = await run(
      process.execPath,
      [
        BIN,
        'tenant',
        'create',
        '--id',
        'gemeinde-y',
        '--ags',
        '03459001',
        '--name',
        'Gemeinde Y',
        '--parent',
        'kreis-x',
      ],
      { env },
    );
    expect(out.stdout).toContain('Mandant „gemeinde-y“ (Gemeinde Y, AGS 03459001) angelegt.');
    const bad = await run(
      process.execPath,
      [BIN, 'tenant', 'create', '--id', 'Gemeinde Z', '--ags', '12', '--name', 'Z'],
      { env },
    ).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(2);
    const db = await openDb({ dataDir: dir });
    try {
      const [t] = await db.query<{ parent_id: string; roles: number; departments: number }>(
        `SELECT parent_id,
                (SELECT count(*)::int FROM role WHERE tenant_id = 'gemeinde-y') AS roles,
                (SELECT count(*)::int FROM department WHERE tenant_id = 'gemeinde-y') AS departments
           FROM tenant WHERE id = 'gemeinde-y'`,
      );
      expect(t).toEqual({ parent_id: 'kreis-x', roles: 8, departments: 7 });
    } finally {
      await db.close();
    }
  });
});
