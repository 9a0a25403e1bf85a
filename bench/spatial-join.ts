// (k) The spatial join at scale (issue 12 § 4): N random points (default 5,000,000, seeded) in Berlin's
// bounding box × the 542 LOR 2021 Planungsräume and all four levels, with core's locator (Flatbush
// over part boxes, then banded ray casting; docs/methods/spatial-join.md), single thread. Checked
// against a naive point-in-polygon over every area on a sample, and — with --postgis-url — against
// PostGIS ST_Contains on a PostgreSQL server in the same run (one worker, GiST index), counts per area
// compared. Baselines in the same run: a pass that only reads the coordinates from memory, and one
// that parses them from CSV text as an import would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createCsvParser, createPointLocator, pointInPolygon } from '@sozialraum/core';
import type { AreaGeometry } from '@sozialraum/core';
import { REPO_ROOT } from '../packages/server/src/config.ts';
import { de, printSection, seconds, type Section } from './format.ts';

const GEO = path.join(REPO_ROOT, 'demo-data/berlin/geo');
const LEVELS = [
  ['bez', 'bezirke.geojson'],
  ['pgr', 'lor_2021_prognoseraeume.geojson'],
  ['bzr', 'lor_2021_bezirksregionen.geojson'],
  ['plr', 'lor_2021_planungsraeume.geojson'],
] as const;
const SAMPLE = 20_000;

function readLevel(file: string): { geometry: AreaGeometry }[] {
  const fc = JSON.parse(readFileSync(path.join(GEO, file), 'utf8')) as {
    features: { geometry: AreaGeometry }[];
  };
  return fc.features.map((f) => ({ geometry: f.geometry }));
}

/** Interleaved lon/lat of n points, uniform in the box, from a seeded xorshift32. */
function randomPoints(n: number, box: [number, number, number, number], seed = 20261206) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = box[0] + (box[2] - box[0]) * next();
    xy[2 * i + 1] = box[1] + (box[3] - box[1]) * next();
  }
  return xy;
}

function boxOf(features: { geometry: AreaGeometry }[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as [number, number];
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    } else for (const d of c as unknown[]) visit(d);
  };
  for (const f of features) visit(f.geometry.coordinates);
  return b;
}

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
};

function countsOf(located: Int32Array, areas: number): Uint32Array {
  const c = new Uint32Array(areas + 1);
  for (const k of located) c[k + 1]!++; // slot 0: outside every area
  return c;
}

/** PostGIS ST_Contains over the same points and Planungsräume: per-area counts and the join's time. */
async function postgisJoin(url: string, plr: { geometry: AreaGeometry }[], xy: Float64Array) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
    await client.query('SET max_parallel_workers_per_gather = 0'); // single core, as ours
    await client.query('DROP TABLE IF EXISTS bench_area, bench_point');
    await client.query('CREATE TABLE bench_area (k int PRIMARY KEY, geom geometry)');
    await client.query('CREATE TABLE bench_point (geom geometry(Point, 4326))');
    for (let k = 0; k < plr.length; k++)
      await client.query(
        'INSERT INTO bench_area VALUES ($1, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))',
        [k, JSON.stringify(plr[k]!.geometry)],
      );
    const n = xy.length / 2;
    for (let from = 0; from < n; from += 200_000) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let i = from; i < Math.min(n, from + 200_000); i++) {
        xs.push(xy[2 * i]!);
        ys.push(xy[2 * i + 1]!);
      }
      await client.query(
        `INSERT INTO bench_point SELECT ST_SetSRID(ST_MakePoint(x, y), 4326)
           FROM unnest($1::float8[], $2::float8[]) AS t(x, y)`,
        [xs, ys],
      );
    }
    await client.query('CREATE INDEX ON bench_area USING gist (geom)');
    await client.query('ANALYZE bench_area; ANALYZE bench_point');
    const t0 = performance.now();
    const res = await client.query<{ k: number; n: string }>(
      `SELECT a.k, count(*) AS n FROM bench_point p JOIN bench_area a ON ST_Contains(a.geom, p.geom)
        GROUP BY a.k`,
    );
    const ms = performance.now() - t0;
    const version = (await client.query<{ v: string }>('SELECT postgis_lib_version() AS v'))
      .rows[0]!.v;
    await client.query('DROP TABLE bench_area, bench_point');
    const counts = new Uint32Array(plr.length);
    for (const r of res.rows) counts[r.k] = Number(r.n);
    return { ms, counts, version };
  } finally {
    await client.end();
  }
}

/** Runs section k; `points` random points, PostGIS reference when a URL is given. */
export async function benchSpatialJoin(points: number, postgisUrl?: string): Promise<Section> {
  console.log(`(k) Räumliche Zuordnung: ${de(points)} Punkte …`);
  const levels = LEVELS.map(([id, file]) => ({ id, areas: readLevel(file) }));
  const plr = levels.find((l) => l.id === 'plr')!.areas;
  const xy = randomPoints(points, boxOf(plr));

  const [sum, readMs] = time(() => {
    let s = 0;
    for (let i = 0; i < xy.length; i++) s += xy[i]!;
    return s;
  });
  const csv = Array.from({ length: Math.min(points, 1_000_000) }, (_, i) =>
    `${xy[2 * i]!.toFixed(7)};${xy[2 * i + 1]!.toFixed(7)}`.replace(/\./g, ','),
  ).join('\n');
  const num = (t: string) => Number(t.replace(',', '.'));
  const [, csvMs1M] = time(() => {
    const p = createCsvParser({ delimiter: ';' });
    let n = 0;
    const take = (recs: { fields: string[] }[]) => {
      for (const r of recs) n += num(r.fields[0]!) + num(r.fields[1]!);
    };
    for (let i = 0; i < csv.length; i += 65536) take(p.push(csv.slice(i, i + 65536)));
    take(p.end());
    return n;
  });
  const csvMs = (csvMs1M * points) / Math.min(points, 1_000_000);

  const [locator, buildMs] = time(() => createPointLocator(plr));
  const [located, joinMs] = time(() => locator.locateAll(xy));
  const ours = countsOf(located, plr.length);
  const [, allLevelsMs] = time(() => {
    for (const l of levels) createPointLocator(l.areas).locateAll(xy);
  });

  // naive reference on a sample: every area tested, no index
  let mismatches = 0;
  const step = Math.max(1, Math.floor(points / SAMPLE));
  for (let i = 0; i < points; i += step) {
    const p: [number, number] = [xy[2 * i]!, xy[2 * i + 1]!];
    const naive = plr.findIndex((a) => pointInPolygon(p, a.geometry));
    if (naive !== located[i]) mismatches++;
  }

  const rows: Section['rows'] = [
    [
      `${de(points)} Punkte × 542 Planungsräume (ein Kern)`,
      seconds(joinMs),
      `Koordinaten nur lesen: ${de(readMs, 0)} ms`,
      `${de(joinMs / readMs, 0)}×`,
    ],
    [
      'dasselbe, Punkte je s',
      de(points / (joinMs / 1000)),
      `Koordinaten aus CSV lesen und wandeln (deutsch, ;): ${seconds(csvMs)}`,
      `${de(joinMs / csvMs, 2)}×`,
    ],
    ['Index bauen (542 Gebiete)', `${de(buildMs, 0)} ms`, '–', '–'],
    [
      'alle vier Ebenen (12 Bezirke, 58 PGR, 143 BZR, 542 PLR)',
      seconds(allLevelsMs),
      `nur PLR: ${seconds(joinMs)}`,
      `${de(allLevelsMs / joinMs, 1)}×`,
    ],
    [
      `Stichprobe ${de(SAMPLE)} Punkte gegen naive Prüfung aller Gebiete`,
      `${mismatches} Abweichungen`,
      'Ziel: 0',
      mismatches === 0 ? 'gleich' : '**abweichend**',
    ],
    ['außerhalb aller Gebiete (Rechteck um Berlin)', de(ours[0]!), '–', '–'],
  ];
  const notes = [
    `Zufallspunkte gleichverteilt im umschließenden Rechteck der Planungsräume (xorshift32, fester Startwert); Prüfsumme ${de(sum, 1)}.`,
    'CSV-Vergleich: 1.000.000 Zeilen geparst und auf die Punktzahl hochgerechnet.',
  ];
  if (postgisUrl) {
    const gis = await postgisJoin(postgisUrl, plr, xy);
    let differ = 0;
    for (let k = 0; k < plr.length; k++) if (gis.counts[k] !== ours[k + 1]) differ++;
    rows.push(
      [
        'PostGIS ST_Contains, gleiche Punkte (1 Worker, GiST)',
        seconds(gis.ms),
        `unsere Zuordnung: ${seconds(joinMs)}`,
        `**${de(gis.ms / joinMs, 1)}×** schneller (Ziel ≥ 20×)`,
      ],
      [
        'Zählung je Planungsraum gleich wie PostGIS',
        `${plr.length - differ} von ${plr.length}`,
        'Ziel: alle',
        differ === 0 ? 'gleich' : '**abweichend**',
      ],
    );
    notes.push(
      `PostGIS ${gis.version}; nur die Abfrage gemessen (Laden der Punkte und Index nicht). Punkte genau auf einer Grenze zählt ST_Contains in keinem Gebiet, wir in genau einem; bei Zufallspunkten kommt das praktisch nicht vor.`,
    );
  } else
    notes.push('PostGIS-Vergleich: nur mit `--postgis-url postgres://…` (Server mit PostGIS).');
  const section: Section = {
    title: `k. Räumliche Zuordnung: ${de(points)} Punkte × LOR 2021 (core, ein Kern)`,
    rows,
    notes,
  };
  printSection(section);
  return section;
}
