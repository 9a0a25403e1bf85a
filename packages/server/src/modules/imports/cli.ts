// `sozialraum import …`: the same analysis and all-or-nothing import as the web page, for scripts.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { openDb } from '../../db/db.ts';
import { migrate } from '../../db/migrate.ts';
import { ensureTenant } from '../ingest/index.ts';
import { ImportFileError } from './readers/errors.ts';
import type { ImportReport } from './report.ts';
import { runBodySchema } from '@sozialraum/contracts/imports';
import { analyzeUpload, runAreaImport, runTableImport, type Analysis } from './service.ts';
import type { Upload } from './uploads.ts';
import { JobRunner } from '../jobs/index.ts';
import { importJob } from './import-job.ts';
import type { Progress } from './progress.ts';

const HELP = `sozialraum import <Datei…> [Optionen]

Tabellen (CSV, XLSX) oder Gebiete (GeoJSON, Shapefile als .zip oder .shp/.dbf/.prj, GeoPackage).
Ohne --mapping wird die Datei nur geprüft und ein Zuordnungsvorschlag ausgegeben.

  --mapping <datei.json>   Zuordnung (wie vom Vorschlag ausgegeben, ggf. bearbeitet) und Import
  --accept-suggestion      den Vorschlag ohne Bearbeitung übernehmen
  --dry-run                nur prüfen, nichts schreiben
  --json                   Bericht als JSON ausgeben
`;

/** Runs the import command; returns the exit code. */
export async function runImportCli(argv: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      'accept-suggestion': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(HELP);
    return positionals.length === 0 && !values.help ? 2 : 0;
  }
  const files = [];
  for (const p of positionals) {
    const full = path.resolve(p);
    const s = await stat(full).catch(() => null);
    if (!s?.isFile()) {
      console.error(`${p}: Datei nicht gefunden.`);
      return 2;
    }
    files.push({ name: path.basename(full), path: full, bytes: s.size });
  }
  const upload: Upload = { id: 'cli', dir: path.dirname(files[0]!.path), files };
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    await db.transaction((tx) =>
      ensureTenant(tx, config.tenantId, config.tenantAgs, config.tenantName),
    );
    let analysis: Analysis;
    try {
      analysis = await analyzeUpload(db, config.tenantId, upload);
    } catch (err) {
      if (err instanceof ImportFileError) {
        for (const i of err.issues) console.error(formatIssue(i));
        return 1;
      }
      throw err;
    }
    printAnalysis(analysis);
    let body: unknown;
    if (values.mapping) body = JSON.parse(await readFile(values.mapping, 'utf8'));
    else if (values['accept-suggestion']) body = suggestionBody(analysis);
    else {
      console.log(
        '\nZuordnungsvorschlag (als Datei speichern, prüfen und mit --mapping übergeben):',
      );
      console.log(JSON.stringify(suggestionBody(analysis), null, 2));
      return 0;
    }
    const parsed = runBodySchema.safeParse({ ...(body as object), dryRun: values['dry-run'] });
    if (!parsed.success) {
      console.error(
        `Zuordnung ungültig: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      return 2;
    }
    const b = parsed.data;
    const bar = progressBar();
    const work = (onProgress: (p: Progress) => void) =>
      b.kind === 'table'
        ? runTableImport(
            db,
            config.tenantId,
            upload,
            {
              ...b,
              source: b.source ? { ...b.source, id: b.source.id ?? '' } : undefined,
              actor: 'cli',
            },
            onProgress,
          )
        : runAreaImport(db, config.tenantId, upload, {
            ...b,
            source: b.source ? { ...b.source, id: b.source.id ?? '' } : undefined,
            actor: 'cli',
          });
    // recorded as a job like an import from the web page (ADR 0025): the administration sees it
    const jobs = new JobRunner(db);
    const job = await jobs.start(
      config.tenantId,
      importJob(b.kind, work),
      { files: files.map((f) => f.name), ...b },
      { startedBy: 'cli', userId: null },
    );
    const off = jobs.subscribe(config.tenantId, job.id, (e) => {
      if (!e.done && e.progress) bar(e.progress as Progress);
    });
    const report: ImportReport = await job.done.finally(off);
    await jobs.stop();
    process.stderr.write('\n');
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
    return report.status === 'failed' ? 1 : 0;
  } finally {
    await db.close();
  }
}

function suggestionBody(a: Analysis): Record<string, unknown> {
  if (a.kind === 'table') {
    return {
      kind: 'table',
      systemId: a.suggestion.systemId,
      levelId: a.suggestion.levelId,
      mapping: a.suggestion.mapping,
    };
  }
  return {
    kind: 'areas',
    systemId: 'neu',
    systemName: 'Neues Gebietssystem',
    levelId: 'gebiet',
    levelNameDe: 'Gebiet',
    codeProperty: a.suggestion.codeProperty,
    nameProperty: a.suggestion.nameProperty,
  };
}

function formatIssue(i: {
  file: string;
  line?: number | undefined;
  column?: number | string | undefined;
  message: string;
}): string {
  const where = [
    i.file,
    i.line !== undefined ? `Zeile ${i.line}` : null,
    i.column !== undefined ? `Spalte ${i.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return i.message.startsWith('Zeile') || i.message.startsWith(i.file)
    ? `${i.file}: ${i.message}`
    : `${where}: ${i.message}`;
}

function printAnalysis(a: Analysis): void {
  if (a.kind === 'table') {
    const d = a.detection;
    console.log(
      `${a.file}: ${d.format.toUpperCase()}${d.encoding ? `, Kodierung ${d.encoding}${d.bom ? ' (mit BOM)' : ''}` : ''}${d.dialect ? `, Trennzeichen ${JSON.stringify(d.dialect.delimiter)}, Dezimalzeichen '${d.dialect.decimal}'` : ''}`,
    );
    console.log(`Spalten: ${d.header.join(' | ')}`);
    if (a.suggestion.systemId)
      console.log(
        `Gebietsebene: ${a.suggestion.systemId}/${a.suggestion.levelId} (${a.suggestion.matchedCodes} von ${d.sampleRows.length} Beispielzeilen passen)`,
      );
    for (const p of a.problems) console.log(`Warnung: ${p.message}`);
  } else {
    console.log(
      `${a.files.join(', ')}: ${a.format}, ${a.featureCount} Objekte, Koordinatensystem ${a.crs}`,
    );
    console.log(`Attribute: ${a.properties.join(', ')}`);
    for (const w of a.warnings) console.log(`Hinweis: ${w}`);
  }
}

function printReport(r: ImportReport): void {
  const label = {
    succeeded: 'Import erfolgreich',
    unchanged: 'Keine Änderungen (Daten waren bereits aktuell)',
    failed: 'Import abgelehnt – nichts wurde geändert',
    dry_run: 'Probelauf (nichts geschrieben)',
  }[r.status];
  console.log(
    `${label}: ${r.rowsRead.toLocaleString('de-DE')} Zeilen gelesen, ${r.rowsWritten.toLocaleString('de-DE')} Werte geschrieben.`,
  );
  for (const w of r.warnings) console.log(`Hinweis: ${w}`);
  for (const e of r.errors) console.log(formatIssue(e));
  if (r.errorCount > r.errors.length) console.log(`… insgesamt ${r.errorCount} Fehler.`);
  if (r.unmatched?.length) console.log(`Nicht zugeordnet: ${r.unmatched.slice(0, 50).join(', ')}`);
}

function progressBar() {
  let last = 0;
  return (p: { phase: string; bytesRead: number; bytesTotal: number; rowsRead: number }) => {
    const now = Date.now();
    if (now - last < 250 || !process.stderr.isTTY) return;
    last = now;
    const frac = p.bytesTotal ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
    const w = 30;
    const bar = '█'.repeat(Math.round(frac * w)).padEnd(w, '░');
    process.stderr.write(
      `\r${bar} ${(frac * 100).toFixed(0).padStart(3)} %  ${p.rowsRead.toLocaleString('de-DE')} Zeilen  (${p.phase})   `,
    );
  };
}
