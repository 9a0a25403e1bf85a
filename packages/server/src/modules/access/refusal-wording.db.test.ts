// Refusals name what is missing (issue 9 § 6): a person reads „Ihnen fehlt die Berechtigung …“, an
// API token „Ihr API-Token hat die Berechtigung … nicht“; details carry the permission and caller.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, sessionHeaders, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { assertCanEditIndicator } from '../indicators/policy.ts';
import type { Principal } from './principal.ts';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('permission refusals', () => {
  it('tell an API token which permission it lacks', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const res = await app.inject({
      url: '/api/admin/users',
      headers: await tokenHeaders(db, user),
    });
    expect(res.statusCode).toBe(403);
    const error = res.json().error;
    expect(error.message).toContain('Ihr API-Token hat die Berechtigung „access.users“ nicht');
    expect(error.details).toEqual({ missingPermission: 'access.users', caller: 'token' });
  });

  it('tell a signed-in person which permission they lack', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const res = await app.inject({
      url: '/api/admin/users',
      headers: await sessionHeaders(app, user),
    });
    expect(res.statusCode).toBe(403);
    const error = res.json().error;
    expect(error.message).toContain('Ihnen fehlt die Berechtigung „access.users“');
    expect(error.message).not.toContain('API-Token');
    expect(error.details).toEqual({ missingPermission: 'access.users', caller: 'session' });
  });
});

describe('record-level refusals for indicators', () => {
  const principal = (kind: 'session' | 'token', permissions: string[]): Principal =>
    ({
      kind,
      tenantId: 'berlin',
      departmentId: 'sozialplanung',
      permissions: new Set(permissions),
    }) as unknown as Principal;

  it('name the owning department and the caller’s own', () => {
    expect(() =>
      assertCanEditIndicator(principal('session', ['indicators.edit']), 'gesundheit', 'x'),
    ).toThrow(
      'Der Indikator „x“ gehört zur Abteilung „gesundheit“; Sie dürfen nur für die Abteilung „sozialplanung“ schreiben',
    );
    expect(() =>
      assertCanEditIndicator(principal('token', ['indicators.edit']), 'gesundheit', 'x'),
    ).toThrow('Ihr API-Token darf nur für die Abteilung „sozialplanung“ schreiben');
  });

  it('name the missing permission when the caller may edit no indicator', () => {
    expect(() => assertCanEditIndicator(principal('token', []), 'gesundheit', 'x')).toThrow(
      'Ihr API-Token hat die Berechtigung „indicators.edit“ nicht',
    );
    expect(() => assertCanEditIndicator(principal('session', []), 'gesundheit', 'x')).toThrow(
      'Ihnen fehlt die Berechtigung „indicators.edit“',
    );
  });

  it('let the own department and edit_all through', () => {
    expect(() =>
      assertCanEditIndicator(principal('session', ['indicators.edit']), 'sozialplanung', 'x'),
    ).not.toThrow();
    expect(() =>
      assertCanEditIndicator(principal('token', ['indicators.edit_all']), 'gesundheit', 'x'),
    ).not.toThrow();
  });
});
