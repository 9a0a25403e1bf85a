// SQL of comments on reports (migration 0035): comments and their flags.
import type { Sql } from '../../db/db.ts';

export interface CommentRow {
  id: number;
  report_id: number;
  body: string;
  hidden: boolean;
  hidden_reason: string | null;
  reviewed: boolean;
  moderator_note: string | null;
  flag_count: number;
  created_at: Date;
}

const COLUMNS = `id, report_id, body, hidden, hidden_reason, reviewed, moderator_note, flag_count,
  created_at`;

/** The report's hidden flag (`forUpdate`: locked), or undefined when there is no such report. */
export async function selectReportHidden(
  sql: Sql,
  tenantId: string,
  reportId: number,
  forUpdate = false,
): Promise<{ hidden: boolean } | undefined> {
  const [row] = await sql.query<{ hidden: boolean }>(
    `SELECT hidden FROM participation_report WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [tenantId, reportId],
  );
  return row;
}

/** Inserts a comment; returns its row. */
export async function insertComment(
  sql: Sql,
  tenantId: string,
  reportId: number,
  body: string,
): Promise<CommentRow> {
  const [row] = await sql.query<CommentRow>(
    `INSERT INTO participation_comment (tenant_id, report_id, body) VALUES ($1, $2, $3)
     RETURNING ${COLUMNS}`,
    [tenantId, reportId, body],
  );
  return row!;
}

/** The visible comments of a visible report, oldest first. */
export function selectVisibleComments(
  sql: Sql,
  tenantId: string,
  reportId: number,
): Promise<CommentRow[]> {
  return sql.query<CommentRow>(
    `SELECT ${COLUMNS} FROM participation_comment c
      WHERE c.tenant_id = $1 AND c.report_id = $2 AND NOT c.hidden
        AND EXISTS (SELECT 1 FROM participation_report r
                     WHERE r.tenant_id = c.tenant_id AND r.id = c.report_id AND NOT r.hidden)
      ORDER BY c.created_at, c.id`,
    [tenantId, reportId],
  );
}

/** One comment, or undefined; `forUpdate` locks it. */
export async function selectComment(
  sql: Sql,
  tenantId: string,
  id: number,
  forUpdate = false,
): Promise<CommentRow | undefined> {
  const [row] = await sql.query<CommentRow>(
    `SELECT ${COLUMNS} FROM participation_comment WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return row;
}

/** The moderation queue of comments: hidden or flagged and unreviewed first, then the newest. */
export function selectCommentQueue(
  sql: Sql,
  tenantId: string,
  limit: number,
): Promise<CommentRow[]> {
  return sql.query<CommentRow>(
    `SELECT ${COLUMNS} FROM participation_comment WHERE tenant_id = $1
      ORDER BY (hidden OR flag_count > 0) AND NOT reviewed DESC, NOT reviewed DESC,
               flag_count DESC, created_at DESC, id DESC
      LIMIT $2`,
    [tenantId, limit],
  );
}

/** Flag reasons per comment. */
export async function selectCommentFlagReasons(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = await sql.query<{ comment_id: number; reason: string }>(
    `SELECT comment_id, reason FROM participation_comment_flag
      WHERE tenant_id = $1 AND comment_id = ANY($2::int[]) ORDER BY created_at`,
    [tenantId, ids],
  );
  for (const r of rows) out.set(r.comment_id, [...(out.get(r.comment_id) ?? []), r.reason]);
  return out;
}

/** Adds one flag per device; whether it was new and the comment's flag count. */
export async function insertCommentFlag(
  sql: Sql,
  tenantId: string,
  commentId: number,
  deviceHash: string,
  reason: string,
): Promise<{ counted: boolean; flagCount: number }> {
  const added = await sql.query(
    `INSERT INTO participation_comment_flag (tenant_id, comment_id, device_hash, reason)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING comment_id`,
    [tenantId, commentId, deviceHash, reason],
  );
  const [row] = await sql.query<{ flag_count: number }>(
    `UPDATE participation_comment SET flag_count = flag_count + $3
      WHERE tenant_id = $1 AND id = $2 RETURNING flag_count`,
    [tenantId, commentId, added.length],
  );
  return { counted: added.length === 1, flagCount: row!.flag_count };
}

/** Sets the moderation state of a comment. */
export async function updateCommentVisibility(
  sql: Sql,
  tenantId: string,
  id: number,
  v: {
    hidden: boolean;
    reason: string | null;
    reviewed: boolean;
    note?: string | null | undefined;
  },
): Promise<void> {
  await sql.query(
    `UPDATE participation_comment SET hidden = $3, hidden_reason = $4, reviewed = $5,
            moderator_note = COALESCE($6, moderator_note)
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, v.hidden, v.reason, v.reviewed, v.note ?? null],
  );
}
