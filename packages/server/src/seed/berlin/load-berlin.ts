// The Berlin demo seed's readers and writers of demo-data/berlin (documented in demo-data/README.md):
// areas, MSS tables, facility points, example cooperations. What the files mean (sources,
// indicators, columns) is data: catalogue.json. The seed has no routes; it writes through the
// modules' doors (ingest, audit, directory). The order and the transactions of the load are in
// two-phase.ts (ADR 0053).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bboxOf as geometryBbox, type AreaGeometry } from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { REPO_ROOT } from '../../config.ts';
import {
  areaIdsByCode,
  createImportRun,
  ensureTenant,
  finishImportRun,
  upsertAreaSystem,
  upsertAreas,
  upsertPointDataset,
  upsertSources,
  tenantHasAreaSystems,
  type AreaInput,
  type ObservationInput,
} from '../../modules/ingest/index.ts';
import { BERLIN_TENANT, berlinCatalogue } from './catalogue.ts';
import { readCsvRecords } from './read-csv.ts';
import { loadDirectoryFromPoints } from '../../modules/directory/index.ts';
import { insertDemoLinks } from '../../modules/network/index.ts';
import { readDemoCooperations } from './cooperations.ts';

export const DEMO_DIR = path.join(REPO_ROOT, 'demo-data/berlin');

type Log = (message: string) => void;

interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

/** Whether the tenant already has data (the demo is loaded only into an empty database). */
export const hasData = (db: Sql, tenantId: string): Promise<boolean> =>
  tenantHasAreaSystems(db, tenantId);

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
    await loadPoints(tx, tenantId, dir);
    return loadDirectoryFromPoints(tx, tenantId, 'geoportal-services');
  });
}

const bboxOf = (g: Feature['geometry']) =>
  geometryBbox(g as AreaGeometry) as [number, number, number, number];

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Records one demo file as an import run, so every value traces back to its file. */
export async function recordFile(
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

export async function loadAreas(tx: Sql, tenantId: string, dir: string, log: Log): Promise<number> {
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

/** Number or null for the MSS tables (-9999 and blanks mean "no value"). */
function mssNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const v = Number(text);
  if (!Number.isFinite(v) || v === -9999) return null;
  return v;
}

/** One MSS table as read: its values (area ids resolved) and the records read. */
export interface MssFile {
  file: string;
  path: string;
  rows: ObservationInput[];
  rowsRead: number;
}

/**
 * Reads the MSS tables (editions 2013, 2017, 2019 on LOR 2006; 2021 on LOR 2021 with three context
 * columns on LOR 2006) into values, one entry per file in the order of their import runs.
 */
export async function readMss(sql: Sql, tenantId: string, dir: string): Promise<MssFile[]> {
  const mssDir = path.join(dir, 'mss');
  const files: MssFile[] = [];
  const r: MssReader = {
    ids2006: await areaIdsByCode(sql, tenantId, 'lor2006', 'plr'),
    ids2021: await areaIdsByCode(sql, tenantId, 'lor2021', 'plr'),
    mssDir,
    write: (file, rows, rowsRead) =>
      files.push({ file, path: path.join(mssDir, file), rows, rowsRead }),
  };
  await readMssLor2006(r);
  await readMss2021Index(r);
  await readMss2021Results(r);
  await readMss2021Context(r);
  return files;
}

/** What the MSS readers share: area ids per LOR version, the folder, where a table goes. */
interface MssReader {
  ids2006: Map<string, number>;
  ids2021: Map<string, number>;
  mssDir: string;
  write(file: string, rows: ObservationInput[], rowsRead: number): void;
}

function area(ids: Map<string, number>, code: string, where: string): number {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`${where}: Planungsraum ${code} unbekannt`);
  return id;
}

const h = (hdr: string[], n: string) => hdr.indexOf(n);
const MSS2021_DATE = '2020-12-31';

async function readMssLor2006({ ids2006, mssDir, write }: MssReader): Promise<void> {
  // MSS 2013, 2017, 2019 on LOR 2006. The valid (scored) PLR are those listed in the indices
  // file; the others carry 0 in every column of the share table (demo-data/README.md, known quirks) and are flagged.
  for (const edition of [2013, 2017, 2019]) {
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
    write(`mss${edition}_indices_plr447_lor2006.csv`, classRows, indices.records.length);

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
    write(file, rows, t.records.length);
  }
}

/** MSS 2021 on LOR 2021: the index indicators. */
async function readMss2021Index({ ids2021, mssDir, write }: MssReader): Promise<void> {
  // MSS 2021 on LOR 2021: index indicators, results, context; K08/K14/K15 on LOR 2006 codes.
  const refDate = MSS2021_DATE;
  const idx = readCsvRecords(
    await readFile(path.join(mssDir, 'mss2021_index_indicators_plr542.csv'), 'utf8'),
  );
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
  write('mss2021_index_indicators_plr542.csv', rows, idx.records.length);
}

/** MSS 2021: the results (classes) and table 3 (status and dynamics index). */
async function readMss2021Results({ ids2021, mssDir, write }: MssReader): Promise<void> {
  const refDate = MSS2021_DATE;
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
  write('mss2021_indices_plr542.csv', resRows, res.records.length);

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
  write('mss2021_table3_zvalues_indices_plr542.csv', t3Rows, t3.records.length);
}

/** MSS 2021: the context indicators, K08/K14/K15 on LOR 2006 codes. */
async function readMss2021Context({ ids2006, ids2021, mssDir, write }: MssReader): Promise<void> {
  const refDate = MSS2021_DATE;
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
    write(file, cRows, c.records.length);
  }
}

async function loadPoints(tx: Sql, tenantId: string, dir: string): Promise<number> {
  let n = 0;
  for (const ds of berlinCatalogue().pointDatasets)
    n += await loadPointDataset(tx, tenantId, dir, ds);
  return n;
}

type PointDataset = ReturnType<typeof berlinCatalogue>['pointDatasets'][number];

/** One facility dataset (a GeoJSON file of points), recorded as an import run; the points written. */
export async function loadPointDataset(
  tx: Sql,
  tenantId: string,
  dir: string,
  ds: PointDataset,
): Promise<number> {
  {
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
    return written;
  }
}
