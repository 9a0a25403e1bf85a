// SQL of agenda items, minutes and decisions (migration 0025).
import type { Sql } from '../../db/db.ts';

export interface ItemRow {
  id: number;
  meeting_id: number;
  status: string;
  position: number | null;
  merged_into_id: number | null;
  title: string;
  description: string;
  source_kind: string | null;
  source_id: string | null;
  reason: string | null;
  evidence: unknown;
  created_at: Date;
  modified_at: Date;
  notes: string | null;
  speakers: unknown;
  published_notes: string | null;
  minutes_modified_at: Date | null;
}

const ITEM_SELECT = `SELECT i.id, i.meeting_id, i.status, i.position, i.merged_into_id, i.title, i.description,
    i.source_kind, i.source_id, i.reason, i.evidence, i.created_at, i.modified_at,
    mi.notes, mi.speakers, mi.published_notes, mi.modified_at AS minutes_modified_at
  FROM conference_agenda_item i
  LEFT JOIN conference_minutes mi ON mi.tenant_id = i.tenant_id AND mi.agenda_item_id = i.id`;

/** Agenda items of meetings: accepted in order first, then proposals, then the rest. */
export async function selectItems(
  sql: Sql,
  tenantId: string,
  meetingIds: number[] | null,
  modifiedSince?: string | null,
) {
  return sql.query<ItemRow>(
    `${ITEM_SELECT} WHERE i.tenant_id = $1 AND ($2::int[] IS NULL OR i.meeting_id = ANY($2::int[]))
       AND ($3::timestamptz IS NULL OR i.modified_at >= $3)
     ORDER BY i.meeting_id, CASE i.status WHEN 'accepted' THEN 0 WHEN 'proposed' THEN 1 ELSE 2 END,
       i.position NULLS LAST, i.id`,
    [tenantId, meetingIds, modifiedSince ?? null],
  );
}

/** One item, or undefined. */
export async function selectItem(sql: Sql, tenantId: string, id: number) {
  const [row] = await sql.query<ItemRow>(`${ITEM_SELECT} WHERE i.tenant_id = $1 AND i.id = $2`, [
    tenantId,
    id,
  ]);
  return row;
}

export interface NewItem {
  status: 'proposed' | 'accepted';
  title: string;
  description: string;
  sourceKind: string | null;
  sourceId: string | null;
  reason: string | null;
  evidence: unknown;
}

/** Inserts an item (an accepted one at the end of the order); returns its id. */
export async function insertItem(sql: Sql, tenantId: string, meetingId: number, v: NewItem) {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO conference_agenda_item (tenant_id, meeting_id, status, position, title, description,
        source_kind, source_id, reason, evidence)
     VALUES ($1, $2, $3, CASE WHEN $3 = 'accepted' THEN (SELECT coalesce(max(position), 0) + 1
        FROM conference_agenda_item WHERE tenant_id = $1 AND meeting_id = $2) END,
        $4, $5, $6, $7, $8, $9::jsonb)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      tenantId,
      meetingId,
      v.status,
      v.title,
      v.description,
      v.sourceKind,
      v.sourceId,
      v.reason,
      v.evidence === null ? null : JSON.stringify(v.evidence),
    ],
  );
  return row?.id ?? null;
}

/** Sets status, title and description; an accepted item without a place goes to the end. */
export async function updateItem(
  sql: Sql,
  tenantId: string,
  id: number,
  v: { status: string; title: string; description: string; mergedIntoId: number | null },
) {
  await sql.query(
    `UPDATE conference_agenda_item i SET status = $3, title = $4, description = $5, merged_into_id = $6,
            position = CASE WHEN $3 <> 'accepted' THEN NULL
              WHEN i.position IS NOT NULL THEN i.position
              ELSE (SELECT coalesce(max(position), 0) + 1 FROM conference_agenda_item x
                     WHERE x.tenant_id = i.tenant_id AND x.meeting_id = i.meeting_id) END,
            modified_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, v.status, v.title, v.description, v.mergedIntoId],
  );
}

/** Numbers the accepted items 1… in the given order. */
export async function setPositions(sql: Sql, tenantId: string, ids: number[]) {
  for (const [i, id] of ids.entries())
    await sql.query(
      `UPDATE conference_agenda_item SET position = $3, modified_at = now() WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, i + 1],
    );
}

/** Turns the proposals still open into "nicht behandelt"; returns how many. */
export async function closeOpenProposals(sql: Sql, tenantId: string, meetingId: number) {
  const rows = await sql.query(
    `UPDATE conference_agenda_item SET status = 'not_treated', modified_at = now()
      WHERE tenant_id = $1 AND meeting_id = $2 AND status = 'proposed' RETURNING id`,
    [tenantId, meetingId],
  );
  return rows.length;
}

/** Stores the minutes of an item. */
export async function upsertMinutes(
  sql: Sql,
  tenantId: string,
  itemId: number,
  notes: string,
  speakers: unknown,
) {
  await sql.query(
    `INSERT INTO conference_minutes (tenant_id, agenda_item_id, notes, speakers) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (tenant_id, agenda_item_id) DO UPDATE
       SET notes = EXCLUDED.notes, speakers = EXCLUDED.speakers, modified_at = now()`,
    [tenantId, itemId, notes, JSON.stringify(speakers)],
  );
}

/** Stores the published (redacted) text of an item's minutes. */
export async function setPublishedNotes(sql: Sql, tenantId: string, itemId: number, text: string) {
  await sql.query(
    `UPDATE conference_minutes SET published_notes = $3, modified_at = now()
      WHERE tenant_id = $1 AND agenda_item_id = $2`,
    [tenantId, itemId, text],
  );
}

export interface DecisionRow {
  id: number;
  agenda_item_id: number;
  text: string;
  vote_yes: number | null;
  vote_no: number | null;
  vote_abstain: number | null;
  task_title: string | null;
  task_department_id: string | null;
  task_due_date: Date | string | null;
  measure_id: string | null;
  created_at: Date;
  modified_at: Date;
}

/** Decisions of agenda items (all when null), oldest first. */
export async function selectDecisions(sql: Sql, tenantId: string, itemIds: number[] | null) {
  return sql.query<DecisionRow>(
    `SELECT id, agenda_item_id, text, vote_yes, vote_no, vote_abstain, task_title, task_department_id,
            task_due_date, measure_id, created_at, modified_at
       FROM conference_decision WHERE tenant_id = $1 AND ($2::int[] IS NULL OR agenda_item_id = ANY($2::int[]))
      ORDER BY agenda_item_id, id`,
    [tenantId, itemIds],
  );
}

/** Inserts a decision; returns its id. */
export async function insertDecision(
  sql: Sql,
  tenantId: string,
  itemId: number,
  d: {
    text: string;
    vote: { yes: number; no: number; abstain: number } | null;
    task: { title: string; departmentId: string | null; dueDate: string | null } | null;
  },
) {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO conference_decision (tenant_id, agenda_item_id, text, vote_yes, vote_no, vote_abstain,
        task_title, task_department_id, task_due_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      tenantId,
      itemId,
      d.text,
      d.vote?.yes ?? null,
      d.vote?.no ?? null,
      d.vote?.abstain ?? null,
      d.task?.title ?? null,
      d.task?.departmentId ?? null,
      d.task?.dueDate ?? null,
    ],
  );
  return row!.id;
}

/** Links a decision's task to the measure it became. */
export async function setDecisionMeasure(
  sql: Sql,
  tenantId: string,
  id: number,
  measureId: string,
) {
  await sql.query(
    `UPDATE conference_decision SET measure_id = $3, modified_at = now() WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, measureId],
  );
}
