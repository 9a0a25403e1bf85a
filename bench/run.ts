// `npm run bench`: measures the demo import, the map values endpoint under load, a 1,000,000-row CSV
// import and the geometry payload — each next to a baseline measured in the same run — and writes
// the results into docs/benchmarks.md (the section between the bench markers is overwritten).
// Load tests go only to 127.0.0.1 and stop by themselves; the whole run is bounded (~4–6 min here).
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig, REPO_ROOT } from '../packages/server/src/config.ts';
import { benchFirstStart } from './first-start.ts';
import type { Db } from '../packages/server/src/db/db.ts';
import { invalidateCatalogueCache } from '../packages/server/src/modules/indicators/index.ts';
import {
  benchDemoImport,
  benchMillionRows,
  benchPostgres,
  importLongCsv,
  writeLongCsv,
} from './imports.ts';
import { de, mb, printSection, seconds, type Section } from './format.ts';

const DOC = path.join(REPO_ROOT, 'docs/benchmarks.md');
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';
const TENANT = 'berlin';
export const VALUES_PATH =
  '/api/values?indicator=ewr_share_age_below_6&system=lor2021&level=plr&date=2024-12-31';
const GEOMETRY_PATH = '/api/area-systems/lor2021/levels/plr/geometry';

export { de, type Section } from './format.ts';

/**
 * Runs the benchmarks; returns the process exit code. Options: --only a,b,c,d,e,f,g,h,i,j,k,l,m,p,q  --rows N
 * --seconds S  --rounds N  --no-write  --database-url (h: an empty database on a PostgreSQL server).
 * Only the measured sections are replaced in docs/benchmarks.md.
 */
export async function runBenchmarks(args: string[]): Promise<number> {
  const { values: opts } = parseArgs({
    args,
    options: {
      only: { type: 'string' },
      rows: { type: 'string', default: '1000000' },
      seconds: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '3' },
      'no-write': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      points: { type: 'string', default: '5000000' },
      'postgis-url': { type: 'string' },
    },
  });
  const only = new Set(
    (opts.only ?? 'a,b,c,d,e,f,g,i,j,k,l,m,p,q').split(',').map((s) => s.trim()),
  );
  const rows = Math.max(1000, Math.min(5_000_000, Number(opts.rows) || 1_000_000));
  const loadSeconds = Math.max(1, Math.min(60, Number(opts.seconds) || 10));
  const rounds = Math.max(1, Math.min(9, Number(opts.rounds) || 3));
  const work = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-bench-'));
  const sections: Section[] = [];
  /** Sections other modules render themselves (markdown), appended in order. */
  const extra: string[] = [];
  const t0 = Date.now();
  let db: Db | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    if (only.has('e')) {
      // (e) the monitoring core (bench/monitoring.ts, pure computation, no database)
      console.log('(e) Monitoring-Kern …');
      const { benchMonitoring } = await import('./monitoring.ts');
      const md = await benchMonitoring();
      console.log(md);
      extra.push(md);
    }
    if (only.has('i')) {
      // (i) parser and geometry figures that were timing assertions in unit tests (bench/parsers.ts)
      console.log('(i) Parser und Geometrie …');
      const { benchParsers } = await import('./parsers.ts');
      const md = await benchParsers();
      console.log(md);
      extra.push(md);
    }
    if (only.has('k')) {
      // (k) the spatial join at scale (bench/spatial-join.ts), PostGIS with --postgis-url
      const { benchSpatialJoin } = await import('./spatial-join.ts');
      const points = Math.max(10_000, Math.min(20_000_000, Number(opts.points) || 5_000_000));
      sections.push(await benchSpatialJoin(points, opts['postgis-url']));
    }
    if (only.has('h')) {
      // (h) a and c once more on a PostgreSQL server (an empty database named by --database-url)
      if (opts['database-url'])
        sections.push(await benchPostgres(opts['database-url'], work, rows));
      else console.log('(h) übersprungen: --database-url postgres://… (leere Datenbank) fehlt.');
    }
    if (!['a', 'b', 'c', 'd', 'f', 'g', 'j', 'l', 'm', 'p', 'q'].some((k) => only.has(k)))
      return finish();
    // (a) always when a database is needed: the other benchmarks run against the database it fills
    const a = await benchDemoImport({ dataDir: path.join(work, 'pglite') });
    db = a.db;
    if (only.has('a')) {
      const first = await benchFirstStart(a.parseMs);
      a.section.rows.push(...first.rows);
      a.section.notes.push(...first.notes);
      sections.push(a.section);
    }
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SOZIALRAUM_DATA_DIR: work,
      SOZIALRAUM_DEMO: 'none',
    });
    app = await buildApp({ db, tenantId: TENANT, config }, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    if (only.has('b')) sections.push(await benchValuesUnderLoad(base, loadSeconds, rounds));
    if (only.has('d')) sections.push(await benchGeometryBytes(base));
    if (only.has('p')) {
      const { benchFirstPaint } = await import('./first-paint.ts');
      sections.push(await benchFirstPaint(base));
    }
    if (only.has('f')) {
      const { benchAccess } = await import('./access.ts');
      const section = await benchAccess(db, app, base, loadSeconds);
      printSection(section);
      sections.push(section);
    }
    if (only.has('g'))
      sections.push(
        await benchReadsUnderLoad(base, loadSeconds, rounds, invalidateCatalogueCache, {
          db,
          work,
          rows: 300_000,
        }),
      );
    if (only.has('j')) {
      const { benchParticipation } = await import('./participation.ts');
      sections.push(await benchParticipation(db, base, TENANT));
    }
    if (only.has('q')) {
      // (q) photo uploads under load (bench/participation-photos.ts)
      const { benchPhotoUploads } = await import('./participation-photos.ts');
      sections.push(await benchPhotoUploads(db, base, TENANT));
    }
    if (only.has('l')) {
      const { benchFunding } = await import('./funding.ts');
      sections.push(await benchFunding(db, base, TENANT));
    }
    if (only.has('m')) {
      const { benchSupply } = await import('./supply.ts');
      sections.push(await benchSupply(base));
    }
    if (only.has('c')) sections.push(await benchMillionRows(db, work, rows));
  } finally {
    await app?.close();
    await db?.close();
    await rm(work, { recursive: true, force: true });
  }
  return finish();

  async function finish(): Promise<number> {
    const machine = await describeMachine();
    sections.sort((x, y) => x.title.localeCompare(y.title));
    const measured = [...only]
      .filter((k) => /^[a-q]$/.test(k) && (k !== 'h' || opts['database-url']))
      .sort();
    const md = renderMarkdown(machine, sections, extra, Date.now() - t0, measured);
    console.log(`\n${md}`);
    if (!opts['no-write']) {
      await writeResults(md);
      console.log(`Ergebnisse in ${path.relative(process.cwd(), DOC)} geschrieben.`);
    }
    return 0;
  }
}

// ---------------------------------------------------------------- (b) values endpoint under load

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
}

// The load generator runs in a worker thread so that it does not share the server's event loop.
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, clients, ms, method, headers, body, expect } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const lat = [];
let errors = 0;
const end = Date.now() + ms;
function one() {
  return new Promise((resolve) => {
    const t = process.hrtime.bigint();
    const req = http.request(url, { agent, method: method || 'GET', headers: headers || {} }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        if (res.statusCode !== (expect || 200)) errors++;
        lat.push(Number(process.hrtime.bigint() - t) / 1e6);
        resolve();
      });
    });
    req.on('error', () => { errors++; resolve(); });
    req.end(body);
  });
}
async function client() { while (Date.now() < end) await one(); }
const t0 = Date.now();
Promise.all(Array.from({ length: clients }, client)).then(() => {
  const seconds = (Date.now() - t0) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  const q = (p) => lat.length ? lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)] : NaN;
  parentPort.postMessage({ requests: lat.length, errors, seconds, p50: q(0.5), p95: q(0.95), p99: q(0.99) });
});
`;

export interface LoadRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The status every answer should have (default 200); others count as errors. */
  expect?: number;
}

export function load(
  url: string,
  clients: number,
  ms: number,
  request: LoadRequest = {},
): Promise<LoadResult> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error('Lasttests nur gegen 127.0.0.1');
  return new Promise((resolve, reject) => {
    const w = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { url, clients, ms, ...request },
    });
    w.once('message', (m: LoadResult) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

/** What Chrome and Firefox send (gzip is offered; the server may pick it over br and zstd). */
export const BROWSER_ENCODING = 'gzip, deflate, br, zstd';

const rps = (r: LoadResult) => r.requests / r.seconds;
const ms1 = (x: number) => `${de(x, 1)} ms`;
// three places below 0.1, so a slow route does not show as 0,00
const ratio = (x: number) => `${de(x, x < 0.1 ? 3 : 2)}×`;

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Probe {
  label: string;
  url: string;
  request?: LoadRequest;
}

/** Per probe: each round's result and its ratio (requests/s) to /api/health in the same round. */
interface RoundResults {
  health: LoadResult[];
  byProbe: { probe: Probe; runs: LoadResult[]; ratios: number[] }[];
}

/**
 * Loads /api/health and every probe in turn, `rounds` times, each for `ms`. Interleaving the
 * baseline with the probes in every round and taking medians keeps foreign load on this shared
 * machine from landing on one side of a ratio only.
 */
async function loadRounds(
  base: string,
  probes: Probe[],
  clients: number,
  ms: number,
  rounds: number,
): Promise<RoundResults> {
  // a short warm-up of every endpoint (JIT, caches)
  await load(base + '/api/health', clients, 1000);
  for (const p of probes) await load(base + p.url, clients, 1000, p.request);
  const out: RoundResults = {
    health: [],
    byProbe: probes.map((probe) => ({ probe, runs: [], ratios: [] })),
  };
  for (let r = 0; r < rounds; r++) {
    const health = await load(base + '/api/health', clients, ms);
    out.health.push(health);
    for (const p of out.byProbe) {
      const run = await load(base + p.probe.url, clients, ms, p.probe.request);
      p.runs.push(run);
      p.ratios.push(rps(run) / rps(health));
    }
    console.log(
      `    Runde ${r + 1}: health ${de(rps(health))}/s; ` +
        out.byProbe.map((p) => `${p.probe.label} ${de(rps(p.runs[r]!))}/s`).join('; '),
    );
  }
  return out;
}

/** Table rows for one probe: requests/s with ratio, p50 and p99 (medians of the rounds), errors. */
function probeRows(
  res: RoundResults,
  i: number,
  goal?: number,
): [string, string, string, string][] {
  const p = res.byProbe[i]!;
  const h = res.health;
  const m = (f: (r: LoadResult) => number, xs: LoadResult[]) => median(xs.map(f));
  const r = median(p.ratios);
  const sum = (xs: LoadResult[], f: (r: LoadResult) => number) => xs.reduce((a, x) => a + f(x), 0);
  return [
    [
      `${p.probe.label}: Anfragen/s`,
      de(m(rps, p.runs)),
      `GET /api/health: ${de(m(rps, h))}`,
      goal === undefined ? ratio(r) : `**${ratio(r)}** (Ziel ≥ ${de(goal, 1)}×)`,
    ],
    [
      `${p.probe.label}: Latenz p50 / p99`,
      `${ms1(m((x) => x.p50, p.runs))} / ${ms1(m((x) => x.p99, p.runs))}`,
      `${ms1(m((x) => x.p50, h))} / ${ms1(m((x) => x.p99, h))}`,
      `${de(m((x) => x.p50, p.runs) / m((x) => x.p50, h), 1)}× / ${de(m((x) => x.p99, p.runs) / m((x) => x.p99, h), 1)}×`,
    ],
    [
      `${p.probe.label}: Fehler / Anfragen`,
      `${sum(p.runs, (x) => x.errors)} / ${de(sum(p.runs, (x) => x.requests))}`,
      `${sum(h, (x) => x.errors)} / ${de(sum(h, (x) => x.requests))}`,
      `Runden: ${p.ratios.map((x) => de(x, x < 0.1 ? 3 : 2)).join(' / ')}`,
    ],
  ];
}

/** Status, body size and ETag of one GET (the body decompressed by fetch when gzip was sent). */
async function probeOnce(
  url: string,
  encoding: string,
): Promise<{ bytes: number; etag: string | null; encoding: string | null; ms: number }> {
  const t = performance.now();
  const wire = await new Promise<{ bytes: number; etag: string | null; encoding: string | null }>(
    (resolve, reject) => {
      http
        .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve({
                  bytes: n,
                  etag: (res.headers.etag as string | undefined) ?? null,
                  encoding: (res.headers['content-encoding'] as string | undefined) ?? null,
                })
              : reject(new Error(`${url} → ${res.statusCode}`)),
          );
        })
        .on('error', reject);
    },
  );
  return { ...wire, ms: performance.now() - t };
}

async function benchValuesUnderLoad(
  base: string,
  loadSeconds: number,
  rounds: number,
): Promise<Section> {
  const clients = 32;
  console.log(
    `(b) Lasttest: ${clients} gleichzeitige Clients je ${loadSeconds} s, ${rounds} Runden (Node http, keep-alive) …`,
  );
  const check = await fetch(base + VALUES_PATH);
  if (!check.ok) throw new Error(`GET ${VALUES_PATH} → ${check.status}`);
  const body = (await check.json()) as { values: unknown[] };
  const plain = await probeOnce(base + VALUES_PATH, 'identity');
  const gz = await probeOnce(base + VALUES_PATH, BROWSER_ENCODING);
  const probes: Probe[] = [
    {
      label: 'gzip (Accept-Encoding wie Browser)',
      url: VALUES_PATH,
      request: { headers: { 'accept-encoding': BROWSER_ENCODING } },
    },
    { label: 'unkomprimiert', url: VALUES_PATH },
  ];
  if (plain.etag)
    probes.push({
      label: 'If-None-Match → 304',
      url: VALUES_PATH,
      request: {
        headers: { 'accept-encoding': BROWSER_ENCODING, 'if-none-match': plain.etag },
        expect: 304,
      },
    });
  const res = await loadRounds(base, probes, clients, loadSeconds * 1000, rounds);
  // one client, one request at a time: the latency of a single request without queueing
  const singleMs = Math.max(1000, Math.round((loadSeconds * 1000) / 3));
  const health1 = await load(base + '/api/health', 1, singleMs);
  const values1 = await load(base + VALUES_PATH, 1, singleMs, probes[0]!.request);
  const section: Section = {
    title: `b. Kartenwerte unter Last (${clients} Clients, je ${loadSeconds} s, ${rounds} Runden)`,
    rows: [
      ...probeRows(res, 0, 0.5),
      ...probeRows(res, 1),
      ...(probes[2] ? probeRows(res, 2) : []),
      [
        `1 Client, ${de(singleMs / 1000)} s, gzip: Anfragen/s`,
        de(rps(values1)),
        de(rps(health1)),
        ratio(rps(values1) / rps(health1)),
      ],
      [
        '1 Client, gzip: Latenz p50',
        ms1(values1.p50),
        ms1(health1.p50),
        `${de(values1.p50 / health1.p50, 1)}×`,
      ],
    ],
    notes: [
      `\`GET ${VALUES_PATH}\`: ${body.values.length} Gebiete, ${de(plain.bytes)} Byte JSON je Antwort, gzip ${de(gz.bytes)} Byte (Content-Encoding: ${gz.encoding ?? 'keins'}); ETag: ${plain.etag ? 'ja' : 'nein'}.`,
      `„wie Browser“ = \`Accept-Encoding: ${BROWSER_ENCODING}\` (Chrome, Firefox); „unkomprimiert“ = ohne Accept-Encoding.`,
      'Verhältnis = Anfragen/s der Route ÷ Anfragen/s von `GET /api/health` in derselben Runde; Tabelle: Mediane der Runden (Anfragen/s, Latenzen, Verhältnis), Fehler und Anfragen: Summen. Runden: das Verhältnis jeder Runde.',
      'Lastgenerator: Node `http` mit keep-alive-Agent in einem Worker-Thread desselben Prozesses (Server und Last teilen sich die Kerne); Latenz = Anfrage bis letztes Byte. Der Rechner wird von anderen mitbenutzt (Last im Kopf oben).',
    ],
  };
  printSection(section);
  return section;
}

// ---------------------------------------------------------------- (g) profile and OGC pages under load

/** Profile and OGC page loaded together, 16 clients each (both p99 in one list of results). */
async function mixedLoad(base: string, paths: string[], ms: number): Promise<LoadResult[]> {
  const gzip = { headers: { 'accept-encoding': BROWSER_ENCODING } };
  return Promise.all(paths.map((p) => load(base + p, 16, ms, gzip)));
}

async function benchReadsUnderLoad(
  base: string,
  loadSeconds: number,
  rounds: number,
  forget: () => void,
  during?: { db: Db; work: string; rows: number },
): Promise<Section> {
  const clients = 32;
  console.log(
    `(g) Gebietsprofil und OGC-Seite: ${clients} Clients je ${loadSeconds} s, ${rounds} Runden …`,
  );
  const areas = (await (await fetch(`${base}/api/areas?system=lor2021&level=plr`)).json()) as {
    id: number;
    code: string;
  }[];
  // a fixed Planungsraum (the first by code), so runs compare like with like
  const area = [...areas].sort((x, y) => x.code.localeCompare(y.code))[0]!;
  const profilePath = `/api/areas/${area.id}/profile`;
  const ogcPath = '/ogc/collections/lor2021-plr/items?limit=100';
  // the first request after a change to the data: what the first reader waits for
  forget();
  const profileCold = await probeOnce(base + profilePath, BROWSER_ENCODING);
  const profileWarm = await probeOnce(base + profilePath, BROWSER_ENCODING);
  forget();
  const ogcCold = await probeOnce(base + ogcPath, BROWSER_ENCODING);
  const ogcWarm = await probeOnce(base + ogcPath, BROWSER_ENCODING);
  const ogcPlain = await probeOnce(base + ogcPath, 'identity');
  const profilePlain = await probeOnce(base + profilePath, 'identity');
  const gzip = { headers: { 'accept-encoding': BROWSER_ENCODING } };
  const probes: Probe[] = [
    { label: 'Gebietsprofil, gzip', url: profilePath, request: gzip },
    { label: 'OGC-Seite (limit 100), gzip', url: ogcPath, request: gzip },
    { label: 'OGC-Seite (limit 100), unkomprimiert', url: ogcPath },
  ];
  const res = await loadRounds(base, probes, clients, loadSeconds * 1000, rounds);
  const duringRows: [string, string, string, string][] = [];
  const duringNotes: string[] = [];
  if (during) {
    // Reads while an import runs: the same mixed load idle, then while a long CSV is imported in
    // this process (as an upload through the web app would be). Cached answers touch no database.
    const paths = [profilePath, ogcPath];
    const idle = await mixedLoad(base, paths, loadSeconds * 1000);
    const codes = areas.map((a) => a.code);
    const dir = path.join(during.work, 'parallel');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    await writeLongCsv(path.join(dir, 'parallel.csv'), codes, during.rows, 'bench_parallel');
    const size = (await stat(path.join(dir, 'parallel.csv'))).size;
    // how long the event loop stalls while the import runs (PGlite executes SQL in this thread)
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    const t = performance.now();
    let importMs = 0;
    const running = importLongCsv(during.db, dir, 'parallel.csv', size, 'bench_parallel').then(
      (r) => ((importMs = performance.now() - t), r),
    );
    const busy = await mixedLoad(base, paths, loadSeconds * 1000);
    const loadMs = performance.now() - t;
    const report = await running;
    stalls.disable();
    if (report.status !== 'succeeded') throw new Error(`Import: ${report.status}`);
    const labels = ['Gebietsprofil', 'OGC-Seite'];
    paths.forEach((_p, i) => {
      const a = idle[i]!;
      const b = busy[i]!;
      duringRows.push([
        `${labels[i]} während eines Imports (${de(during.rows)} Zeilen): Latenz p99`,
        `${ms1(b.p99)} (p50 ${ms1(b.p50)}, ${de(rps(b))}/s, Fehler ${b.errors})`,
        `ohne Import: ${ms1(a.p99)} (p50 ${ms1(a.p50)}, ${de(rps(a))}/s)`,
        `**${de(b.p99 / a.p99, 1)}×** (Ziel ≤ 10×)`,
      ]);
    });
    duringNotes.push(
      `„während eines Imports“: Gebietsprofil und OGC-Seite mit je 16 Clients, ${de(loadSeconds)} s, gzip; gleichzeitig im selben Prozess \`runTableImport\` einer langen CSV mit ${de(during.rows)} Zeilen (${mb(size)}, neuer Indikator); Import ${seconds(importMs)}, ${importMs >= loadMs ? 'die ganze Lastdauer lief der Import' : `die Last lief ${seconds(loadMs - importMs)} über das Importende hinaus (danach erste Anfragen kalt, siehe unten)`}. Vergleich: dieselbe Last ohne Import direkt davor. Eine Runde.`,
      `Ereignisschleife während des Imports blockiert: längste Pause ${ms1(stalls.max / 1e6)}, p99 ${ms1(stalls.percentile(99) / 1e6)}. Vorbereitete Antworten lesen nichts aus der Datenbank, warten aber auf den Thread: PGlite führt SQL synchron (WASM) im Server-Thread aus, lange Anweisungen des Imports halten alle Anfragen an.`,
    );
  }
  const section: Section = {
    title: `g. Gebietsprofil und OGC-Seiten unter Last (${clients} Clients, je ${loadSeconds} s, ${rounds} Runden)`,
    rows: [
      ...probeRows(res, 0, 0.3),
      ...probeRows(res, 1, 0.3),
      ...probeRows(res, 2),
      ...duringRows,
      [
        'erste Anfrage nach einer Datenänderung (kalt) / danach',
        `Profil ${ms1(profileCold.ms)} / ${ms1(profileWarm.ms)}`,
        `OGC ${ms1(ogcCold.ms)} / ${ms1(ogcWarm.ms)}`,
        '–',
      ],
    ],
    notes: [
      `\`GET ${profilePath}\` (Planungsraum ${area.code}): ${de(profilePlain.bytes)} Byte JSON, gzip ${de(profileWarm.bytes)} Byte (Content-Encoding: ${profileWarm.encoding ?? 'keins'}).`,
      `\`GET ${ogcPath}\`: ${de(ogcPlain.bytes)} Byte GeoJSON, gzip ${de(ogcWarm.bytes)} Byte (Content-Encoding: ${ogcWarm.encoding ?? 'keins'}).`,
      '„kalt“: eine Anfrage direkt nach invalidateCatalogueCache() (wie nach einem Import), ein Client; „danach“: dieselbe Anfrage gleich noch einmal.',
      'Eingebettete Datenbank (PGlite, eine Verbindung). Verhältnis und Mediane wie in b.',
      ...duringNotes,
    ],
  };
  printSection(section);
  return section;
}

// ---------------------------------------------------------------- (d) geometry bytes

function getBytes(url: string, encoding: 'identity' | 'gzip'): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(n) : reject(new Error(`${url} → ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

async function benchGeometryBytes(base: string): Promise<Section> {
  console.log('(d) Geometrie-Bytes …');
  const raw = await getBytes(base + GEOMETRY_PATH, 'identity');
  const gz = await getBytes(base + GEOMETRY_PATH, 'gzip');
  const file = await readFile(
    path.join(REPO_ROOT, 'demo-data/berlin/geo/lor_2021_planungsraeume.geojson'),
  );
  const fileGz = gzipSync(file).length;
  const kb = (n: number) => `${de(n / 1024)} KB`;
  const section: Section = {
    title: 'd. Geometrie der 542 Planungsräume (Karte)',
    rows: [
      [
        'unkomprimiert',
        kb(raw),
        `GeoJSON-Quelldatei: ${kb(file.length)}`,
        `${de((raw / file.length) * 100, 1)} %`,
      ],
      [
        'gzip',
        gz === raw ? `${kb(gz)} (Server komprimiert nicht)` : kb(gz),
        `Quelldatei gzip -6: ${kb(fileGz)}`,
        `${de((gz / fileGz) * 100, 1)} %`,
      ],
    ],
    notes: [
      `\`GET ${GEOMETRY_PATH}\` (vereinfacht, topologieerhaltend, 5 Nachkommastellen) gegen \`demo-data/berlin/geo/lor_2021_planungsraeume.geojson\`.`,
    ],
  };
  printSection(section);
  return section;
}

// ---------------------------------------------------------------- output

async function describeMachine(): Promise<string[]> {
  let cpu = os.cpus()[0]?.model ?? 'unbekannt';
  try {
    const info = await readFile('/proc/cpuinfo', 'utf8');
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: os.cpus() is good enough
  }
  return [
    `Datum: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `CPU: ${cpu}, ${os.availableParallelism()} Kerne (nproc)`,
    `RAM: ${de(os.totalmem() / 1024 ** 3, 1)} GB`,
    `Node ${process.version}, ${os.platform()} ${os.release()}`,
    // the machine is shared: how busy it was when the run began
    `Last vor dem Lauf (1/5/15 min): ${os
      .loadavg()
      .map((x) => de(x, 2))
      .join(' / ')}`,
  ];
}

function renderMarkdown(
  machine: string[],
  sections: Section[],
  extra: string[],
  totalMs: number,
  measured: string[],
): string {
  const lines = [
    START,
    '',
    '## Ergebnisse (zuletzt gemessen)',
    '',
    ...machine.map((m) => `- ${m}`),
    `- Gesamtdauer des Laufs: ${seconds(totalMs)}`,
    `- In diesem Lauf gemessen: ${measured.join(', ')}; andere Abschnitte stammen aus früheren Läufen (Datum dort).`,
    '',
  ];
  for (const s of sections) {
    lines.push(
      `### ${s.title}`,
      '',
      '| Messgröße | Ergebnis | Vergleich (gleicher Lauf) | Verhältnis |',
      '|---|---:|---|---:|',
    );
    for (const r of s.rows) lines.push(`| ${r.join(' | ')} |`);
    lines.push('', ...s.notes.map((n) => `- ${n}`), '');
  }
  for (const md of extra) lines.push(md.trimEnd(), '');
  lines.push(END);
  return lines.join('\n');
}

const INTRO = `# Benchmarks

\`npm run bench\` (= \`sozialraum bench\`, Quelltext \`bench/run.ts\`) misst, jeweils neben einer
Vergleichsgröße aus demselben Lauf, und ersetzt unten die Abschnitte, die der Lauf gemessen hat (die übrigen
bleiben stehen, mit dem Kopf ihres Laufs). Optionen: \`--only a,b,c,d,e,f,g,h,i,j,k,l\`, \`--rows N\` (Standard 1.000.000), \`--points N\` (k, Standard 5.000.000),
\`--seconds S\` (Lastdauer, Standard 10), \`--rounds N\` (Runden der Lasttests b und g, Standard 3), \`--no-write\`,
\`--database-url postgres://…\` (für h: eine leere Datenbank auf einem PostgreSQL-Server), \`--postgis-url postgres://…\` (für k: ein Server mit PostGIS als Vergleich).

- **a** Berlin-Demo in eine leere PGlite-Datenbank laden (beide Stufen, ADR 0053) – Vergleich: dieselben Dateien nur lesen und parsen; erster Start (\`sozialraum serve\`) bis „bereit“, bis zur ersten Kartenantwort (Ziel ≤ 15 s) und bis vollständig geladen, mit der Latenz von Kartenwerten und Gebietsprofil während der zweiten Stufe.
- **b** \`GET /api/values\` (542 Planungsräume) unter 32 gleichzeitigen Clients, mit \`Accept-Encoding\` wie ein Browser (gzip), ohne, und mit \`If-None-Match\` (304) – Vergleich: \`GET /api/health\` unter derselben Last in derselben Runde.
- **c** 1.000.000 Zeilen deutsche lange CSV über den Import-Dienst – Vergleich: nur parsen mit demselben Parser; Spitzen-RSS.
- **d** Bytes der Kartengeometrie (roh und gzip) – Vergleich: die GeoJSON-Quelldatei.
- **e** Monitoring-Kern (\`bench/monitoring.ts\`): Index, Klassen, Matrix, Veränderungen – Vergleich: eine Summe über dieselben Spalten.
- **f** Anmeldung und berechtigtes Lesen (\`bench/access.ts\`) – Vergleich: dieselbe Anfrage ohne Anmeldung; argon2id allein.
- **g** Gebietsprofil und OGC-Seite (limit 100) unter 32 Clients, dazu beide während eines Imports von 300.000 Zeilen – Vergleich: \`GET /api/health\` bzw. dieselbe Last ohne Import.
- **h** a und c noch einmal auf einem PostgreSQL-Server (nur mit \`--database-url\`, nicht in der Voreinstellung) – Vergleich wie dort.
- **j** 1.000 Hinweise der Beteiligung gleichzeitig (\`bench/participation.ts\`, von 100 Loopback-Adressen): keiner verloren, kein 5xx, jeder genau einmal gespeichert; eine Flut von einer Adresse wird begrenzt – Vergleich: 1.000 × \`GET /api/health\` gleichzeitig.
- **k** Räumliche Zuordnung (\`bench/spatial-join.ts\`): 5.000.000 Zufallspunkte × LOR 2021 (542 Planungsräume und alle vier Ebenen), ein Kern, Stichprobe gegen naive Prüfung – Vergleich: Koordinaten nur lesen bzw. aus CSV lesen; PostGIS \`ST_Contains\` mit \`--postgis-url\`.
- **l** Transparenz der Fördermittel (\`bench/funding.ts\`): \`GET /api/funding/transparency\` auf 542 Planungsräumen (Statusindex) und auf Bezirken (aufsummiert, nach Einwohneranteil verteilt), CSV-Export – Vergleich: \`GET /api/values\` für dieselben 542 Planungsräume.
- **q** 50 Foto-Uploads der Beteiligung gleichzeitig (\`bench/participation-photos.ts\`, je ein JPEG von 3–4 MB wie aus dem Telefon, 4032 × 3024 mit EXIF/GPS): p50/p99, Spitzen-RSS, 0 × 5xx, jedes Foto genau einmal gespeichert – Vergleich: 50 Hinweise ohne Foto gleichzeitig.

Alle Lasttests laufen nur gegen 127.0.0.1 und enden von selbst.

`;

/** Splits a results block into its head (up to the first section) and sections by letter. */
export function splitResults(block: string): { head: string[]; sections: Map<string, string[]> } {
  const lines = block.split('\n').filter((l) => l !== START && l !== END);
  const head: string[] = [];
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of lines) {
    const m = /^### ([a-z])\. /.exec(line);
    if (m) sections.set(m[1]!, (current = []));
    (current ?? head).push(line);
  }
  return { head, sections };
}

/**
 * Puts the sections of this run into the results block and keeps every other section as it was
 * (a run with --only b must not wipe what a, c, d, e and f measured). A kept section gets one note
 * with the date and machine of the run that measured it, taken from the head it is losing.
 */
export function mergeResults(previous: string, current: string): string {
  const old = splitResults(previous);
  const now = splitResults(current);
  const oldRun = old.head
    .filter((l) => /^- (Datum|CPU):/.test(l))
    .map((l) => l.slice(2))
    .join(', ');
  const merged = new Map(old.sections);
  for (const [letter, lines] of merged) {
    if (now.sections.has(letter) || !oldRun || lines.some((l) => l.startsWith('- Kopf des Laufs')))
      continue;
    const body = [...lines];
    while (body.length && body[body.length - 1] === '') body.pop();
    merged.set(letter, [
      ...body,
      `- Kopf des Laufs, aus dem dieser Abschnitt stammt: ${oldRun}.`,
      '',
    ]);
  }
  for (const [letter, lines] of now.sections) merged.set(letter, lines);
  const letters = [...merged.keys()].sort();
  const out = [START, ...now.head];
  for (const l of letters) out.push(...merged.get(l)!);
  while (out[out.length - 1] === '') out.pop();
  out.push('', END);
  return out.join('\n');
}

async function writeResults(section: string): Promise<void> {
  let doc: string;
  try {
    doc = await readFile(DOC, 'utf8');
  } catch {
    doc = INTRO;
  }
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  const next =
    a >= 0 && b > a
      ? doc.slice(0, a) +
        mergeResults(doc.slice(a, b + END.length), section) +
        doc.slice(b + END.length)
      : `${doc.trimEnd()}\n\n${section}\n`;
  await writeFile(DOC, next.endsWith('\n') ? next : `${next}\n`);
}
