// Answers to a questionnaire (issue 13 § 3): checked against the definition, with the display
// conditions evaluated in order. An answer to a question that is not shown (its condition does not
// hold, e.g. the resident changed an earlier answer) is dropped, not refused: the form may keep it.
import type { SurveyDefinition, SurveyQuestion } from './definition.ts';

/** One answer: an option id (single), option ids (multiple), a number (scale), text, an area id. */
export type AnswerValue = string | string[] | number;
export type SurveyAnswers = Record<string, AnswerValue>;

/** Longest free-text answer, in characters. */
export const MAX_TEXT_ANSWER = 2000;

/** Whether a question is shown, given the answers so far (conditions refer to earlier questions). */
export function isQuestionShown(q: SurveyQuestion, answers: SurveyAnswers): boolean {
  const c = q.showIf;
  if (!c) return true;
  const a = answers[c.questionId];
  if (a === undefined) return false;
  if (typeof a === 'number') {
    if (c.min !== undefined && a < c.min) return false;
    if (c.max !== undefined && a > c.max) return false;
    return true;
  }
  const chosen = Array.isArray(a) ? a : [a];
  return (c.anyOf ?? []).some((id) => chosen.includes(id));
}

function answerProblem(
  q: SurveyQuestion,
  a: AnswerValue,
  areaIds: ReadonlySet<string>,
): string | null {
  const options = new Set((q.options ?? []).map((o) => o.id));
  switch (q.type) {
    case 'single':
      return typeof a === 'string' && options.has(a) ? null : 'unbekannte Antwort';
    case 'multiple':
      if (!Array.isArray(a) || a.length === 0) return 'bitte mindestens eine Antwort wählen';
      if (new Set(a).size !== a.length) return 'eine Antwort ist doppelt gewählt';
      return a.every((id) => options.has(id)) ? null : 'unbekannte Antwort';
    case 'scale': {
      const s = q.scale!;
      return typeof a === 'number' && Number.isInteger(a) && a >= s.min && a <= s.max
        ? null
        : `bitte einen Wert von ${s.min} bis ${s.max} wählen`;
    }
    case 'text':
      if (typeof a !== 'string') return 'Text erwartet';
      return a.length > MAX_TEXT_ANSWER ? `höchstens ${MAX_TEXT_ANSWER} Zeichen` : null;
    case 'area':
      return typeof a === 'string' && areaIds.has(a) ? null : 'unbekanntes Gebiet';
  }
}

/** The result of checking answers: the answers kept (shown questions only) and the problems. */
export interface AnswerCheck {
  answers: SurveyAnswers;
  problems: { questionId: string; message: string }[];
}

/**
 * Checks answers against a definition: unknown question ids are refused, answers to hidden
 * questions dropped, required shown questions must be answered (an empty text counts as none),
 * and every value must fit its question. `areaIds` are the areas the area picker offers.
 */
export function checkSurveyAnswers(
  def: SurveyDefinition,
  given: SurveyAnswers,
  areaIds: ReadonlySet<string>,
): AnswerCheck {
  const problems: AnswerCheck['problems'] = [];
  const known = new Set(def.questions.map((q) => q.id));
  for (const id of Object.keys(given))
    if (!known.has(id)) problems.push({ questionId: id, message: `unbekannte Frage „${id}“` });
  const kept: SurveyAnswers = {};
  for (const q of def.questions) {
    if (!isQuestionShown(q, kept)) continue;
    let a = given[q.id];
    if (typeof a === 'string' && q.type === 'text') a = a.trim();
    if (a === undefined || a === '') {
      if (q.required) problems.push({ questionId: q.id, message: 'bitte beantworten' });
      continue;
    }
    const problem = answerProblem(q, a, areaIds);
    if (problem) problems.push({ questionId: q.id, message: problem });
    else kept[q.id] = a;
  }
  return { answers: kept, problems };
}
