// SQL of meetings, attendance and calendar feed tokens (migrations 0025, 0026).
import type { Sql } from '../../db/db.ts';

export interface MeetingRow {
  id: number;
  body_id: number;
  body_name: string;
  body_kind: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  online_url: string | null;
  status: string;
  sequence: number;
  invited_at: Date | null;
  minutes_approved_at: Date | null;
  created_at: Date;
  modified_at: Date;
}

const MEETING_SELECT = `SELECT m.id, m.body_id, b.name AS body_name, b.kind AS body_kind, m.title, m.starts_at,
    m.ends_at, m.place, m.online_url, m.status, m.sequence, m.invited_at, m.minutes_approved_at,
    m.created_at, m.modified_at
  FROM conference_meeting m JOIN conference_body b ON b.tenant_id = m.tenant_id AND b.id = m.body_id`;

/** Meetings of some bodies (all when null), oldest first. */
export async function selectMeetings(
  sql: Sql,
  tenantId: string,
  bodyIds: number[] | null,
  modifiedSince?: string | null,
) {
  return sql.query<MeetingRow>(
    `${MEETING_SELECT} WHERE m.tenant_id = $1 AND ($2::int[] IS NULL OR m.body_id = ANY($2::int[]))
       AND ($3::timestamptz IS NULL OR m.modified_at >= $3)
     ORDER BY m.starts_at, m.id`,
    [tenantId, bodyIds, modifiedSince ?? null],
  );
}

/** One meeting, or undefined. */
export async function selectMeeting(sql: Sql, tenantId: string, id: number) {
  const [row] = await sql.query<MeetingRow>(
    `${MEETING_SELECT} WHERE m.tenant_id = $1 AND m.id = $2`,
    [tenantId, id],
  );
  return row;
}

/** Start of the body's last meeting before this one that took place (not cancelled), or null. */
export async function selectPreviousMeetingStart(
  sql: Sql,
  tenantId: string,
  bodyId: number,
  before: Date,
): Promise<Date | null> {
  const [row] = await sql.query<{ starts_at: Date }>(
    `SELECT starts_at FROM conference_meeting WHERE tenant_id = $1 AND body_id = $2
        AND starts_at < $3 AND status <> 'cancelled' ORDER BY starts_at DESC LIMIT 1`,
    [tenantId, bodyId, before],
  );
  return row?.starts_at ?? null;
}

export interface MeetingValues {
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  status: string;
}

/** Inserts a meeting; returns its id. */
export async function insertMeeting(sql: Sql, tenantId: string, bodyId: number, v: MeetingValues) {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO conference_meeting (tenant_id, body_id, title, starts_at, ends_at, place, online_url, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [tenantId, bodyId, v.title, v.startsAt, v.endsAt, v.place, v.onlineUrl, v.status],
  );
  return row!.id;
}

/** Overwrites a meeting's fields and raises its iCalendar sequence. */
export async function updateMeeting(sql: Sql, tenantId: string, id: number, v: MeetingValues) {
  await sql.query(
    `UPDATE conference_meeting SET title = $3, starts_at = $4, ends_at = $5, place = $6, online_url = $7,
            status = $8, sequence = sequence + 1, modified_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, v.title, v.startsAt, v.endsAt, v.place, v.onlineUrl, v.status],
  );
}

/** Marks the meeting as invited now. */
export async function markInvited(sql: Sql, tenantId: string, id: number) {
  await sql.query(
    `UPDATE conference_meeting SET invited_at = now(), modified_at = now(),
            status = CASE WHEN status = 'planned' THEN 'invited' ELSE status END
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
}

/** Records the approval of the minutes. */
export async function markMinutesApproved(sql: Sql, tenantId: string, id: number) {
  await sql.query(
    `UPDATE conference_meeting SET minutes_approved_at = now(), modified_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
}

/** Touches the meeting (its agenda changed), so OParl's modified_since sees it. */
export async function touchMeeting(sql: Sql, tenantId: string, id: number) {
  await sql.query(
    `UPDATE conference_meeting SET modified_at = now() WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
}

export interface AttendanceRow {
  user_id: number;
  name: string;
  registered_at: Date | null;
  attended: boolean | null;
}

/** Registrations and attendance of a meeting. */
export async function selectAttendance(sql: Sql, tenantId: string, meetingId: number) {
  return sql.query<AttendanceRow>(
    `SELECT c.user_id, u.display_name AS name, c.registered_at, c.attended
       FROM conference_attendance c JOIN app_user u ON u.tenant_id = c.tenant_id AND u.id = c.user_id
      WHERE c.tenant_id = $1 AND c.meeting_id = $2 ORDER BY u.display_name, c.user_id`,
    [tenantId, meetingId],
  );
}

/** Registers (true) or unregisters (false) a person. */
export async function setRegistration(
  sql: Sql,
  tenantId: string,
  meetingId: number,
  userId: number,
  registered: boolean,
) {
  await sql.query(
    `INSERT INTO conference_attendance (tenant_id, meeting_id, user_id, registered_at)
     VALUES ($1, $2, $3, CASE WHEN $4::boolean THEN now() END)
     ON CONFLICT (tenant_id, meeting_id, user_id) DO UPDATE
       SET registered_at = CASE WHEN $4::boolean THEN now() END`,
    [tenantId, meetingId, userId, registered],
  );
}

/** Sets who attended: the listed people true, everyone else recorded false. */
export async function setAttendance(
  sql: Sql,
  tenantId: string,
  meetingId: number,
  attended: number[],
) {
  await sql.query(
    `UPDATE conference_attendance SET attended = false WHERE tenant_id = $1 AND meeting_id = $2`,
    [tenantId, meetingId],
  );
  for (const userId of attended)
    await sql.query(
      `INSERT INTO conference_attendance (tenant_id, meeting_id, user_id, attended) VALUES ($1, $2, $3, true)
       ON CONFLICT (tenant_id, meeting_id, user_id) DO UPDATE SET attended = true`,
      [tenantId, meetingId, userId],
    );
}

/** Stores a person's feed token hash (replacing an older one). */
export async function upsertFeedToken(sql: Sql, tenantId: string, userId: number, hash: string) {
  await sql.query(
    `INSERT INTO conference_feed_token (tenant_id, user_id, token_hash) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
    [tenantId, userId, hash],
  );
}

/** The person a feed token belongs to, or null. */
export async function selectFeedTokenUser(sql: Sql, tenantId: string, hash: string) {
  const [row] = await sql.query<{ user_id: number; display_name: string }>(
    `SELECT t.user_id, u.display_name FROM conference_feed_token t
       JOIN app_user u ON u.tenant_id = t.tenant_id AND u.id = t.user_id AND u.active
      WHERE t.tenant_id = $1 AND t.token_hash = $2`,
    [tenantId, hash],
  );
  return row ?? null;
}
