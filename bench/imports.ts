// Bench parts that import: (a) the Berlin demo into an empty database, (c) a long CSV through the
// import service, (h) both on a PostgreSQL server. Each next to reading + parsing the same files.
import { createWriteStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createCsvParser, createStreamingDecoder } from '@sozialraum/core';
import { REPO_ROOT } from '../packages/server/src/config.ts';
import { openDb, type Db, type OpenDbOptions } from '../packages/server/src/db/db.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import {
  BERLIN_TENANT,
  loadBerlinFirstPhase,
  loadBerlinSecondPhase,
} from '../packages/server/src/seed/berlin/index.ts';
import { readCsvRecords as readDemoCsv } from '../packages/server/src/seed/berlin/read-csv.ts';
import { runTableImport } from '../packages/server/src/modules/imports/service.ts';
import { de, mb, printSection, seconds, type Section } from './format.ts';

const TENANT = 'berlin';

// ---------------------------------------------------------------- (a) demo import

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out.sort();
}

export async function benchDemoImport(
  where: OpenDbOptions,
): Promise<{ db: Db; section: Section; parseMs: number }> {
  const engine = where.databaseUrl ? 'PostgreSQL-Server' : 'PGlite';
  console.log(`(a) Berlin-Demo in eine leere ${engine}-Datenbank laden …`);
  const demoDir = path.join(REPO_ROOT, 'demo-data/berlin');
  // baseline: read and parse the same files without a database
  const files = (await listFiles(demoDir)).filter((f) => /\.(csv|geojson)$/.test(f));
  const tb = performance.now();
  let parsedRecords = 0;
  let parsedFeatures = 0;
  let bytes = 0;
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    bytes += Buffer.byteLength(text);
    if (f.endsWith('.csv')) parsedRecords += readDemoCsv(text).records.length;
    else parsedFeatures += (JSON.parse(text) as { features: unknown[] }).features.length;
  }
  const baselineMs = performance.now() - tb;

  // Wall clock and the process's CPU time per phase: on a shared machine the wall clock follows the
  // foreign load, the CPU time hardly (PGlite runs in this thread).
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  const to = performance.now();
  let cpu = process.cpuUsage();
  const db = await openDb(where);
  const openMs = performance.now() - to;
  const openCpu = cpuMs(cpu);
  const tm = performance.now();
  cpu = process.cpuUsage();
  await migrate(db);
  const migrateMs = performance.now() - tm;
  const migrateCpu = cpuMs(cpu);
  if ((await db.query('SELECT 1 FROM area LIMIT 1')).length > 0) {
    await db.close();
    throw new Error(`Die Datenbank ist nicht leer: bitte eine leere ${engine}-Datenbank angeben.`);
  }
  const tl = performance.now();
  cpu = process.cpuUsage();
  // both phases of ADR 0053 one after the other, timed each
  const first = await loadBerlinFirstPhase(db);
  const firstMs = performance.now() - tl;
  const firstCpu = cpuMs(cpu);
  const second = await loadBerlinSecondPhase(db, BERLIN_TENANT.id);
  const loadMs = performance.now() - tl;
  const loadCpu = cpuMs(cpu);
  const stats = { ...first };
  for (const k of Object.keys(stats) as (keyof typeof stats)[]) stats[k] += second[k];
  const stored = stats.observations + stats.aggregated + stats.derived;
  const section: Section = {
    title: `a. Berlin-Demo: Import in eine leere Datenbank (${engine})`,
    rows: [
      [
        where.databaseUrl ? 'Verbindung aufbauen' : 'Datenbank anlegen (PGlite)',
        seconds(openMs),
        `CPU-Zeit: ${seconds(openCpu)}`,
        '–',
      ],
      ['Migrationen', seconds(migrateMs), `CPU-Zeit: ${seconds(migrateCpu)}`, '–'],
      [
        'Demo laden, erste Stufe (eine Transaktion, vor dem Lauschen)',
        seconds(firstMs),
        `CPU-Zeit: ${seconds(firstCpu)}`,
        '–',
      ],
      [
        'Demo laden, zweite Stufe (kurze Transaktionen)',
        seconds(loadMs - firstMs),
        `CPU-Zeit: ${seconds(loadCpu - firstCpu)}`,
        '–',
      ],
      [
        'Demo laden (beide Stufen nacheinander)',
        seconds(loadMs),
        `Dateien nur lesen + parsen: ${seconds(baselineMs)}`,
        `${de(loadMs / baselineMs, 0)}×`,
      ],
      ['Demo laden: CPU-Zeit des Prozesses', seconds(loadCpu), '–', '–'],
      [
        'gelesene Werte (Beobachtungen) je s',
        de(stats.observations / (loadMs / 1000)),
        `${de(parsedRecords / (baselineMs / 1000))} CSV-Zeilen/s geparst`,
        '–',
      ],
      [
        'gespeicherte Zeilen je s (Werte + Aggregate + Anteile)',
        de(stored / (loadMs / 1000)),
        '–',
        '–',
      ],
    ],
    notes: [
      `${files.length} Dateien, ${mb(bytes)}: ${de(parsedRecords)} CSV-Zeilen, ${de(parsedFeatures)} GeoJSON-Objekte.`,
      `Geschrieben: ${de(stats.areas)} Gebiete, ${de(stats.observations)} Beobachtungen, ${de(stats.aggregated)} Aggregate, ${de(stats.derived)} abgeleitete Anteile, ${de(stats.points)} Standorte.`,
    ],
  };
  printSection(section);
  return { db, section, parseMs: baselineMs };
}

// ---------------------------------------------------------------- (c) 1,000,000-row CSV import

/** Writes a German long CSV (';', decimal comma, dd.mm.yyyy) with `rows` rows over all PLR codes. */
export async function writeLongCsv(
  file: string,
  codes: string[],
  rows: number,
  indicatorId = 'bench_wert',
): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write('Planungsraum;Indikator;Stichtag;Wert\r\n');
  const day0 = Date.UTC(2000, 0, 1);
  let n = 0;
  let buf = '';
  for (let d = 0; n < rows; d++) {
    const dt = new Date(day0 + d * 86_400_000);
    const date = `${String(dt.getUTCDate()).padStart(2, '0')}.${String(dt.getUTCMonth() + 1).padStart(2, '0')}.${dt.getUTCFullYear()}`;
    for (let i = 0; i < codes.length && n < rows; i++, n++) {
      // deterministic values with one decimal, e.g. "12,3"
      const v = ((i * 7919 + d * 104729) % 1000) / 10;
      buf += `${codes[i]};${indicatorId};${date};${v.toFixed(1).replace('.', ',')}\r\n`;
      if (buf.length > 1 << 20) {
        await write(buf);
        buf = '';
      }
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

async function parseOnly(file: string): Promise<{ records: number; ms: number; peakRss: number }> {
  const { createReadStream } = await import('node:fs');
  const rss = sampleRss();
  const t = performance.now();
  const decoder = createStreamingDecoder('utf-8');
  const parser = createCsvParser({ delimiter: ';' });
  let records = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    records += parser.push(decoder.decode(chunk as Buffer)).length;
  }
  records += parser.push(decoder.end()).length + parser.end().length;
  return { records: records - 1, ms: performance.now() - t, peakRss: rss.stop() };
}

/** Imports a file written by writeLongCsv through the import service, as one new indicator. */
export function importLongCsv(
  db: Db,
  dir: string,
  name: string,
  bytes: number,
  indicatorId: string,
) {
  return runTableImport(
    db,
    TENANT,
    { id: `bench-${indicatorId}`, dir, files: [{ name, path: path.join(dir, name), bytes }] },
    {
      dryRun: false,
      systemId: 'lor2021',
      levelId: 'plr',
      mapping: {
        layout: 'long',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicatorColumn: 'Indikator',
        valueColumn: 'Wert',
      },
      delimiter: ';',
      decimal: ',',
      thousands: null,
      newIndicators: [
        {
          id: indicatorId,
          nameDe: 'Benchmark-Wert',
          unit: 'index',
          dimension: 'social_index',
          polarity: 'neutral',
          decimals: 1,
        },
      ],
      source: {
        id: 'bench',
        title: 'Benchmark (synthetisch)',
        publisher: 'Sozialraum',
        licence: 'CC0-1.0',
        attribution: 'synthetische Daten',
      },
    },
  );
}

export async function benchMillionRows(db: Db, work: string, rows: number): Promise<Section> {
  console.log(`(c) ${de(rows)} Zeilen als lange CSV erzeugen und importieren …`);
  const codes = (
    await db.query<{ code: string }>(
      "SELECT code FROM area WHERE tenant_id = $1 AND system_id = 'lor2021' AND level_id = 'plr' ORDER BY code",
      [TENANT],
    )
  ).map((r) => r.code);
  const dir = path.join(work, 'upload');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  const file = path.join(dir, 'bench_long.csv');
  await writeLongCsv(file, codes, rows);
  const size = (await stat(file)).size;

  const parsed = await parseOnly(file);
  if (parsed.records !== rows) throw new Error(`Parser las ${parsed.records} statt ${rows} Zeilen`);

  const rssBefore = process.memoryUsage().rss;
  const rss = sampleRss();
  const t = performance.now();
  const report = await importLongCsv(db, dir, 'bench_long.csv', size, 'bench_wert');
  const importMs = performance.now() - t;
  const peak = rss.stop();
  if (report.status !== 'succeeded')
    throw new Error(`Import: ${report.status} ${JSON.stringify(report.errors.slice(0, 3))}`);
  const rate = (n: number, ms: number) => n / (ms / 1000);
  const section: Section = {
    title: `c. ${de(rows)}-Zeilen-CSV (lang, deutsch) über den Import-Dienst`,
    rows: [
      [
        'Zeilen/s (Import, eine Transaktion)',
        de(rate(report.rowsRead, importMs)),
        `nur parsen (gleicher Parser): ${de(rate(parsed.records, parsed.ms))}`,
        `${de(rate(parsed.records, parsed.ms) / rate(report.rowsRead, importMs), 0)}× langsamer`,
      ],
      ['Dauer', seconds(importMs), seconds(parsed.ms), '–'],
      [
        'Spitzen-RSS während des Imports',
        mb(peak),
        `vor dem Import: ${mb(rssBefore)}; nur parsen: ${mb(parsed.peakRss)}`,
        `+${mb(peak - rssBefore)}`,
      ],
    ],
    notes: [
      `Datei: ${mb(size)}, ${de(codes.length)} Planungsräume × ${de(Math.ceil(rows / codes.length))} Stichtage; gelesen ${de(report.rowsRead)}, geschrieben ${de(report.rowsWritten)}.`,
      'Import = `runTableImport` (Streaming-Decoder + CSV-Parser aus core, Zuordnung; Werte eines Indikators, den der Import selbst anlegt, ab 2.000 Werten als Pakete – eine Zeile je Stichtag mit den Werten von bis zu 500 Gebieten, gelesen über die Sicht `observation` (ADR 0063), je ~50.000 Werte ein COPY mit einer Runde der Ereignisschleife dazwischen, Aggregation auf obere Ebenen in core –; Werte vorhandener Indikatoren je 2.500 Zeilen in eine Staging-Tabelle und ein mengenbasierter Upsert, Aggregation in SQL nur für die berührten Stichtage; Audit) in die Demo-Datenbank. Der Bench-Indikator ist ein Index: keine Aggregation.',
      `${db.engine === 'pglite' ? 'RSS enthält PGlite (WASM-Heap, etwa 800 MB)' : 'RSS nur dieses Prozesses (der PostgreSQL-Server läuft in eigenen Prozessen)'}. Zuwachs während des Imports ${mb(Math.max(0, peak - rssBefore))} bei ${mb(size)} Datei: die Datei wird in Blöcken gelesen und geschrieben, nicht ganz in den Speicher geladen (alle 50 ms gemessen).`,
    ],
  };
  printSection(section);
  return section;
}

// ---------------------------------------------------------------- (h) a and c on a PostgreSQL server

/**
 * The demo load (a) and the long CSV (c) against a PostgreSQL server, each next to the same
 * baseline as on PGlite (reading + parsing the same files in this run).
 */
export async function benchPostgres(
  databaseUrl: string,
  work: string,
  rows: number,
): Promise<Section> {
  console.log('(h) a und c auf einem PostgreSQL-Server …');
  const a = await benchDemoImport({ databaseUrl });
  try {
    const c = await benchMillionRows(a.db, work, rows);
    const [version] = await a.db.query<{ v: string }>(
      "SELECT current_setting('server_version') AS v",
    );
    const section: Section = {
      title: 'h. Dieselben Messungen wie a und c auf einem PostgreSQL-Server',
      rows: [
        ...a.section.rows.map(([m, r, v, x]): Section['rows'][number] => [`Demo: ${m}`, r, v, x]),
        ...c.rows.map(([m, r, v, x]): Section['rows'][number] => [
          `${de(rows)} Zeilen: ${m}`,
          r,
          v,
          x,
        ]),
      ],
      notes: [
        `PostgreSQL ${version?.v ?? '?'} auf demselben Rechner (\`--database-url\`, eine leere Datenbank), über node-postgres; COPY FROM STDIN statt PGlites /dev/blob. Zeilenweise Fremdschlüsselprüfungen bleiben hier an (Sql.withoutRowTriggers).`,
        ...a.section.notes.map((n) => `Demo: ${n}`),
        ...c.notes.map((n) => `${de(rows)} Zeilen: ${n}`),
      ],
    };
    printSection(section);
    return section;
  } finally {
    await a.db.close();
  }
}
