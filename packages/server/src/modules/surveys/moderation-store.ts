// SQL of the moderation of survey free text (migration 0035): hidden answers per response and question.
import type { Sql } from '../../db/db.ts';

/** Hidden answers of a survey: `${responseId}|${questionId}` → reason. */
export async function selectHiddenAnswers(
  sql: Sql,
  tenantId: string,
  surveyId: number,
): Promise<Map<string, string>> {
  const rows = await sql.query<{ response_id: number; question_id: string; reason: string }>(
    `SELECT h.response_id, h.question_id, h.reason FROM survey_answer_hidden h
       JOIN survey_response r ON r.tenant_id = h.tenant_id AND r.id = h.response_id
      WHERE h.tenant_id = $1 AND r.survey_id = $2`,
    [tenantId, surveyId],
  );
  return new Map(rows.map((r) => [`${r.response_id}|${r.question_id}`, r.reason]));
}

/** Whether the response belongs to the survey (locked for the transaction). */
export async function lockResponse(
  sql: Sql,
  tenantId: string,
  surveyId: number,
  responseId: number,
): Promise<{ answers: Record<string, unknown> } | undefined> {
  const [row] = await sql.query<{ answers: Record<string, unknown> }>(
    `SELECT answers FROM survey_response WHERE tenant_id = $1 AND survey_id = $2 AND id = $3
     FOR UPDATE`,
    [tenantId, surveyId, responseId],
  );
  return row;
}

/** Hides an answer (or changes the reason); returns the reason it had before, if any. */
export async function hideAnswer(
  sql: Sql,
  tenantId: string,
  responseId: number,
  questionId: string,
  reason: string,
): Promise<void> {
  await sql.query(
    `INSERT INTO survey_answer_hidden (tenant_id, response_id, question_id, reason)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, response_id, question_id) DO UPDATE SET reason = EXCLUDED.reason,
       hidden_at = now()`,
    [tenantId, responseId, questionId, reason],
  );
}

/** Shows a hidden answer again; false when it was not hidden. */
export async function showAnswer(
  sql: Sql,
  tenantId: string,
  responseId: number,
  questionId: string,
): Promise<boolean> {
  const rows = await sql.query(
    `DELETE FROM survey_answer_hidden WHERE tenant_id = $1 AND response_id = $2 AND question_id = $3
     RETURNING response_id`,
    [tenantId, responseId, questionId],
  );
  return rows.length === 1;
}
