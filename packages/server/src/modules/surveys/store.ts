// SQL of the surveys module (issue 13 § 3). Every query is scoped by the tenant. Responses carry no
// personal data; respondents (hashes of browser tokens) are kept apart from responses (0032).
import type { Sql } from '../../db/db.ts';

export interface SurveyRow {
  id: number;
  title: string;
  intro: string;
  area_id: number | null;
  area_name: string | null;
  picker_system_id: string | null;
  picker_level_id: string | null;
  opens_on: string | null;
  closes_on: string | null;
  access: 'anonymous' | 'signed_in';
  results_public: boolean;
  status: 'draft' | 'open' | 'closed';
  definition: unknown;
  response_count: number;
  updated_at: Date;
}

const SURVEY_COLUMNS = `s.id, s.title, s.intro, s.area_id, a.name AS area_name, s.picker_system_id,
  s.picker_level_id, to_char(s.opens_on, 'YYYY-MM-DD') AS opens_on,
  to_char(s.closes_on, 'YYYY-MM-DD') AS closes_on, s.access, s.results_public, s.status,
  s.definition, s.updated_at,
  (SELECT count(*)::int FROM survey_response r WHERE r.tenant_id = s.tenant_id AND r.survey_id = s.id) AS response_count
  FROM survey s LEFT JOIN area a ON a.tenant_id = s.tenant_id AND a.id = s.area_id`;

/** All surveys of the tenant, newest first. */
export function selectSurveys(sql: Sql, tenantId: string): Promise<SurveyRow[]> {
  return sql.query<SurveyRow>(
    `SELECT ${SURVEY_COLUMNS} WHERE s.tenant_id = $1 ORDER BY s.id DESC`,
    [tenantId],
  );
}

/** Open surveys whose dates include `today`, ending soonest first. */
export function selectOpenSurveys(sql: Sql, tenantId: string, today: string): Promise<SurveyRow[]> {
  return sql.query<SurveyRow>(
    `SELECT ${SURVEY_COLUMNS} WHERE s.tenant_id = $1 AND s.status = 'open'
       AND (s.opens_on IS NULL OR s.opens_on <= $2::date)
       AND (s.closes_on IS NULL OR s.closes_on >= $2::date)
     ORDER BY s.closes_on NULLS LAST, s.id`,
    [tenantId, today],
  );
}

/** One survey; `forUpdate` locks it (status changes, answers arriving while it closes). */
export async function selectSurvey(
  sql: Sql,
  tenantId: string,
  id: number,
  forUpdate = false,
): Promise<SurveyRow | undefined> {
  const rows = await sql.query<SurveyRow>(
    `SELECT ${SURVEY_COLUMNS} WHERE s.tenant_id = $1 AND s.id = $2${forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [tenantId, id],
  );
  return rows[0];
}

export interface SurveyWrite {
  title: string;
  intro: string;
  areaId: number | null;
  pickerSystemId: string | null;
  pickerLevelId: string | null;
  opensOn: string | null;
  closesOn: string | null;
  access: string;
  resultsPublic: boolean;
  definition: unknown;
}

const writeParams = (s: SurveyWrite) => [
  s.title,
  s.intro,
  s.areaId,
  s.pickerSystemId,
  s.pickerLevelId,
  s.opensOn,
  s.closesOn,
  s.access,
  s.resultsPublic,
  JSON.stringify(s.definition),
];

/** Inserts a draft survey; returns its id. */
export async function insertSurvey(sql: Sql, tenantId: string, s: SurveyWrite): Promise<number> {
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO survey (tenant_id, title, intro, area_id, picker_system_id, picker_level_id,
       opens_on, closes_on, access, results_public, definition)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb) RETURNING id`,
    [tenantId, ...writeParams(s)],
  );
  return rows[0]!.id;
}

/** Replaces a survey's texts, scope, dates, access and questions. */
export async function updateSurvey(
  sql: Sql,
  tenantId: string,
  id: number,
  s: SurveyWrite,
): Promise<void> {
  await sql.query(
    `UPDATE survey SET title = $3, intro = $4, area_id = $5, picker_system_id = $6,
       picker_level_id = $7, opens_on = $8, closes_on = $9, access = $10, results_public = $11,
       definition = $12::jsonb, updated_at = now()
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, ...writeParams(s)],
  );
}

/** Sets the status (draft → open → closed, or reopened). */
export async function updateSurveyStatus(
  sql: Sql,
  tenantId: string,
  id: number,
  status: string,
): Promise<void> {
  await sql.query(
    'UPDATE survey SET status = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2',
    [tenantId, id, status],
  );
}

/** Records a respondent's token hash; false when this browser or account answered before. */
export async function insertRespondent(
  sql: Sql,
  tenantId: string,
  surveyId: number,
  tokenHash: string,
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO survey_respondent (tenant_id, survey_id, token_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING token_hash`,
    [tenantId, surveyId, tokenHash],
  );
  return rows.length === 1;
}

/** Stores one response (answers only). */
export async function insertResponse(
  sql: Sql,
  tenantId: string,
  surveyId: number,
  answers: unknown,
): Promise<void> {
  await sql.query(
    'INSERT INTO survey_response (tenant_id, survey_id, answers) VALUES ($1, $2, $3::jsonb)',
    [tenantId, surveyId, JSON.stringify(answers)],
  );
}

/** The answers of a survey, in arrival order (the order ids were given; no times). */
export async function selectResponses(
  sql: Sql,
  tenantId: string,
  surveyId: number,
): Promise<{ id: number; answers: Record<string, unknown>; submitted_on: string }[]> {
  return sql.query(
    `SELECT id, answers, to_char(submitted_on, 'YYYY-MM-DD') AS submitted_on FROM survey_response
     WHERE tenant_id = $1 AND survey_id = $2 ORDER BY id`,
    [tenantId, surveyId],
  );
}

/** Records that an indicator was made from a survey's result. */
export async function insertSurveyIndicator(
  sql: Sql,
  tenantId: string,
  r: { surveyId: number; indicatorId: string; questionId: string; optionId: string | null },
): Promise<void> {
  await sql.query(
    `INSERT INTO survey_indicator (tenant_id, survey_id, indicator_id, question_id, option_id)
     VALUES ($1, $2, $3, $4, $5)`,
    [tenantId, r.surveyId, r.indicatorId, r.questionId, r.optionId],
  );
}

/** Whether the tenant has this department. */
export async function departmentExists(sql: Sql, tenantId: string, id: string): Promise<boolean> {
  const rows = await sql.query('SELECT 1 FROM department WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    id,
  ]);
  return rows.length === 1;
}
