// Questionnaire definitions of surveys (issue 13 § 3): question types, options, scales and display
// conditions. A condition may only refer to an earlier question, so a definition is acyclic by
// construction; a reference to the same or a later question is refused with a message naming both.
// Method: docs/methods/surveys.md.

/** The question types a survey may hold. */
export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'text', 'area'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** An answer option of a single- or multiple-choice question. */
export interface QuestionOption {
  id: string;
  label: string;
  labelEn?: string | null | undefined;
}

/**
 * Show a question only when an earlier answer fits: for choice and area questions one of `anyOf`
 * (option ids, area ids as text) was chosen; for scale questions the value lies in [min, max].
 */
export interface DisplayCondition {
  questionId: string;
  anyOf?: string[] | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

/** One question of a questionnaire. */
export interface SurveyQuestion {
  id: string;
  type: QuestionType;
  label: string;
  labelEn?: string | null | undefined;
  help?: string | null | undefined;
  required?: boolean | undefined;
  options?: QuestionOption[] | undefined;
  scale?:
    { min: number; max: number; minLabel?: string | null; maxLabel?: string | null } | undefined;
  showIf?: DisplayCondition | null | undefined;
}

/** A questionnaire: its questions in the order they are asked. */
export interface SurveyDefinition {
  questions: SurveyQuestion[];
}

/** Limits of a definition (a questionnaire for residents, not a census). */
export const SURVEY_LIMITS = { questions: 60, options: 30, scaleSteps: 11 } as const;

const ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;

function optionProblems(q: SurveyQuestion, where: string): string[] {
  const problems: string[] = [];
  const choice = q.type === 'single' || q.type === 'multiple';
  if (!choice) {
    if (q.options && q.options.length > 0)
      problems.push(`${where}: nur Auswahlfragen haben Antwortmöglichkeiten.`);
    return problems;
  }
  const options = q.options ?? [];
  if (options.length < 2) problems.push(`${where}: mindestens zwei Antwortmöglichkeiten nötig.`);
  if (options.length > SURVEY_LIMITS.options)
    problems.push(`${where}: höchstens ${SURVEY_LIMITS.options} Antwortmöglichkeiten.`);
  const seen = new Set<string>();
  for (const o of options) {
    if (!ID.test(o.id))
      problems.push(
        `${where}: Kennung der Antwort „${o.id}“ ungültig (Kleinbuchstaben, Ziffern, _ und -).`,
      );
    if (seen.has(o.id)) problems.push(`${where}: Antwort „${o.id}“ kommt doppelt vor.`);
    seen.add(o.id);
    if (o.label.trim() === '') problems.push(`${where}: Antwort „${o.id}“ hat keinen Text.`);
  }
  return problems;
}

function scaleProblems(q: SurveyQuestion, where: string): string[] {
  if (q.type !== 'scale') return q.scale ? [`${where}: nur Skalenfragen haben eine Skala.`] : [];
  const s = q.scale;
  if (!s) return [`${where}: Skalenfrage ohne Skala (min, max).`];
  if (!Number.isInteger(s.min) || !Number.isInteger(s.max) || s.max <= s.min)
    return [`${where}: Skala braucht ganze Zahlen mit min < max.`];
  if (s.max - s.min + 1 > SURVEY_LIMITS.scaleSteps)
    return [`${where}: höchstens ${SURVEY_LIMITS.scaleSteps} Skalenstufen.`];
  return [];
}

function conditionProblems(
  q: SurveyQuestion,
  where: string,
  earlier: Map<string, SurveyQuestion>,
  all: Map<string, number>,
  index: number,
): string[] {
  const c = q.showIf;
  if (!c) return [];
  const target = earlier.get(c.questionId);
  if (!target) {
    const at = all.get(c.questionId);
    if (at === undefined)
      return [`${where}: Bedingung verweist auf unbekannte Frage „${c.questionId}“.`];
    return [
      at === index
        ? `${where}: Bedingung verweist auf die Frage selbst (Zirkelbezug).`
        : `${where}: Bedingung verweist auf die spätere Frage „${c.questionId}“ – nur frühere Antworten sind erlaubt (sonst Zirkelbezug möglich).`,
    ];
  }
  if (target.type === 'text')
    return [`${where}: Bedingung auf eine Freitextfrage („${target.id}“) ist nicht möglich.`];
  if (target.type === 'scale') {
    if (c.min === undefined && c.max === undefined)
      return [`${where}: Bedingung auf die Skala „${target.id}“ braucht min oder max.`];
    return [];
  }
  if (!c.anyOf || c.anyOf.length === 0)
    return [`${where}: Bedingung auf „${target.id}“ braucht mindestens eine Antwort (anyOf).`];
  if (target.type === 'area') return [];
  const known = new Set((target.options ?? []).map((o) => o.id));
  return c.anyOf
    .filter((id) => !known.has(id))
    .map((id) => `${where}: Bedingung nennt unbekannte Antwort „${id}“ der Frage „${target.id}“.`);
}

/**
 * Checks a questionnaire: ids unique and well-formed, options for choice questions, a scale for
 * scale questions, at most one area picker, conditions only on earlier questions (no cycles).
 * Returns German messages, empty when the definition is valid.
 */
export function validateSurveyDefinition(def: SurveyDefinition): string[] {
  const problems: string[] = [];
  if (def.questions.length === 0) problems.push('Der Fragebogen hat keine Fragen.');
  if (def.questions.length > SURVEY_LIMITS.questions)
    problems.push(`Höchstens ${SURVEY_LIMITS.questions} Fragen.`);
  const all = new Map<string, number>();
  def.questions.forEach((q, i) => {
    if (!all.has(q.id)) all.set(q.id, i);
  });
  const earlier = new Map<string, SurveyQuestion>();
  let areaPickers = 0;
  def.questions.forEach((q, i) => {
    const where = `Frage ${i + 1} („${q.id}“)`;
    if (!ID.test(q.id))
      problems.push(
        `${where}: Kennung ungültig (Kleinbuchstaben, Ziffern, _ und -, bis 40 Zeichen).`,
      );
    if (earlier.has(q.id)) problems.push(`${where}: Kennung kommt doppelt vor.`);
    if (!(QUESTION_TYPES as readonly string[]).includes(q.type))
      problems.push(`${where}: unbekannter Fragetyp „${String(q.type)}“.`);
    if (q.label.trim() === '') problems.push(`${where}: Fragetext fehlt.`);
    if (q.type === 'area') areaPickers++;
    problems.push(...optionProblems(q, where), ...scaleProblems(q, where));
    problems.push(...conditionProblems(q, where, earlier, all, i));
    if (!earlier.has(q.id)) earlier.set(q.id, q);
  });
  if (areaPickers > 1) problems.push('Höchstens eine Gebietsfrage je Fragebogen.');
  return problems;
}
