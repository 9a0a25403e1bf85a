// The funding import from XLSX as a finance department keeps it (issue 15 § 1), on a real database:
// fixtures/haushalt-foerdermittel.xlsx has shared strings, amounts as numbers with the euro format
// „#.##0,00 €“, one amount typed as text („12.500,00 €“), area codes as text with leading zeros, a
// date column the import does not use, and German words for kinds („Bewilligung“, „Ist“) and
// sources („Eigenanteil“). fixtures/haushalt-fehler.xlsx is the same with one share wrong.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
let db: Db;
let app: FastifyInstance;
let planner: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, logger: false });
  planner = injectAs(
    app,
    await tokenHeaders(db, await createTestUser(db, { roles: ['sozialplanung'] })),
  );
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const importXlsx = async (name: string, dryRun = false) =>
  planner({
    method: 'POST',
    url: `/api/funding/entries/import${dryRun ? '?dryRun=true' : ''}`,
    ...multipart([{ name, content: await readFile(path.join(here, 'fixtures', name)) }]),
  });

const count = async () =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM funding_entry`))[0]!.n);

describe('XLSX import of funding entries', () => {
  it('refuses the whole workbook when shares do not add up, writing nothing', async () => {
    const res = await importXlsx('haushalt-fehler.xlsx');
    expect(res.statusCode).toBe(400);
    const message = res.json().error.message as string;
    expect(message).toContain('haushalt-fehler.xlsx: nichts importiert');
    expect(message).toContain('Zeile 3');
    expect(message).toContain('ergeben 1.223,04 €, die Gesamtsumme ist 1.234,56 €');
    expect(await count()).toBe(0);
  });

  it('reads euro-formatted numbers, German text amounts and words, to the cent', async () => {
    const dry = await importXlsx('haushalt-foerdermittel.xlsx', true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().analysis.issues).toEqual([]);
    expect(await count()).toBe(0);
    const res = await importXlsx('haushalt-foerdermittel.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json().analysis;
    expect(report.imported).toBe(true);
    // 4 + 4 shares-and-total rows, 1 + 1 BIWAQ totals, 1 whole-programme row
    expect(report.written).toBe(11);
    expect(report.warnings.map((w: { message: string }) => w.message)).toEqual([
      '2024: verausgabt 12.500,00 € liegt über bewilligt 10.000,00 € (2.500,00 € mehr).',
    ]);
    const rows = await db.query<{
      programme_id: string;
      code: string | null;
      year: number;
      kind: string;
      source: string;
      amount: string;
    }>(
      `SELECT f.programme_id, a.code, f.year, f.kind, f.source, f.amount::text AS amount
         FROM funding_entry f LEFT JOIN area a ON a.tenant_id = f.tenant_id AND a.id = f.area_id
        ORDER BY f.programme_id, a.code NULLS FIRST, f.year, f.kind, f.source`,
    );
    expect(rows.map((r) => [r.programme_id, r.code, r.year, r.kind, r.source, r.amount])).toEqual([
      ['biwaq', null, 2023, 'planned', 'total', '7500.50'],
      ['biwaq', '02100101', 2024, 'approved', 'total', '10000.00'],
      ['biwaq', '02100101', 2024, 'spent', 'total', '12500.00'],
      ['sozialer-zusammenhalt', '01100101', 2024, 'approved', 'bund', '30000.00'],
      ['sozialer-zusammenhalt', '01100101', 2024, 'approved', 'kommune', '30000.00'],
      ['sozialer-zusammenhalt', '01100101', 2024, 'approved', 'land', '30000.00'],
      ['sozialer-zusammenhalt', '01100101', 2024, 'approved', 'total', '90000.00'],
      ['sozialer-zusammenhalt', '01100102', 2024, 'approved', 'bund', '411.52'],
      ['sozialer-zusammenhalt', '01100102', 2024, 'approved', 'kommune', '411.52'],
      ['sozialer-zusammenhalt', '01100102', 2024, 'approved', 'land', '411.52'],
      ['sozialer-zusammenhalt', '01100102', 2024, 'approved', 'total', '1234.56'],
    ]);
    const audits = await db.query<{ detail: { rows: number; programmes: string[] } }>(
      `SELECT detail FROM audit_log WHERE action = 'funding.import'`,
    );
    expect(audits.map((a) => a.detail)).toEqual([
      expect.objectContaining({ rows: 11, programmes: ['sozialer-zusammenhalt', 'biwaq'] }),
    ]);
  });
});
