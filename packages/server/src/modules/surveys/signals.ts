// Survey responses as participation signals (issue 13 § 5, ADR 0041): each response that names an
// area — a survey about one area, or the area a respondent picked — counts once for that area on
// the day it came in. Only the count leaves this module, never an answer.
import type { Sql } from '../../db/db.ts';
import { selectSurveySignalRows } from './signal-store.ts';

/** One survey response as a signal (surveys have no Lebenslage: dimension null). */
export interface SurveySignal {
  areaId: number;
  dimension: null;
  date: string;
}

/** Responses received in [from, to), optionally of one area. */
export async function listSurveySignals(
  sql: Sql,
  tenantId: string,
  from: string,
  to: string,
  areaId: number | null = null,
): Promise<SurveySignal[]> {
  const rows = await selectSurveySignalRows(sql, tenantId, from, to, areaId);
  return rows.map((r) => ({ areaId: Number(r.area_id), dimension: null, date: r.submitted_on }));
}
