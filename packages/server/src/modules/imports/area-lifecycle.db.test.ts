// Geometry as cities publish it (issue 9 § 3): a whole-city polygon beside the areas, swapped axes
// the person confirms, and a re-import with fewer areas that names what would go.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { ensureTenant } from '../ingest/index.ts';
import { retireDate } from './area-lifecycle.ts';
import { analyzeUpload, runAreaImport, type AreaRunOptions } from './service.ts';
import type { Upload } from './uploads.ts';

let db: Db;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  await db.transaction((tx) => ensureTenant(tx, 'leipzig', '14713000', 'Leipzig'));
  dir = await mkdtemp(path.join(tmpdir(), 'sz-lifecycle-'));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

/** A square at (x, y) with side d degrees, lon/lat. */
const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];

/** Ortsteile of a made-up Leipzig grid: codes 01…n, 3 per row. */
function ortsteile(n: number, extra: object[] = []) {
  return {
    type: 'FeatureCollection',
    features: [
      ...Array.from({ length: n }, (_, k) => ({
        type: 'Feature',
        properties: { OT_NR: String(k + 1).padStart(2, '0'), OT_NAME: `Ortsteil ${k + 1}` },
        geometry: {
          type: 'Polygon',
          coordinates: square(12.3 + (k % 3) * 0.01, 51.3 + Math.floor(k / 3) * 0.01, 0.01),
        },
      })),
      ...extra,
    ],
  };
}

async function upload(name: string, content: unknown): Promise<Upload> {
  const p = path.join(dir, name);
  await writeFile(p, JSON.stringify(content));
  return { id: 'test', dir, files: [{ name, path: p, bytes: (await stat(p)).size }] };
}

const OPTS: AreaRunOptions = {
  dryRun: false,
  systemId: 'ot',
  systemName: 'Ortsteile Leipzig',
  levelId: 'ortsteil',
  levelNameDe: 'Ortsteil',
  codeProperty: 'OT_NR',
  nameProperty: 'OT_NAME',
  source: {
    title: 'Ortsteile Leipzig',
    publisher: 'Stadt Leipzig, Amt für Statistik und Wahlen',
    licence: 'dl-de/by-2-0',
    attribution: 'Stadt Leipzig',
  },
};

const areaCount = async () =>
  (
    await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM area WHERE tenant_id = 'leipzig' AND system_id = 'ot'",
    )
  )[0]!.n;

const WHOLE_CITY = {
  type: 'Feature',
  properties: { OT_NR: '', OT_NAME: 'Leipzig gesamt' },
  geometry: { type: 'Polygon', coordinates: square(12.3, 51.3, 0.03) },
};

describe('a feature that covers all others', () => {
  it('is named in the analysis and refuses the run until the person decides; nothing is written', async () => {
    const u = await upload('mit-gesamt.geojson', ortsteile(9, [WHOLE_CITY]));
    const a = await analyzeUpload(db, 'leipzig', u);
    expect(a.kind).toBe('areas');
    if (a.kind !== 'areas') return;
    expect(a.covering).toHaveLength(1);
    expect(a.covering[0]!.feature).toBe(10);
    expect(a.covering[0]!.message).toContain('„Leipzig gesamt“');
    const r = await runAreaImport(db, 'leipzig', u, OPTS);
    expect(r.status).toBe('failed');
    expect(r.errors.map((e) => e.message).join(' ')).toContain('Bitte entscheiden');
    expect(await areaCount()).toBe(0);
  });

  it('is left out on request, with a warning, and the areas are imported', async () => {
    const u = await upload('mit-gesamt.geojson', ortsteile(9, [WHOLE_CITY]));
    const r = await runAreaImport(db, 'leipzig', u, { ...OPTS, coveringFeatures: 'exclude' });
    expect(r.status).toBe('succeeded');
    expect(r.warnings.join(' ')).toContain('Ausgelassen: Objekt 10');
    expect(await areaCount()).toBe(9);
  });
});

describe('a re-import with fewer areas', () => {
  it('names the missing areas with their values in the dry run and keeps them by default', async () => {
    const [a9] = await db.query<{ id: number }>(
      "SELECT id FROM area WHERE tenant_id = 'leipzig' AND system_id = 'ot' AND code = '09'",
    );
    await db.exec(`
      INSERT INTO source (tenant_id, id, title, publisher, licence, attribution)
        VALUES ('leipzig', 'test', 'Test', 'Test', 'CC0', 'Test');
      INSERT INTO indicator (tenant_id, id, name_de, name_en, definition_de, unit, kind, scale, dimension, polarity, department, source_id)
        VALUES ('leipzig', 'ew', 'Einwohner', 'Residents', 'Einwohner', 'count', 'count', 1, 'demography', 'neutral', 'sozialplanung', 'test');
      INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value)
        VALUES ('leipzig', 'ew', ${a9!.id}, '2024-12-31', 812);
    `);
    const u = await upload('acht.geojson', ortsteile(8));
    const dry = await runAreaImport(db, 'leipzig', u, { ...OPTS, dryRun: true });
    expect(dry.status).toBe('dry_run');
    expect(dry.missingAreas).toEqual({
      count: 1,
      values: 1,
      alerts: 0,
      examples: ['09 Ortsteil 9'],
    });
    expect(dry.warnings.join(' ')).toContain(
      '1 Gebiet der Ebene „ortsteil“ fehlt in der Datei (09 Ortsteil 9), mit 1 Wert und 0 Frühwarnungen. Das Gebiet bleibt erhalten, solange Sie nicht „Auflösen“ oder „Entfernen“ wählen.',
    );
    const kept = await runAreaImport(db, 'leipzig', u, OPTS);
    expect(kept.status).toBe('unchanged');
    expect(await areaCount()).toBe(9);
  });

  it('removes them with their values when asked, audited with what went', async () => {
    const u = await upload('acht.geojson', ortsteile(8));
    const r = await runAreaImport(db, 'leipzig', u, { ...OPTS, missingAreas: 'remove' });
    expect(r.warnings.join(' ')).toContain('Entfernt: 1 Gebiet der Ebene');
    expect(await areaCount()).toBe(8);
    expect(await db.query("SELECT 1 FROM observation WHERE indicator_id = 'ew'")).toEqual([]);
    const [entry] = await db.query<{ detail: { removedAreas: unknown } }>(
      "SELECT detail FROM audit_log WHERE tenant_id = 'leipzig' AND action = 'import.areas' ORDER BY seq DESC LIMIT 1",
    );
    expect(entry!.detail.removedAreas).toMatchObject({ count: 1, values: 1 });
  });
});

describe('a re-import that retires the missing areas', () => {
  it('refuses while the area has values after the end date, then ends it and keeps its values; audited', async () => {
    const [a8] = await db.query<{ id: number }>(
      "SELECT id FROM area WHERE tenant_id = 'leipzig' AND system_id = 'ot' AND code = '08'",
    );
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value)
       VALUES ('leipzig', 'ew', $1, '2024-12-31', 640), ('leipzig', 'ew', $1, '2099-12-31', 1)`,
      [a8!.id],
    );
    const u = await upload('sieben.geojson', ortsteile(7));
    const refused = await runAreaImport(db, 'leipzig', u, { ...OPTS, missingAreas: 'retire' });
    expect(refused.status).toBe('failed');
    expect(refused.errors[0]!.message).toContain(
      'Es kann nicht zum ' +
        new Date().toISOString().slice(0, 10).split('-').reverse().join('.') +
        ' aufgelöst werden: 1 Wert liegt nach diesem Tag',
    );
    await db.query(
      "DELETE FROM observation_row WHERE tenant_id = 'leipzig' AND ref_date = '2099-12-31'",
    );
    const r = await runAreaImport(db, 'leipzig', u, { ...OPTS, missingAreas: 'retire' });
    expect(r.errors).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(r.warnings.join(' ')).toContain(
      `Aufgelöst zum ${today.split('-').reverse().join('.')}: 1 Gebiet der Ebene „ortsteil“ fehlt in der Datei (08 Ortsteil 8), mit 1 Wert und 0 Frühwarnungen; seine Werte bleiben.`,
    );
    const [area] = await db.query<{ valid_to: string }>('SELECT valid_to FROM area WHERE id = $1', [
      a8!.id,
    ]);
    expect(area!.valid_to).toBe(today);
    expect(await db.query('SELECT value FROM observation WHERE area_id = $1', [a8!.id])).toEqual([
      { value: 640 },
    ]);
    const [entry] = await db.query<{ detail: { retiredAreas: unknown } }>(
      "SELECT detail FROM audit_log WHERE tenant_id = 'leipzig' AND action = 'import.areas' ORDER BY seq DESC LIMIT 1",
    );
    expect(entry!.detail.retiredAreas).toMatchObject({ count: 1, values: 1 });
    // a retired area is no longer "missing" at the next re-import
    const again = await runAreaImport(db, 'leipzig', u, { ...OPTS, dryRun: true });
    expect(again.missingAreas).toBeUndefined();
  });

  it('ends the areas the day before the new areas begin', () => {
    expect(retireDate('2025-01-01')).toBe('2024-12-31');
    expect(retireDate('2024-03-01')).toBe('2024-02-29');
    expect(retireDate(null, new Date('2026-12-05T10:00:00Z'))).toBe('2026-12-05');
  });
});

describe('swapped axes', () => {
  it('are refused with a hint, and read swapped once the person confirms', async () => {
    const flipped = ortsteile(3);
    for (const f of flipped.features as { geometry: { coordinates: number[][][] } }[]) {
      const ring = f.geometry.coordinates[0]!;
      f.geometry.coordinates = [ring.map(([x, y]) => [y!, x!])];
    }
    const u = await upload('vertauscht.geojson', flipped);
    await expect(analyzeUpload(db, 'leipzig', u)).rejects.toMatchObject({
      issues: [expect.objectContaining({ hint: 'swap_axes' })],
    });
    const a = await analyzeUpload(db, 'leipzig', u, { swapAxes: true });
    expect(a.kind === 'areas' && a.warnings.join(' ')).toContain('Achsen getauscht');
    const r = await runAreaImport(db, 'leipzig', u, {
      ...OPTS,
      systemId: 'ot_getauscht',
      swapAxes: true,
    });
    expect(r.status).toBe('succeeded');
    const [bbox] = await db.query<{ bbox: number[] }>(
      "SELECT bbox FROM area WHERE tenant_id = 'leipzig' AND system_id = 'ot_getauscht' AND code = '01'",
    );
    expect(bbox!.bbox[0]).toBeCloseTo(12.3, 5); // longitude first again
  });
});
