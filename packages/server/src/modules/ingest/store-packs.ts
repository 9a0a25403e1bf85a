// Packs: the values of one indicator at one reference date on up to PACK_AREAS areas in one row
// (ADR 0063). Only the import that created an indicator writes its packs (ingest/new-values.ts);
// every other write to an indicator first turns its packs back into rows (unpackIndicators), so a
// key is stored once, either as a row or in a pack. Readers read the view `observation`.
import { createHash } from 'node:crypto';
import type { Sql } from '../../db/db.ts';
import { yieldToEventLoop } from '../../db/statements.ts';

/** Areas per pack: 500 values are ~4 KB, kept inside the row (STORAGE PLAIN, migration 0040). */
export const PACK_AREAS = 500;

/** Values per COPY of packs: a statement of ~40 ms on PGlite, then a turn of the event loop. */
const VALUES_PER_STATEMENT = 50_000;

/** The values of one indicator at one date on ascending, distinct area ids. */
export interface PackGroup {
  indicatorId: string;
  refDate: string;
  areaIds: readonly number[];
  values: readonly number[];
}

/**
 * Turns the packs of these indicators (all with null) back into rows of observation_row, before
 * anything writes them row by row. Costs what storing the
 * values as rows costs; the usual write to a packed indicator is a later import of the same table.
 */
export async function unpackIndicators(
  tx: Sql,
  tenantId: string,
  indicatorIds: readonly string[] | null,
): Promise<void> {
  const packed = await tx.query<{ id: string }>(
    `SELECT DISTINCT indicator_id AS id FROM observation_pack
      WHERE tenant_id = $1 AND ($2::text[] IS NULL OR indicator_id = ANY($2::text[]))`,
    [tenantId, indicatorIds],
  );
  if (packed.length === 0) return;
  const ids = packed.map((p) => p.id);
  // every key of a pack is a key of no row (the writers keep it so): a plain INSERT
  await tx.query(
    `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value, origin, import_id)
     SELECT p.tenant_id, p.indicator_id, l.area_id, p.ref_date, p.vals[l.pos], p.origin, p.import_id
       FROM observation_pack p JOIN observation_layout_area l ON l.layout_id = p.layout_id
      WHERE p.tenant_id = $1 AND p.indicator_id = ANY($2::text[])`,
    [tenantId, ids],
  );
  await tx.query(
    'DELETE FROM observation_pack WHERE tenant_id = $1 AND indicator_id = ANY($2::text[])',
    [tenantId, ids],
  );
  await tx.query(
    `DELETE FROM observation_layout x WHERE x.tenant_id = $1
        AND NOT EXISTS (SELECT 1 FROM observation_pack p WHERE p.layout_id = x.id)`,
    [tenantId],
  );
}

/** Unpacks the derived shares among these indicators (all with null) that have packs. */
export async function unpackDerived(
  tx: Sql,
  tenantId: string,
  indicatorIds: readonly string[] | null,
): Promise<void> {
  const rows = await tx.query<{ id: string }>(
    `SELECT DISTINCT p.indicator_id AS id FROM observation_pack p
       JOIN indicator i ON i.tenant_id = p.tenant_id AND i.id = p.indicator_id
      WHERE p.tenant_id = $1 AND i.numerator_indicator_id IS NOT NULL
        AND ($2::text[] IS NULL OR p.indicator_id = ANY($2::text[]))`,
    [tenantId, indicatorIds],
  );
  if (rows.length > 0)
    await unpackIndicators(
      tx,
      tenantId,
      rows.map((r) => r.id),
    );
}

/** Unpacks the indicators with packs on any of these areas (before their values are deleted). */
export async function unpackAreas(
  tx: Sql,
  tenantId: string,
  areaIds: readonly number[],
): Promise<void> {
  const rows = await tx.query<{ id: string }>(
    `SELECT DISTINCT p.indicator_id AS id
       FROM observation_layout_area l JOIN observation_pack p ON p.layout_id = l.layout_id
      WHERE l.area_id = ANY($2::int[]) AND p.tenant_id = $1`,
    [tenantId, areaIds],
  );
  if (rows.length > 0)
    await unpackIndicators(
      tx,
      tenantId,
      rows.map((r) => r.id),
    );
}

/** The layout of each set of area ids (created where missing), by the key `ids.join(',')`. */
async function layoutsFor(
  tx: Sql,
  tenantId: string,
  sets: ReadonlyMap<string, readonly number[]>,
): Promise<Map<string, number>> {
  const digestOf = new Map<string, string>();
  for (const key of sets.keys()) digestOf.set(createHash('md5').update(key).digest('hex'), key);
  const found = await tx.query<{ id: number; digest: string }>(
    'SELECT id, digest FROM observation_layout WHERE tenant_id = $1 AND digest = ANY($2::text[])',
    [tenantId, [...digestOf.keys()]],
  );
  const ids = new Map(found.map((f) => [digestOf.get(f.digest)!, f.id] as const));
  for (const [digest, key] of digestOf) {
    if (ids.has(key)) continue;
    const areas = sets.get(key)!;
    const [made] = await tx.query<{ id: number }>(
      'INSERT INTO observation_layout (tenant_id, digest, size) VALUES ($1, $2, $3) RETURNING id',
      [tenantId, digest, areas.length],
    );
    // the foreign key refuses an area that is not the tenant's
    await tx.query(
      `INSERT INTO observation_layout_area (layout_id, pos, tenant_id, area_id)
       SELECT $1, a.pos, $2, a.area_id FROM unnest($3::int[]) WITH ORDINALITY AS a(area_id, pos)`,
      [made!.id, tenantId, areas],
    );
    ids.set(key, made!.id);
  }
  return ids;
}

interface Chunk {
  key: string;
  areaIds: number[];
  from: number;
}

/** Runs of at most PACK_AREAS areas, with their layout keys; cached per array of area ids. */
function chunksOf(areaIds: readonly number[], cache: Map<readonly number[], Chunk[]>): Chunk[] {
  let chunks = cache.get(areaIds);
  if (!chunks) {
    chunks = [];
    for (let i = 0; i < areaIds.length; i += PACK_AREAS) {
      const ids = areaIds.slice(i, i + PACK_AREAS);
      chunks.push({ key: ids.join(','), areaIds: ids, from: i });
    }
    cache.set(areaIds, chunks);
  }
  return chunks;
}

/**
 * Writes the groups as packs of one origin, one COPY per ~VALUES_PER_STATEMENT values with a turn
 * of the event loop after each. The caller guarantees that none of these keys is stored (the
 * indicators were created in this transaction) and that the indicators are the tenant's (the
 * foreign key of observation_pack checks it anyway). Returns the number of values written.
 */
export async function writePacks(
  tx: Sql,
  tenantId: string,
  importId: number | null,
  origin: 'imported' | 'aggregated',
  groups: readonly PackGroup[],
): Promise<number> {
  const cache = new Map<readonly number[], Chunk[]>();
  const sets = new Map<string, readonly number[]>();
  for (const g of groups)
    for (const c of chunksOf(g.areaIds, cache)) if (!sets.has(c.key)) sets.set(c.key, c.areaIds);
  if (sets.size === 0) return 0;
  const layouts = await layoutsFor(tx, tenantId, sets);
  let written = 0;
  let rows: (string | number | null)[][] = [];
  let held = 0;
  const flush = async () => {
    await tx.copyRows(
      'observation_pack',
      ['tenant_id', 'indicator_id', 'ref_date', 'layout_id', 'vals', 'origin', 'import_id'],
      rows,
    );
    rows = [];
    held = 0;
    await yieldToEventLoop();
  };
  for (const g of groups)
    for (const c of chunksOf(g.areaIds, cache)) {
      const values = g.values.slice(c.from, c.from + c.areaIds.length);
      // String(x) is the shortest text that reads back as the same double (ECMAScript Number::toString)
      rows.push([
        tenantId,
        g.indicatorId,
        g.refDate,
        layouts.get(c.key)!,
        `{${values.join(',')}}`,
        origin,
        importId,
      ]);
      held += values.length;
      written += values.length;
      if (held >= VALUES_PER_STATEMENT) await flush();
    }
  if (rows.length > 0) await flush();
  return written;
}
