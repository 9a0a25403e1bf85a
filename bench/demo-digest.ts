// The Berlin demo as loaded, reduced to digests per table (issue 9 § 7, ADR 0048): loads the demo
// into a new database and prints one md5 per table over every value in key order, so two versions
// of the seed can be compared ("the final demo data is byte-identical"). Ids that depend on the
// order of writing (area ids, import run ids) are replaced by what they name (area code, file name).
//   node --import tsx bench/demo-digest.ts [--database-url postgres://…]   (an empty database)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Sql } from '../packages/server/src/db/db.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { loadBerlinDemo } from '../packages/server/src/seed/berlin/index.ts';

/** Each table as rows of text in a fixed order; float8 text is exact (shortest round trip). */
const DIGESTS: Record<string, string> = {
  observation: `SELECT o.indicator_id, a.system_id, a.level_id, a.code, o.ref_date, o.value, o.numerator,
      o.denominator, o.flag, o.flag_reason, o.origin, r.file_name
    FROM observation o JOIN area a ON a.id = o.area_id LEFT JOIN import_run r ON r.id = o.import_id
    ORDER BY o.indicator_id, a.system_id, a.level_id, a.code, o.ref_date`,
  area: `SELECT a.system_id, a.level_id, a.code, a.name, a.geometry::text, a.bbox, a.area_m2, a.valid_from,
      a.valid_to, p.level_id AS parent_level, p.code AS parent_code
    FROM area a LEFT JOIN area p ON p.id = a.parent_id ORDER BY 1, 2, 3`,
  import_run: `SELECT kind, file_name, file_sha256, format, options, status, rows_read, rows_written, errors
    FROM import_run ORDER BY id`,
  indicator: `SELECT id, kind, scale, numerator_indicator_id, denominator_indicator_id, source_id, name_de
    FROM indicator ORDER BY tenant_id, id`,
  point_feature: `SELECT dataset, id, name, lon, lat, properties::text FROM point_feature ORDER BY 1, 2`,
  directory_service: `SELECT id, organization_id, service_type, name, source_id, external_ref
    FROM directory_service ORDER BY tenant_id, id`,
  directory_location: `SELECT id, organization_id, name, street, postcode, lon, lat
    FROM directory_location ORDER BY tenant_id, id`,
};

/** md5 and row count of every digest query. */
export async function demoDigest(db: Sql): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const [name, sql] of Object.entries(DIGESTS)) {
    const [r] = await db.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY n), '')) AS md5
       FROM (SELECT t, row_number() OVER () AS n FROM (${sql}) t) x`,
    );
    out[name] = r!;
  }
  return out;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--database-url');
  const databaseUrl = i > 0 ? process.argv[i + 1] : undefined;
  const work = databaseUrl ? null : await mkdtemp(path.join(os.tmpdir(), 'sozialraum-digest-'));
  const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir: work! });
  try {
    await migrate(db);
    const t = performance.now();
    await loadBerlinDemo(db);
    const ms = performance.now() - t;
    console.log(
      JSON.stringify(
        { loadSeconds: Math.round(ms / 100) / 10, ...(await demoDigest(db)) },
        null,
        1,
      ),
    );
  } finally {
    await db.close();
    if (work) await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) await main();
