// The Berlin demo in two phases (issue 9 § 7, ADR 0053). Phase 1, one transaction before the server
// listens: tenant, sources, both area systems with their areas, the catalogue and the newest two
// dates of the population register (values, aggregates, derived shares) — what the start page and
// the map's start view show. Phase 2, a job after listening: the other 18 dates, the MSS editions,
// facility points, directory, cooperations, supply targets and ANALYZE, in many short transactions
// (PGlite has one connection: a long transaction would hold every page request). Each step writes
// every indicator of a date completely (values with their aggregates, or a derived share on every
// level), so no screen ever sees half of an indicator's date, and records its name in the same
// transaction (job_step): a restart resumes after the last committed step.
import {
  deriveStoredShares,
  formatDate,
  rollUpStoredValues,
  type ComputedValue,
  type StoredValue,
} from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import {
  areaIdsByCode,
  dropObservationIndexesWhenEmpty,
  ensureTenant,
  finishImportRun,
  insertComputedObservations,
  insertObservations,
  openImportRunIds,
  pauseImportRun,
  restoreObservationIndexes,
  selectRollUpFrame,
  setOpenImportRunsStatus,
  storedValue,
  upsertAreaSystem,
  upsertIndicators,
  upsertSources,
  type ObservationInput,
  type RollUpFrame,
} from '../../modules/ingest/index.ts';
import { writeAudit } from '../../modules/audit/index.ts';
import { loadDirectoryFromPoints } from '../../modules/directory/index.ts';
import { invalidateCatalogueCache } from '../../modules/indicators/index.ts';
import {
  listJobSteps,
  recordJobStep,
  type JobKind,
  type JobProgress,
} from '../../modules/jobs/index.ts';
import { seedResidents, seedTargetsFromBands } from '../../modules/supply/index.ts';
import { BERLIN_TENANT, berlinCatalogue } from './catalogue.ts';
import {
  DEMO_DIR,
  loadAreas,
  loadDemoCooperations,
  loadPointDataset,
  readMss,
  recordFile,
  type MssFile,
} from './load-berlin.ts';
import {
  populationDates,
  populationFileNames,
  readPopulation,
  type PopulationFile,
} from './population.ts';

/** The job kind of phase 2 and the name its steps are recorded under. */
export const DEMO_KIND = 'seed.berlin';
/** Population dates of phase 1: the newest two, so the map's start view is a time series at once. */
const FIRST_DATES = 2;
/**
 * Rows per transaction of phase 2 (at least one whole indicator of a date): a COPY into the indexed
 * table costs ~14 µs a row on PGlite (ADR 0048), so ~5,000 rows are ~70–100 ms of database work.
 */
const ROWS_PER_STEP = 5_000;
/** Phase 2 runs ANALYZE of observation after this many dates (PGlite never analyses on its own). */
const ANALYZE_EVERY_DATES = 5;
/**
 * Phase 2 invalidates the caches of what screens show (catalogue, coverage, prepared answers) at
 * most this often (and at its end): each invalidation makes the next reader recompute the coverage
 * over all values, which is what page requests during phase 2 wait for most (bench a).
 */
const INVALIDATE_EVERY_MS = 5_000;
/** work_mem of phase 1's transaction (measured: ~1–1,5 s less CPU than 4 MB, docs/benchmarks.md a). */
const FIRST_LOAD_WORK_MEM = '256MB';

type Log = (message: string) => void;

export interface DemoStats {
  areas: number;
  observations: number;
  aggregated: number;
  derived: number;
  points: number;
  directory: number;
  cooperations: number;
}

const emptyStats = (): DemoStats => ({
  areas: 0,
  observations: 0,
  aggregated: 0,
  derived: 0,
  points: 0,
  directory: 0,
  cooperations: 0,
});

/** One step: writes in the transaction it is given; `names` are recorded in the same one. */
interface Step {
  names: string[];
  /** what the step loads, in German words (the job's failure names it: ADR 0062) */
  label: string;
  write(tx: Sql): Promise<void>;
}

/**
 * Phase 2 failed: the job's error names the step and the reason, and says that the app goes on
 * with what is loaded (phase 1 and the steps before) and that the next start continues (ADR 0062).
 */
export class DemoStepFailed extends Error {
  constructor(
    readonly step: string,
    readonly reason: string,
  ) {
    super(
      `Berlin-Demo, zweite Stufe: „${step}“ ist fehlgeschlagen – ${reason}. ` +
        'Die App arbeitet mit den Daten der ersten Stufe (Gebiete, Katalog, Einwohnerdaten der ' +
        'beiden neuesten Stichtage) und allem, was bis dahin vollständig geladen wurde; was fehlt ' +
        '(ältere Jahre, MSS oder Standorte), ist noch nicht zu sehen. Beim nächsten Start setzt der ' +
        'Server das Laden fort.',
    );
    this.name = 'DemoStepFailed';
  }
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** What one indicator has at one date: its imported values (per import run) and computed rows. */
interface IndicatorDate {
  imported: Map<number, ObservationInput[]>;
  aggregated: ComputedValue[];
  derived: ComputedValue[];
  rows: number;
}

/**
 * The steps of one population date: every indicator's values with their aggregates, and every
 * derived share on all levels — each indicator whole in one step, steps of ~ROWS_PER_STEP rows.
 * Aggregates and shares are computed in core from this date's values alone: both are per
 * indicator, area and date (ADR 0048), so the rows equal those of one computation over all dates.
 */
function dateSteps(
  tenantId: string,
  date: string,
  files: readonly PopulationFile[],
  importIds: ReadonlyMap<string, number>,
  frame: RollUpFrame,
  stats: DemoStats,
): Step[] {
  const byIndicator = new Map<string, IndicatorDate>();
  const of = (id: string) => {
    let u = byIndicator.get(id);
    if (!u)
      byIndicator.set(id, (u = { imported: new Map(), aggregated: [], derived: [], rows: 0 }));
    return u;
  };
  const values: StoredValue[] = [];
  for (const f of files) {
    const importId = importIds.get(f.file);
    if (importId === undefined)
      throw new Error(`Berlin-Demo: kein offener Importlauf für ${f.file}`);
    for (const o of f.byDate.get(date) ?? []) {
      values.push(storedValue(o));
      const u = of(o.indicatorId);
      const list = u.imported.get(importId);
      if (list) list.push(o);
      else u.imported.set(importId, [o]);
      u.rows++;
    }
  }
  const aggregated = rollUpStoredValues(values, frame.areas, frame.levels, frame.indicators);
  for (const a of aggregated) {
    const u = of(a.indicatorId);
    u.aggregated.push(a);
    u.rows++;
  }
  for (const d of deriveStoredShares(values.concat(aggregated), frame.indicators)) {
    const u = of(d.indicatorId);
    u.derived.push(d);
    u.rows++;
  }
  // imported indicators with their aggregates, ~ROWS_PER_STEP rows a step; then every derived share
  // of the date in one step (~8,000 rows): all shares always have the same dates, so the map's
  // start indicator (the share with the most dates, web: compareStartIndicators) does not change
  // while phase 2 runs
  const groups: IndicatorDate[][] = [[]];
  let rows = 0;
  const shares: IndicatorDate[] = [];
  for (const u of byIndicator.values()) {
    if (u.derived.length > 0) {
      shares.push(u);
      continue;
    }
    if (rows >= ROWS_PER_STEP) {
      groups.push([]);
      rows = 0;
    }
    groups[groups.length - 1]!.push(u);
    rows += u.rows;
  }
  if (shares.length > 0) groups.push(shares);
  return groups.map((group, k) => ({
    names: [`ewr:${date}:${k}`, ...(k === groups.length - 1 ? [`ewr:${date}`] : [])],
    label:
      `Einwohnerregister, Stichtag ${formatDate(date)}` +
      (groups.length > 1 ? `, Teil ${k + 1} von ${groups.length}` : ''),
    write: async (tx) => {
      const imported = new Map<number, ObservationInput[]>();
      for (const u of group)
        for (const [importId, list] of u.imported)
          imported.set(importId, (imported.get(importId) ?? []).concat(list));
      for (const [importId, list] of imported)
        stats.observations += await insertObservations(tx, tenantId, list, importId);
      const agg = group.flatMap((u) => u.aggregated);
      stats.aggregated += await insertComputedObservations(tx, tenantId, agg, 'aggregated');
      const der = group.flatMap((u) => u.derived);
      stats.derived += await insertComputedObservations(tx, tenantId, der, 'derived');
    },
  }));
}

async function readPopulationOf(sql: Sql, tenantId: string, dir: string) {
  return readPopulation(dir, {
    '2006': await areaIdsByCode(sql, tenantId, 'lor2006', 'plr'),
    '2021': await areaIdsByCode(sql, tenantId, 'lor2021', 'plr'),
  });
}

/**
 * Phase 1 in one transaction, into an empty database: tenant, sources, area systems and areas,
 * indicators, the population files' import runs (waiting until phase 2 continues and closes them;
 * ADR 0062) and the newest FIRST_DATES dates of the register. Afterwards ANALYZE (the read queries
 * need statistics).
 */
export async function loadBerlinFirstPhase(
  db: Db,
  log: Log = () => undefined,
  dir = DEMO_DIR,
): Promise<DemoStats> {
  const t0 = Date.now();
  const tenantId = BERLIN_TENANT.id;
  const stats = emptyStats();
  await db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL work_mem = '${FIRST_LOAD_WORK_MEM}'`);
    await ensureTenant(tx, tenantId, BERLIN_TENANT.ags, BERLIN_TENANT.name);
    await upsertSources(tx, tenantId, berlinCatalogue().sources);
    for (const sys of berlinCatalogue().areaSystems) await upsertAreaSystem(tx, tenantId, sys);
    stats.areas = await loadAreas(tx, tenantId, dir, log);
    await upsertIndicators(tx, tenantId, berlinCatalogue().indicators);
    // all residents are counted by the register's total (gaps need, index rule; ADR 0058), from the
    // start, so that no index computed while phase 2 runs misses the rule's count
    await seedResidents(tx, tenantId, berlinCatalogue().ageBands.total);
    // into an empty table without its indexes, built once afterwards (ADR 0048); phase 2 writes
    // into the indexed table
    const rebuild = await dropObservationIndexesWhenEmpty(tx);
    log('Lade die neuesten Einwohnerdaten …');
    const files = await readPopulationOf(tx, tenantId, dir);
    const importIds = new Map<string, number>();
    for (const f of files)
      importIds.set(
        f.file,
        await recordFile(
          tx,
          tenantId,
          f.path,
          'observations',
          'csv;utf-8;comma;decimal-point;long',
        ),
      );
    const frame = await selectRollUpFrame(tx, tenantId);
    for (const date of populationDates(files).slice(0, FIRST_DATES))
      for (const step of dateSteps(tenantId, date, files, importIds, frame, stats)) {
        await step.write(tx);
        for (const name of step.names) await recordJobStep(tx, tenantId, DEMO_KIND, name);
      }
    // the files' other dates follow in phase 2: until it writes them, their runs wait, with the
    // records and values of these dates (ADR 0062)
    for (const f of files) {
      const written = populationDates(files)
        .slice(0, FIRST_DATES)
        .reduce((n, d) => n + (f.byDate.get(d)?.length ?? 0), 0);
      const rowsRead = f.rowsWritten > 0 ? (written * f.rowsRead) / f.rowsWritten : 0;
      await pauseImportRun(tx, tenantId, importIds.get(f.file)!, {
        rowsRead: Math.round(rowsRead),
        rowsWritten: written,
      });
    }
    await restoreObservationIndexes(tx, rebuild);
    await recordJobStep(tx, tenantId, DEMO_KIND, 'base');
    await writeAudit(tx, tenantId, {
      actor: 'system',
      action: 'demo.load',
      entity: 'tenant',
      entityId: tenantId,
      detail: { phase: 1, ...stats },
    });
  });
  await db.exec('ANALYZE');
  log(`Berlin-Demo, erste Stufe geladen in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return stats;
}

/** Whether phase 2 of the demo is still to do (phase 1 done, the last step not recorded). */
export async function berlinSecondPhasePending(db: Sql, tenantId: string): Promise<boolean> {
  const done = await listJobSteps(db, tenantId, DEMO_KIND);
  return done.has('base') && !done.has('done');
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs phase 2's steps: skips the recorded ones, gives each its own transaction that also records
 * it, reports progress after each (the job's progress throws there when the server stops: between
 * two steps), yields to the event loop, and drops the screens' caches at most every
 * INVALIDATE_EVERY_MS.
 */
class StepRunner {
  readonly took: { name: string; ms: number }[] = [];
  private partsDone = 0;
  private phase = 'Einwohnerregister';
  private invalidatedAt = Date.now();

  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
    readonly done: ReadonlySet<string>,
    private readonly parts: number,
    private readonly progress: (p: JobProgress) => void,
  ) {}

  async run(step: Step): Promise<void> {
    if (this.done.has(step.names[0]!)) return;
    const t = performance.now();
    try {
      await this.db.transaction(async (tx) => {
        await step.write(tx);
        for (const name of step.names) await recordJobStep(tx, this.tenantId, DEMO_KIND, name);
      });
    } catch (err) {
      throw new DemoStepFailed(step.label, reasonOf(err));
    }
    this.took.push({ name: step.names[0]!, ms: performance.now() - t });
    this.report();
    await nextTick(); // page requests waiting for the connection go first
  }

  /** One part (a date, a table, a dataset, …) is complete. */
  tick(phase: string): void {
    this.partsDone++;
    this.phase = phase;
    this.report();
  }

  invalidate(force = false): void {
    if (!force && Date.now() - this.invalidatedAt < INVALIDATE_EVERY_MS) return;
    invalidateCatalogueCache();
    this.invalidatedAt = Date.now();
  }

  private report(): void {
    this.progress({
      phase: this.phase,
      percent: Math.floor((100 * this.partsDone) / this.parts),
    });
  }
}

/** The population dates phase 1 left, newest first, then closing the files' import runs. */
async function populationRest(
  r: StepRunner,
  db: Db,
  tenantId: string,
  files: readonly PopulationFile[],
  frame: RollUpFrame,
  stats: DemoStats,
): Promise<void> {
  const importIds = await openImportRunIds(db, tenantId, populationFileNames());
  // the files' runs run again from now on (they wait between the phases: ADR 0062)
  await setOpenImportRunsStatus(db, tenantId, [...importIds.values()], 'running');
  let analysed = 0;
  for (const date of populationDates(files)) {
    if (!r.done.has(`ewr:${date}`)) {
      for (const step of dateSteps(tenantId, date, files, importIds, frame, stats))
        await r.run(step);
      r.invalidate();
      if (++analysed % ANALYZE_EVERY_DATES === 0) await db.exec('ANALYZE observation');
    }
    r.tick(`Einwohnerregister ${date}`);
  }
  await r.run({
    names: ['ewr:finish'],
    label: 'Einwohnerregister abschließen',
    write: async (tx) => {
      for (const f of files)
        await finishImportRun(tx, tenantId, importIds.get(f.file)!, {
          status: 'succeeded',
          rowsRead: f.rowsRead,
          rowsWritten: f.rowsWritten,
        });
    },
  });
  r.tick('Einwohnerregister');
}

/** One MSS table: its import run, values and aggregates. */
const mssStep = (tenantId: string, f: MssFile, frame: RollUpFrame, stats: DemoStats): Step => ({
  names: [`mss:${f.file}`],
  label: `MSS-Tabelle ${f.file}`,
  write: async (tx) => {
    const format = 'csv;utf-8;comma;decimal-point;wide';
    const importId = await recordFile(tx, tenantId, f.path, 'observations', format);
    const n = await insertObservations(tx, tenantId, f.rows, importId);
    stats.observations += n;
    const { areas, levels, indicators } = frame;
    const aggregated = rollUpStoredValues(f.rows.map(storedValue), areas, levels, indicators);
    stats.aggregated += await insertComputedObservations(tx, tenantId, aggregated, 'aggregated');
    await finishImportRun(tx, tenantId, importId, {
      status: 'succeeded',
      rowsRead: f.rowsRead,
      rowsWritten: n,
    });
  },
});

/** The last step: cooperations, supply targets, the audit entry, statistics. */
const lastStep = (tenantId: string, stats: DemoStats): Step => ({
  names: ['done'],
  label: 'Kooperationen, Versorgungsziele und Statistiken',
  write: async (tx) => {
    stats.cooperations = await loadDemoCooperations(tx, tenantId);
    // the supply targets of the built-in service types are formed from the register's age bands
    // (Kita 0–6, youth 6–18 = 6–15 + 15–18, care 65+, others all residents; ADR 0042)
    const { bands, total } = berlinCatalogue().ageBands;
    await seedTargetsFromBands(tx, tenantId, bands, total);
    await writeAudit(tx, tenantId, {
      actor: 'system',
      action: 'demo.load',
      entity: 'tenant',
      entityId: tenantId,
      detail: { phase: 2, ...stats }, // what this process wrote (after a restart: the rest)
    });
    // PGlite never analyses on its own; the read queries need the statistics (ADR 0001)
    await tx.exec('ANALYZE');
  },
});

/**
 * Phase 2: every step not yet recorded, each in its own short transaction (StepRunner): the other
 * population dates, the MSS tables, the facility datasets, the directory, the last step.
 * `progress` hears the phase and the per cent done.
 */
export async function loadBerlinSecondPhase(
  db: Db,
  tenantId: string,
  log: Log = () => undefined,
  dir = DEMO_DIR,
  progress: (p: JobProgress) => void = () => undefined,
): Promise<DemoStats> {
  const t0 = Date.now();
  const stats = emptyStats();
  const done = await listJobSteps(db, tenantId, DEMO_KIND);
  if (!done.has('base')) throw new Error('Berlin-Demo: die erste Stufe fehlt.');
  if (done.has('done')) return stats;
  try {
    const r = await secondPhaseSteps(db, tenantId, dir, done, progress, stats);
    log(
      `Berlin-Demo vollständig geladen (zweite Stufe in ${((Date.now() - t0) / 1000).toFixed(1)} s, ` +
        `${stepSummary(r.took)}): ${JSON.stringify(stats)}`,
    );
    return stats;
  } catch (err) {
    // failed or stopped: the population files' runs that are not closed wait again for the next
    // start (best effort; the job's record keeps the error)
    await openImportRunIds(db, tenantId, populationFileNames())
      .then((ids) => setOpenImportRunsStatus(db, tenantId, [...ids.values()], 'waiting'))
      .catch(() => undefined);
    throw err;
  }
}

/** Reads the files (a failure names them as its step), then runs every step of phase 2. */
async function secondPhaseSteps(
  db: Db,
  tenantId: string,
  dir: string,
  done: ReadonlySet<string>,
  progress: (p: JobProgress) => void,
  stats: DemoStats,
): Promise<StepRunner> {
  const read = async () => ({
    files: await readPopulationOf(db, tenantId, dir),
    frame: await selectRollUpFrame(db, tenantId),
    mss: await readMss(db, tenantId, dir),
  });
  const { files, frame, mss } = await read().catch((err: unknown) => {
    throw new DemoStepFailed('Einlesen der Demo-Dateien', reasonOf(err));
  });
  const datasets = berlinCatalogue().pointDatasets;
  const parts = populationDates(files).length + 1 + mss.length + datasets.length + 2;
  const r = new StepRunner(db, tenantId, done, parts, progress);
  await populationRest(r, db, tenantId, files, frame, stats);
  for (const f of mss) {
    await r.run(mssStep(tenantId, f, frame, stats));
    r.invalidate();
    r.tick(`MSS ${f.file}`);
  }
  for (const ds of datasets) {
    await r.run({
      names: [`points:${ds.id}`],
      label: `Standorte „${ds.nameDe}“ (${ds.file})`,
      write: async (tx) => void (stats.points += await loadPointDataset(tx, tenantId, dir, ds)),
    });
    r.invalidate();
    r.tick(`Standorte ${ds.id}`);
  }
  await r.run({
    names: ['directory'],
    label: 'Angebotsverzeichnis aus den Standorten',
    write: async (tx) => {
      const d = await loadDirectoryFromPoints(tx, tenantId, 'geoportal-services');
      stats.directory = d.services;
    },
  });
  r.tick('Angebotsverzeichnis');
  await r.run(lastStep(tenantId, stats));
  r.invalidate(true);
  r.tick('fertig');
  return r;
}

/** How long the steps' transactions took: count, median, the longest three (for the log, ADR 0053). */
function stepSummary(took: readonly { name: string; ms: number }[]): string {
  if (took.length === 0) return 'keine Schritte';
  const sorted = [...took].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor(sorted.length / 2)]!.ms;
  const longest = sorted
    .slice(-3)
    .reverse()
    .map((s) => `${s.name} ${Math.round(s.ms)} ms`)
    .join(', ');
  return `${took.length} Schritte, Median ${Math.round(median)} ms, längste: ${longest}`;
}

/**
 * Phase 2 as a job (ADR 0025): resumable — its steps are recorded, a rerun skips what is done.
 * `dir`: the demo's folder (a test gives a copy with a broken file, ADR 0062).
 */
export function berlinDemoJob(
  log: Log = () => undefined,
  dir = DEMO_DIR,
): JobKind<Record<string, never>, DemoStats> {
  return {
    kind: DEMO_KIND,
    resumable: true,
    retries: 0,
    run: (ctx) => loadBerlinSecondPhase(ctx.db, ctx.tenantId, log, dir, ctx.progress),
  };
}

/** The whole demo, both phases one after the other (tests, `sozialraum demo load`, the bench). */
export async function loadBerlinDemo(
  db: Db,
  log: Log = () => undefined,
  dir = DEMO_DIR,
): Promise<DemoStats> {
  const first = await loadBerlinFirstPhase(db, log, dir);
  const second = await loadBerlinSecondPhase(db, BERLIN_TENANT.id, log, dir);
  const sum = emptyStats();
  for (const k of Object.keys(sum) as (keyof DemoStats)[]) sum[k] = first[k] + second[k];
  return sum;
}
