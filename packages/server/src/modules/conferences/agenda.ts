// The agenda of a meeting (issue 14 § 1): the builder's proposals from what happened in the body's
// areas since its last meeting, accepting, ordering, merging, the organiser's own items, proposals
// not taken kept as "nicht behandelt"; minutes per item, decisions, approval and publication.
import { proposeAgenda, redactMinutes } from '@sozialraum/core';
import type { ConferenceMeetingDetail } from '@sozialraum/contracts/conferences';
import type { AppContext } from '../../app-context.ts';
import type { Sql } from '../../db/db.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { createMeasure, listDeletedMeasures } from './measure-link.ts';
import { canOrganise } from './policy.ts';
import { loadBody, loadOrganisedMeeting, seesInternals } from './service.ts';
import { measureIdsOf, toItem, toMeetingSummary } from './shape.ts';
import { gatherSignals } from './signals.ts';
import { attachSnippets } from './snippets.ts';
import * as store from './store.ts';
import * as items from './store-agenda.ts';
import * as meetings from './store-meetings.ts';

type Db = AppContext['db'];

/** A meeting with its agenda as the caller may see it. */
export async function getMeeting(
  sql: Sql,
  auth: Principal,
  id: number,
): Promise<ConferenceMeetingDetail> {
  const meeting = await meetings.selectMeeting(sql, auth.tenantId, id);
  if (!meeting) throw notFound(`Sitzung ${id} gibt es nicht.`);
  const body = await loadBody(sql, auth.tenantId, meeting.body_id);
  const internal = await seesInternals(sql, auth, body);
  const approved = meeting.minutes_approved_at !== null;
  const rows = (await items.selectItems(sql, auth.tenantId, [id])).filter(
    (r) => internal || r.status === 'accepted',
  );
  const decisions = await items.selectDecisions(
    sql,
    auth.tenantId,
    rows.map((r) => r.id),
  );
  const attendance = internal ? await meetings.selectAttendance(sql, auth.tenantId, id) : [];
  const deleted = await listDeletedMeasures(sql, auth.tenantId, measureIdsOf(rows, decisions));
  const agenda = rows.map((r) =>
    toItem(
      r,
      decisions.filter((d) => d.agenda_item_id === r.id),
      { internal, approved },
      deleted,
    ),
  );
  if (internal) await attachSnippets(sql, auth.tenantId, agenda);
  return {
    ...toMeetingSummary(meeting),
    body: {
      id: body.id,
      name: body.name,
      kind: body.kind as ConferenceMeetingDetail['body']['kind'],
    },
    agenda,
    registrations: attendance
      .filter((a) => a.registered_at !== null || a.attended !== null)
      .map((a) => ({
        userId: a.user_id,
        name: a.name,
        registered: a.registered_at !== null,
        attended: a.attended,
      })),
    registered: attendance.some((a) => a.user_id === auth.userId && a.registered_at !== null),
    canOrganise: canOrganise(auth, body),
    internal,
  };
}

async function audit(
  tx: Sql,
  auth: Principal,
  actor: AuditActor,
  action: string,
  entity: string,
  id: number,
  detail: Record<string, unknown>,
) {
  await writeAudit(tx, auth.tenantId, { actor, action, entity, entityId: String(id), detail });
}

/**
 * Runs the agenda builder: signals of the body's areas (and the areas below) since the body's last
 * meeting become proposals; a record already on this meeting's agenda is not proposed again.
 */
export async function buildAgenda(
  db: Db,
  auth: Principal,
  meetingId: number,
  actor: AuditActor,
): Promise<ConferenceMeetingDetail> {
  await db.transaction(async (tx) => {
    const { meeting, body } = await loadOrganisedMeeting(tx, auth, meetingId);
    if (meeting.minutes_approved_at)
      throw conflict('Das Protokoll ist freigegeben; die Tagesordnung steht fest.');
    const last = await meetings.selectPreviousMeetingStart(
      tx,
      auth.tenantId,
      body.id,
      meeting.starts_at,
    );
    const since = last ? last.toISOString() : null;
    const areaIds = await store.selectAreasWithin(tx, auth.tenantId, body.area_ids.map(Number));
    const signals = await gatherSignals(tx, auth, areaIds, since);
    const listed = new Set(
      (await items.selectItems(tx, auth.tenantId, [meetingId]))
        .filter((i) => i.source_kind)
        .map((i) => `${i.source_kind}:${i.source_id}`),
    );
    const proposals = proposeAgenda(signals, since, { alreadyListed: listed });
    const added: number[] = [];
    for (const p of proposals) {
      const id = await items.insertItem(tx, auth.tenantId, meetingId, {
        status: 'proposed',
        title: p.title,
        description: '',
        sourceKind: p.kind,
        sourceId: p.sourceId,
        reason: p.reason,
        evidence: p.evidence,
      });
      if (id !== null) added.push(id);
    }
    await meetings.touchMeeting(tx, auth.tenantId, meetingId);
    await audit(tx, auth, actor, 'conferences.agenda_build', 'conference_meeting', meetingId, {
      since,
      proposed: proposals.map((p) => p.key),
      itemIds: added,
    });
  });
  return getMeeting(db, auth, meetingId);
}

/** Adds the organiser's own item (accepted, at the end). */
export async function addItem(
  db: Db,
  auth: Principal,
  meetingId: number,
  input: { title: string; description: string },
  actor: AuditActor,
): Promise<ConferenceMeetingDetail> {
  await db.transaction(async (tx) => {
    await loadOrganisedMeeting(tx, auth, meetingId);
    const id = await items.insertItem(tx, auth.tenantId, meetingId, {
      status: 'accepted',
      title: input.title,
      description: input.description,
      sourceKind: null,
      sourceId: null,
      reason: null,
      evidence: null,
    });
    await meetings.touchMeeting(tx, auth.tenantId, meetingId);
    await audit(tx, auth, actor, 'conferences.item_add', 'conference_agenda_item', id!, {
      meetingId,
      ...input,
    });
  });
  return getMeeting(db, auth, meetingId);
}

/** The item and its meeting, if the caller organises the meeting's body. */
async function loadOrganisedItem(sql: Sql, auth: Principal, id: number) {
  const item = await items.selectItem(sql, auth.tenantId, id);
  if (!item) throw notFound(`Tagesordnungspunkt ${id} gibt es nicht.`);
  const { meeting } = await loadOrganisedMeeting(sql, auth, item.meeting_id);
  return { item, meeting };
}

/** Accepts, sets aside ("nicht behandelt") or renames an item. */
export async function updateItem(
  db: Db,
  auth: Principal,
  id: number,
  input: {
    title?: string | undefined;
    description?: string | undefined;
    status?: 'proposed' | 'accepted' | 'not_treated' | undefined;
  },
  actor: AuditActor,
): Promise<ConferenceMeetingDetail> {
  const meetingId = await db.transaction(async (tx) => {
    const { item } = await loadOrganisedItem(tx, auth, id);
    if (item.status === 'merged') throw conflict('Der Punkt ist in einen anderen zusammengeführt.');
    const after = {
      status: input.status ?? item.status,
      title: input.title ?? item.title,
      description: input.description ?? item.description,
      mergedIntoId: null,
    };
    await items.updateItem(tx, auth.tenantId, id, after);
    await meetings.touchMeeting(tx, auth.tenantId, item.meeting_id);
    await audit(tx, auth, actor, 'conferences.item_update', 'conference_agenda_item', id, {
      before: { status: item.status, title: item.title, description: item.description },
      after,
    });
    return item.meeting_id;
  });
  return getMeeting(db, auth, meetingId);
}

/** Orders the accepted items as listed; the list must name exactly the accepted items. */
export async function orderAgenda(
  db: Db,
  auth: Principal,
  meetingId: number,
  itemIds: number[],
  actor: AuditActor,
): Promise<ConferenceMeetingDetail> {
  await db.transaction(async (tx) => {
    await loadOrganisedMeeting(tx, auth, meetingId);
    const accepted = (await items.selectItems(tx, auth.tenantId, [meetingId]))
      .filter((i) => i.status === 'accepted')
      .map((i) => i.id);
    const same =
      new Set(itemIds).size === itemIds.length &&
      itemIds.length === accepted.length &&
      itemIds.every((i) => accepted.includes(i));
    if (!same)
      throw badRequest(
        `Anfrageinhalt „itemIds“: genau die angenommenen Punkte dieser Sitzung nennen (${accepted.join(', ')}).`,
      );
    await items.setPositions(tx, auth.tenantId, itemIds);
    await meetings.touchMeeting(tx, auth.tenantId, meetingId);
    await audit(tx, auth, actor, 'conferences.agenda_order', 'conference_meeting', meetingId, {
      itemIds,
    });
  });
  return getMeeting(db, auth, meetingId);
}

/** Merges an item into another of the same meeting: the target is accepted and names both. */
export async function mergeItem(
  db: Db,
  auth: Principal,
  id: number,
  intoId: number,
  actor: AuditActor,
): Promise<ConferenceMeetingDetail> {
  const meetingId = await db.transaction(async (tx) => {
    const { item } = await loadOrganisedItem(tx, auth, id);
    const target = await items.selectItem(tx, auth.tenantId, intoId);
    if (!target || target.meeting_id !== item.meeting_id || intoId === id)
      throw badRequest(
        `Anfrageinhalt „intoId“: Punkt ${intoId} ist kein anderer Punkt dieser Sitzung.`,
      );
    if (target.status === 'merged')
      throw badRequest('Anfrageinhalt „intoId“: Dieser Punkt ist selbst zusammengeführt.');
    await items.updateItem(tx, auth.tenantId, id, {
      status: 'merged',
      title: item.title,
      description: item.description,
      mergedIntoId: intoId,
    });
    const description = [target.description, `Zusammengeführt: ${item.title}`]
      .filter(Boolean)
      .join('\n');
    await items.updateItem(tx, auth.tenantId, intoId, {
      status: 'accepted',
      title: target.title,
      description,
      mergedIntoId: null,
    });
    await meetings.touchMeeting(tx, auth.tenantId, item.meeting_id);
    await audit(tx, auth, actor, 'conferences.item_merge', 'conference_agenda_item', id, {
      intoId,
    });
    return item.meeting_id;
  });
  return getMeeting(db, auth, meetingId);
}

/** Saves the draft minutes of an item (until the meeting's minutes are approved). */
export async function saveMinutes(
  db: Db,
  auth: Principal,
  id: number,
  input: { notes: string; speakers: { name: string; private: boolean }[] },
  actor: AuditActor,
): Promise<ConferenceMeetingDetail> {
  const meetingId = await db.transaction(async (tx) => {
    const { item, meeting } = await loadOrganisedItem(tx, auth, id);
    if (meeting.minutes_approved_at)
      throw conflict('Das Protokoll ist freigegeben und kann nicht mehr geändert werden.');
    if (item.status !== 'accepted')
      throw badRequest('Protokoll nur zu angenommenen Tagesordnungspunkten.');
    await items.upsertMinutes(tx, auth.tenantId, id, input.notes, input.speakers);
    await meetings.touchMeeting(tx, auth.tenantId, item.meeting_id);
    // the text may hold names of private persons: the audit records that it changed, not what it says
    await audit(tx, auth, actor, 'conferences.minutes_save', 'conference_agenda_item', id, {
      chars: input.notes.length,
      speakers: input.speakers.length,
    });
    return item.meeting_id;
  });
  return getMeeting(db, auth, meetingId);
}

/** Records a decision on an item; its task becomes a measure through the measures module. */
export async function addDecision(
  db: Db,
  auth: Principal,
  id: number,
  input: {
    text: string;
    vote?: { yes: number; no: number; abstain: number } | null | undefined;
    task?:
      | {
          title: string;
          description?: string | undefined;
          departmentId?: string | null | undefined;
          dueDate?: string | null | undefined;
          visibility: 'public' | 'internal';
        }
      | null
      | undefined;
  },
  actor: AuditActor,
): Promise<ConferenceMeetingDetail> {
  const meetingId = await db.transaction(async (tx) => {
    const { item, meeting } = await loadOrganisedItem(tx, auth, id);
    if (meeting.minutes_approved_at)
      throw conflict('Das Protokoll ist freigegeben; Beschlüsse stehen fest.');
    if (item.status !== 'accepted')
      throw badRequest('Beschlüsse nur zu angenommenen Tagesordnungspunkten.');
    const task = input.task ?? null;
    if (task?.departmentId && !(await store.departmentExists(tx, auth.tenantId, task.departmentId)))
      throw badRequest(
        `Anfrageinhalt „task.departmentId“: Abteilung ${task.departmentId} gibt es nicht.`,
      );
    const decisionId = await items.insertDecision(tx, auth.tenantId, id, {
      text: input.text,
      vote: input.vote ?? null,
      task: task
        ? {
            title: task.title,
            departmentId: task.departmentId ?? null,
            dueDate: task.dueDate ?? null,
          }
        : null,
    });
    let measureId: string | null = null;
    if (task) {
      const body = await loadBody(tx, auth.tenantId, meeting.body_id);
      const measure = await createMeasure(
        tx,
        { principal: auth, actor },
        {
          title: task.title,
          ...(task.description ? { description: task.description } : {}),
          areaIds: body.area_ids.map(String),
          // a body without areas (a city-wide Planungskonferenz) decides a city-wide measure
          citywide: body.area_ids.length === 0,
          // no department named: the measure belongs to the organiser's own (measures door default)
          ...(task.departmentId ? { departmentId: task.departmentId } : {}),
          dueDate: task.dueDate ?? null,
          visibility: task.visibility,
          origin: {
            kind: 'decision',
            id: String(decisionId),
            label: `${meeting.title}: ${item.title}`, // the measure page says „Beschluss:“
            href: `/konferenzen/sitzungen/${meeting.id}`,
          },
        },
      );
      measureId = measure.id;
      await items.setDecisionMeasure(tx, auth.tenantId, decisionId, measure.id);
    }
    await meetings.touchMeeting(tx, auth.tenantId, item.meeting_id);
    await audit(tx, auth, actor, 'conferences.decision_add', 'conference_decision', decisionId, {
      agendaItemId: id,
      text: input.text,
      vote: input.vote ?? null,
      task,
      measureId,
    });
    return item.meeting_id;
  });
  return getMeeting(db, auth, meetingId);
}

/**
 * Approves the minutes: proposals still open become "nicht behandelt", each item's notes are
 * published without the names of the private persons among its speakers.
 */
export async function approveMinutes(
  db: Db,
  auth: Principal,
  meetingId: number,
  actor: AuditActor,
): Promise<ConferenceMeetingDetail> {
  await db.transaction(async (tx) => {
    const { meeting } = await loadOrganisedMeeting(tx, auth, meetingId);
    if (meeting.minutes_approved_at) throw conflict('Das Protokoll ist schon freigegeben.');
    const notTreated = await items.closeOpenProposals(tx, auth.tenantId, meetingId);
    const rows = await items.selectItems(tx, auth.tenantId, [meetingId]);
    for (const r of rows) {
      if (r.notes === null) continue;
      const speakers = Array.isArray(r.speakers)
        ? (r.speakers as { name: string; private: boolean }[])
        : [];
      const privateNames = speakers.filter((s) => s.private).map((s) => s.name);
      await items.setPublishedNotes(tx, auth.tenantId, r.id, redactMinutes(r.notes, privateNames));
    }
    await meetings.markMinutesApproved(tx, auth.tenantId, meetingId);
    await audit(tx, auth, actor, 'conferences.minutes_approve', 'conference_meeting', meetingId, {
      notTreated,
    });
  });
  return getMeeting(db, auth, meetingId);
}
