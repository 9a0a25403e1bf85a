// "Indikator bearbeiten" for every metadata field (issue 9 § 6), over HTTP on the real database:
// each field changes and is audited with old → new in the same transaction; refusals (another
// department, unknown source, unit that does not fit the stored values, unknown Lebenslage) change
// nothing and name the field.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let planner: ReturnType<typeof injectAs>;
let otherPlanner: ReturnType<typeof injectAs>;

const as = async (roles: string[], departmentId: string | null) =>
  injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles, departmentId })));

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  await app.ready();
  await db.exec(`
    INSERT INTO source (tenant_id, id, title, publisher, licence, licence_url, attribution, url, notes)
    VALUES ('berlin', 'ba_sozial', 'Sozialstatistik', 'Bundesagentur für Arbeit', 'dl-de/by-2-0', NULL,
            'Statistik der Bundesagentur für Arbeit', NULL, NULL);
  `);
  planner = await as(['department_planner'], 'sozialplanung');
  otherPlanner = await as(['department_planner'], 'gesundheit');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const patch = (api: ReturnType<typeof injectAs>, id: string, payload: Record<string, unknown>) =>
  api({ method: 'PATCH', url: `/api/indicators/${id}`, payload });

async function lastAudit(id: string) {
  const [row] = await db.query<{ action: string; detail: Record<string, unknown> }>(
    `SELECT action, detail FROM audit_log WHERE entity = 'indicator' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
    [id],
  );
  return row;
}

const auditCount = async () =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;

describe('PATCH /api/indicators/:id — every metadata field', () => {
  const cases: [string, string, unknown, unknown][] = [
    // field, indicator, new value, old value
    ['nameDe', 'income_median', 'Medianes Nettoeinkommen', 'Medianeinkommen'],
    ['nameEn', 'income_median', 'Median net income', 'Median income'],
    [
      'definitionDe',
      'income_median',
      'Median der Haushaltsnettoeinkommen je Monat',
      'Median des Haushaltsnettoeinkommens',
    ],
    ['dimension', 'income_median', 'housing', 'income'],
    ['unit', 'income_median', 'index', 'euro'],
    ['polarity', 'income_median', 'neutral', 'higher_is_better'],
    ['decimals', 'income_median', 2, 0],
    ['sourceId', 'income_median', 'ba_sozial', 'afs'],
  ];
  it.each(cases)('changes %s and audits old → new', async (field, id, next, old) => {
    const res = await patch(planner, id, { [field]: next });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    if (field === 'sourceId') {
      expect(body.source.id).toBe('ba_sozial');
      // licence and attribution come with the source
      expect(body.source.licence).toBe('dl-de/by-2-0');
      expect(body.source.attribution).toBe('Statistik der Bundesagentur für Arbeit');
    } else expect(body[field]).toEqual(next);
    const audit = await lastAudit(id);
    expect(audit?.action).toBe('indicators.update');
    expect(audit?.detail).toEqual({ [field]: { before: old, after: next } });
    const fresh = (await planner(`/api/indicators/${id}`)).json();
    if (field === 'sourceId') expect(fresh.source.id).toBe(next);
    else expect(fresh[field]).toEqual(next);
  });

  it('changes several fields at once in one audit entry', async () => {
    const res = await patch(planner, 'share_unemployed', {
      unit: 'per_100',
      dimension: 'income',
      decimals: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await lastAudit('share_unemployed'))?.detail).toEqual({
      unit: { before: 'percent', after: 'per_100' },
      dimension: { before: 'work', after: 'income' },
      decimals: { before: 1, after: 2 },
    });
  });
});

describe('PATCH /api/indicators/:id — refusals change nothing', () => {
  async function refused(
    api: ReturnType<typeof injectAs>,
    id: string,
    payload: Record<string, unknown>,
    status: number,
  ) {
    const before = await auditCount();
    const row = await db.query('SELECT * FROM indicator WHERE id = $1', [id]);
    const res = await patch(api, id, payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(await auditCount()).toBe(before);
    expect(await db.query('SELECT * FROM indicator WHERE id = $1', [id])).toEqual(row);
    return res.json().error as { message: string; details?: unknown };
  }

  it('refuses a planner of another department with the owning department named', async () => {
    const err = await refused(
      otherPlanner,
      'ewr_total',
      { unit: 'count', dimension: 'health' },
      403,
    );
    expect(err.message).toContain('gehört zur Abteilung „sozialplanung“');
  });

  it('refuses an unknown source as 400 naming the field', async () => {
    const err = await refused(planner, 'ewr_total', { sourceId: 'gibt_es_nicht' }, 400);
    expect(err.message).toBe(
      'Die Quelle „gibt_es_nicht“ gibt es nicht. Vorhandene Quellen stehen unter „Quellen und Lizenzen“ (GET /api/sources).',
    );
    expect(err.details).toEqual([{ in: 'body', field: 'sourceId', reason: 'unbekannt' }]);
  });

  it('refuses a source of another tenant like an unknown one', async () => {
    await db.exec(`
      INSERT INTO tenant (id, ags, name) VALUES ('leipzig', '14713000', 'Leipzig') ON CONFLICT DO NOTHING;
      INSERT INTO source (tenant_id, id, title, publisher, licence, attribution)
      VALUES ('leipzig', 'leipzig_amt', 'Ortsteilkatalog', 'Stadt Leipzig', 'dl-de/by-2-0', 'Stadt Leipzig');
    `);
    const err = await refused(planner, 'ewr_total', { sourceId: 'leipzig_amt' }, 400);
    expect(err.message).toContain('Die Quelle „leipzig_amt“ gibt es nicht.');
  });

  it('refuses a unit an unknown code, a count in percent, and a percent share in per mille', async () => {
    const unknown = await refused(planner, 'ewr_total', { unit: 'liter' }, 400);
    expect(unknown.message).toContain('erwartet eine Einheit');
    const count = await refused(planner, 'ewr_total', { unit: 'percent' }, 400);
    expect(count.message).toBe(
      'Der Indikator „ewr_total“ ist eine Anzahl (wird über Gebiete summiert); seine Einheit bleibt „Anzahl“, nicht „Prozent“.',
    );
    const share = await refused(planner, 'share_unemployed', { unit: 'per_mille' }, 400);
    expect(share.message).toContain('ist ein Anteil (Zähler / Nenner × 100)');
    expect(share.details).toEqual([{ in: 'body', field: 'unit', reason: 'passt nicht zur Art' }]);
  });

  it('refuses an unknown Lebenslage with the allowed ones named', async () => {
    const err = await refused(planner, 'ewr_total', { dimension: 'Demografie' }, 400);
    expect(err.message).toContain('erwartet eine Lebenslage: demography, income');
  });

  it('refuses an empty name and decimals beyond 6', async () => {
    await refused(planner, 'ewr_total', { nameDe: '   ' }, 400);
    await refused(planner, 'ewr_total', { decimals: 7 }, 400);
  });
});
