// Property-based fuzzing of file imports (issue 8, "Proof"): real seed files from demo-data/berlin,
// broken by fast-check (byte flips, truncation, inserted NULs, lying ZIP sizes, zip bombs, deep
// nesting, damaged XML, UTF-16), for CSV, XLSX, GeoJSON, zipped Shapefile and GeoPackage.
// Asserted for every case: no 5xx, an answer within the time budget, bounded memory, no NUL in
// anything that could reach PostgreSQL, and the database unchanged after every failed run.
// Two phases per format, because 2,000 HTTP round trips with transactions per format would take
// ~10 min per engine on the 2-core CI machine:
// 1. FUZZ_RUNS (default and minimum 2,000; on a PostgreSQL server as many as phase 2, see
//    DIRECT_RUNS) cases through the functions the routes call —
//    analyzeUpload, and for tables the streaming reader the run uses, classified as the routes do;
// 2. a tenth of them (≥ 150) over HTTP: analyse, dry run and run, with the database snapshot
//    (areas, indicators, observations, sources, audit chain head) compared after each failure.
// Reproduce a failure with FUZZ_SEED=<seed> (printed by fast-check), more cases with FUZZ_RUNS.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { HttpError } from '../../http/errors.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import {
  applyBytes,
  applyRecode,
  applyText,
  applyZip,
  byteOp,
  recode,
  textOp,
  zipOp,
} from './fuzz/mutations.ts';
import { buildSeeds, SEED_TABLE_MAPPING, type Seeds } from './fuzz/seeds.ts';
import { ImportFileError } from './readers/errors.ts';
import { analyzeUpload } from './service.ts';
import { readCsvRecords, readXlsxRecords } from './table-source.ts';

const RUNS = Math.max(2000, Number(process.env.FUZZ_RUNS ?? 0) || 0);
const HTTP_RUNS = Math.max(150, Math.round(RUNS / 10));
/**
 * The direct phase reads and classifies files in this process; the database answers only the
 * area lookups. Its 2,000 cases per format run on the embedded engine (the CI runs both); on a
 * PostgreSQL server the HTTP phase, where transactions and the snapshot comparison meet the
 * engine, runs in full and the direct phase with as many cases as the HTTP phase (CI time).
 */
const DIRECT_RUNS =
  (process.env.SOZIALRAUM_TEST_ENGINE ?? 'pglite') === 'postgres' && !process.env.FUZZ_RUNS
    ? HTTP_RUNS
    : RUNS;
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_808);
/** Per call; the broken XLSX of issue 8 never answered at all. Generous for a loaded CI machine. */
const TIME_BUDGET_MS = 10_000;
/** Growth of the process's peak RSS over the whole suite (bombs inflate to 1.1 GB if unchecked). */
const MEMORY_BUDGET_MB = 512;

type Format = 'csv' | 'xlsx' | 'geojson' | 'shapefile' | 'gpkg';
const FILE_NAME: Record<Format, string> = {
  csv: 'mss.csv',
  xlsx: 'mss.xlsx',
  geojson: 'plr.geojson',
  shapefile: 'plr.zip',
  gpkg: 'plr.gpkg',
};

let db: Db;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;
let seeds: Seeds;
let dir: string;
let baseRssMb = 0;
const figures: Record<string, unknown>[] = [];

/** Mutated file bytes for a format, as a fast-check arbitrary. */
function casesOf(format: Format): fc.Arbitrary<Uint8Array> {
  const bytes = fc.array(byteOp, { minLength: 0, maxLength: 3 });
  const text = fc.array(textOp, { minLength: 0, maxLength: 2 });
  switch (format) {
    case 'csv':
      return fc
        .tuple(bytes, text, recode)
        .map(([b, t, r]) => applyRecode(applyBytes(applyText(seeds.csv, t), b), r));
    case 'geojson':
      return fc.tuple(bytes, text).map(([b, t]) => applyBytes(applyText(seeds.geojson, t), b));
    case 'gpkg':
      return bytes.map((b) => applyBytes(seeds.gpkg, b));
    case 'xlsx':
    case 'shapefile': {
      const seed = format === 'xlsx' ? seeds.xlsx : seeds.shapeZip;
      return fc.oneof(
        fc.array(zipOp, { minLength: 1, maxLength: 2 }).map((z) => applyZip(seed, z)),
        fc.array(byteOp, { minLength: 1, maxLength: 3 }).map((b) => applyBytes(seed, b)),
      );
    }
  }
}

let caseNo = 0;
async function uploadOf(format: Format, bytes: Uint8Array) {
  const folder = path.join(dir, String(++caseNo));
  const file = path.join(folder, FILE_NAME[format]);
  await mkdir(folder, { recursive: true });
  await writeFile(file, bytes);
  return {
    id: 'f'.repeat(24),
    dir: folder,
    files: [{ name: FILE_NAME[format], path: file, bytes: bytes.length }],
  };
}

/** A call that did not answer in time: a failure of its own, never mistaken for a refusal. */
class OverBudget extends Error {}

/** The status the analysis route answers for an error (routes.ts maps exactly these). */
function statusOf(err: unknown): number {
  if (err instanceof OverBudget) return 504;
  if (err instanceof ImportFileError) return 400;
  if (err instanceof HttpError) return err.statusCode;
  if (err instanceof Error && /^[^:]+: /.test(err.message)) return 400;
  return 500;
}

async function withinBudget<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new OverBudget(`${what}: no answer within ${TIME_BUDGET_MS} ms`)),
      TIME_BUDGET_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// JSON writes U+0000 as \u0000; the text "\u0000" (a backslash first) comes out as \\u0000
const NUL_IN_JSON = /(^|[^\\])(\\\\)*\\u0000/;
const hasNul = (value: unknown): boolean => NUL_IN_JSON.test(JSON.stringify(value ?? null));
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

interface Tally {
  cases: number;
  ok: number;
  refused: number;
  fiveHundreds: number;
  slowestMs: number;
}

/** The analysis, then (tables) the full streaming read the run does; what came out of it. */
async function analyseAndRead(
  upload: Awaited<ReturnType<typeof uploadOf>>,
): Promise<{ output: unknown[]; error?: unknown }> {
  const output: unknown[] = [];
  try {
    const analysis = await withinBudget(analyzeUpload(db, 'berlin', upload), 'analysis');
    output.push(analysis);
    if (analysis.kind !== 'table') return { output };
    const issues: unknown[] = [];
    const file = upload.files[0]!;
    const records =
      analysis.detection.format === 'csv'
        ? readCsvRecords(
            file,
            { encoding: 'auto', delimiter: analysis.detection.dialect!.delimiter },
            issues as never[],
          )
        : readXlsxRecords(file.path);
    await withinBudget(
      (async () => {
        for await (const batch of records) output.push(batch);
      })(),
      'read',
    );
    output.push(issues);
    return { output };
  } catch (error) {
    return { output, error };
  }
}

/** One case of phase 1. */
async function directCase(format: Format, bytes: Uint8Array, tally: Tally): Promise<void> {
  const upload = await uploadOf(format, bytes);
  const started = performance.now();
  const { output, error } = await analyseAndRead(upload);
  tally.cases++;
  tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
  await rm(upload.dir, { recursive: true, force: true });
  const json = JSON.stringify(output);
  const nul = json.search(NUL_IN_JSON);
  expect(nul, `NUL in what would reach the database: …${json.slice(nul - 80, nul + 40)}`).toBe(-1);
  if (error === undefined) {
    tally.ok++;
    return;
  }
  const status = statusOf(error);
  if (status >= 500) tally.fiveHundreds++;
  expect(status, `${format}: ${String(error)}`).toBeLessThan(500);
  expect(hasNul((error as Error).message)).toBe(false);
  tally.refused++;
}

/** A multipart/form-data body with one file in the field "file". */
function multipart(name: string, content: Uint8Array) {
  const boundary = '----sozialraumfuzz' + (++caseNo).toString(16);
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** What a failed import must leave untouched. */
async function snapshot() {
  const [counts] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM area)::int AS areas, (SELECT count(*) FROM indicator)::int AS indicators,
            (SELECT count(*) FROM observation)::int AS observations, (SELECT count(*) FROM source)::int AS sources,
            (SELECT count(*) FROM audit_log)::int AS audit_entries`,
  );
  const head = await db.query(
    'SELECT tenant_id, seq, hash FROM audit_chain_head ORDER BY tenant_id',
  );
  return { ...counts, head };
}

function runBody(analysis: {
  kind: string;
  suggestion: { codeProperty?: string | null; nameProperty?: string | null };
}) {
  return analysis.kind === 'table'
    ? { kind: 'table', systemId: 'lor2021', levelId: 'plr', mapping: SEED_TABLE_MAPPING }
    : {
        kind: 'areas',
        systemId: 'fuzz',
        levelId: 'plr',
        codeProperty: analysis.suggestion.codeProperty || 'PLR_ID',
        nameProperty: analysis.suggestion.nameProperty || 'PLR_NAME',
        source: { title: 'Fuzz', publisher: 'Test', licence: 'CC0', attribution: 'Test' },
      };
}

/** One case of phase 2: analyse, dry run, run over HTTP; the database unchanged unless a run succeeded. */
async function httpCase(format: Format, bytes: Uint8Array, tally: Tally): Promise<void> {
  const started = performance.now();
  let before = await snapshot();
  const res = await withinBudget(
    api({ method: 'POST', url: '/api/imports/analyze', ...multipart(FILE_NAME[format], bytes) }),
    'analyze',
  );
  tally.cases++;
  if (res.statusCode >= 500) tally.fiveHundreds++;
  expect(res.statusCode, res.body).toBeLessThan(500);
  expect(NUL_IN_JSON.test(res.body)).toBe(false);
  if (res.statusCode !== 200) {
    tally.refused++;
    expect(await snapshot()).toEqual(before);
    return;
  }
  const { uploadId, analysis } = res.json();
  for (const dryRun of [true, false]) {
    const run = await withinBudget(
      api({
        method: 'POST',
        url: `/api/imports/${uploadId}/run`,
        payload: { ...runBody(analysis), dryRun },
      }),
      'run',
    );
    if (run.statusCode >= 500) tally.fiveHundreds++;
    expect(run.statusCode, run.body).toBeLessThan(500);
    const failed = run.statusCode !== 200 || run.json().status === 'failed';
    if (dryRun || failed) expect(await snapshot(), `${format}: ${run.body}`).toEqual(before);
    if (failed) break;
    if (!dryRun) before = await snapshot();
  }
  tally.ok++;
  tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
  await api({ method: 'DELETE', url: `/api/imports/${uploadId}` });
}

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  seeds = await buildSeeds();
  dir = await mkdtemp(path.join(tmpdir(), 'sz-fuzz-'));
  app = await buildApp(
    testContext(db, { dataDir: path.join(dir, 'data'), maxUploadBytes: 16 * 1024 * 1024 }),
  );
  api = injectAs(app, await adminHeaders(db));
  baseRssMb = peakRssMb();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
  // the figures for the closing note of issue 8
  console.log(
    `Import-Fuzzing (Seed ${SEED}, Basis-Spitzen-RSS ${Math.round(baseRssMb)} MB):\n` +
      figures.map((f) => JSON.stringify(f)).join('\n'),
  );
});

const FORMATS: Format[] = ['csv', 'xlsx', 'geojson', 'shapefile', 'gpkg'];

describe.each(FORMATS)('fuzzed %s files', (format) => {
  const run = async (phase: 'direct' | 'http', numRuns: number) => {
    const tally: Tally = { cases: 0, ok: 0, refused: 0, fiveHundreds: 0, slowestMs: 0 };
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(casesOf(format), (bytes) =>
        phase === 'direct' ? directCase(format, bytes, tally) : httpCase(format, bytes, tally),
      ),
      { numRuns, seed: SEED },
    );
    const growth = peakRssMb() - baseRssMb;
    figures.push({
      format,
      phase,
      ...tally,
      slowestMs: Math.round(tally.slowestMs),
      totalS: Math.round((performance.now() - started) / 100) / 10,
      peakRssGrowthMb: Math.round(growth),
    });
    expect(tally.cases).toBe(numRuns);
    expect(tally.fiveHundreds).toBe(0);
    expect(growth, 'peak RSS growth (MB)').toBeLessThan(MEMORY_BUDGET_MB);
  };

  it(
    `answers ${DIRECT_RUNS} broken files with an analysis or a 400, in time, without NUL`,
    () => run('direct', DIRECT_RUNS),
    900_000,
  );

  it(
    `over HTTP (${HTTP_RUNS} files): never 5xx, and a failed run changes nothing`,
    () => run('http', HTTP_RUNS),
    900_000,
  );
});
