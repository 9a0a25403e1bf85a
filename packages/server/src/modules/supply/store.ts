// SQL of supply against need: the service type's term, areas of a level, population counts of the
// age-band indicators, services with places per area, located service points, provenance.
import type { Sql } from '../../db/db.ts';

export interface TermRow {
  code: string;
  name: string;
  target_min_age: number | null;
  target_max_age: number | null;
  /** Lebenslagen, main one first */
  dimensions: string[];
}

/** All taxonomy terms of the tenant, by name. */
export function selectTerms(sql: Sql, tenantId: string): Promise<TermRow[]> {
  return sql.query<TermRow>(
    `SELECT code, name, target_min_age, target_max_age, dimensions FROM directory_taxonomy_term
      WHERE tenant_id = $1 ORDER BY name`,
    [tenantId],
  );
}

/** The default area system and level: the newest system, its finest level. */
export async function selectDefaultLevel(
  sql: Sql,
  tenantId: string,
  systemId: string | null,
): Promise<{ system_id: string; level_id: string } | undefined> {
  const [row] = await sql.query<{ system_id: string; level_id: string }>(
    `SELECT s.id AS system_id, l.id AS level_id FROM area_system s
       JOIN area_level l ON l.tenant_id = s.tenant_id AND l.system_id = s.id
      WHERE s.tenant_id = $1 AND ($2::text IS NULL OR s.id = $2)
      ORDER BY s.valid_to IS NULL DESC, s.valid_from DESC NULLS LAST, l.depth DESC LIMIT 1`,
    [tenantId, systemId],
  );
  return row;
}

export interface AreaRow {
  id: number;
  code: string;
  name: string;
  geometry: unknown;
}

/** The areas of a level with geometry, by code. */
export function selectLevelAreas(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<AreaRow[]> {
  return sql.query<AreaRow>(
    `SELECT id, code, name, geometry FROM area
      WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3 ORDER BY code`,
    [tenantId, systemId, levelId],
  );
}

/** Which of the indicator ids exist for the principal (public ones only unless internal). */
export async function selectIndicatorSources(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
  internal: boolean,
): Promise<{ id: string; name_de: string; licence: string | null; attribution: string | null }[]> {
  return sql.query(
    `SELECT i.id, i.name_de, s.licence, s.attribution FROM indicator i
       LEFT JOIN source s ON s.tenant_id = i.tenant_id AND s.id = i.source_id
      WHERE i.tenant_id = $1 AND i.id = ANY($2::text[]) AND ($3 OR i.visibility = 'public')`,
    [tenantId, [...ids], internal],
  );
}

/** The latest reference date (on or before `date`) on which all indicators have values on the level. */
export async function selectLatestDate(
  sql: Sql,
  tenantId: string,
  indicatorIds: readonly string[],
  systemId: string,
  levelId: string,
  date: string | null,
): Promise<string | null> {
  const [row] = await sql.query<{ d: string | null }>(
    `SELECT to_char(max(d), 'YYYY-MM-DD') AS d FROM (
       SELECT o.ref_date AS d FROM observation o
         JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
        WHERE o.tenant_id = $1 AND o.indicator_id = ANY($2::text[]) AND a.system_id = $3 AND a.level_id = $4
          AND ($5::date IS NULL OR o.ref_date <= $5::date)
        GROUP BY o.ref_date HAVING count(DISTINCT o.indicator_id) = cardinality($2::text[])) x`,
    [tenantId, [...indicatorIds], systemId, levelId, date],
  );
  return row?.d ?? null;
}

/** Sum of the indicators per area on the date; null where one of them has no value. */
export async function selectPopulation(
  sql: Sql,
  tenantId: string,
  indicatorIds: readonly string[],
  systemId: string,
  levelId: string,
  date: string,
): Promise<Map<number, number | null>> {
  const rows = await sql.query<{ area_id: number; total: number | null }>(
    `SELECT o.area_id,
            CASE WHEN count(o.value) = cardinality($2::text[]) THEN sum(o.value) END AS total
       FROM observation o JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE o.tenant_id = $1 AND o.indicator_id = ANY($2::text[]) AND a.system_id = $3 AND a.level_id = $4
        AND o.ref_date = $5::date
      GROUP BY o.area_id`,
    [tenantId, [...indicatorIds], systemId, levelId, date],
  );
  return new Map(rows.map((r) => [r.area_id, r.total === null ? null : Number(r.total)]));
}

/** Active services of the type per area of the level: count and sum of their latest places. */
export async function selectSupplyPerArea(
  sql: Sql,
  tenantId: string,
  serviceType: string,
  systemId: string,
  levelId: string,
  internal: boolean,
): Promise<Map<number, { facilities: number; places: number | null }>> {
  const rows = await sql.query<{ area_id: number; facilities: number; places: number | null }>(
    `WITH svc AS (
       SELECT s.id, (SELECT c.value FROM directory_capacity c WHERE c.tenant_id = s.tenant_id AND c.service_id = s.id
                      ORDER BY c.ref_date DESC LIMIT 1) AS places
         FROM directory_service s JOIN directory_organization o ON o.tenant_id = s.tenant_id AND o.id = s.organization_id
        WHERE s.tenant_id = $1 AND s.service_type = $2 AND s.status = 'active' AND ($5 OR (s.public AND o.public))),
     per_area AS (
       SELECT DISTINCT la.area_id, svc.id, svc.places FROM svc
         JOIN directory_service_at_location sal ON sal.tenant_id = $1 AND sal.service_id = svc.id
         JOIN directory_location_area la ON la.tenant_id = $1 AND la.location_id = sal.location_id
         JOIN area a ON a.tenant_id = $1 AND a.id = la.area_id AND a.system_id = $3 AND a.level_id = $4)
     SELECT area_id, count(*)::int AS facilities, sum(places) AS places FROM per_area GROUP BY area_id`,
    [tenantId, serviceType, systemId, levelId, internal],
  );
  return new Map(
    rows.map((r) => [
      r.area_id,
      { facilities: Number(r.facilities), places: r.places === null ? null : Number(r.places) },
    ]),
  );
}

/** The located places of the active services of a type, with the service's id and name. */
export function selectServicePlaces(
  sql: Sql,
  tenantId: string,
  serviceType: string,
  internal: boolean,
): Promise<{ service_id: string; name: string; lon: number; lat: number }[]> {
  return sql.query(
    `SELECT s.id AS service_id, s.name, l.lon, l.lat FROM directory_service s
       JOIN directory_organization o ON o.tenant_id = s.tenant_id AND o.id = s.organization_id
       JOIN directory_service_at_location sal ON sal.tenant_id = s.tenant_id AND sal.service_id = s.id
       JOIN directory_location l ON l.tenant_id = sal.tenant_id AND l.id = sal.location_id
      WHERE s.tenant_id = $1 AND s.service_type = $2 AND s.status = 'active' AND ($3 OR (s.public AND o.public))
        AND l.lon IS NOT NULL AND l.lat IS NOT NULL
      ORDER BY s.name, s.id`,
    [tenantId, serviceType, internal],
  );
}

/** Provenance of the type's entries: latest capacity date, latest change, source licences. */
export async function selectDirectoryProvenance(
  sql: Sql,
  tenantId: string,
  serviceType: string,
): Promise<{ stand: string | null; licences: string[] }> {
  const [row] = await sql.query<{
    capacity_date: string | null;
    updated: string | null;
    licences: string[] | null;
  }>(
    `SELECT (SELECT to_char(max(c.ref_date), 'YYYY-MM-DD') FROM directory_capacity c
               JOIN directory_service s ON s.tenant_id = c.tenant_id AND s.id = c.service_id
              WHERE c.tenant_id = $1 AND s.service_type = $2) AS capacity_date,
            (SELECT to_char(max(s.updated_at), 'YYYY-MM-DD') FROM directory_service s
              WHERE s.tenant_id = $1 AND s.service_type = $2) AS updated,
            (SELECT array_agg(DISTINCT src.attribution || ' (' || src.licence || ')') FROM directory_service s
               JOIN source src ON src.tenant_id = s.tenant_id AND src.id = s.source_id
              WHERE s.tenant_id = $1 AND s.service_type = $2) AS licences`,
    [tenantId, serviceType],
  );
  return { stand: row?.capacity_date ?? row?.updated ?? null, licences: row?.licences ?? [] };
}

export interface TargetRow {
  service_type: string;
  indicator_ids: string[];
}

/** The tenant's target populations: per service type the population indicators that add up to it. */
export async function selectTargets(sql: Sql, tenantId: string): Promise<Map<string, string[]>> {
  const rows = await sql.query<TargetRow>(
    `SELECT service_type, indicator_ids FROM supply_target WHERE tenant_id = $1`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.service_type, r.indicator_ids]));
}

/** Sets (or with no indicators removes) the target population of a service type. */
export async function upsertTarget(
  sql: Sql,
  tenantId: string,
  serviceType: string,
  indicatorIds: readonly string[],
): Promise<void> {
  if (indicatorIds.length === 0) {
    await sql.query(`DELETE FROM supply_target WHERE tenant_id = $1 AND service_type = $2`, [
      tenantId,
      serviceType,
    ]);
    return;
  }
  await sql.query(
    `INSERT INTO supply_target (tenant_id, service_type, indicator_ids) VALUES ($1, $2, $3::text[])
     ON CONFLICT (tenant_id, service_type)
     DO UPDATE SET indicator_ids = EXCLUDED.indicator_ids, modified_at = now()`,
    [tenantId, serviceType, [...indicatorIds]],
  );
}

/** Sets targets of service types that have none yet (a tenant's own choices stay). */
export async function insertMissingTargets(
  sql: Sql,
  tenantId: string,
  targets: readonly { serviceType: string; indicatorIds: readonly string[] }[],
): Promise<void> {
  for (const t of targets)
    await sql.query(
      `INSERT INTO supply_target (tenant_id, service_type, indicator_ids) VALUES ($1, $2, $3::text[])
       ON CONFLICT (tenant_id, service_type) DO NOTHING`,
      [tenantId, t.serviceType, [...t.indicatorIds]],
    );
}

/** The levels of an area system, coarsest first. */
export function selectLevels(
  sql: Sql,
  tenantId: string,
  systemId: string,
): Promise<{ id: string }[]> {
  return sql.query(
    `SELECT id FROM area_level WHERE tenant_id = $1 AND system_id = $2 ORDER BY depth`,
    [tenantId, systemId],
  );
}

/** Whether a department record exists in the tenant. */
export async function departmentExists(sql: Sql, tenantId: string, id: string): Promise<boolean> {
  const rows = await sql.query('SELECT 1 FROM department WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    id,
  ]);
  return rows.length === 1;
}

export interface SupplyIndicatorRow {
  service_type: string;
  indicator_id: string;
  system_id: string;
  ref_date: string;
  directory_stand: string | null;
  computed_at: string;
}

/** The supply indicators of the tenant (which indicator holds which type's ratio). */
export function selectSupplyIndicators(sql: Sql, tenantId: string): Promise<SupplyIndicatorRow[]> {
  return sql.query(
    `SELECT service_type, indicator_id, system_id, to_char(ref_date, 'YYYY-MM-DD') AS ref_date,
            to_char(directory_stand, 'YYYY-MM-DD') AS directory_stand,
            to_char(computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS computed_at
       FROM supply_indicator WHERE tenant_id = $1 ORDER BY service_type`,
    [tenantId],
  );
}

/** Records what a supply indicator was last computed from. */
export async function upsertSupplyIndicator(
  sql: Sql,
  tenantId: string,
  r: Omit<SupplyIndicatorRow, 'computed_at'>,
): Promise<void> {
  await sql.query(
    `INSERT INTO supply_indicator (tenant_id, service_type, indicator_id, system_id, ref_date, directory_stand)
     VALUES ($1, $2, $3, $4, $5::date, $6::date)
     ON CONFLICT (tenant_id, service_type) DO UPDATE SET indicator_id = EXCLUDED.indicator_id,
       system_id = EXCLUDED.system_id, ref_date = EXCLUDED.ref_date,
       directory_stand = EXCLUDED.directory_stand, computed_at = now()`,
    [tenantId, r.service_type, r.indicator_id, r.system_id, r.ref_date, r.directory_stand],
  );
}

/** The department an indicator belongs to (null when there is no such indicator). */
export async function selectIndicatorDepartment(
  sql: Sql,
  tenantId: string,
  indicatorId: string,
): Promise<string | null> {
  const [r] = await sql.query<{ department: string }>(
    'SELECT department FROM indicator WHERE tenant_id = $1 AND id = $2',
    [tenantId, indicatorId],
  );
  return r?.department ?? null;
}

/** The tenant's indicator of all residents ("Einwohnende insgesamt"), or null when none is set. */
export async function selectResidents(sql: Sql, tenantId: string): Promise<string | null> {
  const [row] = await sql.query<{ indicator_id: string }>(
    `SELECT indicator_id FROM supply_residents WHERE tenant_id = $1`,
    [tenantId],
  );
  return row?.indicator_id ?? null;
}

/** Sets (or with null removes) the tenant's indicator of all residents. */
export async function upsertResidents(
  sql: Sql,
  tenantId: string,
  indicatorId: string | null,
): Promise<void> {
  if (indicatorId === null) {
    await sql.query(`DELETE FROM supply_residents WHERE tenant_id = $1`, [tenantId]);
    return;
  }
  await sql.query(
    `INSERT INTO supply_residents (tenant_id, indicator_id) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET indicator_id = EXCLUDED.indicator_id, modified_at = now()`,
    [tenantId, indicatorId],
  );
}

/** Sets the tenant's indicator of all residents unless one is set already (a data loader's default). */
export async function insertMissingResidents(
  sql: Sql,
  tenantId: string,
  indicatorId: string,
): Promise<void> {
  await sql.query(
    `INSERT INTO supply_residents (tenant_id, indicator_id) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING`,
    [tenantId, indicatorId],
  );
}
