// SQL of the trace (issue 14 § 2, „trace both ways“): agenda items with their meeting and body,
// found by id, by the alert they came from or by the item they were merged into; decisions by id,
// by item or by the measure their task became (migration 0025).
import type { Sql } from '../../db/db.ts';

/** The agenda builder's kinds whose source is an alert (a class change is an alert too). */
export const ALERT_SOURCE_KINDS = ['alert', 'class_change'];

export interface TraceItemRow {
  id: number;
  meeting_id: number;
  status: string;
  merged_into_id: number | null;
  title: string;
  source_kind: string | null;
  source_id: string | null;
  reason: string | null;
  evidence_href: string | null;
  meeting_title: string;
  starts_at: Date;
  meeting_status: string;
  minutes_approved_at: Date | null;
  body_id: number;
  body_name: string;
  organiser_department_id: string | null;
}

const ITEM_SELECT = `SELECT i.id, i.meeting_id, i.status, i.merged_into_id, i.title, i.source_kind, i.source_id,
    i.reason, i.evidence->>'href' AS evidence_href, m.title AS meeting_title, m.starts_at,
    m.status AS meeting_status, m.minutes_approved_at, b.id AS body_id, b.name AS body_name,
    b.organiser_department_id
  FROM conference_agenda_item i
  JOIN conference_meeting m ON m.tenant_id = i.tenant_id AND m.id = i.meeting_id
  JOIN conference_body b ON b.tenant_id = m.tenant_id AND b.id = m.body_id`;

/** Items by id (with their meeting and body). */
export function selectTraceItems(sql: Sql, tenantId: string, ids: readonly number[]) {
  return sql.query<TraceItemRow>(
    `${ITEM_SELECT} WHERE i.tenant_id = $1 AND i.id = ANY($2::int[]) ORDER BY m.starts_at, i.id`,
    [tenantId, ids],
  );
}

/** Items proposed from these alerts (all alerts when null), oldest meeting first. */
export function selectItemsFromAlerts(sql: Sql, tenantId: string, alertIds: string[] | null) {
  return sql.query<TraceItemRow>(
    `${ITEM_SELECT} WHERE i.tenant_id = $1 AND i.source_kind = ANY($2::text[])
       AND ($3::text[] IS NULL OR i.source_id = ANY($3::text[]))
     ORDER BY m.starts_at, i.id`,
    [tenantId, ALERT_SOURCE_KINDS, alertIds],
  );
}

export interface TraceDecisionRow {
  id: number;
  agenda_item_id: number;
  text: string;
  measure_id: string | null;
}

/** Decisions on these items, in the order they were recorded. */
export function selectTraceDecisions(sql: Sql, tenantId: string, itemIds: readonly number[]) {
  return sql.query<TraceDecisionRow>(
    `SELECT id, agenda_item_id, text, measure_id FROM conference_decision
      WHERE tenant_id = $1 AND agenda_item_id = ANY($2::int[]) ORDER BY created_at, id`,
    [tenantId, itemIds],
  );
}

/** One decision, or undefined. */
export async function selectTraceDecision(sql: Sql, tenantId: string, id: number) {
  const [row] = await sql.query<TraceDecisionRow>(
    `SELECT id, agenda_item_id, text, measure_id FROM conference_decision
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return row;
}

/** Whether the user is a current member of each of these bodies (ids of the bodies she is in). */
export async function selectMemberBodies(
  sql: Sql,
  tenantId: string,
  userId: number,
  bodyIds: readonly number[],
): Promise<Set<number>> {
  const rows = await sql.query<{ body_id: number }>(
    `SELECT DISTINCT body_id FROM conference_member
      WHERE tenant_id = $1 AND user_id = $2 AND body_id = ANY($3::int[])
        AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)`,
    [tenantId, userId, bodyIds],
  );
  return new Set(rows.map((r) => r.body_id));
}

/** Items merged into this one (their sources are its origin too). */
export function selectItemsMergedInto(sql: Sql, tenantId: string, id: number) {
  return sql.query<TraceItemRow>(
    `${ITEM_SELECT} WHERE i.tenant_id = $1 AND i.merged_into_id = $2 ORDER BY i.id`,
    [tenantId, id],
  );
}

/** Items the builder proposed about a measure (overdue or off target). */
export function selectItemsAboutMeasure(sql: Sql, tenantId: string, measureId: string) {
  return sql.query<TraceItemRow>(
    `${ITEM_SELECT} WHERE i.tenant_id = $1 AND i.source_id = $2
       AND i.source_kind IN ('measure_overdue', 'measure_off_target')
     ORDER BY m.starts_at, i.id`,
    [tenantId, measureId],
  );
}
