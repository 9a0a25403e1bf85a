// Long tables where the same label means different things (issue 9 § 2): 'Anteil in %' under the
// Thema 'Arbeitslosigkeit' and under 'Transferbezug'. The analysis lists each with its context
// (column, value, first line) and the run maps each separately — over HTTP, as the screen does.
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

const FILE = 'lang-gleiche-merkmale.csv';
const FIXTURE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'published',
  FILE,
);
let db: Db;
let fx: Fixture;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  dataDir = await mkdtemp(path.join(tmpdir(), 'sz-label-context-'));
  app = await buildApp(testContext(db, { dataDir }), { validateResponses: true });
  api = injectAs(app, await adminHeaders(db));
});
afterAll(async () => {
  await app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Label {
  label: string;
  count: number;
  firstLine: number;
  suggestedIndicatorId: string | null;
  context?: { column: string; value: string };
}

async function analyze() {
  const res = await api({
    method: 'POST',
    url: '/api/imports/analyze',
    ...multipart([{ name: FILE, content: await readFile(FIXTURE) }]),
  });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    uploadId: string;
    analysis: { published: { labels: Label[]; labelContextColumn: string | null } };
  };
}

const base = {
  layout: 'long',
  areaColumn: 'Planungsraum',
  areaKey: 'code',
  date: { column: 'Stichtag' },
  indicatorColumn: 'Merkmal',
  valueColumn: 'Wert',
};

const run = (uploadId: string, mapping: Record<string, unknown>, dryRun = false) =>
  api({
    method: 'POST',
    url: `/api/imports/${uploadId}/run`,
    payload: { kind: 'table', dryRun, systemId: 'lor2021', levelId: 'plr', mapping },
  });

const value = async (indicator: string, code: string) =>
  (
    await db.query<{ value: number | null }>(
      "SELECT value FROM observation WHERE tenant_id = 'berlin' AND indicator_id = $1 AND area_id = $2 AND ref_date = '2022-12-31'",
      [indicator, fx.areaId[code]],
    )
  )[0]?.value;

describe('same label, different context (long tables)', () => {
  it('the analysis lists a repeated label once per context, with column, value and first line', async () => {
    const { analysis } = await analyze();
    const p = analysis.published;
    // 'Thema' tells them apart; 'Name' (one value per area) does not
    expect(p.labelContextColumn).toBe('Thema');
    const anteil = p.labels.filter((l) => l.label === 'Anteil in %');
    expect(anteil).toEqual([
      expect.objectContaining({
        count: 4,
        firstLine: 3,
        context: { column: 'Thema', value: 'Arbeitslosigkeit' },
      }),
      expect.objectContaining({
        count: 4,
        firstLine: 4,
        context: { column: 'Thema', value: 'Transferbezug' },
      }),
    ]);
    // a label with one context stays one plain entry
    const ew = p.labels.filter((l) => l.label === 'Einwohnende insgesamt');
    expect(ew).toHaveLength(1);
    expect(ew[0]).toMatchObject({ count: 4, firstLine: 2, suggestedIndicatorId: 'ewr_total' });
    expect(ew[0]!.context).toBeUndefined();
    expect(p.labels.reduce((n, l) => n + l.count, 0)).toBe(12);
  });

  it('the run maps each context separately; without the context the label is ambiguous', async () => {
    const { uploadId } = await analyze();
    // one mapping for both meanings: two values for one area and date — refused, nothing written
    const blind = await run(uploadId, {
      ...base,
      indicatorMap: { 'Einwohnende insgesamt': 'ewr_total', 'Anteil in %': 'share_unemployed' },
    });
    expect(blind.statusCode).toBe(200);
    expect(blind.json().status).toBe('failed');
    expect(await value('share_unemployed', '01100101')).toBeUndefined();
    const res = await run(uploadId, {
      ...base,
      indicatorMap: { 'Einwohnende insgesamt': 'ewr_total' },
      labelContext: {
        column: 'Thema',
        indicatorMap: { Arbeitslosigkeit: { 'Anteil in %': 'share_unemployed' } },
        skipLabels: { Transferbezug: ['Anteil in %'] },
      },
    });
    const r = res.json();
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ status: 'succeeded', rowsRead: 12 });
    expect(r.warnings.join(' ')).toMatch(
      /Übersprungene Merkmale.*'Anteil in %' \(Thema: Transferbezug\) 4 Zeilen/,
    );
    expect(await value('share_unemployed', '01100101')).toBe(4.2);
    expect(await value('share_unemployed', '02100102')).toBe(20.4);
    expect(await value('ewr_total', '02100101')).toBe(2001);
  });

  it('an unmapped context is named in the error; an unknown context column is refused', async () => {
    const { uploadId } = await analyze();
    const partial = await run(
      uploadId,
      {
        ...base,
        indicatorMap: { 'Einwohnende insgesamt': 'ewr_total' },
        labelContext: {
          column: 'Thema',
          indicatorMap: { Arbeitslosigkeit: { 'Anteil in %': 'share_unemployed' } },
        },
      },
      true,
    );
    expect(partial.json().status).toBe('failed');
    expect(partial.json().errors[0].message).toMatch(
      /Indikator 'Anteil in %' \(Thema: Transferbezug\) ist unbekannt/,
    );
    const wrong = await run(
      uploadId,
      { ...base, labelContext: { column: 'Quelle', indicatorMap: {} } },
      true,
    );
    expect(wrong.statusCode).toBeLessThan(500);
    expect(JSON.stringify(wrong.json())).toMatch(/Spalte 'Quelle' \(Kontext\) fehlt/);
  });
});
