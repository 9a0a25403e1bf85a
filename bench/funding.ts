// (l) The transparency answer (issue 15 § 2) on the Berlin demo: money booked on all 542
// Planungsräume for three years (total and thirds), on the 12 Bezirke, and for a whole
// Fördergebiet of 61 Planungsräume, then GET /api/funding/transparency as the public asks for it —
// on Planungsräume (status index as need) and on Bezirke (roll-up and spreading by residents).
// Baseline in the same run: GET /api/values for the same 542 Planungsräume (the map's values).
import type { Db } from '../packages/server/src/db/db.ts';
import { bumpDataVersion } from '../packages/server/src/http/prepared.ts';
import { de, printSection, type Section } from './format.ts';
import { VALUES_PATH } from './run.ts';

const REQUESTS = 20;
/** Requests right after a data change (each one computes the answer anew). */
const COLD = 5;
const YEARS = [2022, 2023, 2024];

const ms = (x: number) => `${de(x, 0)} ms`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Time of `n` sequential GETs (after one that is not counted): the median and the first. */
async function timeGets(base: string, path: string, n: number) {
  const t0 = performance.now();
  const first = await fetch(base + path);
  if (first.status !== 200) throw new Error(`${path}: ${first.status} ${await first.text()}`);
  await first.arrayBuffer();
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  return { firstMs, median: median(times), max: Math.max(...times) };
}

/** Time of `n` GETs each right after a data change (bumpDataVersion): the answer made anew. */
async function timeCold(base: string, path: string, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    bumpDataVersion();
    const t = performance.now();
    const res = await fetch(base + path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  return { median: median(times), max: Math.max(...times) };
}

/** Books the money of the benchmark (one transaction; plain SQL, as the import would store it). */
async function seedMoney(db: Db, tenantId: string): Promise<number> {
  const plr = await db.query<{ id: number }>(
    `SELECT id FROM area WHERE tenant_id = $1 AND system_id = 'lor2021' AND level_id = 'plr' ORDER BY code`,
    [tenantId],
  );
  const bez = await db.query<{ id: number }>(
    `SELECT id FROM area WHERE tenant_id = $1 AND system_id = 'lor2021' AND level_id = 'bez' ORDER BY code`,
    [tenantId],
  );
  const rows: [string, number | null, number, string, string, number][] = [];
  plr.forEach((a, i) => {
    for (const year of YEARS) {
      const total = 3000 * ((i % 17) + 1);
      rows.push(['sozialer-zusammenhalt', a.id, year, 'approved', 'total', total]);
      for (const s of ['bund', 'land', 'kommune']) {
        rows.push(['sozialer-zusammenhalt', a.id, year, 'approved', s, total / 3]);
      }
    }
  });
  for (const a of bez)
    for (const year of YEARS) rows.push(['biwaq', a.id, year, 'approved', 'total', 250_000]);
  for (const year of YEARS) rows.push(['biwaq', null, year, 'approved', 'total', 1_000_000]);
  await db.transaction(async (tx) => {
    await tx.query(`DELETE FROM funding_entry WHERE tenant_id = $1`, [tenantId]);
    await tx.query(`DELETE FROM funding_programme_area WHERE tenant_id = $1`, [tenantId]);
    await tx.query(
      `INSERT INTO funding_entry (tenant_id, programme_id, area_id, year, kind, source, amount)
       SELECT $1, x.p, x.a, x.y, x.k, x.s, x.m
         FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::numeric[])
           AS x(p, a, y, k, s, m)`,
      [
        tenantId,
        rows.map((r) => r[0]),
        rows.map((r) => r[1]),
        rows.map((r) => r[2]),
        rows.map((r) => r[3]),
        rows.map((r) => r[4]),
        rows.map((r) => r[5]),
      ],
    );
    await tx.query(
      `INSERT INTO funding_programme_area (tenant_id, programme_id, area_id)
       SELECT $1, 'biwaq', unnest($2::int[])`,
      [tenantId, plr.filter((_, i) => i % 9 === 0).map((a) => a.id)],
    );
  });
  return rows.length;
}

/** Runs section l against a running app on the demo database; returns its table. */
export async function benchFunding(db: Db, base: string, tenantId: string): Promise<Section> {
  if (!base.startsWith('http://127.0.0.1:')) throw new Error('Lasttests nur gegen 127.0.0.1');
  console.log('(l) Transparenz der Fördermittel …');
  const booked = await seedMoney(db, tenantId);
  const values = await timeGets(base, VALUES_PATH, REQUESTS);
  const plr = await timeGets(base, '/api/funding/transparency?year=2024', REQUESTS);
  const bez = await timeGets(base, '/api/funding/transparency?year=2024&level=bez', REQUESTS);
  const csv = await timeGets(base, '/api/funding/transparency.csv?year=2024', REQUESTS);
  const cold = await timeCold(base, '/api/funding/transparency?year=2024', COLD);
  const coldBez = await timeCold(base, '/api/funding/transparency?year=2024&level=bez', COLD);
  const ratio = (x: number) => `${de(x / values.median, 1)}×`;
  const section: Section = {
    title: 'l. Transparenz der Fördermittel (542 Planungsräume, PGlite)',
    rows: [
      [
        'GET /api/funding/transparency, Planungsräume, Statusindex, vorbereitet: Median',
        ms(plr.median),
        `GET /api/values (542 PLR): ${ms(values.median)}`,
        ratio(plr.median),
      ],
      [
        'dieselbe Anfrage: erste / langsamste',
        `${ms(plr.firstMs)} / ${ms(plr.max)}`,
        `${ms(values.firstMs)} / ${ms(values.max)}`,
        '–',
      ],
      [
        'dieselbe Anfrage direkt nach einer Datenänderung (neu berechnet): Median / langsamste',
        `${ms(cold.median)} / ${ms(cold.max)}`,
        `GET /api/values (542 PLR): ${ms(values.median)}`,
        ratio(cold.median),
      ],
      [
        'auf Bezirken (aufsummiert und nach Einwohneranteil verteilt), vorbereitet: Median',
        ms(bez.median),
        `GET /api/values (542 PLR): ${ms(values.median)}`,
        ratio(bez.median),
      ],
      [
        'auf Bezirken direkt nach einer Datenänderung: Median / langsamste',
        `${ms(coldBez.median)} / ${ms(coldBez.max)}`,
        `GET /api/values (542 PLR): ${ms(values.median)}`,
        ratio(coldBez.median),
      ],
      [
        'CSV-Export, Planungsräume: Median',
        ms(csv.median),
        `GET /api/values (542 PLR): ${ms(values.median)}`,
        ratio(csv.median),
      ],
    ],
    notes: [
      `Gebucht: ${de(booked)} Zeilen (542 Planungsräume × 3 Jahre × Gesamt + Drittel, 12 Bezirke × 3 Jahre, 3 × ein ganzes Programmgebiet aus 61 Planungsräumen), bewilligt.`,
      `Je Anfrage ${REQUESTS} Mal nacheinander nach einer ersten, nicht gezählten (die erste steht in Zeile 2); öffentlich, ohne Anmeldung.`,
      'Die Antwort wird einmal je Datenstand berechnet (Einwohner je Jahr der gezeigten Ebene und der Ebene der Fördergebiete, Index, Zuordnung zur Ebene in core) und als fertige Bytes mit ETag gehalten (http/prepared.ts, ADR 0047); jede Buchung, jedes Fördergebiet, jede Einstellung, jede Maßnahmenänderung, jeder Import und jede Gebietsänderung verwirft sie.',
      `„Nach einer Datenänderung“: ${COLD} Anfragen, vor jeder wird der Datenstand weitergezählt (wie nach einer Buchung); der CSV-Export liest dieselbe vorbereitete Antwort.`,
    ],
  };
  printSection(section);
  return section;
}
