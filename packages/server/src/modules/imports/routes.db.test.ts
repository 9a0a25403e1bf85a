import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importProgressEventSchema } from '@sozialraum/contracts/imports';
import { buildApp } from '../../app.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let api: ReturnType<typeof injectAs>;
let admin: { authorization: string };
let dataDir: string;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  dataDir = await mkdtemp(path.join(tmpdir(), 'sz-routes-'));
  app = await buildApp(testContext(db, { dataDir, maxUploadBytes: 4096 }), {
    validateResponses: true,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  admin = await adminHeaders(db);
  api = injectAs(app, admin);
});
afterAll(async () => {
  await app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

const CSV = Buffer.from(
  'PLR;Stichtag;Einwohner\r\n01100101;31.12.2025;1.234\r\n01100102;31.12.2025;567\r\n02100101;31.12.2025;89\r\n02100102;31.12.2025;10\r\n',
  'latin1',
);
const mapping = {
  layout: 'wide',
  areaColumn: 'PLR',
  areaKey: 'code',
  date: { column: 'Stichtag' },
  indicators: [{ column: 'Einwohner', indicatorId: 'ewr_total' }],
};

async function analyze(files: { name: string; content: Buffer }[]) {
  return api({ method: 'POST', url: '/api/imports/analyze', ...multipart(files) });
}

describe('import over HTTP', () => {
  it('uploads, analyses, dry-runs and imports a German CSV; the value is then served', async () => {
    const res = await analyze([{ name: 'einwohner.csv', content: CSV }]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.analysis).toMatchObject({
      kind: 'table',
      detection: { format: 'csv', dialect: { delimiter: ';', decimal: ',' } },
      suggestion: { systemId: 'lor2021', levelId: 'plr' },
    });
    const run = (dryRun: boolean) =>
      api({
        method: 'POST',
        url: `/api/imports/${body.uploadId}/run`,
        payload: { kind: 'table', dryRun, systemId: 'lor2021', levelId: 'plr', mapping },
      });
    // read (and cache) the values before the import: afterwards the new date must be served
    const old = await api({
      url: '/api/values?indicator=ewr_total&system=lor2021&level=plr&date=2025-12-31',
    });
    expect(old.json().date).toBe('2023-12-31');
    const dry = await run(true);
    expect(dry.json()).toMatchObject({ status: 'dry_run', rowsRead: 4, errorCount: 0 });
    const real = await run(false);
    expect(real.json()).toMatchObject({ status: 'succeeded', rowsRead: 4 });
    const values = await api({
      url: '/api/values?indicator=ewr_total&system=lor2021&level=plr&date=2025-12-31',
    });
    expect(values.json().date).toBe('2025-12-31');
    expect(values.json().values.find((v: { code: string }) => v.code === '01100101').value).toBe(
      1234,
    );
    // the Bezirk was aggregated in the same import
    const bez = await api({
      url: '/api/values?indicator=ewr_total&system=lor2021&level=bez&date=2025-12-31',
    });
    expect(
      bez
        .json()
        .values.map((v: { value: number }) => v.value)
        .sort(),
    ).toEqual([1801, 99]);
    const runs = await api({ url: '/api/imports' });
    expect(runs.json()[0]).toMatchObject({
      fileName: 'einwohner.csv',
      status: 'succeeded',
      rowsRead: 4,
      rowsWritten: 4,
    });
    const last = runs.json()[0];
    const { createHash } = await import('node:crypto');
    // the upload's SHA-256 covers each file's name and content (uploads.ts sha256Of)
    const sha = createHash('sha256').update('einwohner.csv').update(CSV).digest('hex');
    expect(last.fileSha256).toBe(sha);
    expect(last.who).toBe(last.actor);
    expect(last.who).not.toBe('system');
    expect(typeof last.durationMs).toBe('number');
    expect(last.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(last.finishedAt) - Date.parse(last.startedAt)).toBe(last.durationMs);
    // the end is the real clock time, not the transaction's start (now())
    const [times] = await db.query<{ later: boolean }>(
      'SELECT finished_at > started_at AS later FROM import_run WHERE id = $1',
      [last.id],
    );
    expect(times!.later).toBe(true);
  });

  it('reports progress as Server-Sent Events while an import runs', async () => {
    const { uploadId } = (await analyze([{ name: 'einwohner.csv', content: CSV }])).json();
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const events = await fetch(`${base}/api/imports/${uploadId}/events`, { headers: admin });
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = events.body!.getReader();
    const seen: string[] = [];
    const reading = (async () => {
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
        if (text.includes('event: done')) break;
      }
      seen.push(...text.split('\n').filter((l) => l.startsWith('data:')));
    })();
    const res = await fetch(`${base}/api/imports/${uploadId}/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({
        kind: 'table',
        dryRun: false,
        systemId: 'lor2021',
        levelId: 'plr',
        mapping,
      }),
    });
    expect((await res.json()).status).toBe('unchanged');
    await reading;
    // every event's data is what the contract promises
    const data = seen.map((l) => JSON.parse(l.slice('data:'.length)) as unknown);
    const progress = data.slice(0, -1).map((d) => importProgressEventSchema.parse(d));
    expect(data.at(-1)).toEqual({}); // the „done“ event
    expect(progress[0]!.phase).toBe('warten');
    expect(seen[0]).toContain('"phase":"warten"');
    expect(seen.some((l) => l.includes('"phase":"fertig"'))).toBe(true);
    // the stream carries the same security headers as every other answer (it takes the reply over)
    expect(events.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(events.headers.get('x-content-type-options')).toBe('nosniff');
    expect(events.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(events.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(events.headers.get('cache-control')).toContain('no-cache');
    expect(events.headers.get('cache-control')).toContain('private');
    // the import ran as a job: its events name it, and the administration sees it in /api/jobs
    const jobId = Number(/"jobId":(\d+)/.exec(seen.join('\n'))?.[1]);
    expect(jobId).toBeGreaterThan(0);
    const job = (await api({ url: `/api/jobs/${jobId}` })).json();
    expect(job).toMatchObject({
      kind: 'imports.table',
      status: 'succeeded',
      params: { uploadId, kind: 'table', dryRun: false, files: ['einwohner.csv'] },
      result: { status: 'unchanged', rowsRead: 4 },
      error: null,
    });
    expect(job.startedBy).not.toBe('system');
    expect(job.durationMs).toBeGreaterThanOrEqual(0);
    const list = (await api({ url: '/api/jobs?kind=imports.table' })).json();
    expect(list[0].id).toBe(jobId);
  });

  it('refuses an empty file with a clear German message', async () => {
    const res = await analyze([{ name: 'leer.csv', content: Buffer.alloc(0) }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('leer.csv: die Datei ist leer.');
  });

  it('refuses a file larger than the upload limit with 413 and the limit in words', async () => {
    const res = await analyze([{ name: 'gross.csv', content: Buffer.alloc(10_000, 0x41) }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/gross\.csv: die Datei ist größer als/);
  });

  it('answers an unknown upload id with 404 and a malformed one with 400', async () => {
    const gone = await api({
      method: 'POST',
      url: '/api/imports/0123456789abcdef01234567/run',
      payload: { kind: 'table', dryRun: true, systemId: 'lor2021', levelId: 'plr', mapping },
    });
    expect(gone.statusCode).toBe(404);
    const bad = await api({
      method: 'POST',
      url: '/api/imports/xyz/run',
      payload: { kind: 'table', dryRun: true, systemId: 'lor2021', levelId: 'plr', mapping },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/uploadId/);
  });
});
