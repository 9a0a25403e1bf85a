// Rows → contract shapes of the conferences module.
import type {
  ConferenceAgendaItem,
  ConferenceBody,
  ConferenceDecision,
  ConferenceMember,
  ConferenceMeetingSummary,
} from '@sozialraum/contracts/conferences';
import type { BodyRow, MemberRow } from './store.ts';
import type { DecisionRow, ItemRow } from './store-agenda.ts';
import type { MeetingRow } from './store-meetings.ts';

export const iso = (d: Date | string) => new Date(d).toISOString();
/** A date column as 'YYYY-MM-DD' (PGlite and pg give Date or string). */
export const dateText = (d: Date | string) =>
  typeof d === 'string' ? d.slice(0, 10) : iso(d).slice(0, 10);

export function toBody(r: BodyRow): ConferenceBody {
  return {
    id: r.id,
    kind: r.kind as ConferenceBody['kind'],
    name: r.name,
    description: r.description,
    areas: r.area_ids.map((id, i) => ({ id: Number(id), name: r.area_names[i] ?? '' })),
    organiserDepartmentId: r.organiser_department_id,
    modifiedAt: iso(r.modified_at),
  };
}

/**
 * May the member's name be published (ADR 0040)? An organisation when the directory lists it
 * publicly (as OParl, ADR 0046); a person when she consented or is staff acting in office (her
 * account belongs to an administration department).
 */
export const memberNamePublic = (r: MemberRow): boolean =>
  r.user_id === null ? r.organisation_public : r.name_public || r.in_office;

/** What a withheld member is called instead of her name. */
export const WITHHELD_NAME = 'Name nicht veröffentlicht';

/** A member as answered; a private person's name only when published or `showPrivate`. */
export function toMember(r: MemberRow, showPrivate: boolean): ConferenceMember {
  const visible = showPrivate || memberNamePublic(r);
  return {
    id: r.id,
    kind: r.user_id !== null ? 'person' : 'organisation',
    userId: visible ? r.user_id : null,
    organisationId: r.organisation_id,
    name: visible ? r.name : WITHHELD_NAME,
    namePublic: memberNamePublic(r),
    inOffice: r.user_id !== null && r.in_office,
    nameWithheld: !visible,
    role: r.role as ConferenceMember['role'],
    validFrom: dateText(r.valid_from),
    validTo: r.valid_to === null ? null : dateText(r.valid_to),
  };
}

export function toMeetingSummary(r: MeetingRow): ConferenceMeetingSummary {
  return {
    id: r.id,
    bodyId: r.body_id,
    title: r.title,
    start: iso(r.starts_at),
    end: iso(r.ends_at),
    place: r.place,
    onlineUrl: r.online_url,
    status: r.status as ConferenceMeetingSummary['status'],
    minutesApproved: r.minutes_approved_at !== null,
  };
}

/** A decision; `deleted` names measures deleted since (id → instant) so the task says so. */
export function toDecision(
  r: DecisionRow,
  deleted: ReadonlyMap<string, string> = new Map(),
): ConferenceDecision {
  return {
    id: r.id,
    agendaItemId: r.agenda_item_id,
    text: r.text,
    vote:
      r.vote_yes === null
        ? null
        : { yes: r.vote_yes, no: r.vote_no ?? 0, abstain: r.vote_abstain ?? 0 },
    task: r.task_title
      ? {
          title: r.task_title,
          departmentId: r.task_department_id,
          dueDate: r.task_due_date === null ? null : dateText(r.task_due_date),
          measureId: r.measure_id,
          measureDeletedAt: (r.measure_id && deleted.get(r.measure_id)) || null,
        }
      : null,
    createdAt: iso(r.created_at),
  };
}

const speakersOf = (v: unknown) =>
  Array.isArray(v)
    ? v.map((s: { name?: unknown; private?: unknown }) => ({
        name: String(s.name ?? ''),
        private: s.private === true,
      }))
    : [];

/**
 * An item as its reader may see it: internally everything; publicly the evidence is left out,
 * the minutes only when approved (the redacted text, speakers who are private persons removed).
 */
const MEASURE_SIGNALS = new Set(['measure_overdue', 'measure_off_target']);

/** The stored evidence; a measure proposal whose measure was deleted says when instead of linking. */
function evidenceOf(
  r: ItemRow,
  deleted: ReadonlyMap<string, string>,
): ConferenceAgendaItem['evidence'] {
  const e = (r.evidence ?? null) as ConferenceAgendaItem['evidence'];
  const gone =
    r.source_kind && MEASURE_SIGNALS.has(r.source_kind) && deleted.get(r.source_id ?? '');
  return e && gone ? { ...e, sourceDeletedAt: gone } : e;
}

/** The ids of measures an agenda names: decisions' tasks and measure proposals. */
export function measureIdsOf(
  rows: readonly ItemRow[],
  decisions: readonly DecisionRow[],
): string[] {
  return [
    ...decisions.flatMap((d) => (d.measure_id ? [d.measure_id] : [])),
    ...rows.flatMap((r) =>
      r.source_kind && MEASURE_SIGNALS.has(r.source_kind) && r.source_id ? [r.source_id] : [],
    ),
  ];
}

export function toItem(
  r: ItemRow,
  decisions: DecisionRow[],
  view: { internal: boolean; approved: boolean },
  deleted: ReadonlyMap<string, string> = new Map(),
): ConferenceAgendaItem {
  let minutes: ConferenceAgendaItem['minutes'] = null;
  if (r.notes !== null && r.minutes_modified_at) {
    if (view.internal)
      minutes = {
        notes: r.notes,
        speakers: speakersOf(r.speakers),
        modifiedAt: iso(r.minutes_modified_at),
      };
    else if (view.approved && r.published_notes !== null)
      minutes = {
        notes: r.published_notes,
        speakers: speakersOf(r.speakers).filter((s) => !s.private),
        modifiedAt: iso(r.minutes_modified_at),
      };
  }
  return {
    id: r.id,
    meetingId: r.meeting_id,
    status: r.status as ConferenceAgendaItem['status'],
    position: r.position,
    mergedIntoId: r.merged_into_id,
    title: r.title,
    description: r.description,
    source:
      r.source_kind && r.source_id
        ? {
            kind: r.source_kind as NonNullable<ConferenceAgendaItem['source']>['kind'],
            id: r.source_id,
          }
        : null,
    reason: r.reason,
    evidence: view.internal ? evidenceOf(r, deleted) : null,
    minutes,
    decisions: view.internal || view.approved ? decisions.map((d) => toDecision(d, deleted)) : [],
  };
}
