// SQL of survey responses as participation signals (issue 13 § 5, ADR 0041): the area a response
// speaks of — the survey's own area, or the area picked in its area question — and its day.
import type { Sql } from '../../db/db.ts';

/** Responses received in [from, to) that name an area of the tenant, optionally one area. */
export function selectSurveySignalRows(
  sql: Sql,
  tenantId: string,
  from: string,
  to: string,
  areaId: number | null,
): Promise<{ area_id: number; submitted_on: string }[]> {
  return sql.query(
    `SELECT x.area_id, x.submitted_on FROM (
       SELECT COALESCE(s.area_id,
                CASE WHEN r.answers ->> q.id ~ '^[0-9]{1,9}$' THEN (r.answers ->> q.id)::integer END)
                AS area_id,
              to_char(r.submitted_on, 'YYYY-MM-DD') AS submitted_on
         FROM survey_response r
         JOIN survey s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id
         LEFT JOIN LATERAL (
           SELECT e ->> 'id' AS id FROM jsonb_array_elements(s.definition -> 'questions') e
            WHERE e ->> 'type' = 'area' LIMIT 1) q ON true
        WHERE r.tenant_id = $1 AND r.submitted_on >= $2::date AND r.submitted_on < $3::date
     ) x
     JOIN area a ON a.tenant_id = $1 AND a.id = x.area_id
    WHERE $4::integer IS NULL OR x.area_id = $4::integer`,
    [tenantId, from, to, areaId],
  );
}
