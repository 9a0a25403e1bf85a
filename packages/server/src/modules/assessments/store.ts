// SQL of the assessments module (issue 13 § 4, ADR 0036): assessments, the records they name (areas,
// organisations), the raw values the detection job compares them with, and what the seismograph
// counts.
import type { Sql } from '../../db/db.ts';

/** One assessment row with the names of its area and organisation. */
export interface AssessmentRow {
  id: number;
  area_id: number;
  area_name: string;
  dimension: string;
  observed_date: string;
  trend: 'better' | 'same' | 'worse';
  urgency: number;
  body: string;
  evidence: string;
  organisation_id: string;
  organisation_name: string;
  author_user_id: number | null;
  author_name: string;
  visibility: 'public' | 'internal';
  withdrawn_at: string | null;
  created_at: string;
  updated_at: string;
  revision_count: number;
}

const COLUMNS = `s.id, s.area_id, a.name AS area_name, s.dimension,
  to_char(s.observed_date, 'YYYY-MM-DD') AS observed_date, s.trend, s.urgency, s.body, s.evidence,
  s.organisation_id, d.name AS organisation_name, s.author_user_id, s.author_name, s.visibility,
  s.withdrawn_at::text AS withdrawn_at, s.created_at::text AS created_at, s.updated_at::text AS updated_at,
  (SELECT count(*)::int FROM assessment_revision v
    WHERE v.tenant_id = s.tenant_id AND v.assessment_id = s.id) AS revision_count`;
const FROM = `FROM assessment s
  JOIN area a ON a.tenant_id = s.tenant_id AND a.id = s.area_id
  JOIN department d ON d.tenant_id = s.tenant_id AND d.id = s.organisation_id`;

/** Every assessment of an area, newest observed first. */
export function selectAreaAssessments(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<AssessmentRow[]> {
  return sql.query<AssessmentRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE s.tenant_id = $1 AND s.area_id = $2
      ORDER BY s.observed_date DESC, s.id DESC`,
    [tenantId, areaId],
  );
}

/** One assessment, optionally locked for a change. */
export async function selectAssessment(
  sql: Sql,
  tenantId: string,
  id: number,
  forUpdate = false,
): Promise<AssessmentRow | undefined> {
  const rows = await sql.query<AssessmentRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE s.tenant_id = $1 AND s.id = $2${forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [tenantId, id],
  );
  return rows[0];
}

/**
 * Assessments not withdrawn in these areas (null: all) observed on or after a date, or recorded
 * after a moment (`by: 'created'`, the agenda since the last meeting); null: all.
 */
export function selectAssessmentsSince(
  sql: Sql,
  tenantId: string,
  areaIds: readonly number[] | null,
  since: string | null,
  by: 'observed' | 'created' = 'observed',
): Promise<AssessmentRow[]> {
  const cond = by === 'observed' ? 's.observed_date >= $3::date' : 's.created_at > $3::timestamptz';
  return sql.query<AssessmentRow>(
    `SELECT ${COLUMNS} ${FROM}
      WHERE s.tenant_id = $1 AND s.withdrawn_at IS NULL
        AND ($2::integer[] IS NULL OR s.area_id = ANY($2::integer[]))
        AND ($3::text IS NULL OR ${cond})
      ORDER BY s.observed_date DESC, s.id DESC`,
    [tenantId, areaIds === null ? null : [...areaIds], since],
  );
}

/** Whether an area of the tenant exists. */
export async function areaExists(sql: Sql, tenantId: string, areaId: number): Promise<boolean> {
  const rows = await sql.query('SELECT 1 FROM area WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    areaId,
  ]);
  return rows.length > 0;
}

/** The department records (departments and organisations) of the tenant. */
export function selectOrganisationRecords(
  sql: Sql,
  tenantId: string,
): Promise<{ id: string; name: string; kind: string }[]> {
  return sql.query(`SELECT id, name, kind FROM department WHERE tenant_id = $1 ORDER BY name`, [
    tenantId,
  ]);
}

/** The columns a write stores. */
export interface AssessmentWrite {
  areaId: number;
  dimension: string;
  observedDate: string;
  trend: string;
  urgency: number;
  text: string;
  evidence: string;
  organisationId: string;
  visibility: string;
}

/** Inserts an assessment; returns its id. */
export async function insertAssessment(
  sql: Sql,
  tenantId: string,
  w: AssessmentWrite,
  author: { userId: number | null; name: string },
): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO assessment (tenant_id, area_id, dimension, observed_date, trend, urgency, body,
                             evidence, organisation_id, visibility, author_user_id, author_name)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      tenantId,
      w.areaId,
      w.dimension,
      w.observedDate,
      w.trend,
      w.urgency,
      w.text,
      w.evidence,
      w.organisationId,
      w.visibility,
      author.userId,
      author.name,
    ],
  );
  return Number(row!.id);
}

/** Replaces the content of an assessment (the author stays). */
export async function updateAssessment(
  sql: Sql,
  tenantId: string,
  id: number,
  w: AssessmentWrite,
): Promise<void> {
  await sql.query(
    `UPDATE assessment SET area_id = $3, dimension = $4, observed_date = $5::date, trend = $6,
            urgency = $7, body = $8, evidence = $9, organisation_id = $10, visibility = $11,
            updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      id,
      w.areaId,
      w.dimension,
      w.observedDate,
      w.trend,
      w.urgency,
      w.text,
      w.evidence,
      w.organisationId,
      w.visibility,
    ],
  );
}

/** Marks an assessment withdrawn (kept for the history). */
export async function markWithdrawn(sql: Sql, tenantId: string, id: number): Promise<void> {
  await sql.query(
    `UPDATE assessment SET withdrawn_at = now(), updated_at = now() WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
}

/** Raw observations of indicators in one area (the detection job's comparison; no reader). */
export function selectAreaObservations(
  sql: Sql,
  tenantId: string,
  areaId: number,
  indicatorIds: readonly string[],
): Promise<
  {
    indicator_id: string;
    ref_date: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
  }[]
> {
  return sql.query(
    `SELECT indicator_id, to_char(ref_date, 'YYYY-MM-DD') AS ref_date, value, numerator, denominator
       FROM observation
      WHERE tenant_id = $1 AND area_id = $2 AND indicator_id = ANY($3::text[]) AND flag IS NULL`,
    [tenantId, areaId, [...indicatorIds]],
  );
}

/** Negative assessments (trend worse, not withdrawn) observed in [from, to): area, Lebenslage, date. */
export function selectNegativeAssessments(
  sql: Sql,
  tenantId: string,
  from: string,
  to: string,
): Promise<{ area_id: number; dimension: string; observed_date: string }[]> {
  return sql.query(
    `SELECT area_id, dimension, to_char(observed_date, 'YYYY-MM-DD') AS observed_date
       FROM assessment
      WHERE tenant_id = $1 AND trend = 'worse' AND withdrawn_at IS NULL
        AND observed_date >= $2::date AND observed_date < $3::date`,
    [tenantId, from, to],
  );
}

/** Keeps the version an edit replaces (migration 0035): the next revision number per assessment. */
export async function insertRevision(
  sql: Sql,
  tenantId: string,
  assessmentId: number,
  snapshot: Record<string, unknown>,
  revisedBy: string,
): Promise<number> {
  const [row] = await sql.query<{ revision: number }>(
    `INSERT INTO assessment_revision (tenant_id, assessment_id, revision, snapshot, revised_by)
     SELECT $1, $2, COALESCE(max(revision), 0) + 1, $3::jsonb, $4
       FROM assessment_revision WHERE tenant_id = $1 AND assessment_id = $2
     RETURNING revision`,
    [tenantId, assessmentId, JSON.stringify(snapshot), revisedBy],
  );
  return row!.revision;
}

/** The kept revisions of an assessment (oldest first), with who replaced the version and when. */
export function selectRevisions(
  sql: Sql,
  tenantId: string,
  assessmentId: number,
): Promise<
  { revision: number; snapshot: Record<string, unknown>; revised_by: string; revised_at: string }[]
> {
  return sql.query(
    `SELECT revision, snapshot, revised_by, revised_at::text AS revised_at
       FROM assessment_revision WHERE tenant_id = $1 AND assessment_id = $2
      ORDER BY revision`,
    [tenantId, assessmentId],
  );
}

/** Names of the tenant's areas with these ids. */
export function selectAreaNames(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<{ id: number; name: string }[]> {
  return sql.query(`SELECT id, name FROM area WHERE tenant_id = $1 AND id = ANY($2::integer[])`, [
    tenantId,
    [...ids],
  ]);
}
