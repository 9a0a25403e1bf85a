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

/**
 * Starts `sozialraum serve` on an empty data directory; ms until "bereit" and until the map's
 * values, and the server process's CPU time at that point.
 */
async function firstStart(
  dataDir: string,
): Promise<{ readyMs: number; valuesMs: number; cpuMs: number | undefined }> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'packages/server/bin/sozialraum.mjs'), 'serve'],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SOZIALRAUM_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    const { port, readyMs } = await new Promise<{ port: number; readyMs: number }>(
      (resolve, reject) => {
        let out = '';
        const timer = setTimeout(
          () => reject(new Error('erster Start: nach 180 s nicht bereit')),
          180_000,
        );
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /läuft auf http:\/\/localhost:(\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve({ port: Number(m[1]), readyMs: performance.now() - t0 });
          }
        });
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`erster Start: Prozess endete mit ${code}:\n${out.slice(-2000)}`));
        });
      },
    );
    const res = await fetch(`http://127.0.0.1:${port}${VALUES}`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`erster Start: ${VALUES} antwortete ${res.status}`);
    return { readyMs, valuesMs: performance.now() - t0, cpuMs: processCpuMs(child.pid) };
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
    await new Promise((r) => child.once('close', r));
  }
}

/** Rows and notes for section a: first start against reading + parsing the demo files. */
export async function benchFirstStart(
  parseMs: number,
): Promise<{ rows: Section['rows']; notes: string[] }> {
  console.log('(a) erster Start: sozialraum serve auf ein leeres Datenverzeichnis …');
  const prepared = await prepareClusterTemplate();
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
      ],
      notes: [
        `Vorlage: ${path.relative(REPO_ROOT, clusterTemplatePath())} (${prepared === 'written' ? 'in diesem Lauf angelegt' : 'von npm install'}); CPU-Zeit anlegen mit Vorlage ${seconds(withTemplate.cpu)}, ohne ${seconds(withoutTemplate.cpu)}.`,
        'Erster Start = ein eigener Prozess (Node, tsx, Module, Datenbank anlegen, Migrationen, Demo laden, App bauen, lauschen) bis zur Zeile „bereit“ bzw. bis die Kartenwerte der Planungsräume vollständig empfangen sind; ohne `npm run build:web`, das `npm start` davor ausführt.',
      ],
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
