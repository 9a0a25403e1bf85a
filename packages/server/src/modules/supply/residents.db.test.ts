// The residents-in-total setting (ADR 0058): read by anyone who reads supply, set with
// supply.configure to one count indicator of the caller's own tenant, audited in the same transaction.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { migrate } from '../../db/migrate.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { invalidateCatalogueCache } from '../indicators/index.ts';

let db: Db;
let app: FastifyInstance;
let steward: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  // a second tenant with a residents count of its own (its id must not be usable from Berlin)
  await db.exec(`
    INSERT INTO tenant (id, ags, name) VALUES ('leipzig', '14713000', 'Leipzig');
    INSERT INTO department (tenant_id, id, name) VALUES ('leipzig', 'sozialplanung', 'Sozialplanung');
    INSERT INTO source (tenant_id, id, title, publisher, licence, licence_url, attribution, url, notes)
    VALUES ('leipzig', 'stala', 'Einwohnerregister', 'Amt für Statistik Leipzig', 'dl-de/by-2-0', NULL, 'Stadt Leipzig', NULL, NULL);
    INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key)
    VALUES ('leipzig', 'le_einwohner', 'Einwohner', 'Residents', 'Einwohner', 'count', 'count', 1,
            'demography', 'neutral', 'sozialplanung', 'stala', 0, 'public', 1);
  `);
  invalidateCatalogueCache();
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  await app.ready();
  const user = await createTestUser(db, { roles: ['data_steward'] });
  steward = injectAs(app, await tokenHeaders(db, user));
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const put = (payload: unknown) =>
  steward({ method: 'PUT', url: '/api/supply/residents', payload: payload as object });

describe('Einwohnende insgesamt', () => {
  it('is read by anyone (the fixture names ewr_total) and set by a data steward, audited', async () => {
    const read = await app.inject('/api/supply/residents');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ indicatorId: 'ewr_total' });
    // internal_note is a count of the tenant, though no demography: any count may be named
    const set = await put({ indicatorId: 'internal_note' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ indicatorId: 'internal_note' });
    expect((await app.inject('/api/supply/residents')).json()).toEqual({
      indicatorId: 'internal_note',
    });
    const [entry] = await db.query<{ entity_id: string; detail: unknown; permission: string }>(
      `SELECT entity_id, detail, permission FROM audit_log WHERE action = 'supply.residents' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({
      entity_id: 'berlin',
      permission: 'supply.configure',
      detail: { indicatorId: { before: 'ewr_total', after: 'internal_note' } },
    });
    expect((await put({ indicatorId: 'ewr_total' })).statusCode).toBe(200);
  });

  it('refuses a share, an unknown id and another tenant’s indicator with 400 in German, writing nothing', async () => {
    const audits = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'supply.residents'`,
        )
      )[0]!.n;
    const before = await audits();
    const share = await put({ indicatorId: 'share_unemployed' });
    expect(share.statusCode).toBe(400);
    expect(share.json().error.message).toBe(
      'Ungültige Anfrage – Anfrageinhalt „indicatorId“: „Anteil Arbeitslose“ ist keine Anzahl von Personen (Art „share“): die Einwohnenden insgesamt sind ein Zählindikator.',
    );
    const unknown = await put({ indicatorId: 'gibt_es_nicht' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('Den Indikator „gibt_es_nicht“ gibt es nicht.');
    const foreign = await put({ indicatorId: 'le_einwohner' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('Den Indikator „le_einwohner“ gibt es nicht.');
    for (const body of [{}, { indicatorId: '' }, { indicatorId: 7 }, { indicatorId: null, x: 1 }])
      expect((await put(body)).statusCode).toBe(400);
    expect(await audits()).toBe(before);
    expect((await app.inject('/api/supply/residents')).json()).toEqual({
      indicatorId: 'ewr_total',
    });
  });

  it('removes the setting with null (audited) and refuses visitors and people without supply.configure', async () => {
    const visitor = await app.inject({
      method: 'PUT',
      url: '/api/supply/residents',
      payload: { indicatorId: null },
    });
    expect(visitor.statusCode).toBe(401);
    const viewer = await createTestUser(db, { roles: ['viewer'] });
    const denied = await injectAs(
      app,
      await tokenHeaders(db, viewer),
    )({ method: 'PUT', url: '/api/supply/residents', payload: { indicatorId: null } });
    expect(denied.statusCode).toBe(403);
    expect((await app.inject('/api/supply/residents')).json()).toEqual({
      indicatorId: 'ewr_total',
    });
    const removed = await put({ indicatorId: null });
    expect(removed.json()).toEqual({ indicatorId: null });
    const [entry] = await db.query<{ detail: unknown }>(
      `SELECT detail FROM audit_log WHERE action = 'supply.residents' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry!.detail).toEqual({ indicatorId: { before: 'ewr_total', after: null } });
  });
});

describe('migration 0038', () => {
  it('backfills ewr_inhabitants for the tenants that have it as a count, and no other', async () => {
    await db.exec(`
      INSERT INTO tenant (id, ags, name) VALUES ('demo', '11000001', 'Demo'), ('odd', '11000002', 'Odd');
      INSERT INTO department (tenant_id, id, name) VALUES ('demo', 'sp', 'Sozialplanung'), ('odd', 'sp', 'Sozialplanung');
      INSERT INTO source (tenant_id, id, title, publisher, licence, licence_url, attribution, url, notes) VALUES
        ('demo', 's', 'Register', 'Amt', 'CC BY 3.0 DE', NULL, 'Amt', NULL, NULL),
        ('odd', 's', 'Register', 'Amt', 'CC BY 3.0 DE', NULL, 'Amt', NULL, NULL);
      INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension,
                             polarity, department, source_id, decimals, visibility, sort_key) VALUES
        ('demo', 'ewr_inhabitants', 'Einwohnende', 'Residents', 'Einwohnende', 'count', 'count', 1,
         'demography', 'neutral', 'sp', 's', 0, 'public', 1),
        ('odd', 'ewr_inhabitants', 'Anteil', 'Share', 'Anteil', 'percent', 'share', 100,
         'demography', 'neutral', 'sp', 's', 1, 'public', 1);
      -- as before the migration ran
      DROP TABLE supply_residents;
      DELETE FROM schema_migration WHERE version = '0038';
    `);
    expect(await migrate(db)).toEqual(['0038_supply_residents_indicator.sql']);
    expect(
      await db.query('SELECT tenant_id, indicator_id FROM supply_residents ORDER BY tenant_id'),
    ).toEqual([{ tenant_id: 'demo', indicator_id: 'ewr_inhabitants' }]);
  });
});
