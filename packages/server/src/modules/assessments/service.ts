// Assessments (Einschätzungen, issue 13 § 4, ADR 0036): an area's assessments with their comparison to
// the numbers, the participation signals of the area, and the writes — every id in the body checked
// against the caller's rights, the audit entry in the same transaction.
import type {
  AreaAssessments,
  Assessment,
  AssessmentBody,
  AssessmentRevisions,
} from '@sozialraum/contracts/assessments';
import { assessmentEdits, type AssessmentVersion } from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { listReportSignals, listSupportSignals } from '../participation/index.ts';
import { listSurveySignals } from '../surveys/index.ts';
import { compareRow, readerLoader } from './compare.ts';
import {
  assertCanWriteFor,
  canChangeAssessment,
  canReadAssessment,
  canWriteFor,
} from './policy.ts';
import {
  areaExists,
  insertAssessment,
  markWithdrawn,
  selectAreaAssessments,
  selectAssessment,
  selectAreaNames,
  selectOrganisationRecords,
  selectRevisions,
  updateAssessment,
  insertRevision,
  type AssessmentRow,
  type AssessmentWrite,
} from './store.ts';

/** Who changes, for rights and audit. */
export interface ChangeContext {
  principal: Principal;
  actor: AuditActor;
}

/** Days the profile's participation signals look back. */
export const SIGNAL_DAYS = 90;

/** ISO date `days` before an ISO date. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(date) - days * 86_400_000).toISOString().slice(0, 10);
}

const todayIso = (): string => new Date().toISOString().slice(0, 10);

async function toAssessment(
  row: AssessmentRow,
  principal: Principal,
  source: Awaited<ReturnType<typeof readerLoader>>,
): Promise<Assessment> {
  const c = await compareRow(row, source);
  return {
    id: row.id,
    areaId: row.area_id,
    areaName: row.area_name,
    dimension: row.dimension as Assessment['dimension'],
    observedDate: row.observed_date,
    trend: row.trend,
    urgency: row.urgency,
    text: row.body,
    evidence: row.evidence,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    // people's names only for signed-in readers (a public assessment is public without them)
    author: principal.kind === 'anonymous' ? null : row.author_name,
    visibility: row.visibility,
    withdrawn: row.withdrawn_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    mayEdit: row.withdrawn_at === null && canChangeAssessment(principal, row),
    revisions: row.revision_count,
    comparison: {
      verdict: c.verdict,
      numbersTrend: c.numbersTrend,
      sentence: c.sentence,
      movements: c.movements,
    },
  };
}

/** The organisations this principal may write for (all with write_all, else her own record). */
async function writableOrganisations(
  sql: Sql,
  principal: Principal,
): Promise<{ id: string; name: string }[]> {
  if (
    !principal.permissions.has('assessments.write') &&
    !principal.permissions.has('assessments.write_all')
  )
    return [];
  const records = await selectOrganisationRecords(sql, principal.tenantId);
  return records
    .filter((r) => canWriteFor(principal, r.id))
    .map((r) => ({ id: r.id, name: r.name }));
}

/** An area's assessments (latest per Lebenslage, history) and its participation signals. */
export async function getAreaAssessments(
  sql: Sql,
  principal: Principal,
  areaId: number,
  today: string = todayIso(),
): Promise<AreaAssessments> {
  if (!(await areaExists(sql, principal.tenantId, areaId)))
    throw notFound(`Das Gebiet ${areaId} gibt es nicht.`);
  const rows = (await selectAreaAssessments(sql, principal.tenantId, areaId)).filter((r) =>
    canReadAssessment(principal, r.visibility),
  );
  const source = await readerLoader(sql, principal);
  const history: Assessment[] = [];
  for (const r of rows) history.push(await toAssessment(r, principal, source));
  const latest = new Map<string, Assessment>();
  for (const a of history) if (!a.withdrawn && !latest.has(a.dimension)) latest.set(a.dimension, a);
  const from = daysBefore(today, SIGNAL_DAYS);
  const to = daysBefore(today, -1);
  const reports = await listReportSignals(sql, principal.tenantId, from, to, areaId);
  const supports = await listSupportSignals(sql, principal.tenantId, from, to, areaId);
  const responses = await listSurveySignals(sql, principal.tenantId, from, to, areaId);
  const organisations = await writableOrganisations(sql, principal);
  return {
    areaId,
    latest: [...latest.values()],
    history,
    signals: {
      from,
      to: today,
      reports: reports.length,
      supports: supports.length,
      negativeAssessments: history.filter(
        (a) =>
          !a.withdrawn && a.trend === 'worse' && a.observedDate >= from && a.observedDate <= today,
      ).length,
      surveyResponses: responses.length,
    },
    mayWrite: organisations.length > 0,
    organisations,
  };
}

/** 400 unless the area and organisation exist; 403 unless the principal may write for the organisation. */
async function checkBody(tx: Sql, principal: Principal, body: AssessmentWrite): Promise<void> {
  if (!(await areaExists(tx, principal.tenantId, body.areaId)))
    throw badRequest(`Das Gebiet ${body.areaId} gibt es nicht.`);
  const org = (await selectOrganisationRecords(tx, principal.tenantId)).find(
    (r) => r.id === body.organisationId,
  );
  if (!org) throw badRequest(`Die Organisation „${body.organisationId}“ gibt es nicht.`);
  assertCanWriteFor(principal, org);
}

const toWrite = (b: AssessmentBody): AssessmentWrite => ({
  areaId: b.areaId,
  dimension: b.dimension,
  observedDate: b.observedDate,
  trend: b.trend,
  urgency: b.urgency,
  text: b.text,
  evidence: b.evidence ?? '',
  organisationId: b.organisationId,
  visibility: b.visibility ?? 'internal',
});

async function readBack(db: Sql, principal: Principal, id: number): Promise<Assessment> {
  const row = await selectAssessment(db, principal.tenantId, id);
  if (!row) throw notFound(`Die Einschätzung ${id} gibt es nicht.`);
  return toAssessment(row, principal, await readerLoader(db, principal));
}

function checkDate(observedDate: string): void {
  if (observedDate > daysBefore(todayIso(), -1))
    throw badRequest(`Das Datum der Einschätzung (${observedDate}) liegt in der Zukunft.`);
}

/** Records a new assessment; audited in the same transaction. */
export async function createAssessment(
  db: Db,
  ctx: ChangeContext,
  body: AssessmentBody,
): Promise<Assessment> {
  const w = toWrite(body);
  checkDate(w.observedDate);
  const id = await db.transaction(async (tx) => {
    await checkBody(tx, ctx.principal, w);
    const id = await insertAssessment(tx, ctx.principal.tenantId, w, {
      userId: ctx.principal.userId,
      name: ctx.principal.displayName || ctx.principal.name,
    });
    await writeAudit(tx, ctx.principal.tenantId, {
      actor: ctx.actor,
      action: 'assessments.create',
      entity: 'assessment',
      entityId: String(id),
      detail: { ...w },
    });
    return id;
  });
  return readBack(db, ctx.principal, id);
}

async function lockChangeable(tx: Sql, principal: Principal, id: number): Promise<AssessmentRow> {
  const row = await selectAssessment(tx, principal.tenantId, id, true);
  if (!row || !canReadAssessment(principal, row.visibility))
    throw notFound(`Die Einschätzung ${id} gibt es nicht.`);
  if (row.withdrawn_at !== null)
    throw badRequest(
      `Die Einschätzung ${id} ist zurückgezogen und kann nicht mehr geändert werden.`,
    );
  if (!canChangeAssessment(principal, row))
    throw forbidden(
      `Die Einschätzung ${id} darf nur ändern, wer sie abgegeben hat, oder wer die Berechtigung „assessments.write_all“ hat.`,
    );
  return row;
}

/** Replaces an assessment (own, or any with write_all); audited with before and after. */
export async function replaceAssessment(
  db: Db,
  ctx: ChangeContext,
  id: number,
  body: AssessmentBody,
): Promise<Assessment> {
  const w = toWrite(body);
  checkDate(w.observedDate);
  await db.transaction(async (tx) => {
    const before = await lockChangeable(tx, ctx.principal, id);
    await checkBody(tx, ctx.principal, w);
    const previous = {
      areaId: before.area_id,
      dimension: before.dimension,
      observedDate: before.observed_date,
      trend: before.trend,
      urgency: before.urgency,
      text: before.body,
      evidence: before.evidence,
      organisationId: before.organisation_id,
      visibility: before.visibility,
    };
    // the replaced version stays in the area's history (ADR 0041), not only in the audit log
    const revision = await insertRevision(
      tx,
      ctx.principal.tenantId,
      id,
      previous,
      ctx.principal.displayName || ctx.principal.name,
    );
    await updateAssessment(tx, ctx.principal.tenantId, id, w);
    await writeAudit(tx, ctx.principal.tenantId, {
      actor: ctx.actor,
      action: 'assessments.update',
      entity: 'assessment',
      entityId: String(id),
      detail: { before: previous, after: w, revision },
    });
  });
  return readBack(db, ctx.principal, id);
}

const versionOf = (row: AssessmentRow): AssessmentVersion => ({
  areaId: row.area_id,
  dimension: row.dimension,
  observedDate: row.observed_date,
  trend: row.trend,
  urgency: row.urgency,
  text: row.body,
  evidence: row.evidence,
  organisationId: row.organisation_id,
  visibility: row.visibility,
});

/**
 * The edits of one assessment, newest first: who, when, which fields from what to what (ADR 0045).
 * For signed-in readers of the assessment only — the names of those who edited are not public.
 */
export async function getAssessmentRevisions(
  sql: Sql,
  principal: Principal,
  id: number,
): Promise<AssessmentRevisions> {
  const row = await selectAssessment(sql, principal.tenantId, id);
  if (!row || principal.kind === 'anonymous' || !canReadAssessment(principal, row.visibility))
    throw notFound(`Die Einschätzung ${id} gibt es nicht.`);
  const stored = await selectRevisions(sql, principal.tenantId, id);
  const edits = assessmentEdits(
    stored.map((r) => ({
      revision: r.revision,
      snapshot: (typeof r.snapshot === 'string'
        ? JSON.parse(r.snapshot)
        : r.snapshot) as AssessmentVersion,
      meta: { by: r.revised_by, at: new Date(r.revised_at).toISOString() },
    })),
    versionOf(row),
  );
  const orgs = new Map(
    (await selectOrganisationRecords(sql, principal.tenantId)).map((o) => [o.id, o.name]),
  );
  const areaIds = edits.flatMap((e) =>
    e.changes
      .filter((c) => c.field === 'areaId')
      .flatMap((c) => [Number(c.before), Number(c.after)]),
  );
  const areas = new Map(
    areaIds.length === 0
      ? []
      : (await selectAreaNames(sql, principal.tenantId, areaIds)).map((a) => [a.id, a.name]),
  );
  const label = (field: string, v: string | number | null): string | null =>
    v === null
      ? null
      : field === 'organisationId'
        ? (orgs.get(String(v)) ?? null)
        : field === 'areaId'
          ? (areas.get(Number(v)) ?? null)
          : null;
  return {
    assessmentId: id,
    revisions: edits.map((e) => ({
      revision: e.revision,
      revisedBy: e.meta.by,
      revisedAt: e.meta.at,
      changes: e.changes.map((c) => ({
        ...c,
        beforeLabel: label(c.field, c.before),
        afterLabel: label(c.field, c.after),
      })),
    })),
  };
}

/** Withdraws an assessment (kept in the history); audited. */
export async function withdrawAssessment(
  db: Db,
  ctx: ChangeContext,
  id: number,
): Promise<Assessment> {
  await db.transaction(async (tx) => {
    await lockChangeable(tx, ctx.principal, id);
    await markWithdrawn(tx, ctx.principal.tenantId, id);
    await writeAudit(tx, ctx.principal.tenantId, {
      actor: ctx.actor,
      action: 'assessments.withdraw',
      entity: 'assessment',
      entityId: String(id),
    });
  });
  return readBack(db, ctx.principal, id);
}
