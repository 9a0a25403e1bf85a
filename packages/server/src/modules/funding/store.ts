// SQL of the funding module: programme areas and money rows, always scoped by tenant.
import type { Sql } from '../../db/db.ts';

export interface ProgrammeAreaRow {
  area_id: number;
  code: string;
  name: string;
  system_id: string;
  level_id: string;
  valid_from: string | null;
  valid_to: string | null;
}

/** The areas of one programme in a tenant, with their validity as the programme area. */
export function selectProgrammeAreas(
  sql: Sql,
  tenantId: string,
  programmeId: string,
): Promise<ProgrammeAreaRow[]> {
  return sql.query<ProgrammeAreaRow>(
    `SELECT p.area_id, a.code, a.name, a.system_id, a.level_id,
            to_char(p.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(p.valid_to, 'YYYY-MM-DD') AS valid_to
       FROM funding_programme_area p
       JOIN area a ON a.tenant_id = p.tenant_id AND a.id = p.area_id
      WHERE p.tenant_id = $1 AND p.programme_id = $2
      ORDER BY a.code`,
    [tenantId, programmeId],
  );
}

/** Number of areas per programme in a tenant. */
export async function countProgrammeAreas(
  sql: Sql,
  tenantId: string,
): Promise<Map<string, number>> {
  const rows = await sql.query<{ programme_id: string; n: number }>(
    `SELECT programme_id, count(*)::int AS n FROM funding_programme_area WHERE tenant_id = $1 GROUP BY programme_id`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.programme_id, Number(r.n)]));
}

/** Replaces the areas of a programme (all-or-nothing inside the caller's transaction). */
export async function replaceProgrammeAreas(
  tx: Sql,
  tenantId: string,
  programmeId: string,
  areas: readonly { areaId: number; validFrom: string | null; validTo: string | null }[],
): Promise<void> {
  await tx.query(`DELETE FROM funding_programme_area WHERE tenant_id = $1 AND programme_id = $2`, [
    tenantId,
    programmeId,
  ]);
  if (areas.length === 0) return;
  await tx.query(
    `INSERT INTO funding_programme_area (tenant_id, programme_id, area_id, valid_from, valid_to)
     SELECT $1, $2, x.area_id, x.valid_from::date, x.valid_to::date
       FROM unnest($3::int[], $4::text[], $5::text[]) AS x(area_id, valid_from, valid_to)`,
    [
      tenantId,
      programmeId,
      areas.map((a) => a.areaId),
      areas.map((a) => a.validFrom),
      areas.map((a) => a.validTo),
    ],
  );
}

/** Which of the ids are areas of the tenant (id, code, name, system, level). */
export function selectTenantAreas(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<{ id: number; code: string; system_id: string; level_id: string }[]> {
  return sql.query(
    `SELECT id, code, system_id, level_id FROM area WHERE tenant_id = $1 AND id = ANY($2::int[])`,
    [tenantId, [...ids]],
  );
}

/** Current areas of the tenant with one of the codes (for resolving a funding table's codes). */
export function selectAreasByCode(
  sql: Sql,
  tenantId: string,
  codes: readonly string[],
): Promise<{ id: number; code: string; system_id: string; level_id: string }[]> {
  return sql.query(
    `SELECT id, code, system_id, level_id FROM area
      WHERE tenant_id = $1 AND code = ANY($2::text[]) AND (valid_to IS NULL OR valid_to > current_date)`,
    [tenantId, [...codes]],
  );
}

export interface FundingEntryRow {
  programme_id: string;
  area_id: number | null;
  measure_id: number | null;
  year: number;
  kind: 'planned' | 'approved' | 'spent';
  source: 'eu' | 'bund' | 'land' | 'kommune' | 'stiftung' | 'traeger' | 'total';
  amount: string | number;
}

/** Money rows of one programme in a tenant. */
export function selectProgrammeEntries(
  sql: Sql,
  tenantId: string,
  programmeId: string,
): Promise<FundingEntryRow[]> {
  return sql.query<FundingEntryRow>(
    `SELECT programme_id, area_id, measure_id, year, kind, source, amount
       FROM funding_entry WHERE tenant_id = $1 AND programme_id = $2
      ORDER BY year, area_id, measure_id, kind, source`,
    [tenantId, programmeId],
  );
}

/** Writes money rows, replacing rows with the same key (programme, area, measure, year, kind, source). */
export async function upsertEntries(
  tx: Sql,
  tenantId: string,
  rows: readonly {
    programmeId: string;
    areaId: number | null;
    measureId: number | null;
    year: number;
    kind: string;
    source: string;
    amount: number;
  }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const cols = [
    rows.map((r) => r.programmeId),
    rows.map((r) => r.areaId),
    rows.map((r) => r.measureId),
    rows.map((r) => r.year),
    rows.map((r) => r.kind),
    rows.map((r) => r.source),
    rows.map((r) => r.amount.toFixed(2)),
  ];
  await tx.query(
    `DELETE FROM funding_entry f
      USING unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[])
            AS x(programme_id, area_id, measure_id, year, kind, source)
      WHERE f.tenant_id = $1 AND f.programme_id = x.programme_id AND coalesce(f.area_id, 0) = coalesce(x.area_id, 0)
        AND coalesce(f.measure_id, 0) = coalesce(x.measure_id, 0)
        AND f.year = x.year AND f.kind = x.kind AND f.source = x.source`,
    [tenantId, ...cols.slice(0, 6)],
  );
  await tx.query(
    `INSERT INTO funding_entry (tenant_id, programme_id, area_id, measure_id, year, kind, source, amount)
     SELECT $1, x.programme_id, x.area_id, x.measure_id, x.year, x.kind, x.source, x.amount::numeric
       FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[])
            AS x(programme_id, area_id, measure_id, year, kind, source, amount)`,
    [tenantId, ...cols],
  );
  return rows.length;
}
