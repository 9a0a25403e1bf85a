// Point import (Standorte) over HTTP on the real database: GeoJSON, CSV with decimal commas, CSV in
// UTM 33N, outside points, wrong geometry in the areas import, permissions, counts at every level.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectFromWgs84 } from '@sozialraum/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let fx: Fixture;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  dataDir = await mkdtemp(path.join(tmpdir(), 'sz-points-'));
  app = await buildApp(testContext(db, { dataDir }), { validateResponses: true });
  admin = injectAs(app, await adminHeaders(db));
});
afterAll(async () => {
  await app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

const fixture = (name: string) => readFile(path.join(import.meta.dirname, 'fixtures', name));
const source = {
  title: 'Kitaverzeichnis Test',
  publisher: 'Senatsverwaltung für Bildung',
  licence: 'dl-de/by-2-0',
  attribution: 'Senatsverwaltung für Bildung, Jugend und Familie',
};

async function analyze(api: ReturnType<typeof injectAs>, name: string, content: Buffer) {
  return api({
    method: 'POST',
    url: '/api/point-imports/analyze',
    ...multipart([{ name, content }]),
  });
}

async function run(
  api: ReturnType<typeof injectAs>,
  uploadId: string,
  body: Record<string, unknown>,
) {
  return api({ method: 'POST', url: `/api/point-imports/${uploadId}/run`, payload: body });
}

const valueOf = async (indicator: string, areaId: number, date: string) =>
  (
    await db.query<{ value: number }>(
      `SELECT value FROM observation WHERE tenant_id = 'berlin' AND indicator_id = $1 AND area_id = $2 AND ref_date = $3`,
      [indicator, areaId, date],
    )
  )[0]?.value;

describe('point import', () => {
  it('imports a GeoJSON of Kitas: dataset, assignments on every level, counts and places per area', async () => {
    const a = await analyze(admin, 'kitas.geojson', await fixture('kitas.geojson'));
    expect(a.statusCode, a.body).toBe(200);
    const analysis = a.json().analysis;
    expect(analysis).toMatchObject({
      format: 'GeoJSON',
      suggestion: { nameColumn: 'name', idColumn: 'id' },
    });
    expect(analysis.numericColumns).toContain('plaetze');
    expect(analysis.join.outsideCount).toBe(1);
    expect(analysis.join.outside[0]).toMatchObject({ ref: 'Objekt 4', name: 'Kita am Stadtrand' });

    const body = {
      dryRun: true,
      datasetId: 'kitas2026',
      nameDe: 'Kitas',
      referenceDate: '2026-06-30',
      source,
      nameColumn: 'name',
      idColumn: 'id',
      countIndicator: { id: 'kitas_anzahl', nameDe: 'Kitas' },
      capacityColumn: 'plaetze',
      capacityIndicator: { id: 'kitas_plaetze', nameDe: 'Kitaplätze' },
      departmentId: 'sozialplanung',
      dimension: 'education',
    };
    const dry = await run(admin, a.json().uploadId, body);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ status: 'dry_run', replaced: false });
    expect(dry.json().join.outside).toHaveLength(1);
    const bez = dry.json().join.levels.find((l: { levelId: string }) => l.levelId === 'bez');
    expect(bez).toMatchObject({ assigned: 3, areasWithPoints: 2 });
    expect(bez.top[0]).toMatchObject({ code: '01', count: 2, capacity: 120 });
    expect(await db.query(`SELECT 1 FROM point_dataset WHERE id = 'kitas2026'`)).toHaveLength(0);

    const real = await run(admin, a.json().uploadId, { ...body, dryRun: false });
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json()).toMatchObject({
      status: 'succeeded',
      indicators: ['kitas_anzahl', 'kitas_plaetze'],
    });
    // counts on both levels, zeros included; the outside point is stored but counted nowhere
    expect(await valueOf('kitas_anzahl', fx.areaId['01']!, '2026-06-30')).toBe(2);
    expect(await valueOf('kitas_anzahl', fx.areaId['02']!, '2026-06-30')).toBe(1);
    expect(await valueOf('kitas_anzahl', fx.areaId['01100101']!, '2026-06-30')).toBe(1);
    expect(await valueOf('kitas_anzahl', fx.areaId['02100102']!, '2026-06-30')).toBe(0);
    expect(await valueOf('kitas_plaetze', fx.areaId['01']!, '2026-06-30')).toBe(120);
    expect(await valueOf('kitas_plaetze', fx.areaId['01100102']!, '2026-06-30')).toBe(75.5);
    const features = await admin({ url: '/api/point-datasets/kitas2026/features' });
    expect(features.json().features).toHaveLength(4);
    const assigned = await db.query(`SELECT * FROM point_area WHERE dataset = 'kitas2026'`);
    expect(assigned).toHaveLength(6); // 3 inside points × 2 levels
    const [ind] = await db.query<{ visibility: string; department: string }>(
      `SELECT visibility, department FROM indicator WHERE id = 'kitas_anzahl'`,
    );
    expect(ind).toEqual({ visibility: 'internal', department: 'sozialplanung' });
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'point_dataset' AND entity_id = 'kitas2026'`,
    );
    expect(audit.map((r) => r.action)).toEqual(['points.import']);
    // and the count shows in the area's profile for a signed-in reader
    const profile = await admin({ url: `/api/areas/${fx.areaId['01']}/profile?date=2026-06-30` });
    const all = profile
      .json()
      .groups.flatMap(
        (g: { indicators: { indicator: { id: string }; value: number }[] }) => g.indicators,
      );
    expect(
      all.find((i: { indicator: { id: string } }) => i.indicator.id === 'kitas_anzahl'),
    ).toMatchObject({ value: 2, date: '2026-06-30' });
  });

  it('replaces a dataset on re-import (audited) and keeps the counts in step', async () => {
    const csv = Buffer.from('id;name;lat;lon\r\nk1;Kita Eins;52,05;13,05\r\n', 'latin1');
    const a = await analyze(admin, 'kitas.csv', csv);
    expect(a.statusCode, a.body).toBe(200);
    const r = await run(admin, a.json().uploadId, {
      dryRun: false,
      datasetId: 'kitas2026',
      nameDe: 'Kitas',
      referenceDate: '2026-06-30',
      source,
      nameColumn: 'name',
      idColumn: 'id',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ replaced: true, indicators: ['kitas_anzahl'] });
    expect(await valueOf('kitas_anzahl', fx.areaId['02']!, '2026-06-30')).toBe(0);
    expect(await valueOf('kitas_anzahl', fx.areaId['01']!, '2026-06-30')).toBe(1);
    const n = await db.query(`SELECT 1 FROM point_feature WHERE dataset = 'kitas2026'`);
    expect(n).toHaveLength(1);
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'point_dataset' AND entity_id = 'kitas2026' ORDER BY id`,
    );
    expect(audit.map((x) => x.action)).toEqual(['points.import', 'points.replace']);
  });

  it('reads a GeoPackage in EPSG:25833 (written by GDAL) with its attributes', async () => {
    const a = await analyze(admin, 'schulen.gpkg', await fixture('schulen.gpkg'));
    expect(a.statusCode, a.body).toBe(200);
    const an = a.json().analysis;
    expect(an.format).toBe('GeoPackage');
    expect(an.columns).toEqual(expect.arrayContaining(['id', 'name', 'plaetze', 'traeger']));
    expect(an.sample[0].name).toBe('Kita Sonnenschein');
    expect(an.sample[0].lon).toBeCloseTo(13.05, 6);
    expect(an.sample[0].lat).toBeCloseTo(52.05, 6);
    expect(an.join.outside.map((o: { name: string }) => o.name)).toEqual(['Kita am Stadtrand']);
  });

  it('imports a Shapefile in EPSG:25833 (.shp/.shx/.dbf/.prj/.cpg written by GDAL) with umlauts', async () => {
    // fixtures/apotheken.*: ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:25833 -lco ENCODING=UTF-8
    //   apotheken.shp apotheken.source.geojson
    const files = await Promise.all(
      ['shp', 'shx', 'dbf', 'prj', 'cpg'].map(async (ext) => ({
        name: `apotheken.${ext}`,
        content: await fixture(`apotheken.${ext}`),
      })),
    );
    const a = await admin({
      method: 'POST',
      url: '/api/point-imports/analyze',
      ...multipart(files),
    });
    expect(a.statusCode, a.body).toBe(200);
    const an = a.json().analysis;
    expect(an.format).toBe('Shapefile');
    expect(an.columns).toEqual(expect.arrayContaining(['nr', 'name', 'notdienst']));
    expect(an.suggestion).toEqual({ nameColumn: 'name', idColumn: 'nr' });
    expect(an.sample[0].name).toBe('Löwen-Apotheke');
    expect(an.sample[0].lon).toBeCloseTo(13.05, 6);
    expect(an.sample[0].lat).toBeCloseTo(52.05, 6);
    expect(an.join.outside.map((o: { name: string }) => o.name)).toEqual(['Apotheke Außerhalb']);
    const r = await run(admin, a.json().uploadId, {
      dryRun: false,
      datasetId: 'apotheken_shp',
      nameDe: 'Apotheken',
      referenceDate: '2026-06-30',
      source,
      nameColumn: 'name',
      idColumn: 'nr',
      countIndicator: { id: 'apotheken_shp_anzahl', nameDe: 'Apotheken' },
      departmentId: 'sozialplanung',
      dimension: 'health',
      definitionDe:
        'Öffentliche Apotheken mit Betriebserlaubnis je Gebiet (Stand: Apothekenliste).',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'succeeded', format: 'Shapefile' });
    expect(await valueOf('apotheken_shp_anzahl', fx.areaId['01']!, '2026-06-30')).toBe(2);
    expect(await valueOf('apotheken_shp_anzahl', fx.areaId['02']!, '2026-06-30')).toBe(1);
    expect(await valueOf('apotheken_shp_anzahl', fx.areaId['01100101']!, '2026-06-30')).toBe(2);
    expect(await valueOf('apotheken_shp_anzahl', fx.areaId['02100102']!, '2026-06-30')).toBe(1);
    expect(await valueOf('apotheken_shp_anzahl', fx.areaId['01100102']!, '2026-06-30')).toBe(0);
    const names = await db.query<{ name: string }>(
      `SELECT name FROM point_feature WHERE dataset = 'apotheken_shp' ORDER BY id`,
    );
    expect(names.map((n) => n.name)).toEqual([
      'Löwen-Apotheke',
      'Apotheke am Südstern',
      'Brücken-Apotheke',
      'Apotheke Außerhalb',
    ]);
    const [ind] = await db.query<{ dimension: string; definition_de: string }>(
      `SELECT dimension, definition_de FROM indicator WHERE id = 'apotheken_shp_anzahl'`,
    );
    expect(ind).toEqual({
      dimension: 'health',
      definition_de:
        'Öffentliche Apotheken mit Betriebserlaubnis je Gebiet (Stand: Apothekenliste).',
    });
  });

  it('asks for the Lebenslage of new count indicators instead of a silent default (400, nothing written)', async () => {
    const a = await analyze(admin, 'kitas.geojson', await fixture('kitas.geojson'));
    expect(a.statusCode, a.body).toBe(200);
    for (const dryRun of [true, false]) {
      const r = await run(admin, a.json().uploadId, {
        dryRun,
        datasetId: 'ohne_lebenslage',
        nameDe: 'Kitas',
        source,
        countIndicator: { id: 'ohne_lebenslage_anzahl', nameDe: 'Kitas' },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toContain('Bitte die Lebenslage der Zählindikatoren wählen');
      expect(r.json().error.details[0]).toMatchObject({ field: 'dimension' });
    }
    expect(await db.query(`SELECT 1 FROM indicator WHERE id = 'ohne_lebenslage_anzahl'`)).toEqual(
      [],
    );
  });

  it('reads a CSV with lat/lon in German decimal commas', async () => {
    const csv = Buffer.from(
      'Nr;Bezeichnung;Breite;Länge;Plätze\r\n1;Pflegeheim Süd;52,01;13,15;80\r\n2;Pflegeheim Ost;52,09;13,35;1.020\r\n',
      'latin1',
    );
    const a = await analyze(admin, 'pflege.csv', csv);
    expect(a.statusCode, a.body).toBe(200);
    const an = a.json().analysis;
    expect(an.coordinates).toMatchObject({ x: 'Länge', y: 'Breite', crs: 4326 });
    expect(an.suggestion).toEqual({ nameColumn: 'Bezeichnung', idColumn: 'Nr' });
    expect(an.sample[0]).toEqual({ name: 'Pflegeheim Süd', lon: 13.15, lat: 52.01 });
    expect(an.numericColumns).toEqual(['Nr', 'Plätze']);
    expect(an.join.outsideCount).toBe(0);
  });

  it('reads a CSV with Rechtswert/Hochwert in ETRS89/UTM 33N (EPSG:25833)', async () => {
    const [x1, y1] = projectFromWgs84([13.25, 52.05], 25833);
    const [x2, y2] = projectFromWgs84([13.05, 52.05], 25833);
    const de = (v: number) => v.toFixed(2).replace('.', ',');
    const csv = Buffer.from(
      `name;rechtswert;hochwert\r\nSchule A;${de(x1!)};${de(y1!)}\r\nSchule B;${de(x2!)};${de(y2!)}\r\n`,
      'utf8',
    );
    const a = await analyze(admin, 'schulen.csv', csv);
    expect(a.statusCode, a.body).toBe(200);
    const an = a.json().analysis;
    expect(an.coordinates).toMatchObject({ x: 'rechtswert', y: 'hochwert', crs: 25833 });
    expect(an.sample[0].lon).toBeCloseTo(13.25, 6);
    expect(an.sample[0].lat).toBeCloseTo(52.05, 6);
    const plr = an.join.levels.find((l: { levelId: string }) => l.levelId === 'plr');
    expect(plr.top.map((t: { code: string }) => t.code).sort()).toEqual(['01100101', '02100101']);
  });

  it('refuses a CSV with a bad coordinate: 400 naming file, line and column', async () => {
    const csv = Buffer.from('name;lat;lon\r\nA;52,05;13,05\r\nB;zweiundfünfzig;13,1\r\n', 'utf8');
    const a = await analyze(admin, 'kaputt.csv', csv);
    expect(a.statusCode).toBe(400);
    expect(a.json().error.message).toContain('Zeile 3, Spalte „lat“');
    expect(a.json().error.details[0]).toMatchObject({ file: 'kaputt.csv', line: 3, column: 'lat' });
  });

  it('refuses a CSV without coordinate columns with a message that says what is expected', async () => {
    const csv = Buffer.from('name;strasse\r\nA;Hauptstr. 1\r\n', 'utf8');
    const a = await analyze(admin, 'adressen.csv', csv);
    expect(a.statusCode).toBe(400);
    expect(a.json().error.message).toContain('Keine Koordinatenspalten gefunden');
  });

  it('says in the areas import that a point file holds Standorte and where it goes', async () => {
    const res = await admin({
      method: 'POST',
      url: '/api/imports/analyze',
      ...multipart([{ name: 'kitas.geojson', content: await fixture('kitas.geojson') }]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(
      'Diese Datei enthält Punkte (Standorte), keine Gebietsflächen – importieren Sie sie unter Standorte',
    );
  });

  it('records a refused real run in the import history (status failed, message); a dry run is not a run', async () => {
    const csv = Buffer.from(
      'id;name;lat;lon\r\nk1;Kita A;52,05;13,05\r\nk1;Kita B;52,06;13,06\r\n',
    );
    const a = await analyze(admin, 'doppelt.csv', csv);
    expect(a.statusCode, a.body).toBe(200);
    const body = {
      datasetId: 'doppelt',
      nameDe: 'Kitas doppelt',
      source,
      nameColumn: 'name',
      idColumn: 'id',
    };
    const runsBefore = (await admin({ url: '/api/imports' })).json().length;
    const dry = await run(admin, a.json().uploadId, { ...body, dryRun: true });
    expect(dry.statusCode).toBe(400);
    expect((await admin({ url: '/api/imports' })).json()).toHaveLength(runsBefore);
    const r = await run(admin, a.json().uploadId, { ...body, dryRun: false });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('die Kennung „k1“ kommt schon in Zeile 2 vor');
    const [latest] = (await admin({ url: '/api/imports' })).json();
    expect(latest).toMatchObject({
      kind: 'points',
      fileName: 'doppelt.csv',
      format: 'CSV',
      status: 'failed',
      errorCount: 1,
      rowsWritten: 0,
    });
    const [stored] = await db.query<{ errors: { message: string; line: number }[] }>(
      'SELECT errors FROM import_run WHERE id = $1',
      [latest.id],
    );
    expect(stored!.errors[0]).toMatchObject({ line: 3 });
    expect(stored!.errors[0]!.message).toContain('kommt schon in Zeile 2 vor');
    expect(await db.query(`SELECT 1 FROM point_dataset WHERE id = 'doppelt'`)).toEqual([]);
  });

  it('refuses a viewer (403) and writes nothing', async () => {
    const viewer = injectAs(
      app,
      await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })),
    );
    const a = await analyze(viewer, 'kitas.geojson', await fixture('kitas.geojson'));
    expect(a.statusCode).toBe(403);
  });

  it('refuses a count indicator for another department to a department planner', async () => {
    const planner = injectAs(
      app,
      await tokenHeaders(
        db,
        await createTestUser(db, { roles: ['department_planner'], departmentId: 'gesundheit' }),
      ),
    );
    // department planners have no points.import: the route refuses before anything is read
    const a = await analyze(planner, 'kitas.geojson', await fixture('kitas.geojson'));
    expect(a.statusCode).toBe(403);
    const steward = injectAs(
      app,
      await tokenHeaders(
        db,
        await createTestUser(db, { roles: ['sozialplanung'], departmentId: 'sozialplanung' }),
      ),
    );
    const b = await analyze(steward, 'kitas.geojson', await fixture('kitas.geojson'));
    expect(b.statusCode).toBe(200);
    const r = await run(steward, b.json().uploadId, {
      dryRun: false,
      datasetId: 'apotheken',
      nameDe: 'Apotheken',
      source,
      countIndicator: { id: 'apotheken_anzahl', nameDe: 'Apotheken' },
      departmentId: 'gesundheit',
      dimension: 'health',
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('Keine Berechtigung');
    expect(await db.query(`SELECT 1 FROM point_dataset WHERE id = 'apotheken'`)).toHaveLength(0);
  });
});
