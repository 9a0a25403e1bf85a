// Funding over HTTP on a real database (issue 15 § 1): the public catalogue with sources, programme
// areas set by Sozialplanung (audited; foreign area ids refused), money imported from a German CSV
// (all-or-nothing; shares must add up; spent > approved flagged) and visible to staff only.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let planner: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  planner = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['sozialplanung'] })),
  );
  viewer = injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })));
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** A multipart body with one file field. */
function upload(name: string, content: string) {
  const boundary = '----funding' + 'x'.repeat(8);
  const payload =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    `Content-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('programmes', () => {
  it('lists the catalogue publicly, each programme with a source and its check date', async () => {
    const res = await app.inject('/api/funding/programmes');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; sources: { url: string; checked: string }[] }[];
    expect(list.map((p) => p.id)).toContain('sozialer-zusammenhalt');
    expect(list.map((p) => p.id)).toContain('justiq');
    for (const p of list) {
      expect(p.sources.length).toBeGreaterThan(0);
      for (const s of p.sources) {
        expect(s.url).toMatch(/^https:\/\//);
        expect(s.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('answers 404 for a programme not in the catalogue', async () => {
    expect((await app.inject('/api/funding/programmes/erfunden')).statusCode).toBe(404);
  });

  it('lets Sozialplanung set programme areas (audited), refuses visitors and unknown areas', async () => {
    const body = {
      areas: [
        { areaId: fx.areaId['02100102'], validFrom: '2020-01-01', validTo: null },
        { areaId: fx.areaId['02100101'], validFrom: '2021-01-01', validTo: '2025-12-31' },
      ],
    };
    const url = '/api/funding/programmes/sozialer-zusammenhalt/areas';
    expect((await app.inject({ method: 'PUT', url, payload: body })).statusCode).toBe(401);
    expect((await viewer({ method: 'PUT', url, payload: body })).statusCode).toBe(403);
    const bad = await planner({ method: 'PUT', url, payload: { areas: [{ areaId: 987654 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Diese Gebiete gibt es nicht: 987654.');
    const ok = await planner({ method: 'PUT', url, payload: body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().areas.map((a: { code: string }) => a.code)).toEqual(['02100101', '02100102']);
    expect(ok.json().areas[0].validTo).toBe('2025-12-31');
    const [audit] = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE tenant_id = 'berlin' AND action = 'funding.areas'`,
    );
    expect(audit?.action).toBe('funding.areas');
    const pub = (await app.inject('/api/funding/programmes/sozialer-zusammenhalt')).json();
    expect(pub.areas).toHaveLength(2);
    expect(pub.money).toBeNull();
  });
});

describe('money import', () => {
  const good =
    'Programm;Gebiet;Jahr;Art;Gesamt;Bund;Land;Kommune\n' +
    'Sozialer Zusammenhalt;02100102;2023;bewilligt;90.000,00;30.000,00;30.000,00;30.000,00\n' +
    'Sozialer Zusammenhalt;02100102;2023;verausgabt;95.500,50 €;;;\n' +
    'BIWAQ;alle;2024;geplant;12.345,67;;;\n';

  it('refuses the whole file when shares do not add up, naming file and line, writing nothing', async () => {
    const bad = good.replace('30.000,00;30.000,00;30.000,00', '30.000,00;30.000,00;20.000,00');
    const res = await planner({
      method: 'POST',
      url: '/api/funding/entries/import',
      ...upload('haushalt.csv', bad),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('haushalt.csv: nichts importiert');
    expect(res.json().error.message).toContain('Zeile 2');
    expect(res.json().error.message).toContain(
      'ergeben 80.000,00 €, die Gesamtsumme ist 90.000,00 €',
    );
    const [n] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM funding_entry`);
    expect(Number(n!.n)).toBe(0);
  });

  it('refuses unknown programmes and areas with line and column', async () => {
    const res = await planner({
      method: 'POST',
      url: '/api/funding/entries/import?dryRun=true',
      ...upload(
        'f.csv',
        'Programm;Gebiet;Jahr;Art;Quelle;Betrag\nErfunden;02100102;2023;geplant;Bund;5\nBIWAQ;99999999;2023;geplant;Bund;5\n',
      ),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().analysis.issues).toEqual([
      {
        file: 'f.csv',
        line: 2,
        column: 1,
        message: 'Förderprogramm „Erfunden“ steht nicht im Katalog',
      },
      { file: 'f.csv', line: 3, column: 2, message: 'Gebiet „99999999“ gibt es nicht' },
    ]);
  });

  it('imports a German CSV, flags spent > approved, shows money to staff only', async () => {
    const viewerRes = await viewer({
      method: 'POST',
      url: '/api/funding/entries/import',
      ...upload('h.csv', good),
    });
    expect(viewerRes.statusCode).toBe(403);
    const res = await planner({
      method: 'POST',
      url: '/api/funding/entries/import',
      ...upload('haushalt.csv', good),
    });
    expect(res.statusCode).toBe(200);
    const report = res.json().analysis;
    expect(report.imported).toBe(true);
    expect(report.written).toBe(6);
    expect(report.warnings[0].message).toBe(
      '2023: verausgabt 95.500,50 € liegt über bewilligt 90.000,00 € (5.500,50 € mehr).',
    );
    const page = (await viewer('/api/funding/programmes/sozialer-zusammenhalt')).json();
    expect(page.money.years).toEqual([
      { year: 2023, planned: null, approved: 90000, spent: 95500.5, spentOverApproved: true },
    ]);
    expect(page.money.problems.map((p: { code: string }) => p.code)).toEqual([
      'spent-over-approved',
    ]);
    expect(
      (await app.inject('/api/funding/programmes/sozialer-zusammenhalt')).json().money,
    ).toBeNull();
    // importing again replaces rows with the same key instead of doubling them
    await planner({
      method: 'POST',
      url: '/api/funding/entries/import',
      ...upload('haushalt.csv', good),
    });
    const [n] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM funding_entry`);
    expect(Number(n!.n)).toBe(6);
    const audits = await db.query(`SELECT 1 FROM audit_log WHERE action = 'funding.import'`);
    expect(audits).toHaveLength(2);
  });
});
