// An areas re-import re-joins the stored point datasets (ADR 0017): a new area gets its count, a
// point whose area moved is counted where it now lies, the report and the audit entry say so.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { runAreaImport, type AreaRunOptions, type Upload } from '../imports/index.ts';
import { ensureTenant } from '../ingest/index.ts';
import { runPointImport } from './import-service.ts';

let db: Db;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  await db.transaction((tx) => ensureTenant(tx, 'leipzig', '14713000', 'Leipzig'));
  dir = await mkdtemp(path.join(tmpdir(), 'sz-rejoin-'));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];

/** Ortsteile in a row along 51.30° N, 0.01° wide; `west` moves the first one's western edge. */
function ortsteile(n: number) {
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: n }, (_, k) => ({
      type: 'Feature',
      properties: { OT_NR: String(k + 1).padStart(2, '0'), OT_NAME: `Ortsteil ${k + 1}` },
      geometry: { type: 'Polygon', coordinates: square(12.3 + k * 0.01, 51.3, 0.01) },
    })),
  };
}

async function upload(name: string, content: string): Promise<Upload> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return { id: 'test', dir, files: [{ name, path: p, bytes: (await stat(p)).size }] };
}

const AREAS: AreaRunOptions = {
  dryRun: false,
  systemId: 'ot',
  systemName: 'Ortsteile Leipzig',
  levelId: 'ortsteil',
  levelNameDe: 'Ortsteil',
  codeProperty: 'OT_NR',
  nameProperty: 'OT_NAME',
  source: {
    title: 'Ortsteile Leipzig',
    publisher: 'Stadt Leipzig',
    licence: 'dl-de/by-2-0',
    attribution: 'Stadt Leipzig',
  },
};

const countIn = async (code: string) =>
  (
    await db.query<{ value: number }>(
      `SELECT o.value FROM observation o JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
        WHERE o.tenant_id = 'leipzig' AND o.indicator_id = 'lz_kitas' AND a.code = $1 AND o.ref_date = '2026-06-30'`,
      [code],
    )
  )[0]?.value;

describe('an areas re-import', () => {
  it('re-joins the point datasets: a new area gets its count, the report and the audit say so', async () => {
    const a = await runAreaImport(
      db,
      'leipzig',
      await upload('ot2.geojson', JSON.stringify(ortsteile(2))),
      AREAS,
    );
    expect(a.status).toBe('succeeded');
    // three Kitas: two in Ortsteil 1 and 2, one east of both (outside), with places as German text
    const csv =
      'nr;name;lat;lon;plaetze\n1;Kita Eins;51,305;12,305;40\n2;Kita Zwei;51,305;12,315;1.020\n3;Kita Drei;51,305;12,325;12\n';
    const p = await runPointImport(db, 'leipzig', await upload('kitas.csv', csv), {
      dryRun: false,
      datasetId: 'lz_kitas_2026',
      nameDe: 'Kitas Leipzig',
      referenceDate: '2026-06-30',
      source: AREAS.source!,
      nameColumn: 'name',
      idColumn: 'nr',
      countIndicator: { id: 'lz_kitas', nameDe: 'Kitas' },
      capacityColumn: 'plaetze',
      capacityIndicator: { id: 'lz_kitaplaetze', nameDe: 'Kitaplätze' },
      departmentId: 'sozialplanung',
      dimension: 'education',
      actor: { actor: 'test' },
      mayWrite: () => true,
    });
    expect(p.join.outsideCount).toBe(1);
    expect(await countIn('01')).toBe(1);
    expect(await countIn('03')).toBeUndefined();

    const r = await runAreaImport(
      db,
      'leipzig',
      await upload('ot3.geojson', JSON.stringify(ortsteile(3))),
      AREAS,
    );
    expect(r.status).toBe('succeeded');
    expect(r.warnings.join(' ')).toContain(
      'Standorte den geänderten Gebieten neu zugeordnet: „Kitas Leipzig“ (1 Zuordnung geändert',
    );
    expect(await countIn('03')).toBe(1);
    expect(await countIn('01')).toBe(1);
    const [places] = await db.query<{ value: number }>(
      `SELECT o.value FROM observation o JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
        WHERE o.tenant_id = 'leipzig' AND o.indicator_id = 'lz_kitaplaetze' AND a.code = '02'`,
    );
    expect(places!.value).toBe(1020); // read as the import read it: German thousands dot
    const assigned = await db.query(
      `SELECT 1 FROM point_area WHERE tenant_id = 'leipzig' AND dataset = 'lz_kitas_2026'`,
    );
    expect(assigned).toHaveLength(3);
    const [entry] = await db.query<{ detail: { rejoinedPoints: { datasetId: string }[] } }>(
      "SELECT detail FROM audit_log WHERE tenant_id = 'leipzig' AND action = 'import.areas' ORDER BY seq DESC LIMIT 1",
    );
    expect(entry!.detail.rejoinedPoints).toMatchObject([
      { datasetId: 'lz_kitas_2026', changed: 1 },
    ]);
  });

  it('says nothing about points when the areas did not change', async () => {
    const r = await runAreaImport(
      db,
      'leipzig',
      await upload('ot3.geojson', JSON.stringify(ortsteile(3))),
      AREAS,
    );
    expect(r.status).toBe('unchanged');
    expect(r.warnings.join(' ')).not.toContain('Standorte');
  });
});
