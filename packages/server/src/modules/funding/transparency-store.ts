// SQL of the transparency view: money rows of one kind with their area's system and level, and the
// tenant's funding settings (public level of detail, residents indicator).
import type { PublicDetail } from '@sozialraum/contracts/funding-transparency';
import type { Sql } from '../../db/db.ts';

export interface TransparencyEntryRow {
  programme_id: string;
  area_id: number | null;
  measure_id: number | null;
  system_id: string | null;
  level_id: string | null;
  year: number;
  kind: 'planned' | 'approved' | 'spent';
  source: 'eu' | 'bund' | 'land' | 'kommune' | 'stiftung' | 'traeger' | 'total';
  amount: string | number;
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
