// SQL of the participation module (migrations 0020, 0021, 0035): reports, supports, flags, settings and
// used proof-of-work challenges. Every query is scoped by the tenant.
import type { Sql } from '../../db/db.ts';

export interface ReportRow {
  id: number;
  kind: 'hint' | 'idea';
  topic: string;
  body: string;
  lon: number;
  lat: number;
  area_id: number | null;
  area_name: string | null;
  status: string;
  public_answer: string | null;
  hidden: boolean;
  hidden_reason: string | null;
  reviewed: boolean;
  moderator_note: string | null;
  flag_count: number;
  support_count: number;
  email: string | null;
  email_confirmed: boolean;
  /** The report's photos (migration 0035), oldest first. */
  photos: { id: number; width: number; height: number }[];
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `r.id, r.kind, r.topic, r.body, r.lon, r.lat, r.area_id, a.name AS area_name, r.status,
  r.public_answer, r.hidden, r.hidden_reason, r.reviewed, r.moderator_note, r.flag_count,
  r.support_count, r.email, r.email_confirmed, r.created_at, r.updated_at,
  COALESCE((SELECT json_agg(json_build_object('id', p.id, 'width', p.width, 'height', p.height) ORDER BY p.id)
              FROM participation_photo p WHERE p.tenant_id = r.tenant_id AND p.report_id = r.id),
           '[]'::json) AS photos`;
const FROM = `participation_report r LEFT JOIN area a ON a.tenant_id = r.tenant_id AND a.id = r.area_id`;

export interface SettingsRow {
  flag_threshold: number;
  pow_difficulty: number;
  privacy_notice: string | null;
  comments_enabled: boolean;
}

/** The tenant's settings; defaults of migrations 0020 and 0035 when none are stored. */
export async function selectSettings(sql: Sql, tenantId: string): Promise<SettingsRow> {
  const [row] = await sql.query<SettingsRow>(
    `SELECT flag_threshold, pow_difficulty, privacy_notice, comments_enabled
       FROM participation_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  return (
    row ?? { flag_threshold: 3, pow_difficulty: 16, privacy_notice: null, comments_enabled: false }
  );
}

/** Stores the tenant's settings. */
export async function upsertSettings(sql: Sql, tenantId: string, s: SettingsRow): Promise<void> {
  await sql.query(
    `INSERT INTO participation_settings (tenant_id, flag_threshold, pow_difficulty, privacy_notice,
                                        comments_enabled)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id) DO UPDATE SET flag_threshold = EXCLUDED.flag_threshold,
       pow_difficulty = EXCLUDED.pow_difficulty, privacy_notice = EXCLUDED.privacy_notice,
       comments_enabled = EXCLUDED.comments_enabled`,
    [tenantId, s.flag_threshold, s.pow_difficulty, s.privacy_notice, s.comments_enabled],
  );
}

/** Records a used challenge; false when it was used before (a replay). */
export async function useChallenge(sql: Sql, tenantId: string, hash: string): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO participation_pow_used (tenant_id, challenge_hash) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING challenge_hash`,
    [tenantId, hash],
  );
  return rows.length === 1;
}

/** Current top-level and finest areas with geometry, to check and place a point. */
export async function selectCurrentAreas(
  sql: Sql,
  tenantId: string,
): Promise<
  { id: number; geometry: unknown; bbox: number[] | null; top: boolean; depth: number }[]
> {
  return sql.query(
    `SELECT a.id, a.geometry, a.bbox, a.parent_id IS NULL AS top, l.depth
       FROM area a
       JOIN area_level l ON l.tenant_id = a.tenant_id AND l.system_id = a.system_id AND l.id = a.level_id
       JOIN area_system s ON s.tenant_id = a.tenant_id AND s.id = a.system_id
      WHERE a.tenant_id = $1 AND a.geometry IS NOT NULL AND a.valid_to IS NULL AND s.valid_to IS NULL
      ORDER BY l.depth, a.id`,
    [tenantId],
  );
}

export interface NewReport {
  kind: string;
  topic: string;
  body: string;
  lon: number;
  lat: number;
  areaId: number | null;
  email: string | null;
  emailTokenHash: string | null;
  deleteTokenHash: string;
}

/** Inserts a report; returns its id. */
export async function insertReport(sql: Sql, tenantId: string, r: NewReport): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO participation_report (tenant_id, kind, topic, body, lon, lat, area_id, email,
                                       email_token_hash, delete_token_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      tenantId,
      r.kind,
      r.topic,
      r.body,
      r.lon,
      r.lat,
      r.areaId,
      r.email,
      r.emailTokenHash,
      r.deleteTokenHash,
    ],
  );
  return row!.id;
}

/** One report, or undefined; `forUpdate` locks its row for the transaction. */
export async function selectReport(
  sql: Sql,
  tenantId: string,
  id: number,
  forUpdate = false,
): Promise<ReportRow | undefined> {
  const [row] = await sql.query<ReportRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.tenant_id = $1 AND r.id = $2${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [tenantId, id],
  );
  return row;
}

/** One report, only if the author's deletion code (hashed) matches. */
export async function selectReportByToken(
  sql: Sql,
  tenantId: string,
  id: number,
  tokenHash: string,
): Promise<ReportRow | undefined> {
  const [row] = await sql.query<ReportRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.tenant_id = $1 AND r.id = $2 AND r.delete_token_hash = $3`,
    [tenantId, id, tokenHash],
  );
  return row;
}

/** Reports of the tenant, newest first; `publicOnly` leaves hidden ones out. */
export async function selectReports(
  sql: Sql,
  tenantId: string,
  opts: {
    publicOnly: boolean;
    limit: number;
    status?: string | undefined;
    topic?: string | undefined;
  },
): Promise<ReportRow[]> {
  const where = ['r.tenant_id = $1'];
  const params: unknown[] = [tenantId];
  if (opts.publicOnly) where.push('NOT r.hidden');
  if (opts.status) where.push(`r.status = $${params.push(opts.status)}`);
  if (opts.topic) where.push(`r.topic = $${params.push(opts.topic)}`);
  return sql.query<ReportRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')}
      ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.push(opts.limit)}`,
    params,
  );
}

/** Visible reports in these areas since a date, most supported first (the agenda builder's). */
export async function selectTopReportsInAreas(
  sql: Sql,
  tenantId: string,
  areaIds: readonly number[],
  since: string | null,
  limit: number,
): Promise<(ReportRow & { area_id: number })[]> {
  return sql.query(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE r.tenant_id = $1 AND NOT r.hidden AND r.area_id = ANY($2::int[])
        AND ($3::timestamptz IS NULL OR r.created_at > $3)
      ORDER BY r.support_count DESC, r.created_at DESC, r.id DESC LIMIT $4`,
    [tenantId, areaIds, since, limit],
  );
}

/** The moderation queue: hidden, flagged or not yet reviewed reports first, then the rest. */
export async function selectQueue(sql: Sql, tenantId: string, limit: number): Promise<ReportRow[]> {
  return sql.query<ReportRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.tenant_id = $1
      ORDER BY (r.hidden OR r.flag_count > 0) AND NOT r.reviewed DESC, NOT r.reviewed DESC,
               r.flag_count DESC, r.created_at DESC, r.id DESC
      LIMIT $2`,
    [tenantId, limit],
  );
}

/** Flag reasons per report (for the moderation queue). */
export async function selectFlagReasons(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = await sql.query<{ report_id: number; reason: string }>(
    `SELECT report_id, reason FROM participation_flag
      WHERE tenant_id = $1 AND report_id = ANY($2::int[]) ORDER BY created_at`,
    [tenantId, ids],
  );
  for (const r of rows) out.set(r.report_id, [...(out.get(r.report_id) ?? []), r.reason]);
  return out;
}

/** Adds one support per device; returns whether it was new, and the report's count. */
export async function insertSupport(
  sql: Sql,
  tenantId: string,
  reportId: number,
  deviceHash: string,
): Promise<{ counted: boolean; supportCount: number }> {
  const added = await sql.query(
    `INSERT INTO participation_support (tenant_id, report_id, device_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING report_id`,
    [tenantId, reportId, deviceHash],
  );
  const [row] = await sql.query<{ support_count: number }>(
    `UPDATE participation_report SET support_count = support_count + $3
      WHERE tenant_id = $1 AND id = $2 RETURNING support_count`,
    [tenantId, reportId, added.length],
  );
  return { counted: added.length === 1, supportCount: row!.support_count };
}

/** Adds one flag per device; returns whether it was new and the report's flag count. */
export async function insertFlag(
  sql: Sql,
  tenantId: string,
  reportId: number,
  deviceHash: string,
  reason: string,
): Promise<{ counted: boolean; flagCount: number }> {
  const added = await sql.query(
    `INSERT INTO participation_flag (tenant_id, report_id, device_hash, reason) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING report_id`,
    [tenantId, reportId, deviceHash, reason],
  );
  const [row] = await sql.query<{ flag_count: number }>(
    `UPDATE participation_report SET flag_count = flag_count + $3
      WHERE tenant_id = $1 AND id = $2 RETURNING flag_count`,
    [tenantId, reportId, added.length],
  );
  return { counted: added.length === 1, flagCount: row!.flag_count };
}

/** Sets the moderation state of a report. */
export async function updateVisibility(
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
    `UPDATE participation_report SET hidden = $3, hidden_reason = $4, reviewed = $5,
            moderator_note = COALESCE($6, moderator_note), updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, v.hidden, v.reason, v.reviewed, v.note ?? null],
  );
}

/** Sets status and public answer. */
export async function updateAnswer(
  sql: Sql,
  tenantId: string,
  id: number,
  status: string,
  publicAnswer: string | null,
): Promise<void> {
  await sql.query(
    `UPDATE participation_report SET status = $3, public_answer = $4, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, status, publicAnswer],
  );
}

/** Confirms the e-mail address whose token hash matches; returns the report id or undefined. */
export async function confirmEmail(
  sql: Sql,
  tenantId: string,
  tokenHash: string,
): Promise<number | undefined> {
  const [row] = await sql.query<{ id: number }>(
    `UPDATE participation_report SET email_confirmed = true, email_token_hash = NULL
      WHERE tenant_id = $1 AND email_token_hash = $2 AND email IS NOT NULL RETURNING id`,
    [tenantId, tokenHash],
  );
  return row?.id;
}

/** Deletes a report (with supports and flags) when the deletion code's hash matches. */
export async function deleteReportByToken(
  sql: Sql,
  tenantId: string,
  id: number,
  tokenHash: string,
): Promise<boolean> {
  const rows = await sql.query(
    `DELETE FROM participation_report WHERE tenant_id = $1 AND id = $2 AND delete_token_hash = $3
     RETURNING id`,
    [tenantId, id, tokenHash],
  );
  return rows.length === 1;
}

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** The tenant's valid (not revoked) Open311 api_key with this hash, or undefined. */
export async function findApiKey(
  sql: Sql,
  tenantId: string,
  keyHash: string,
): Promise<ApiKeyRow | undefined> {
  const [row] = await sql.query<ApiKeyRow>(
    `SELECT id, name, prefix, created_at, revoked_at FROM participation_api_key
      WHERE tenant_id = $1 AND key_hash = $2 AND revoked_at IS NULL`,
    [tenantId, keyHash],
  );
  return row;
}

/** The tenant's Open311 api keys, newest first (never the hash). */
export function selectApiKeys(sql: Sql, tenantId: string): Promise<ApiKeyRow[]> {
  return sql.query<ApiKeyRow>(
    `SELECT id, name, prefix, created_at, revoked_at FROM participation_api_key
      WHERE tenant_id = $1 ORDER BY id DESC`,
    [tenantId],
  );
}

/** Registers an Open311 api_key (by hash) and returns it. */
export async function insertApiKey(
  sql: Sql,
  tenantId: string,
  keyHash: string,
  name: string,
  prefix: string,
): Promise<ApiKeyRow> {
  const [row] = await sql.query<ApiKeyRow>(
    `INSERT INTO participation_api_key (tenant_id, key_hash, name, prefix) VALUES ($1, $2, $3, $4)
     RETURNING id, name, prefix, created_at, revoked_at`,
    [tenantId, keyHash, name, prefix],
  );
  return row!;
}

/** Revokes a key (idempotent: the first revocation time stays); undefined when it is not the tenant's. */
export async function revokeApiKey(
  sql: Sql,
  tenantId: string,
  id: number,
): Promise<{ before: ApiKeyRow; after: ApiKeyRow } | undefined> {
  const [before] = await sql.query<ApiKeyRow>(
    `SELECT id, name, prefix, created_at, revoked_at FROM participation_api_key
      WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, id],
  );
  if (!before) return undefined;
  const [after] = await sql.query<ApiKeyRow>(
    `UPDATE participation_api_key SET revoked_at = coalesce(revoked_at, now())
      WHERE tenant_id = $1 AND id = $2 RETURNING id, name, prefix, created_at, revoked_at`,
    [tenantId, id],
  );
  return { before, after: after! };
}

/** Reports not hidden, placed in an area and received in [from, to): what the seismograph counts. */
export function selectReportSignalRows(
  sql: Sql,
  tenantId: string,
  from: string,
  to: string,
  areaId: number | null,
): Promise<{ area_id: number; topic: string; created_on: string; support_count: number }[]> {
  return sql.query(
    `SELECT area_id, topic, to_char(created_at, 'YYYY-MM-DD') AS created_on, support_count
       FROM participation_report
      WHERE tenant_id = $1 AND NOT hidden AND area_id IS NOT NULL
        AND created_at >= $2::date AND created_at < $3::date
        AND ($4::integer IS NULL OR area_id = $4::integer)`,
    [tenantId, from, to, areaId],
  );
}

/** Supports given in [from, to) to reports not hidden and placed in an area: signals too. */
export function selectSupportSignalRows(
  sql: Sql,
  tenantId: string,
  from: string,
  to: string,
  areaId: number | null,
): Promise<{ area_id: number; topic: string; supported_on: string }[]> {
  return sql.query(
    `SELECT r.area_id, r.topic, to_char(s.created_at, 'YYYY-MM-DD') AS supported_on
       FROM participation_support s
       JOIN participation_report r ON r.tenant_id = s.tenant_id AND r.id = s.report_id
      WHERE s.tenant_id = $1 AND NOT r.hidden AND r.area_id IS NOT NULL
        AND s.created_at >= $2::date AND s.created_at < $3::date
        AND ($4::integer IS NULL OR r.area_id = $4::integer)`,
    [tenantId, from, to, areaId],
  );
}
