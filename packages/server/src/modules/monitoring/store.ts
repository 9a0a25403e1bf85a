// SQL of the monitoring module: versioned index definitions and the observations an index reads.
import type { Db, Sql } from '../../db/db.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';

/** A stored index definition (one version). */
export interface StoredDefinition {
  id: string;
  version: number;
  nameDe: string;
  definition: Record<string, unknown>;
  preset: string | null;
  createdAt: string;
  createdBy: string;
}

interface DefRow {
  id: string;
  version: number;
  name_de: string;
  definition: Record<string, unknown> | string;
  preset: string | null;
  created_at: Date | string;
  created_by: string;
}

const toStored = (r: DefRow): StoredDefinition => ({
  id: r.id,
  version: Number(r.version),
  nameDe: r.name_de,
  definition:
    typeof r.definition === 'string'
      ? (JSON.parse(r.definition) as Record<string, unknown>)
      : r.definition,
  preset: r.preset,
  createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
  createdBy: r.created_by,
});

const COLUMNS = 'id, version, name_de, definition, preset, created_at, created_by';

/** The latest version of every stored definition, by id. */
export async function listLatestDefinitions(
  sql: Sql,
  tenantId: string,
): Promise<StoredDefinition[]> {
  const rows = await sql.query<DefRow>(
    `SELECT DISTINCT ON (id) ${COLUMNS} FROM index_definition WHERE tenant_id = $1 ORDER BY id, version DESC`,
    [tenantId],
  );
  return rows.map(toStored);
}

/** The latest version of one definition, or null. */
export async function getLatestDefinition(
  sql: Sql,
  tenantId: string,
  id: string,
): Promise<StoredDefinition | null> {
  const rows = await sql.query<DefRow>(
    `SELECT ${COLUMNS} FROM index_definition WHERE tenant_id = $1 AND id = $2 ORDER BY version DESC LIMIT 1`,
    [tenantId, id],
  );
  return rows[0] ? toStored(rows[0]) : null;
}

/**
 * Stores the next version of a definition and its audit entry in one transaction. `expectNew`
 * refuses when the id exists (POST), `expectExisting` when it does not (PUT); returns the version
 * written, or 'exists' / 'missing'.
 */
export async function saveDefinitionVersion(
  db: Db,
  tenantId: string,
  entry: {
    id: string;
    nameDe: string;
    definition: unknown;
    preset: string | null;
    actor: AuditActor;
    mode: 'create' | 'update';
    auditDetail?: Record<string, unknown> | undefined;
  },
): Promise<number | 'exists' | 'missing'> {
  return db.transaction(async (tx) => {
    // Serialise concurrent saves of the same tenant so that two saves never pick the same version.
    await tx.query('SELECT id FROM tenant WHERE id = $1 FOR UPDATE', [tenantId]);
    const cur = await tx.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM index_definition WHERE tenant_id = $1 AND id = $2',
      [tenantId, entry.id],
    );
    const last = cur[0]?.v === null || cur[0]?.v === undefined ? 0 : Number(cur[0].v);
    if (entry.mode === 'create' && last > 0) return 'exists';
    if (entry.mode === 'update' && last === 0) return 'missing';
    const version = last + 1;
    await tx.query(
      'INSERT INTO index_definition (tenant_id, id, version, name_de, definition, preset, created_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)',
      [
        tenantId,
        entry.id,
        version,
        entry.nameDe,
        JSON.stringify(entry.definition),
        entry.preset,
        entry.actor.actor,
      ],
    );
    await writeAudit(tx, tenantId, {
      actor: entry.actor,
      action: entry.mode === 'create' ? 'monitoring.index_created' : 'monitoring.index_updated',
      entity: 'index_definition',
      entityId: entry.id,
      detail: { version, nameDe: entry.nameDe, preset: entry.preset, ...entry.auditDetail },
    });
    return version;
  });
}

/** Which of the given indicator ids exist for the tenant. */
export async function existingIndicatorIds(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const rows = await sql.query<{ id: string }>(
    'SELECT id FROM indicator WHERE tenant_id = $1 AND id = ANY($2::text[])',
    [tenantId, [...ids]],
  );
  return new Set(rows.map((r) => r.id));
}

/** One area of a level with the observations of the requested indicators at one date. */
export interface AreaObservations {
  areaId: number;
  code: string;
  name: string;
  /** indicator id → value (null = stored without value) with flag reason. */
  values: Map<string, { value: number | null; flagReason: string | null }>;
}

/** All areas of a level (by code) with their observations of `indicatorIds` at `date`. */
export async function loadAreaObservations(
  sql: Sql,
  tenantId: string,
  key: { system: string; level: string; date: string },
  indicatorIds: readonly string[],
): Promise<AreaObservations[]> {
  const areas = await sql.query<{ id: number; code: string; name: string }>(
    'SELECT id, code, name FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3 ORDER BY code',
    [tenantId, key.system, key.level],
  );
  const byId = new Map<number, AreaObservations>();
  const out = areas.map((a) => {
    const o: AreaObservations = {
      areaId: Number(a.id),
      code: a.code,
      name: a.name,
      values: new Map(),
    };
    byId.set(o.areaId, o);
    return o;
  });
  if (out.length === 0) return out;
  const obs = await sql.query<{
    indicator_id: string;
    area_id: number;
    value: number | null;
    flag_reason: string | null;
  }>(
    `SELECT o.indicator_id, o.area_id, o.value, o.flag_reason
       FROM observation o JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE o.tenant_id = $1 AND o.indicator_id = ANY($2::text[]) AND o.ref_date = $3 AND a.system_id = $4 AND a.level_id = $5`,
    [tenantId, [...indicatorIds], key.date, key.system, key.level],
  );
  for (const r of obs)
    byId.get(Number(r.area_id))?.values.set(r.indicator_id, {
      value: r.value === null ? null : Number(r.value),
      flagReason: r.flag_reason,
    });
  return out;
}

/** System/level/date combinations where every one of `indicatorIds` has at least one value. */
export async function listEditions(
  sql: Sql,
  tenantId: string,
  indicatorIds: readonly string[],
): Promise<{ system: string; level: string; date: string }[]> {
  const rows = await sql.query<{ system_id: string; level_id: string; ref_date: string }>(
    `SELECT a.system_id, a.level_id, o.ref_date
       FROM observation o JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE o.tenant_id = $1 AND o.indicator_id = ANY($2::text[]) AND o.value IS NOT NULL
      GROUP BY a.system_id, a.level_id, o.ref_date
     HAVING count(DISTINCT o.indicator_id) = $3
      ORDER BY o.ref_date DESC, a.system_id, a.level_id`,
    [tenantId, [...indicatorIds], indicatorIds.length],
  );
  return rows.map((r) => ({ system: r.system_id, level: r.level_id, date: String(r.ref_date) }));
}

/** Id of the latest import run (0 when none): part of the result cache key, so a new import clears it. */
export async function latestImportRunId(sql: Sql, tenantId: string): Promise<number> {
  const rows = await sql.query<{ m: number | null }>(
    'SELECT max(id) AS m FROM import_run WHERE tenant_id = $1',
    [tenantId],
  );
  return rows[0]?.m === null || rows[0]?.m === undefined ? 0 : Number(rows[0].m);
}

/** German names of indicators by id. */
export async function indicatorNames(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await sql.query<{ id: string; name_de: string }>(
    'SELECT id, name_de FROM indicator WHERE tenant_id = $1 AND id = ANY($2::text[])',
    [tenantId, [...ids]],
  );
  return new Map(rows.map((r) => [r.id, r.name_de]));
}
