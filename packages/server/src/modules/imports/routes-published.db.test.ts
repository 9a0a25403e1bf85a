// Tables as cities publish them, over HTTP (issue 9 § 2): POST /api/imports/analyze and /run with
// the fixtures of fixtures/published/, as the import screen sends them — not the service directly.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'published');
let db: Db;
let fx: Fixture;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  dataDir = await mkdtemp(path.join(tmpdir(), 'sz-routes-published-'));
  app = await buildApp(testContext(db, { dataDir }), { validateResponses: true });
  api = injectAs(app, await adminHeaders(db));
});
afterAll(async () => {
  await app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Uploads one fixture to /api/imports/analyze (query: hasHeader, decimal, thousands …). */
async function analyze(name: string, query = '') {
  const content = await readFile(path.join(FIXTURES, name));
  const res = await api({
    method: 'POST',
    url: `/api/imports/analyze${query}`,
    ...multipart([{ name, content }]),
  });
  return res;
}

const run = (uploadId: string, body: Record<string, unknown>) =>
  api({
    method: 'POST',
    url: `/api/imports/${uploadId}/run`,
    payload: { kind: 'table', systemId: 'lor2021', levelId: 'plr', ...body },
  });

const value = async (indicator: string, code: string, date: string) =>
  (
    await db.query<{ value: number | null }>(
      'SELECT value FROM observation WHERE tenant_id = $1 AND indicator_id = $2 AND area_id = $3 AND ref_date = $4',
      ['berlin', indicator, fx.areaId[code], date],
    )
  )[0]?.value;

describe('published tables over HTTP', () => {
  it('headerless: the analysis says so and maps "Spalte n"; the run imports every row', async () => {
    const res = await analyze('ohne-kopfzeile.csv');
    expect(res.statusCode).toBe(200);
    const { uploadId, analysis } = res.json();
    expect(analysis.published.headerPresence).toMatchObject({ hasHeader: false, used: false });
    expect(analysis.suggestion.mapping.areaColumn).toBe('Spalte 1');
    // the person's switch is a query parameter of the same route
    const switched = (await analyze('ohne-kopfzeile.csv', '?hasHeader=true')).json();
    expect(switched.analysis.published.headerPresence).toMatchObject({
      used: true,
      decidedBy: 'person',
    });
    const mapping = {
      layout: 'wide',
      areaColumn: 'Spalte 1',
      areaKey: 'code',
      date: { fixed: '2024-06-30' },
      indicators: [{ column: 'Spalte 3', indicatorId: 'ewr_total' }],
    };
    const real = await run(uploadId, { dryRun: false, mapping, hasHeader: 'auto' });
    expect(real.statusCode).toBe(200);
    expect(real.json()).toMatchObject({ status: 'succeeded', rowsRead: 4, errorCount: 0 });
    expect(await value('ewr_total', '02100101', '2024-06-30')).toBe(2001);
  });

  it('names written differently: reviewed in the dry run, the accepted synonym stored and reused', async () => {
    const first = (await analyze('namen.csv')).json();
    const mapping = {
      layout: 'wide',
      areaColumn: 'Planungsraum',
      areaKey: 'name',
      date: { fixed: '2019-06-30' },
      indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
    };
    // the review table of the dry run (the person chose the name column)
    const dry = await run(first.uploadId, { dryRun: true, mapping });
    expect(dry.json()).toMatchObject({ status: 'dry_run', errorCount: 0 });
    const review = new Map<string, { status: string; reasons: string[] }>(
      dry
        .json()
        .details.nameMatches.map((m: { input: string; status: string; reasons: string[] }) => [
          m.input,
          m,
        ]),
    );
    expect(review.get('Grosser_Tiergarten')?.status).toBe('matched');
    expect(review.get('Grosser_Tiergarten')?.reasons).not.toContain('Synonym (bestätigt)');
    const tiergarten = fx.areaId['01100102']!;
    const res = await run(first.uploadId, {
      dryRun: false,
      mapping,
      acceptedNames: [{ name: 'Grosser_Tiergarten', areaId: tiergarten }],
    });
    expect(res.json()).toMatchObject({ status: 'succeeded', errorCount: 0 });
    expect(res.json().details.synonymsSaved).toBe(1);
    const stored = await db.query<{ synonym: string; area_id: number }>(
      "SELECT synonym, area_id FROM area_name_synonym WHERE tenant_id = 'berlin' AND synonym = 'grosser_tiergarten'",
    );
    expect(stored).toEqual([{ synonym: 'grosser_tiergarten', area_id: tiergarten }]);
    expect(await value('ewr_total', '01100102', '2019-06-30')).toBe(215);
    // the next upload of the same file: the review names the stored synonym
    const again = (await analyze('namen.csv')).json();
    const dry2 = (await run(again.uploadId, { dryRun: true, mapping })).json();
    const m = dry2.details.nameMatches.find(
      (x: { input: string }) => x.input === 'Grosser_Tiergarten',
    );
    expect(m.reasons).toContain('Synonym (bestätigt)');
    // an area id of another level in the body is refused in words, nothing stored
    const bad = await run(again.uploadId, {
      dryRun: false,
      mapping,
      acceptedNames: [{ name: 'Mitte', areaId: fx.areaId['01']! }],
    });
    expect(bad.statusCode).toBeLessThan(500);
    expect(bad.json().status).toBe('failed');
    expect(bad.json().errors[0].message).toMatch(/gehört nicht zur gewählten Gebietsebene/);
  });

  it('years and dates in the headers: one import with a date per column', async () => {
    const a = (await analyze('jahre-in-spalten.csv')).json();
    const cols = a.analysis.published.dateColumns.columns as { column: string; date: string }[];
    expect(cols.map((c) => c.date)).toEqual(['2017-12-31', '2019-12-31', '2021-12-31']);
    const res = await run(a.uploadId, {
      dryRun: false,
      mapping: {
        layout: 'wide',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { perColumn: true },
        indicators: cols.map((c) => ({ column: c.column, indicatorId: 'ewr_total', date: c.date })),
      },
    });
    expect(res.json()).toMatchObject({ status: 'succeeded', rowsRead: 4, rowsWritten: 12 });
    expect(await value('ewr_total', '02100101', '2017-12-31')).toBe(1950);
    expect(await value('ewr_total', '02100102', '2019-12-31')).toBe(970);
  });

  it('rows that are no area: grouped in the analysis, refused strictly, skipped on request', async () => {
    const a = (await analyze('summenzeilen.csv')).json();
    const groups = a.analysis.published.nonAreaRows as { kind: string; count: number }[];
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.map((g) => g.kind)).toEqual(expect.arrayContaining(['subtotal']));
    const mapping = {
      layout: 'wide',
      areaColumn: 'Planungsraum',
      areaKey: 'code',
      date: { fixed: '2020-06-30' },
      indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
    };
    const strict = await run(a.uploadId, { dryRun: true, mapping });
    expect(strict.statusCode).toBe(200);
    expect(strict.json().status).toBe('failed');
    const skipped = await run(a.uploadId, { dryRun: false, mapping, skipNonAreaRows: true });
    const r = skipped.json();
    expect(r).toMatchObject({ status: 'succeeded', errorCount: 0 });
    const reported = (r.details.nonAreaRows as { count: number; skipped: boolean }[]).reduce(
      (n, g) => n + g.count,
      0,
    );
    // every row read is imported (4 Planungsräume) or reported in a group
    expect(reported + 4).toBe(r.rowsRead);
    expect(await value('ewr_total', '01100101', '2020-06-30')).toBe(1374);
  });

  it("separators: the analysis reads the preview with the person's choice; a clash is a 400", async () => {
    const detected = (await analyze('jahre-in-spalten.csv')).json();
    expect(detected.analysis.detection.dialect).toMatchObject({ decimal: ',', thousands: '.' });
    const einwohner = (a: { analysis: { numbers: { columns: { column: string }[] } } }) =>
      a.analysis.numbers.columns.find((c) => c.column === 'Einwohner_2017') as unknown as {
        examples: { text: string; value: number | null }[];
        withDecimals: number;
      };
    expect(einwohner(detected).examples[0]).toEqual({ text: '1.201', value: 1201 });
    expect(einwohner(detected).withDecimals).toBe(0);
    const res = await analyze('jahre-in-spalten.csv', '?decimal=.&thousands=none');
    expect(res.statusCode).toBe(200);
    const over = res.json();
    expect(over.analysis.detection.dialect).toMatchObject({ decimal: '.', thousands: null });
    expect(einwohner(over).examples[0]).toEqual({ text: '1.201', value: 1.201 });
    expect(einwohner(over).withDecimals).toBe(2);
    // a decimal mark alone drops the detected thousands mark when they would be the same
    const decOnly = (await analyze('jahre-in-spalten.csv', '?decimal=.')).json();
    expect(decOnly.analysis.detection.dialect).toMatchObject({ decimal: '.', thousands: null });
    const clash = await analyze('jahre-in-spalten.csv', '?decimal=,&thousands=,');
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.message).toMatch(/Dezimal- und Tausendertrennzeichen/);
    const wrong = await analyze('jahre-in-spalten.csv', '?decimal=x');
    expect(wrong.statusCode).toBe(400);
    // the dry run with the same choice warns: a count indicator receives decimals
    const dry = await run(over.uploadId, {
      dryRun: true,
      decimal: '.',
      thousands: null,
      mapping: {
        layout: 'wide',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { fixed: '2017-06-30' },
        indicators: [{ column: 'Einwohner_2017', indicatorId: 'ewr_total' }],
      },
    });
    expect(dry.json().details.plausibility.decimalsInCounts[0]).toMatchObject({
      indicatorId: 'ewr_total',
    });
  });
});
