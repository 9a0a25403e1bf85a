// Surveys service (issue 13 § 3): questionnaires and answers. load → rules (core) → save, every
// change audited in its transaction. Audit entries of answers keep nothing of the answer or the
// person: only that survey N received one (ADR 0038).
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  checkSurveyAnswers,
  validateSurveyDefinition,
  type SurveyAnswers,
  type SurveyDefinition,
} from '@sozialraum/core';
import type {
  PublicSurvey,
  Survey,
  SurveyInput,
  SurveyResponseInput,
  SurveyStatus,
} from '@sozialraum/contracts/surveys';
import type { AppContext } from '../../app-context.ts';
import type { Sql } from '../../db/db.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { selectAreasByIds, selectCurrentLevelAreas, selectLevelExists } from '../areas/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { spendChallenge } from '../participation/index.ts';
import { mayAnswer, mayReadResults } from './policy.ts';
import * as store from './store.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Today as YYYY-MM-DD (UTC; the opening and closing days are whole days). */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/** A survey row in the contract's shape (planners' view). */
export function toSurvey(r: store.SurveyRow): Survey {
  return {
    id: r.id,
    title: r.title,
    intro: r.intro,
    areaId: r.area_id,
    areaName: r.area_name,
    pickerSystemId: r.picker_system_id,
    pickerLevelId: r.picker_level_id,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    access: r.access,
    resultsPublic: r.results_public,
    status: r.status,
    definition: r.definition as Survey['definition'],
    responseCount: r.response_count,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The survey or a 404 naming it. */
export async function loadSurvey(
  sql: Sql,
  tenantId: string,
  id: number,
  forUpdate = false,
): Promise<store.SurveyRow> {
  const row = await store.selectSurvey(sql, tenantId, id, forUpdate);
  if (!row) throw notFound(`Befragung ${id} gibt es nicht.`);
  return row;
}

/** Whether residents can answer now: open, and today within its dates. */
export function isAnswerable(r: store.SurveyRow, day = today()): boolean {
  if (r.status !== 'open') return false;
  if (r.opens_on && r.opens_on > day) return false;
  return !(r.closes_on && r.closes_on < day);
}

/** The areas the survey's area question offers (current areas of its picker level). */
export async function pickerAreas(
  sql: Sql,
  tenantId: string,
  r: Pick<store.SurveyRow, 'picker_system_id' | 'picker_level_id'>,
): Promise<{ id: string; name: string }[]> {
  if (!r.picker_system_id || !r.picker_level_id) return [];
  const rows = await selectCurrentLevelAreas(sql, tenantId, r.picker_system_id, r.picker_level_id);
  return rows
    .map((a) => ({ id: String(a.id), name: a.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** Checks a planner's survey: definition (core), area and picker level of the tenant, dates. */
async function checkInput(sql: Sql, tenantId: string, s: SurveyInput): Promise<store.SurveyWrite> {
  const problems = validateSurveyDefinition(s.definition as SurveyDefinition).map(
    (p) => `Fragebogen: ${p}`,
  );
  if (s.areaId !== null && (await selectAreasByIds(sql, tenantId, [s.areaId])).length === 0)
    problems.push(`Anfrageinhalt „areaId“: Gebiet ${s.areaId} gibt es in dieser Kommune nicht.`);
  const hasPicker = s.definition.questions.some((q) => q.type === 'area');
  const system = s.pickerSystemId ?? null;
  const level = s.pickerLevelId ?? null;
  if (hasPicker && (!system || !level))
    problems.push('Die Gebietsfrage braucht eine Gebietsebene (pickerSystemId und pickerLevelId).');
  if (system && level && (await selectLevelExists(sql, tenantId, system, level)).length === 0)
    problems.push(`Die Gebietsebene „${system}/${level}“ gibt es in dieser Kommune nicht.`);
  if (s.opensOn && s.closesOn && s.closesOn < s.opensOn)
    problems.push('Das Ende der Befragung liegt vor ihrem Beginn.');
  if (problems.length > 0) throw badRequest(problems.join(' '), { problems });
  return {
    title: s.title,
    intro: s.intro,
    areaId: s.areaId,
    pickerSystemId: hasPicker ? system : null,
    pickerLevelId: hasPicker ? level : null,
    opensOn: s.opensOn ?? null,
    closesOn: s.closesOn ?? null,
    access: s.access,
    resultsPublic: s.resultsPublic,
    definition: s.definition,
  };
}

/** All surveys of the tenant (planners). */
export async function listSurveys(sql: Sql, tenantId: string): Promise<Survey[]> {
  return (await store.selectSurveys(sql, tenantId)).map(toSurvey);
}

/** Creates a draft survey (audited). */
export async function createSurvey(
  db: AppContext['db'],
  tenantId: string,
  input: SurveyInput,
  actor: AuditActor,
): Promise<Survey> {
  return db.transaction(async (tx) => {
    const write = await checkInput(tx, tenantId, input);
    const id = await store.insertSurvey(tx, tenantId, write);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'surveys.create',
      entity: 'survey',
      entityId: String(id),
      detail: { title: write.title, questions: input.definition.questions.length },
    });
    return toSurvey(await loadSurvey(tx, tenantId, id));
  });
}

/** Changes a survey; the questions are fixed once answers exist (409). */
export async function updateSurvey(
  db: AppContext['db'],
  tenantId: string,
  id: number,
  input: SurveyInput,
  actor: AuditActor,
): Promise<Survey> {
  return db.transaction(async (tx) => {
    const before = await loadSurvey(tx, tenantId, id, true);
    const write = await checkInput(tx, tenantId, input);
    // jsonb reorders keys: compare canonical JSON (RFC 8785)
    const sameQuestions = canonicalize(before.definition) === canonicalize(write.definition);
    if (before.response_count > 0 && !sameQuestions)
      throw conflict(
        `Befragung ${id} hat schon ${before.response_count} Antworten: die Fragen können nicht mehr geändert werden.`,
      );
    await store.updateSurvey(tx, tenantId, id, write);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'surveys.update',
      entity: 'survey',
      entityId: String(id),
      detail: { title: write.title, questionsChanged: !sameQuestions },
    });
    return toSurvey(await loadSurvey(tx, tenantId, id));
  });
}

/** Opens, closes or reopens a survey; back to draft only without answers. */
export async function setSurveyStatus(
  db: AppContext['db'],
  tenantId: string,
  id: number,
  status: SurveyStatus,
  actor: AuditActor,
): Promise<Survey> {
  return db.transaction(async (tx) => {
    const before = await loadSurvey(tx, tenantId, id, true);
    if (status === 'draft' && before.response_count > 0)
      throw conflict(`Befragung ${id} hat schon Antworten und kann kein Entwurf mehr werden.`);
    await store.updateSurveyStatus(tx, tenantId, id, status);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'surveys.status',
      entity: 'survey',
      entityId: String(id),
      detail: { from: before.status, to: status },
    });
    return toSurvey(await loadSurvey(tx, tenantId, id));
  });
}

async function toPublic(
  sql: Sql,
  tenantId: string,
  principal: Principal,
  r: store.SurveyRow,
): Promise<PublicSurvey> {
  return {
    id: r.id,
    title: r.title,
    intro: r.intro,
    areaName: r.area_name,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    access: r.access,
    status: isAnswerable(r) ? 'open' : r.status === 'draft' ? 'draft' : 'closed',
    resultsAvailable: mayReadResults(principal, r),
    definition: r.definition as PublicSurvey['definition'],
    pickerAreas: await pickerAreas(sql, tenantId, r),
  };
}

/** Surveys residents can answer today. */
export async function listOpenSurveys(sql: Sql, principal: Principal): Promise<PublicSurvey[]> {
  const rows = await store.selectOpenSurveys(sql, principal.tenantId, today());
  return Promise.all(rows.map((r) => toPublic(sql, principal.tenantId, principal, r)));
}

/** One survey for residents: open, or closed with released results; drafts are not found. */
export async function getPublicSurvey(
  sql: Sql,
  principal: Principal,
  id: number,
): Promise<PublicSurvey> {
  const r = await store.selectSurvey(sql, principal.tenantId, id);
  const visible =
    r &&
    (principal.permissions.has('surveys.edit') || isAnswerable(r) || mayReadResults(principal, r));
  if (!r || !visible) throw notFound(`Befragung ${id} gibt es nicht oder sie ist nicht offen.`);
  return toPublic(sql, principal.tenantId, principal, r);
}

/**
 * Stores one response: the proof of work (participation's), the survey open today, signed-in
 * surveys only for signed-in people, answers fitting the questionnaire (core), and one response
 * per browser token (or account). Token hash and answers go to unlinked tables (0032).
 */
export async function submitResponse(
  db: AppContext['db'],
  principal: Principal,
  id: number,
  body: SurveyResponseInput,
  actor: AuditActor,
): Promise<{ accepted: true }> {
  const tenantId = principal.tenantId;
  return db.transaction(async (tx) => {
    const r = await loadSurvey(tx, tenantId, id, true);
    if (r.status === 'draft')
      throw notFound(`Befragung ${id} gibt es nicht oder sie ist nicht offen.`);
    if (!isAnswerable(r))
      throw conflict(`Die Befragung „${r.title}“ ist beendet oder noch nicht offen.`);
    if (!mayAnswer(principal, r.access))
      throw forbidden('An dieser Befragung können nur angemeldete Personen teilnehmen.');
    const areas = new Set((await pickerAreas(tx, tenantId, r)).map((a) => a.id));
    const check = checkSurveyAnswers(
      r.definition as SurveyDefinition,
      body.answers as SurveyAnswers,
      areas,
    );
    if (check.problems.length > 0)
      throw badRequest(
        `Antworten: ${check.problems.map((p) => `Frage „${p.questionId}“: ${p.message}`).join('; ')}`,
        { problems: check.problems },
      );
    await spendChallenge(tx, tenantId, body.pow);
    const who =
      r.access === 'signed_in' && principal.userId !== null
        ? `user:${principal.userId}`
        : `browser:${body.token}`;
    if (!(await store.insertRespondent(tx, tenantId, id, sha256(`${id}:${who}`))))
      throw conflict('Sie haben an dieser Befragung schon teilgenommen. Vielen Dank!');
    await store.insertResponse(tx, tenantId, id, check.answers);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'surveys.answer',
      entity: 'survey',
      entityId: String(id),
      detail: {},
    });
    return { accepted: true as const };
  });
}
