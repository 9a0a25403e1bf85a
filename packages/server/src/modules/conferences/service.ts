// Conferences service (issue 14 § 1): bodies, members, meetings, registrations and attendance.
// Load → rules (policy, core) → save, every change audited in its transaction. Every id named in a
// request (areas, departments, people, organisations) is checked against the caller's tenant.
import { berlinToUtc, utcToBerlin as utcToBerlinParts } from '@sozialraum/core';
import type {
  ConferenceBody,
  ConferenceBodyDetail,
  ConferenceMeetingSummary,
} from '@sozialraum/contracts/conferences';
import type { AppContext } from '../../app-context.ts';
import type { Sql } from '../../db/db.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { notOwnDepartment } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { canOrganise, canOrganiseFor } from './policy.ts';
import { toBody, toMeetingSummary, toMember } from './shape.ts';
import * as store from './store.ts';
import * as meetings from './store-meetings.ts';

type Db = AppContext['db'];

function notOrganiser(auth: Principal, name: string, department: string | null) {
  return notOwnDepartment(
    auth,
    { label: `Das Gremium „${name}“`, department: department ?? '(keine)' },
    'conferences.organise',
    'conferences.organise_all',
  );
}

/** The body, or 404. */
export async function loadBody(sql: Sql, tenantId: string, id: number) {
  const body = await store.selectBody(sql, tenantId, id);
  if (!body) throw notFound(`Gremium ${id} gibt es nicht.`);
  return body;
}

/** The body if the caller organises it; 403 otherwise (404 when unknown). */
export async function loadOrganisedBody(sql: Sql, auth: Principal, id: number) {
  const body = await loadBody(sql, auth.tenantId, id);
  if (!canOrganise(auth, body)) throw notOrganiser(auth, body.name, body.organiser_department_id);
  return body;
}

/** True when the caller sees internal drafts of the body: its organiser or a current member. */
export async function seesInternals(
  sql: Sql,
  auth: Principal,
  body: store.BodyRow,
): Promise<boolean> {
  if (canOrganise(auth, body)) return true;
  return auth.userId !== null && store.isCurrentMember(sql, auth.tenantId, body.id, auth.userId);
}

/** All bodies of the tenant. */
export async function listBodies(sql: Sql, tenantId: string): Promise<ConferenceBody[]> {
  return (await store.selectBodies(sql, tenantId)).map(toBody);
}

/** A body with members, meetings and its calendar link. */
export async function getBody(
  sql: Sql,
  auth: Principal,
  id: number,
): Promise<ConferenceBodyDetail> {
  const body = await loadBody(sql, auth.tenantId, id);
  const members = await store.selectMembers(sql, auth.tenantId, id);
  const list = await meetings.selectMeetings(sql, auth.tenantId, [id]);
  // private persons' names: for the organiser and the members; others see published names only
  const showPrivate = await seesInternals(sql, auth, body);
  return {
    ...toBody(body),
    members: members.map((m) => toMember(m, showPrivate)),
    meetings: list.map(toMeetingSummary),
    calendarUrl: `/api/conferences/bodies/${id}/calendar.ics`,
    canOrganise: canOrganise(auth, body),
    isMember:
      auth.userId !== null && (await store.isCurrentMember(sql, auth.tenantId, id, auth.userId)),
  };
}

interface BodyInput {
  kind: ConferenceBody['kind'];
  name: string;
  description: string;
  areaIds: number[];
  organiserDepartmentId?: string | null | undefined;
}

async function checkBodyInput(sql: Sql, auth: Principal, input: BodyInput) {
  const departmentId = input.organiserDepartmentId ?? auth.departmentId;
  if (departmentId && !(await store.departmentExists(sql, auth.tenantId, departmentId)))
    throw badRequest(
      `Anfrageinhalt „organiserDepartmentId“: Abteilung ${departmentId} gibt es nicht.`,
    );
  if (!canOrganiseFor(auth, departmentId ?? null))
    throw notOrganiser(auth, input.name, departmentId ?? null);
  const areaIds = [...new Set(input.areaIds)];
  const known = await store.selectExistingAreaIds(sql, auth.tenantId, areaIds);
  const unknown = areaIds.filter((a) => !known.has(a));
  if (unknown.length > 0)
    throw badRequest(`Anfrageinhalt „areaIds“: Gebiete ${unknown.join(', ')} gibt es nicht.`);
  return {
    values: {
      kind: input.kind,
      name: input.name,
      description: input.description,
      organiserDepartmentId: departmentId ?? null,
    },
    areaIds,
  };
}

/** Creates a body (audited); the organiser department defaults to the caller's. */
export async function createBody(
  db: Db,
  auth: Principal,
  input: BodyInput,
  actor: AuditActor,
): Promise<ConferenceBodyDetail> {
  const id = await db.transaction(async (tx) => {
    const { values, areaIds } = await checkBodyInput(tx, auth, input);
    const id = await store.insertBody(tx, auth.tenantId, values);
    await store.replaceBodyAreas(tx, auth.tenantId, id, areaIds);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.body_create',
      entity: 'conference_body',
      entityId: String(id),
      detail: { ...values, areaIds },
    });
    return id;
  });
  return getBody(db, auth, id);
}

/** Changes a body (audited, with before and after). */
export async function updateBody(
  db: Db,
  auth: Principal,
  id: number,
  input: BodyInput,
  actor: AuditActor,
): Promise<ConferenceBodyDetail> {
  await db.transaction(async (tx) => {
    const before = await loadOrganisedBody(tx, auth, id);
    const { values, areaIds } = await checkBodyInput(tx, auth, {
      ...input,
      organiserDepartmentId: input.organiserDepartmentId ?? before.organiser_department_id,
    });
    await store.updateBody(tx, auth.tenantId, id, values);
    await store.replaceBodyAreas(tx, auth.tenantId, id, areaIds);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.body_update',
      entity: 'conference_body',
      entityId: String(id),
      detail: { before: toBody(before), after: { ...values, areaIds } },
    });
  });
  return getBody(db, auth, id);
}

/** Adds a person (account of the tenant) or an organisation (of the directory) to a body. */
export async function addMember(
  db: Db,
  auth: Principal,
  bodyId: number,
  m: {
    userId?: number | null | undefined;
    organisationId?: string | null | undefined;
    role: 'chair' | 'deputy' | 'member' | 'guest';
    validFrom: string;
    validTo?: string | null | undefined;
    namePublic?: boolean | undefined;
  },
  actor: AuditActor,
): Promise<ConferenceBodyDetail> {
  await db.transaction(async (tx) => {
    await loadOrganisedBody(tx, auth, bodyId);
    if (m.userId != null && !(await store.userExists(tx, auth.tenantId, m.userId)))
      throw badRequest(`Anfrageinhalt „userId“: Person ${m.userId} gibt es nicht.`);
    if (
      m.organisationId != null &&
      !(await store.organisationExists(tx, auth.tenantId, m.organisationId))
    )
      throw badRequest(
        `Anfrageinhalt „organisationId“: Organisation ${m.organisationId} gibt es nicht.`,
      );
    if (m.validTo && m.validTo < m.validFrom)
      throw badRequest(
        'Anfrageinhalt „validTo“: Das Ende liegt vor dem Beginn der Mitgliedschaft.',
      );
    const values = {
      userId: m.userId ?? null,
      organisationId: m.organisationId ?? null,
      role: m.role,
      validFrom: m.validFrom,
      validTo: m.validTo ?? null,
      namePublic: m.namePublic ?? false,
    };
    const id = await store.insertMember(tx, auth.tenantId, bodyId, values);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.member_add',
      entity: 'conference_member',
      entityId: String(id),
      detail: { bodyId, ...values },
    });
  });
  return getBody(db, auth, bodyId);
}

/** Removes a member from a body (audited). */
export async function removeMember(
  db: Db,
  auth: Principal,
  bodyId: number,
  memberId: number,
  actor: AuditActor,
): Promise<ConferenceBodyDetail> {
  await db.transaction(async (tx) => {
    await loadOrganisedBody(tx, auth, bodyId);
    if (!(await store.deleteMember(tx, auth.tenantId, bodyId, memberId)))
      throw notFound(`Mitglied ${memberId} gibt es in diesem Gremium nicht.`);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.member_remove',
      entity: 'conference_member',
      entityId: String(memberId),
      detail: { bodyId },
    });
  });
  return getBody(db, auth, bodyId);
}

/** Records a member's consent to publishing her name, or its withdrawal (audited, ADR 0040). */
export async function setMemberConsent(
  db: Db,
  auth: Principal,
  bodyId: number,
  memberId: number,
  namePublic: boolean,
  actor: AuditActor,
): Promise<ConferenceBodyDetail> {
  await db.transaction(async (tx) => {
    await loadOrganisedBody(tx, auth, bodyId);
    if (!(await store.updateMemberConsent(tx, auth.tenantId, bodyId, memberId, namePublic)))
      throw notFound(`Mitglied ${memberId} gibt es in diesem Gremium nicht.`);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.member_consent',
      entity: 'conference_member',
      entityId: String(memberId),
      detail: { bodyId, namePublic },
    });
  });
  return getBody(db, auth, bodyId);
}

/** Berlin wall-clock start and end → UTC; 400 when malformed or the end is not after the start. */
export function meetingTimes(start: string, end: string): { startsAt: string; endsAt: string } {
  let startsAt: string;
  let endsAt: string;
  try {
    startsAt = berlinToUtc(start);
    endsAt = berlinToUtc(end);
  } catch (err) {
    throw badRequest(`Anfrageinhalt „start“/„end“: ${(err as Error).message}`);
  }
  if (endsAt <= startsAt)
    throw badRequest('Anfrageinhalt „end“: Das Ende muss nach dem Beginn liegen.');
  return { startsAt, endsAt };
}

/** Plans a meeting of a body (audited). */
export async function createMeeting(
  db: Db,
  auth: Principal,
  bodyId: number,
  input: {
    title: string;
    start: string;
    end: string;
    place?: string | null | undefined;
    onlineUrl?: string | null | undefined;
  },
  actor: AuditActor,
): Promise<ConferenceMeetingSummary> {
  const values = {
    title: input.title,
    ...meetingTimes(input.start, input.end),
    place: input.place || null,
    onlineUrl: input.onlineUrl || null,
    status: 'planned',
  };
  const id = await db.transaction(async (tx) => {
    await loadOrganisedBody(tx, auth, bodyId);
    const id = await meetings.insertMeeting(tx, auth.tenantId, bodyId, values);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.meeting_create',
      entity: 'conference_meeting',
      entityId: String(id),
      detail: { bodyId, ...values },
    });
    return id;
  });
  return toMeetingSummary((await meetings.selectMeeting(db, auth.tenantId, id))!);
}

/** The meeting and its body, if the caller organises it. */
export async function loadOrganisedMeeting(sql: Sql, auth: Principal, id: number) {
  const meeting = await meetings.selectMeeting(sql, auth.tenantId, id);
  if (!meeting) throw notFound(`Sitzung ${id} gibt es nicht.`);
  const body = await loadOrganisedBody(sql, auth, meeting.body_id);
  return { meeting, body };
}

/** Changes a meeting: time, place, status (audited; raises its iCalendar sequence). */
export async function updateMeeting(
  db: Db,
  auth: Principal,
  id: number,
  input: {
    title?: string | undefined;
    start?: string | undefined;
    end?: string | undefined;
    place?: string | null | undefined;
    onlineUrl?: string | null | undefined;
    status?: ConferenceMeetingSummary['status'] | undefined;
  },
  actor: AuditActor,
): Promise<ConferenceMeetingSummary> {
  await db.transaction(async (tx) => {
    const { meeting } = await loadOrganisedMeeting(tx, auth, id);
    const times =
      input.start || input.end
        ? meetingTimes(
            input.start ?? berlinLocal(meeting.starts_at),
            input.end ?? berlinLocal(meeting.ends_at),
          )
        : { startsAt: meeting.starts_at.toISOString(), endsAt: meeting.ends_at.toISOString() };
    const after = {
      title: input.title ?? meeting.title,
      ...times,
      place: input.place === undefined ? meeting.place : input.place || null,
      onlineUrl: input.onlineUrl === undefined ? meeting.online_url : input.onlineUrl || null,
      status: input.status ?? meeting.status,
    };
    await meetings.updateMeeting(tx, auth.tenantId, id, after);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.meeting_update',
      entity: 'conference_meeting',
      entityId: String(id),
      detail: { before: toMeetingSummary(meeting), after },
    });
  });
  return toMeetingSummary((await meetings.selectMeeting(db, auth.tenantId, id))!);
}

/** A stored instant as Berlin wall-clock 'YYYY-MM-DDTHH:MM'. */
function berlinLocal(d: Date): string {
  const b = utcToBerlinParts(d);
  return `${b.date}T${b.time}`;
}

/** Registers the caller for a meeting of a body she belongs to (or unregisters). */
export async function setRegistration(
  db: Db,
  auth: Principal,
  meetingId: number,
  registered: boolean,
  actor: AuditActor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const meeting = await meetings.selectMeeting(tx, auth.tenantId, meetingId);
    if (!meeting) throw notFound(`Sitzung ${meetingId} gibt es nicht.`);
    if (
      auth.userId === null ||
      !(await store.isCurrentMember(tx, auth.tenantId, meeting.body_id, auth.userId))
    )
      throw forbidden('Zu Sitzungen anmelden können sich nur Mitglieder des Gremiums.');
    await meetings.setRegistration(tx, auth.tenantId, meetingId, auth.userId, registered);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: registered ? 'conferences.register' : 'conferences.unregister',
      entity: 'conference_meeting',
      entityId: String(meetingId),
      detail: { userId: auth.userId },
    });
  });
}

/** Records who attended (people with an account; the organiser's record, audited). */
/** People and organisations an organiser can add to a body, found by a part of the name. */
export function searchMemberCandidates(db: Db, auth: Principal, text: string) {
  return store.selectMemberCandidates(db, auth.tenantId, text);
}

export async function setAttendance(
  db: Db,
  auth: Principal,
  meetingId: number,
  attended: number[],
  actor: AuditActor,
): Promise<void> {
  await db.transaction(async (tx) => {
    await loadOrganisedMeeting(tx, auth, meetingId);
    for (const userId of attended)
      if (!(await store.userExists(tx, auth.tenantId, userId)))
        throw badRequest(`Anfrageinhalt „attended“: Person ${userId} gibt es nicht.`);
    await meetings.setAttendance(tx, auth.tenantId, meetingId, [...new Set(attended)]);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.attendance',
      entity: 'conference_meeting',
      entityId: String(meetingId),
      detail: { attended },
    });
  });
}
