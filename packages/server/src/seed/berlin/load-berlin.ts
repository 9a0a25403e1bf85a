// The Berlin demo seed: loads demo-data/berlin (documented in demo-data/README.md) into an empty
// database in ONE transaction — either all of it is there afterwards, or nothing is. What the files
// mean (sources, indicators, columns) is data: catalogue.json. The seed has no routes; it writes
// through the modules' doors (ingest, audit, directory).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bboxOf as geometryBbox,
  deriveStoredShares,
  rollUpStoredValues,
  type AreaGeometry,
  type StoredValue,
} from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { REPO_ROOT } from '../../config.ts';
import {
  areaIdsByCode,
  createImportRun,
  dropObservationIndexesWhenEmpty,
  ensureTenant,
  finishImportRun,
  insertComputedObservations,
  insertObservations,
  recomputeAggregates,
  recomputeDerived,
  restoreObservationIndexes,
  selectRollUpFrame,
  upsertAreaSystem,
  upsertAreas,
  upsertIndicators,
  upsertObservations,
  upsertPointDataset,
  upsertSources,
  tenantHasAreaSystems,
  type AreaInput,
  type ObservationInput,
} from '../../modules/ingest/index.ts';
import { writeAudit } from '../../modules/audit/index.ts';
import { BERLIN_TENANT, berlinCatalogue } from './catalogue.ts';
import { readCsvRecords } from './read-csv.ts';
import { loadDirectoryFromPoints } from '../../modules/directory/index.ts';
import { seedResidents, seedTargetsFromBands } from '../../modules/supply/index.ts';
import { insertDemoLinks } from '../../modules/network/index.ts';
import { readDemoCooperations } from './cooperations.ts';

export const DEMO_DIR = path.join(REPO_ROOT, 'demo-data/berlin');

type Log = (message: string) => void;

/** work_mem of the demo's load transaction (measured: ~1–1,5 s less CPU than 4 MB, docs/benchmarks.md a). */
const FIRST_LOAD_WORK_MEM = '256MB';

interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

/** Whether the tenant already has data (the demo is loaded only into an empty database). */
export const hasData = (db: Sql, tenantId: string): Promise<boolean> =>
  tenantHasAreaSystems(db, tenantId);

/** Loads the whole Berlin demo in one transaction; returns counts for the log. */
export async function loadBerlinDemo(db: Db, log: Log = () => undefined, dir = DEMO_DIR) {
  const t0 = Date.now();
  const tenantId = BERLIN_TENANT.id;
  const stats = {
    areas: 0,
    observations: 0,
    aggregated: 0,
    derived: 0,
    points: 0,
    directory: 0,
    cooperations: 0,
  };
  await db.transaction(async (tx) => {
    // The aggregation and share statements join and group ~800,000 rows; with PGlite's default
    // work_mem (4 MB) their hash tables spill to temporary files. One load, one transaction: room in
    // memory for this transaction only (SET LOCAL). Plans change, results do not (golden tests).
    await tx.exec(`SET LOCAL work_mem = '${FIRST_LOAD_WORK_MEM}'`);
    await ensureTenant(tx, tenantId, BERLIN_TENANT.ags, BERLIN_TENANT.name);
    await upsertSources(tx, tenantId, berlinCatalogue().sources);
    for (const sys of berlinCatalogue().areaSystems) await upsertAreaSystem(tx, tenantId, sys);
    stats.areas = await loadAreas(tx, tenantId, dir, log);
    await upsertIndicators(tx, tenantId, berlinCatalogue().indicators);
    // First start: into an empty table without its indexes, built once afterwards (the demo's
    // files hold each key once; a duplicate would fail the rebuild and with it the whole load)
    const rebuild = await dropObservationIndexesWhenEmpty(tx);
    // the values as written, kept for the roll-up in core on the first load
    const held: StoredValue[] = [];
    const write: WriteObservations = rebuild
      ? (t, tenant, rows, importId) => {
          for (const o of rows) held.push(storedValue(o));
          return insertObservations(t, tenant, rows, importId);
        }
      : upsertObservations;
    stats.observations += await loadPopulation(tx, tenantId, dir, log, write);
    stats.observations += await loadMss(tx, tenantId, dir, log, write);
    // Aggregates and shares too go in before the indexes are built (plain INSERTs on the first
    // load); the primary key, built afterwards over all rows, still refuses any duplicate.
    Object.assign(stats, await writeRollUp(tx, tenantId, log, rebuild ? held : null));
    held.length = 0; // 541,000 objects less for the collector during the rest of the load
    await restoreObservationIndexes(tx, rebuild);
    stats.points = await loadPoints(tx, tenantId, dir, log);
    log('Baue das Angebotsverzeichnis aus den Standorten …');
    stats.directory = (await loadDirectoryFromPoints(tx, tenantId, 'geoportal-services')).services;
    stats.cooperations = await loadDemoCooperations(tx, tenantId);
    // the supply targets of the built-in service types are formed from the register's age bands
    // (Kita 0–6, youth 6–18 = 6–15 + 15–18, care 65+, others all residents; ADR 0042)
    const { bands, total } = berlinCatalogue().ageBands;
    await seedTargetsFromBands(tx, tenantId, bands, total);
    // and all residents are counted by the register's total (gaps need, index rule; ADR 0058)
    await seedResidents(tx, tenantId, total);
    await writeAudit(tx, tenantId, {
      actor: 'system',
      action: 'demo.load',
      entity: 'tenant',
      entityId: tenantId,
      detail: stats,
    });
  });
  // PGlite never analyses on its own; the read queries need the statistics (see ADR 0001)
  await db.exec('ANALYZE');
  log(
    `Berlin-Demo geladen in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(stats)}`,
  );
  return stats;
}

const storedValue = (o: ObservationInput): StoredValue => ({
  indicatorId: o.indicatorId,
  areaId: o.areaId,
  refDate: o.refDate,
  value: o.value,
  numerator: o.numerator ?? null,
  denominator: o.denominator ?? null,
});

/**
 * Aggregates on upper levels and derived shares. First load (held = every value written, into the
 * empty table): computed in core from the values in hand and written with one COPY each — the same
 * rows as the SQL recomputation (ADR 0048; proved in load-berlin.db.test.ts), without the database
 * joining and grouping ~800,000 rows. Otherwise the store's set-based recomputation.
 */
async function writeRollUp(tx: Sql, tenantId: string, log: Log, held: StoredValue[] | null) {
  log('Aggregiere auf obere Ebenen …');
  if (!held)
    return {
      aggregated: await recomputeAggregates(tx, tenantId),
      derived: await recomputeDerived(tx, tenantId),
    };
  const { areas, levels, indicators } = await selectRollUpFrame(tx, tenantId);
  const aggregatedRows = rollUpStoredValues(held, areas, levels, indicators);
  const aggregated = await insertComputedObservations(tx, tenantId, aggregatedRows, 'aggregated');
  log('Berechne abgeleitete Anteile …');
  const derivedRows = deriveStoredShares(held.concat(aggregatedRows), indicators);
  const derived = await insertComputedObservations(tx, tenantId, derivedRows, 'derived');
  return { aggregated, derived };
}

/** The example cooperations (cooperations.json: invented, marked so in every link's note). */
export async function loadDemoCooperations(tx: Sql, tenantId: string): Promise<number> {
  const data = readDemoCooperations();
  return insertDemoLinks(tx, tenantId, data.links, data.note);
}

/**
 * The Berlin areas and facility points with the directory built from them, without population and
 * MSS (for tests of the directory: the full demo takes minutes on PGlite).
 */
export async function loadBerlinFacilities(db: Db, dir = DEMO_DIR) {
  const tenantId = BERLIN_TENANT.id;
  return db.transaction(async (tx) => {
    await ensureTenant(tx, tenantId, BERLIN_TENANT.ags, BERLIN_TENANT.name);
    await upsertSources(tx, tenantId, berlinCatalogue().sources);
    for (const sys of berlinCatalogue().areaSystems) await upsertAreaSystem(tx, tenantId, sys);
    await loadAreas(tx, tenantId, dir, () => undefined);
    await loadPoints(tx, tenantId, dir, () => undefined);
    return loadDirectoryFromPoints(tx, tenantId, 'geoportal-services');
  });
}

const bboxOf = (g: Feature['geometry']) =>
  geometryBbox(g as AreaGeometry) as [number, number, number, number];

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Records one demo file as an import run, so every value traces back to its file. */
async function recordFile(
  tx: Sql,
  tenantId: string,
  file: string,
  kind: string,
  format: string,
): Promise<number> {
  const bytes = await readFile(file);
  return createImportRun(tx, tenantId, {
    kind,
    // the file's name as a person would upload it, not a path of this machine (issue 9 § 5)
    fileName: path.basename(file),
    fileSha256: createHash('sha256').update(bytes).digest('hex'),
    format,
    options: { demo: 'berlin' },
  });
}

async function loadAreas(tx: Sql, tenantId: string, dir: string, log: Log): Promise<number> {
  log('Lade Gebiete (LOR 2021, LOR 2006) …');
  let n = 0;
  const geo = (f: string) => path.join(dir, 'geo', f);
  const bezirke = await readJson<{ features: Feature[] }>(geo('bezirke.geojson'));
  const bezAreas: AreaInput[] = bezirke.features.map((f) => ({
    levelId: 'bez',
    code: String(f.properties.id),
    name: String(f.properties.name),
    geometry: f.geometry,
    bbox: bboxOf(f.geometry),
    areaM2: Number(f.properties.area),
  }));
  // LOR 2021 codes nest: PLR 01100101 → BZR 011001 → PGR 0110 → Bezirk 01 (demo-data/README.md)
  const level = async (
    file: string,
    levelId: string,
    prefix: string,
    parentLevelId: string,
    parentLength: number,
    areaProp: string,
  ) =>
    (await readJson<{ features: Feature[] }>(geo(file))).features.map((f): AreaInput => {
      const code = String(f.properties[`${prefix}_ID`]);
      return {
        levelId,
        code,
        name: String(f.properties[`${prefix}_NAME`]),
        parentLevelId,
        parentCode: code.slice(0, parentLength),
        geometry: f.geometry,
        bbox: bboxOf(f.geometry),
        areaM2: Number(f.properties[areaProp]),
      };
    });
  const lor2021: AreaInput[] = [
    ...bezAreas,
    ...(await level('lor_2021_prognoseraeume.geojson', 'pgr', 'PGR', 'bez', 2, 'GROESSE_M2')),
    ...(await level('lor_2021_bezirksregionen.geojson', 'bzr', 'BZR', 'pgr', 4, 'GROESSE_m2')),
    ...(await level('lor_2021_planungsraeume.geojson', 'plr', 'PLR', 'bzr', 6, 'GROESSE_M2')),
  ];
  n += await writeAreas(tx, tenantId, geo('lor_2021_planungsraeume.geojson'), 'lor2021', lor2021);

  const old = await readJson<{ features: Feature[] }>(geo('lor_2006_planungsraeume.geojson'));
  const lor2006: AreaInput[] = [
    ...bezAreas,
    ...old.features.map((f) => {
      let code = String(f.properties.id);
      // Known quirk (demo-data/README.md): the upstream file carries 06010102 twice; the feature in Charlottenburg
      // (area 562454.33 m²) is really PLR 04030417 (Schloßstraße, Charlottenburg-Wilmersdorf).
      if (code === '06010102' && Math.abs(Number(f.properties.area) - 562454.33) < 1)
        code = '04030417';
      // Allende II was split on 01.01.2019 (demo-data/README.md): 09041403 appears in the data only from then on.
      const validFrom = code === '09041403' ? '2019-01-01' : null;
      return {
        levelId: 'plr',
        code,
        name: String(f.properties.name),
        parentLevelId: 'bez',
        parentCode: code.slice(0, 2),
        geometry: f.geometry,
        bbox: bboxOf(f.geometry),
        areaM2: Number(f.properties.area),
        validFrom,
      };
    }),
  ];
  const codes = new Set(lor2006.filter((a) => a.levelId === 'plr').map((a) => a.code));
  if (codes.size !== 448)
    throw new Error(`LOR 2006: 448 eindeutige Planungsräume erwartet, ${codes.size} gefunden`);
  n += await writeAreas(tx, tenantId, geo('lor_2006_planungsraeume.geojson'), 'lor2006', lor2006);
  return n;
}

/** One area system's areas, recorded as an import run of its Planungsraum file; the rows written. */
async function writeAreas(
  tx: Sql,
  tenantId: string,
  file: string,
  system: string,
  areas: AreaInput[],
): Promise<number> {
  const run = await recordFile(tx, tenantId, file, 'areas', 'geojson;EPSG:4326');
  const written = await upsertAreas(tx, tenantId, system, areas);
  await finishImportRun(tx, tenantId, run, {
    status: 'succeeded',
    rowsRead: areas.length,
    rowsWritten: written,
  });
  return written;
}

/** Sums of age groups published separately (children and youth under 18). */
const EWR_SUMS: Record<string, { id: string; parts: string[] }> = {
  'ewr_plr_t2_age_groups.csv': {
    id: 'ewr_age_below_18',
    parts: ['inhabitants_age_below_6', 'inhabitants_age_6_15', 'inhabitants_age_15_18'],
  },
  'ewr_plr_t3_migration_background_by_age.csv': {
    id: 'ewr_mb_age_below_18',
    parts: [
      'inhabitants_with_migration_background_age_below_6',
      'inhabitants_with_migration_background_age_6_15',
      'inhabitants_with_migration_background_age_15_18',
    ],
  },
};

function parseCount(text: string, where: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v))
    throw new Error(`${where}: '${text}' ist keine Zahl`);
  return v;
}

type WriteObservations = typeof upsertObservations;

async function loadPopulation(
  tx: Sql,
  tenantId: string,
  dir: string,
  log: Log,
  write: WriteObservations,
): Promise<number> {
  const ids = {
    '2006': await areaIdsByCode(tx, tenantId, 'lor2006', 'plr'),
    '2021': await areaIdsByCode(tx, tenantId, 'lor2021', 'plr'),
  };
  let written = 0;
  for (const { file, columns } of berlinCatalogue().ewrFiles) {
    log(`Lade Einwohnerregister ${file} …`);
    const full = path.join(dir, 'population', file);
    const importId = await recordFile(
      tx,
      tenantId,
      full,
      'observations',
      'csv;utf-8;comma;decimal-point;long',
    );
    const { header, records } = readCsvRecords(await readFile(full, 'utf8'));
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`${file}: Spalte ${name} fehlt`);
      return i;
    };
    const iDate = col('stichtag'),
      iVersion = col('lor_version'),
      iPlr = col('plr_id');
    const valueCols = Object.entries(columns).map(([c, ind]) => [col(c), ind] as const);
    const sum = EWR_SUMS[file];
    const sumCols = sum ? sum.parts.map(col) : [];
    const rows: ObservationInput[] = [];
    for (const { line, fields } of records) {
      const version = fields[iVersion] as '2006' | '2021';
      const areaId = ids[version]?.get(fields[iPlr]!);
      if (areaId === undefined)
        throw new Error(
          `${file}, Zeile ${line}: Planungsraum ${fields[iPlr]} (LOR ${version}) unbekannt`,
        );
      const refDate = fields[iDate]!;
      for (const [i, indicatorId] of valueCols) {
        rows.push({
          indicatorId,
          areaId,
          refDate,
          value: parseCount(fields[i]!, `${file}, Zeile ${line}, Spalte ${header[i]}`),
        });
      }
      if (sum) {
        const v = sumCols.reduce((s, i) => s + parseCount(fields[i]!, `${file}, Zeile ${line}`), 0);
        rows.push({ indicatorId: sum.id, areaId, refDate, value: v });
      }
    }
    const n = await write(tx, tenantId, rows, importId);
    await finishImportRun(tx, tenantId, importId, {
      status: 'succeeded',
      rowsRead: records.length,
      rowsWritten: n,
    });
    written += n;
  }
  return written;
}

/** Number or null for the MSS tables (-9999 and blanks mean "no value"). */
function mssNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const v = Number(text);
  if (!Number.isFinite(v) || v === -9999) return null;
  return v;
}

async function loadMss(
  tx: Sql,
  tenantId: string,
  dir: string,
  log: Log,
  writeObservations: WriteObservations,
): Promise<number> {
  const ids2006 = await areaIdsByCode(tx, tenantId, 'lor2006', 'plr');
  const ids2021 = await areaIdsByCode(tx, tenantId, 'lor2021', 'plr');
  const mssDir = path.join(dir, 'mss');
  let written = 0;
  const area = (ids: Map<string, number>, code: string, where: string) => {
    const id = ids.get(code);
    if (id === undefined) throw new Error(`${where}: Planungsraum ${code} unbekannt`);
    return id;
  };
  const write = async (file: string, rows: ObservationInput[], rowsRead: number) => {
    const importId = await recordFile(
      tx,
      tenantId,
      path.join(mssDir, file),
      'observations',
      'csv;utf-8;comma;decimal-point;wide',
    );
    const n = await writeObservations(tx, tenantId, rows, importId);
    await finishImportRun(tx, tenantId, importId, {
      status: 'succeeded',
      rowsRead,
      rowsWritten: n,
    });
    written += n;
  };

  // MSS 2013, 2017, 2019 on LOR 2006. The valid (scored) PLR are those listed in the indices
  // file; the others carry 0 in every column of the share table (demo-data/README.md, known quirks) and are flagged.
  for (const edition of [2013, 2017, 2019]) {
    log(`Lade MSS ${edition} …`);
    const refDate = `${edition - 1}-12-31`;
    const indices = readCsvRecords(
      await readFile(path.join(mssDir, `mss${edition}_indices_plr447_lor2006.csv`), 'utf8'),
    );
    const hi = (n: string) => indices.header.indexOf(n);
    const scored = new Set(indices.records.map((r) => r.fields[hi('id')]!));
    const classRows: ObservationInput[] = [];
    const dyn: Record<string, number> = { '+': 1, '+/-': 2, '-': 3 };
    for (const { fields } of indices.records) {
      const areaId = area(ids2006, fields[hi('id')]!, `MSS ${edition}`);
      classRows.push({
        indicatorId: 'mss_status_class',
        areaId,
        refDate,
        value: Number(fields[hi('status_index')]),
      });
      const d = dyn[fields[hi('dynamik_index')]!];
      if (d === undefined)
        throw new Error(`MSS ${edition}: unbekannte Dynamik-Klasse ${fields[hi('dynamik_index')]}`);
      classRows.push({ indicatorId: 'mss_dynamics_class', areaId, refDate, value: d });
    }
    await write(`mss${edition}_indices_plr447_lor2006.csv`, classRows, indices.records.length);

    const file = `mss${edition}_index_indicators_plr447_lor2006.csv`;
    const t = readCsvRecords(await readFile(path.join(mssDir, file), 'utf8'));
    const rows: ObservationInput[] = [];
    for (const { fields } of t.records) {
      const code = fields[t.header.indexOf('id')]!;
      const areaId = area(ids2006, code, file);
      for (const def of berlinCatalogue().mssColumns.index) {
        const i = def.column2006 ? t.header.indexOf(def.column2006) : -1;
        if (i < 0) continue;
        if (scored.has(code))
          rows.push({ indicatorId: def.id, areaId, refDate, value: mssNumber(fields[i]) });
        else
          rows.push({
            indicatorId: def.id,
            areaId,
            refDate,
            value: null,
            flag: 'invalid',
            flagReason: `im MSS ${edition} nicht bewertet (zu wenige Einwohner oder ausgeschlossen)`,
          });
      }
    }
    await write(file, rows, t.records.length);
  }

  // MSS 2021 on LOR 2021: index indicators, results, context; K08/K14/K15 on LOR 2006 codes.
  log('Lade MSS 2021 …');
  const refDate = '2020-12-31';
  const idx = readCsvRecords(
    await readFile(path.join(mssDir, 'mss2021_index_indicators_plr542.csv'), 'utf8'),
  );
  const h = (hdr: string[], n: string) => hdr.indexOf(n);
  const rows: ObservationInput[] = [];
  for (const { fields } of idx.records) {
    const areaId = area(ids2021, fields[h(idx.header, 'PLR_ID')]!, 'MSS 2021');
    const kom = fields[h(idx.header, 'KOM')]!;
    const valid = kom === 'gültig';
    for (const def of berlinCatalogue().mssColumns.index) {
      if (!def.column2021) continue;
      const v = mssNumber(fields[h(idx.header, def.column2021)]);
      rows.push(
        valid
          ? { indicatorId: def.id, areaId, refDate, value: v }
          : {
              indicatorId: def.id,
              areaId,
              refDate,
              value: null,
              flag: 'invalid',
              flagReason: `MSS 2021: ${kom}`,
            },
      );
    }
  }
  await write('mss2021_index_indicators_plr542.csv', rows, idx.records.length);

  const res = readCsvRecords(
    await readFile(path.join(mssDir, 'mss2021_indices_plr542.csv'), 'utf8'),
  );
  const resRows: ObservationInput[] = [];
  const dyn2021: Record<string, number> = { '1': 1, '3': 2, '5': 3 };
  for (const { fields } of res.records) {
    if (fields[h(res.header, 'KOM')] !== 'gültig') continue;
    const areaId = area(ids2021, fields[h(res.header, 'PLR_ID')]!, 'MSS 2021 Indizes');
    resRows.push({
      indicatorId: 'mss_status_class',
      areaId,
      refDate,
      value: Number(fields[h(res.header, 'SI_N')]),
    });
    const d = dyn2021[fields[h(res.header, 'DI_N')]!];
    if (d === undefined)
      throw new Error(`MSS 2021: unbekannte Dynamik-Klasse ${fields[h(res.header, 'DI_N')]}`);
    resRows.push({ indicatorId: 'mss_dynamics_class', areaId, refDate, value: d });
  }
  await write('mss2021_indices_plr542.csv', resRows, res.records.length);

  const t3 = readCsvRecords(
    await readFile(path.join(mssDir, 'mss2021_table3_zvalues_indices_plr542.csv'), 'utf8'),
  );
  const t3Rows: ObservationInput[] = [];
  for (const { fields } of t3.records) {
    const areaId = area(ids2021, fields[h(t3.header, 'PLR-ID')]!, 'MSS 2021 Tabelle 3');
    const si = mssNumber(fields[h(t3.header, 'Status-Index (standardisierte Statussumme)')]);
    const di = mssNumber(fields[h(t3.header, 'Dynamik-Index (standardisierte Dynamik-summe)')]);
    const reason = 'MSS 2021: Planungsraum ohne Zuordnung (ungültig)';
    t3Rows.push(
      si === null
        ? {
            indicatorId: 'mss_status_index',
            areaId,
            refDate,
            value: null,
            flag: 'invalid',
            flagReason: reason,
          }
        : { indicatorId: 'mss_status_index', areaId, refDate, value: si },
    );
    t3Rows.push(
      di === null
        ? {
            indicatorId: 'mss_dynamics_index',
            areaId,
            refDate,
            value: null,
            flag: 'invalid',
            flagReason: reason,
          }
        : { indicatorId: 'mss_dynamics_index', areaId, refDate, value: di },
    );
  }
  await write('mss2021_table3_zvalues_indices_plr542.csv', t3Rows, t3.records.length);

  for (const [file, ids] of [
    ['mss2021_context_indicators_plr542.csv', ids2021],
    ['mss2021_context_indicators_k08_k14_k15_plr447_lor2006.csv', ids2006],
  ] as const) {
    const c = readCsvRecords(await readFile(path.join(mssDir, file), 'utf8'));
    const cRows: ObservationInput[] = [];
    for (const { fields } of c.records) {
      const areaId = area(ids, fields[h(c.header, 'PLR_ID')]!, file);
      const kom = fields[h(c.header, 'KOM')] ?? '';
      for (const def of berlinCatalogue().mssColumns.context) {
        const i = h(c.header, def.column2021!);
        if (i < 0) continue;
        const raw = fields[i];
        if (raw === undefined || raw.trim() === '') continue; // column not used in this file
        const v = mssNumber(raw);
        cRows.push(
          kom === 'gültig' && v !== null
            ? { indicatorId: def.id, areaId, refDate, value: v }
            : {
                indicatorId: def.id,
                areaId,
                refDate,
                value: null,
                flag: 'invalid',
                flagReason: `MSS 2021: ${kom || 'ohne Wert'}`,
              },
        );
      }
    }
    await write(file, cRows, c.records.length);
  }
  return written;
}

async function loadPoints(tx: Sql, tenantId: string, dir: string, log: Log): Promise<number> {
  log('Lade Standorte (Kitas, Schulen, …) …');
  let n = 0;
  for (const ds of berlinCatalogue().pointDatasets) {
    const file = path.join(dir, 'services', ds.file);
    const importId = await recordFile(tx, tenantId, file, 'points', 'geojson;EPSG:4326');
    const fc = await readJson<{ features: Feature[] }>(file);
    const seen = new Map<string, number>();
    const points = fc.features.map((f, i) => {
      const coords =
        f.geometry.type === 'MultiPoint'
          ? (f.geometry.coordinates as number[][])[0]!
          : (f.geometry.coordinates as number[]);
      // ids are not always unique or present (pharmacies have none): fall back to the feature number
      let id =
        ds.idProp && f.properties[ds.idProp] != null
          ? String(f.properties[ds.idProp])
          : String(f.properties.gc_id ?? `f${i + 1}`);
      const k = (seen.get(id) ?? 0) + 1;
      seen.set(id, k);
      if (k > 1) id = `${id}-${k}`;
      return {
        id,
        name: String(f.properties[ds.nameProp] ?? ''),
        lon: coords[0]!,
        lat: coords[1]!,
        properties: f.properties,
      };
    });
    const written = await upsertPointDataset(
      tx,
      tenantId,
      {
        id: ds.id,
        nameDe: ds.nameDe,
        nameEn: ds.nameEn,
        referenceDate: ds.referenceDate,
        sourceId: 'geoportal-services',
        points,
      },
      importId,
    );
    await finishImportRun(tx, tenantId, importId, {
      status: 'succeeded',
      rowsRead: fc.features.length,
      rowsWritten: written,
    });
    n += written;
  }
  return n;
}
