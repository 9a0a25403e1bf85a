// SQL of the transparency view: money rows of one kind with their area's system and level, and the
// tenant's funding settings (public level of detail, residents indicator).
import type { PublicDetail } from '@sozialraum/contracts/funding-transparency';
import type { Sql } from '../../db/db.ts';
import type { FundingEntryRow } from './store.ts';

export interface TransparencyEntryRow extends FundingEntryRow {
  system_id: string | null;
  level_id: string | null;
}

/** All money rows of one kind in a tenant, with the system and level of their area. */
export function selectEntriesOfKind(
  sql: Sql,
  tenantId: string,
  kind: string,
): Promise<TransparencyEntryRow[]> {
  return sql.query<TransparencyEntryRow>(
    `SELECT f.programme_id, f.area_id, f.measure_id, a.system_id, a.level_id, f.year, f.kind, f.source, f.amount
       FROM funding_entry f
       LEFT JOIN area a ON a.tenant_id = f.tenant_id AND a.id = f.area_id
      WHERE f.tenant_id = $1 AND f.kind = $2
      ORDER BY f.year, f.area_id, f.programme_id`,
    [tenantId, kind],
  );
}

/** Money rows booked on measures, optionally of one programme or one measure. */
export function selectMeasureEntries(
  sql: Sql,
  tenantId: string,
  filter: { programmeId?: string; measureId?: number },
): Promise<
  {
    programme_id: string;
    measure_id: number;
    year: number;
    kind: string;
    source: string;
    amount: string | number;
  }[]
> {
  return sql.query(
    `SELECT programme_id, measure_id, year, kind, source, amount FROM funding_entry
      WHERE tenant_id = $1 AND measure_id IS NOT NULL
        AND ($2::text IS NULL OR programme_id = $2) AND ($3::int IS NULL OR measure_id = $3)
      ORDER BY year, measure_id, kind, source`,
    [tenantId, filter.programmeId ?? null, filter.measureId ?? null],
  );
}

export interface FundingSettingsRow {
  public_detail: PublicDetail;
  residents_indicator: string | null;
}

/** The tenant's funding settings, or the defaults when none are stored. */
export async function selectFundingSettings(
  sql: Sql,
  tenantId: string,
): Promise<FundingSettingsRow> {
  const [row] = await sql.query<FundingSettingsRow>(
    `SELECT public_detail, residents_indicator FROM funding_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  return row ?? { public_detail: 'totals', residents_indicator: null };
}

/** Stores the tenant's funding settings (inside the caller's transaction). */
export async function upsertFundingSettings(
  tx: Sql,
  tenantId: string,
  s: FundingSettingsRow,
): Promise<void> {
  await tx.query(
    `INSERT INTO funding_settings (tenant_id, public_detail, residents_indicator) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id) DO UPDATE SET public_detail = EXCLUDED.public_detail,
       residents_indicator = EXCLUDED.residents_indicator`,
    [tenantId, s.public_detail, s.residents_indicator],
  );
}

export interface SystemAreaRow {
  id: number;
  parent_id: number | null;
  depth: number;
  valid_to: string | null;
}

/** Every area of one system with its parent, the depth of its level and its end of validity. */
export function selectSystemAreaTree(
  sql: Sql,
  tenantId: string,
  systemId: string,
): Promise<SystemAreaRow[]> {
  return sql.query<SystemAreaRow>(
    `SELECT a.id, a.parent_id, l.depth, to_char(a.valid_to, 'YYYY-MM-DD') AS valid_to
       FROM area a
       JOIN area_level l ON l.tenant_id = a.tenant_id AND l.system_id = a.system_id AND l.id = a.level_id
      WHERE a.tenant_id = $1 AND a.system_id = $2`,
    [tenantId, systemId],
  );
}

/** The areas of every programme's Fördergebiet in a tenant, with their validity. */
export function selectAllProgrammeAreas(
  sql: Sql,
  tenantId: string,
): Promise<
  { programme_id: string; area_id: number; valid_from: string | null; valid_to: string | null }[]
> {
  return sql.query(
    `SELECT programme_id, area_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
            to_char(valid_to, 'YYYY-MM-DD') AS valid_to
       FROM funding_programme_area WHERE tenant_id = $1`,
    [tenantId],
  );
}

/** Geometries (GeoJSON) of the given areas of a tenant, with their system. */
export function selectAreaGeometries(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<{ id: number; system_id: string; geometry: unknown }[]> {
  return sql.query(
    `SELECT id, system_id, geometry FROM area
      WHERE tenant_id = $1 AND id = ANY($2::int[]) AND geometry IS NOT NULL`,
    [tenantId, ids],
  );
}

/** Geometries of the areas of one level valid in the year (targets of the bridge). */
export function selectLevelGeometries(
  sql: Sql,
  tenantId: string,
  key: { system: string; level: string; year: number },
): Promise<{ id: number; geometry: unknown }[]> {
  return sql.query(
    `SELECT id, geometry FROM area
      WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3 AND geometry IS NOT NULL
        AND (valid_to IS NULL OR valid_to >= make_date($4::int, 1, 1))`,
    [tenantId, key.system, key.level, key.year],
  );
}
