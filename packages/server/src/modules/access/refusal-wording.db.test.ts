// Refusals name what is missing (issue 9 § 6): a person reads „Ihnen fehlt die Berechtigung …“, an
// API token „Ihr API-Token hat die Berechtigung … nicht“; details carry the permission and caller.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, sessionHeaders, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { assertCanEditIndicator } from '../indicators/index.ts';
import { notOwnDepartment } from './access-control.ts';
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

describe('record-level refusals of alert rules, subscriptions and area imports (ADR 0012)', () => {
  const planner = async () =>
    tokenHeaders(
      db,
      await createTestUser(db, { roles: ['department_planner'], departmentId: 'sozialplanung' }),
    );

  it('a rule of another department names it, the caller’s own and alerts.rules_all', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/alert-rules',
      headers: await planner(),
      payload: {
        id: 'fremde-regel',
        nameDe: 'Fremd',
        department: 'gesundheit',
        kind: 'indicator_change',
        params: { indicatorIds: ['share_unemployed'] },
      },
    });
    expect(res.statusCode).toBe(403);
    const error = res.json().error;
    expect(error.message).toBe(
      'Die Regel „fremde-regel“ gehört zur Abteilung „gesundheit“; Ihr API-Token darf nur für die Abteilung „sozialplanung“ schreiben (für alle Abteilungen braucht es die Berechtigung „alerts.rules_all“).',
    );
    expect(error.details).toEqual({
      missingPermission: 'alerts.rules_all',
      caller: 'token',
      department: 'gesundheit',
      ownDepartment: 'sozialplanung',
    });
  });

  it('a subscription for another address names alerts.rules_all', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/alert-subscriptions',
      headers: await planner(),
      payload: { email: 'jemand.anderes@berlin.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain(
      'für andere Adressen braucht es die Berechtigung „alerts.rules_all“',
    );
    expect(res.json().error.details).toEqual({
      missingPermission: 'alerts.rules_all',
      caller: 'token',
    });
  });

  it('an area import without imports.areas names that permission', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/0123456789abcdef01234567/run',
      headers: await planner(),
      payload: {
        kind: 'areas',
        dryRun: true,
        systemId: 'lor2021',
        levelId: 'plr',
        codeProperty: 'PLR_ID',
        nameProperty: 'PLR_NAME',
      },
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.message).toContain(
      'Ihr API-Token hat die Berechtigung „imports.areas“ (Gebiete importieren) nicht',
    );
    expect(res.json().error.details).toEqual({
      missingPermission: 'imports.areas',
      caller: 'token',
    });
  });

  it('without the department permission at all, names that one after the record’s department', () => {
    const viewer = {
      kind: 'session',
      tenantId: 'berlin',
      departmentId: null,
      permissions: new Set<string>(),
    } as unknown as Principal;
    const err = notOwnDepartment(
      viewer,
      { label: 'Die Regel „r“', department: 'gesundheit' },
      'alerts.rules',
      'alerts.rules_all',
    );
    expect(err.statusCode).toBe(403);
    expect(err.message).toBe(
      'Die Regel „r“ gehört zur Abteilung „gesundheit“; Ihnen fehlt die Berechtigung „alerts.rules“. Bitte wenden Sie sich an die Administration Ihrer Kommune.',
    );
    expect(err.details).toEqual({ missingPermission: 'alerts.rules', caller: 'session' });
  });
});
