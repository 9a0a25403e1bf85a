// What other modules ask of assessments (ADR 0028): disagreeing assessments for the agenda builder
// (as the reader sees them) and for the alert detection (raw numbers), and the negative assessments
// the seismograph counts (issue 13 § 5).
import type { Sql } from '../../db/db.ts';
import type { Principal } from '../access/index.ts';
import { compareRow, rawLoader, readerLoader } from './compare.ts';
import { canReadAssessment } from './policy.ts';
import { selectAssessmentsSince, selectNegativeAssessments } from './store.ts';

/** An assessment that disagrees with the numbers of its Lebenslage. */
export interface DisagreeingAssessment {
  id: number;
  areaId: number;
  areaName: string;
  dimension: string;
  observedDate: string;
  trend: 'better' | 'same' | 'worse';
  urgency: number;
  organisation: string;
  text: string;
  sentence: string;
  numbersTrend: string | null;
  /** indicators compared, and how many moved */
  indicators: number;
  createdAt: string;
}

async function disagreeing(
  rows: Awaited<ReturnType<typeof selectAssessmentsSince>>,
  source: Awaited<ReturnType<typeof rawLoader>>,
): Promise<DisagreeingAssessment[]> {
  const out: DisagreeingAssessment[] = [];
  for (const r of rows) {
    const c = await compareRow(r, source);
    if (c.verdict !== 'disagree') continue;
    out.push({
      id: r.id,
      areaId: r.area_id,
      areaName: r.area_name,
      dimension: r.dimension,
      observedDate: r.observed_date,
      trend: r.trend,
      urgency: r.urgency,
      organisation: r.organisation_name,
      text: r.body,
      sentence: c.sentence,
      numbersTrend: c.numbersTrend,
      indicators: c.movements.length,
      createdAt: new Date(r.created_at).toISOString(),
    });
  }
  return out;
}

/** Assessments this reader may see in these areas, recorded since the moment, that disagree with the numbers. */
export async function listDisagreeingAssessments(
  sql: Sql,
  principal: Principal,
  areaIds: readonly number[],
  since: string | null,
): Promise<DisagreeingAssessment[]> {
  const rows = (
    await selectAssessmentsSince(sql, principal.tenantId, areaIds, since, 'created')
  ).filter((r) => canReadAssessment(principal, r.visibility));
  if (rows.length === 0) return [];
  return disagreeing(rows, await readerLoader(sql, principal));
}

/** Every assessment of the tenant observed since the date that disagrees with the raw numbers (detection job). */
export async function findDisagreeingAssessments(
  sql: Sql,
  tenantId: string,
  since: string,
): Promise<DisagreeingAssessment[]> {
  const rows = await selectAssessmentsSince(sql, tenantId, null, since);
  if (rows.length === 0) return [];
  return disagreeing(rows, await rawLoader(sql, tenantId));
}

/** Negative assessments (schlechter, not withdrawn) observed in [from, to). */
export async function listNegativeAssessments(
  sql: Sql,
  tenantId: string,
  from: string,
  to: string,
): Promise<{ areaId: number; dimension: string; date: string }[]> {
  const rows = await selectNegativeAssessments(sql, tenantId, from, to);
  return rows.map((r) => ({
    areaId: Number(r.area_id),
    dimension: r.dimension,
    date: r.observed_date,
  }));
}
