// Bench part a, first start (issue 9 § 7): `sozialraum serve` on an empty data directory, from the
// process start to the first answer of the map's values — what a person waits for after
// `npm start` — and, for comparison in the same run, a new PGlite database with and without the
// empty-cluster template prepared at npm install (docs/adr/0027-empty-cluster-at-install.md).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../packages/server/src/config.ts';
import {
  clusterTemplatePath,
  prepareClusterTemplate,
} from '../packages/server/src/db/cluster-template.ts';
import { openDb } from '../packages/server/src/db/db.ts';
import { prepareMigratedTemplate } from '../packages/server/src/db/migrated-template.ts';
import { de, seconds, type Section } from './format.ts';

const VALUES =
  '/api/values?indicator=ewr_share_age_below_6&system=lor2021&level=plr&date=2024-12-31';

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

/** Opens a new PGlite database in dir (with or without the template); wall and CPU ms. */
async function openNew(dir: string, template: boolean): Promise<{ ms: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const db = await openDb({ dataDir: dir, clusterTemplate: template ? undefined : false });
  const result = { ms: performance.now() - t, cpu: cpuSeconds(c) };
  await db.close();
  return result;
}

/** CPU seconds a process has used so far (Linux: /proc/<pid>/stat, in clock ticks of 1/100 s). */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // after "pid (comm) ": state is field 3, utime 14, stime 15 → indices 11 and 12 here
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

interface Latencies {
  values: number[];
  profile: number[];
}

const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/** One request as a browser sends it (gzip), body read; ms. */
async function timed(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, { headers: BROWSER });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} antwortete ${res.status}`);
  return performance.now() - t;
}

/** One person clicking: the map's values and an area profile in turn, until `until()` (or n pairs). */
async function clicks(base: string, profile: string, until: () => boolean, n = Infinity) {
  const out: Latencies = { values: [], profile: [] };
  for (let i = 0; i < n && !until(); i++) {
    out.values.push(await timed(base + VALUES));
    out.profile.push(await timed(base + profile));
  }
  return out;
}

export const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};

interface FirstStart {
  readyMs: number;
  valuesMs: number;
  completeMs: number;
  cpuMs: number | undefined;
  cpuCompleteMs: number | undefined;
  during: Latencies;
  idle: Latencies;
}

/**
 * Starts `sozialraum serve` on an empty data directory; ms until "bereit", until the map's values,
 * until the demo's second phase is done (ADR 0053), the server's CPU time at those points, and the
 * latency of the map's values and an area profile while the second phase runs and afterwards.
 */
async function firstStart(dataDir: string): Promise<FirstStart> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'packages/server/bin/sozialraum.mjs'), 'serve'],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SOZIALRAUM_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let completeMs: number | undefined;
  let cpuCompleteMs: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (completeMs === undefined && out.includes('Berlin-Demo vollständig geladen')) {
      completeMs = performance.now() - t0;
      cpuCompleteMs = processCpuMs(child.pid);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  try {
    const { port, readyMs } = await new Promise<{ port: number; readyMs: number }>(
      (resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('erster Start: nach 180 s nicht bereit')),
          180_000,
        );
        const look = () => {
          const m = /läuft auf http:\/\/localhost:(\d+)/.exec(out);
          if (!m) return;
          clearTimeout(timer);
          child.stdout.off('data', look);
          resolve({ port: Number(m[1]), readyMs: performance.now() - t0 });
        };
        child.stdout.on('data', look);
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`erster Start: Prozess endete mit ${code}:\n${out.slice(-2000)}`));
        });
      },
    );
    const base = `http://127.0.0.1:${port}`;
    const res = await fetch(base + VALUES);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`erster Start: ${VALUES} antwortete ${res.status}`);
    const valuesMs = performance.now() - t0;
    const cpuMs = processCpuMs(child.pid);
    // a fixed Planungsraum (the first by code), as in section g
    const areas = (await (await fetch(`${base}/api/areas?system=lor2021&level=plr`)).json()) as {
      id: number;
      code: string;
    }[];
    const area = [...areas].sort((x, y) => x.code.localeCompare(y.code))[0]!;
    const profile = `/api/areas/${area.id}/profile`;
    const limit = performance.now() + 300_000;
    const during = await clicks(base, profile, () => completeMs !== undefined);
    while (completeMs === undefined) {
      if (performance.now() > limit) throw new Error('erster Start: nach 300 s nicht vollständig');
      await new Promise((r) => setTimeout(r, 100));
    }
    // afterwards: the same clicks on the idle server (as many, at least 20)
    const idle = await clicks(base, profile, () => false, Math.max(20, during.values.length));
    return { readyMs, valuesMs, completeMs, cpuMs, cpuCompleteMs, during, idle };
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
    await new Promise((r) => child.once('close', r));
  }
}

const ms = (x: number) => `${de(x, x < 10 ? 1 : 0)} ms`;

/** Rows and notes for section a: first start against reading + parsing the demo files. */
export async function benchFirstStart(
  parseMs: number,
): Promise<{ rows: Section['rows']; notes: string[] }> {
  console.log('(a) erster Start: sozialraum serve auf ein leeres Datenverzeichnis …');
  const prepared = await prepareClusterTemplate();
  // npm install prepares the migrated template too (ADR 0053); the first start uses it
  await prepareMigratedTemplate();
  const work = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-first-start-'));
  try {
    const withTemplate = await openNew(path.join(work, 'with'), true);
    const withoutTemplate = await openNew(path.join(work, 'without'), false);
    const start = await firstStart(path.join(work, 'serve'));
    return {
      rows: [
        [
          'Neue PGlite-Datenbank aus der Vorlage (npm install)',
          seconds(withTemplate.ms),
          `ohne Vorlage (initdb): ${seconds(withoutTemplate.ms)}`,
          `${de(withTemplate.ms / withoutTemplate.ms, 2)}×`,
        ],
        [
          'Erster Start bis „bereit“ (`sozialraum serve`, leeres Verzeichnis)',
          seconds(start.readyMs),
          `Dateien nur lesen + parsen: ${seconds(parseMs)}`,
          `${de(start.readyMs / parseMs, 0)}×`,
        ],
        [
          'Erster Start bis zur ersten Kartenantwort (`/api/values`)',
          seconds(start.valuesMs),
          'Ziel: ≤ 15 s',
          start.valuesMs <= 15_000 ? 'erreicht' : 'nicht erreicht',
        ],
        [
          'Erster Start: CPU-Zeit des Server-Prozesses bis dahin',
          start.cpuMs === undefined ? '–' : seconds(start.cpuMs),
          '–',
          '–',
        ],
        [
          'Erster Start bis vollständig geladen (zweite Stufe im Hintergrund, ADR 0053)',
          seconds(start.completeMs),
          `bis zur ersten Kartenantwort: ${seconds(start.valuesMs)}`,
          `${de(start.completeMs / start.valuesMs, 1)}×`,
        ],
        [
          'Erster Start: CPU-Zeit des Server-Prozesses bis vollständig geladen',
          start.cpuCompleteMs === undefined ? '–' : seconds(start.cpuCompleteMs),
          '–',
          '–',
        ],
        ...(['values', 'profile'] as const).map((k): Section['rows'][number] => {
          const d = start.during[k];
          const i = start.idle[k];
          return [
            `${k === 'values' ? 'Kartenwerte (`/api/values`)' : 'Gebietsprofil'} während der zweiten Stufe: p50 / p99 (${d.length} Anfragen)`,
            `${ms(quantile(d, 0.5))} / ${ms(quantile(d, 0.99))}`,
            `danach, ruhig: ${ms(quantile(i, 0.5))} / ${ms(quantile(i, 0.99))} (${i.length})`,
            `${de(quantile(d, 0.5) / quantile(i, 0.5), 1)}× / ${de(quantile(d, 0.99) / quantile(i, 0.99), 1)}×`,
          ];
        }),
      ],
      notes: [
        `Vorlage: ${path.relative(REPO_ROOT, clusterTemplatePath())} (${prepared === 'written' ? 'in diesem Lauf angelegt' : 'von npm install'}); CPU-Zeit anlegen mit Vorlage ${seconds(withTemplate.cpu)}, ohne ${seconds(withoutTemplate.cpu)}.`,
        'Erster Start = ein eigener Prozess (Node, tsx, Module, Datenbank anlegen, Migrationen, erste Stufe der Demo laden, App bauen, lauschen) bis zur Zeile „bereit“ bzw. bis die Kartenwerte der Planungsräume vollständig empfangen sind; ohne `npm run build:web`, das `npm start` davor ausführt. „Vollständig geladen“ = die Zeile „Berlin-Demo vollständig geladen“ (zweite Stufe als Auftrag nach dem Lauschen, ADR 0053).',
        'Latenz während der zweiten Stufe: eine Person klickt ohne Pause abwechselnd Kartenwerte (Anteil unter 6, Planungsräume, 31.12.2024, gzip) und das Profil eines Planungsraums, vom ersten Kartenbild bis „vollständig geladen“; danach dieselben Klicks auf dem ruhigen Server.',
      ],
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
