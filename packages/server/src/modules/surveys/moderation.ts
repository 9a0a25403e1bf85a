// Moderation of survey free text (issue 13, ADR 0041): planners (surveys.edit) read the free-text
// answers and hide one with a reason — an insult, a name, an address. A hidden answer leaves the
// free-text view's text and the export; the response itself still counts in the results. Each step
// is audited with the reason, never with the text.
import type { SurveyDefinition } from '@sozialraum/core';
import type { FreeTextAnswer } from '@sozialraum/contracts/surveys';
import type { AppContext } from '../../app-context.ts';
import type { Sql } from '../../db/db.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import * as modStore from './moderation-store.ts';
import { loadSurvey } from './service.ts';
import * as store from './store.ts';

const textQuestions = (def: SurveyDefinition) =>
  def.questions.filter((q) => q.type === 'text').map((q) => q.id);

/** Hidden answers of a survey, for the export: `${responseId}|${questionId}`. */
export function hiddenAnswers(sql: Sql, tenantId: string, surveyId: number) {
  return modStore.selectHiddenAnswers(sql, tenantId, surveyId);
}

/** Every free-text answer of the survey, in arrival order, with its moderation state. */
export async function listFreeText(
  sql: Sql,
  tenantId: string,
  surveyId: number,
): Promise<FreeTextAnswer[]> {
  const survey = await loadSurvey(sql, tenantId, surveyId);
  const ids = textQuestions(survey.definition as SurveyDefinition);
  const hidden = await modStore.selectHiddenAnswers(sql, tenantId, surveyId);
  const out: FreeTextAnswer[] = [];
  for (const r of await store.selectResponses(sql, tenantId, surveyId))
    for (const q of ids) {
      const text = r.answers[q];
      if (typeof text !== 'string' || text === '') continue;
      const reason = hidden.get(`${r.id}|${q}`) ?? null;
      out.push({
        responseId: r.id,
        questionId: q,
        text,
        month: r.submitted_on.slice(0, 7),
        hidden: reason !== null,
        hiddenReason: reason,
      });
    }
  return out;
}

/** Hides or shows one free-text answer (404 for a response of another survey, 400 for no text). */
export async function moderateFreeText(
  db: AppContext['db'],
  tenantId: string,
  surveyId: number,
  m: { responseId: number; questionId: string; action: 'hide' | 'show'; reason: string },
  actor: AuditActor,
): Promise<FreeTextAnswer[]> {
  await db.transaction(async (tx) => {
    const survey = await loadSurvey(tx, tenantId, surveyId);
    if (!textQuestions(survey.definition as SurveyDefinition).includes(m.questionId))
      throw badRequest(
        `Anfrageinhalt „questionId“: „${m.questionId}“ ist keine Freitextfrage dieser Befragung.`,
      );
    const response = await modStore.lockResponse(tx, tenantId, surveyId, m.responseId);
    if (!response)
      throw notFound(`Antwort ${m.responseId} gehört nicht zur Befragung ${surveyId}.`);
    if (typeof response.answers[m.questionId] !== 'string')
      throw badRequest(`Antwort ${m.responseId} hat zu „${m.questionId}“ keinen Text.`);
    if (m.action === 'hide')
      await modStore.hideAnswer(tx, tenantId, m.responseId, m.questionId, m.reason);
    else await modStore.showAnswer(tx, tenantId, m.responseId, m.questionId);
    await writeAudit(tx, tenantId, {
      actor,
      action: `surveys.answer_${m.action}`,
      entity: 'survey',
      entityId: String(surveyId),
      detail: { responseId: m.responseId, questionId: m.questionId, reason: m.reason },
    });
  });
  return listFreeText(db, tenantId, surveyId);
}
