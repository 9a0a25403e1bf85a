// temporary: statement timings of bench c (deleted before commit)
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, stat } from 'node:fs/promises';
import { benchDemoImport, writeLongCsv } from '../../bench/imports.ts';
import { runTableImport } from './src/modules/imports/service.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
function importCount(db: any, dir: string, name: string, bytes: number) {
  return runTableImport(db, 'berlin', { id: 'c', dir, files: [{ name, path: path.join(dir, name), bytes }] }, {
    dryRun: false, systemId: 'lor2021', levelId: 'plr',
    mapping: { layout: 'long', areaColumn: 'Planungsraum', areaKey: 'code', date: { column: 'Stichtag' }, indicatorColumn: 'Indikator', valueColumn: 'Wert' },
    delimiter: ';', decimal: ',', thousands: null,
    newIndicators: [{ id: 'bench_wert', nameDe: 'Zahl', unit: 'count', dimension: 'social_index', polarity: 'neutral', decimals: 1 }],
    source: { id: 'bench', title: 'B', publisher: 'S', licence: 'CC0-1.0', attribution: 's' },
  } as any);
}
const h = monitorEventLoopDelay({ resolution: 10 }); h.enable();
const work = await mkdtemp(path.join(os.tmpdir(), 'prof-'));
const a = await benchDemoImport({ dataDir: path.join(work, 'pglite') });
const db = a.db;
const codes = (await db.query<{ code: string }>("SELECT code FROM area WHERE system_id='lor2021' AND level_id='plr' ORDER BY code")).map((r) => r.code);
const dir = path.join(work, 'up'); await import('node:fs/promises').then((f) => f.mkdir(dir));
await writeLongCsv(path.join(dir, 'b.csv'), codes, 1_000_000);
const size = (await stat(path.join(dir, 'b.csv'))).size;
const times = new Map<string, { n: number; ms: number }>();
const orig = db.transaction.bind(db);
(db as any).transaction = (fn: any) => orig((tx: any) => {
  for (const m of ['query', 'exec', 'copyRows']) {
    const f = tx[m].bind(tx);
    tx[m] = async (...args: any[]) => {
      const t = performance.now();
      try { return await f(...args); } finally {
        const key = m + ': ' + String(args[0]).replace(/\s+/g, ' ').slice(0, 70);
        const d = performance.now() - t; const e = times.get(key) ?? { n: 0, ms: 0, max: 0 }; e.n++; e.ms += d; e.max = Math.max(e.max, d); times.set(key, e);
      }
    };
  }
  return fn(tx);
});
import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
const session = new Session(); session.connect();
await session.post('Profiler.enable'); await session.post('Profiler.start');
const cpu0 = process.cpuUsage(); const t = performance.now();
const r = await importCount(db, dir, 'b.csv', size);
const total = performance.now() - t; h.disable(); console.log('max stall', (h.max/1e6).toFixed(0), 'ms');
const { profile } = await session.post('Profiler.stop');
fs.rmSync('/tmp/cpuprof', { recursive: true, force: true }); fs.mkdirSync('/tmp/cpuprof');
fs.writeFileSync('/tmp/cpuprof/import.cpuprofile', JSON.stringify(profile));
console.log(r.status, r.rowsWritten, 'total', total.toFixed(0), 'ms; cpu', ((process.cpuUsage(cpu0).user) / 1000).toFixed(0));
let sum = 0;
for (const [k, v] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) { console.log(v.ms.toFixed(0).padStart(7), String(v.n).padStart(6), "max", v.max.toFixed(0).padStart(5), k); }
for (const v of times.values()) sum += v.ms;
console.log('sql total', sum.toFixed(0));
process.exit(0);
