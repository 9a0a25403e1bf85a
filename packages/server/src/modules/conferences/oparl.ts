// OParl 1.1 read API (issue 14 § 1; https://oparl.org/spezifikation/online-ansicht/): the tenant is
// the Body, each conference body an Organization, members with an account Persons with their
// Memberships, member organisations Organizations with seat Memberships (onBehalfOf, ADR 0046), meetings with their accepted agenda items, decisions of approved minutes as Papers
// with their Consultation, the approved minutes as the meeting's results protocol File, a
// meeting's place as Location. Only what the public may read: no proposals, no drafts, no e-mail
// addresses. The data of one tenant are small (bodies and meetings, not council archives), so the
// objects are built in memory and lists are sliced from them.
import { berlinIso } from '@sozialraum/core';
import type { AppContext } from '../../app-context.ts';
import { publicBaseUrl } from '../../config.ts';
import type { Sql } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { dateText, memberNamePublic } from './shape.ts';
import * as store from './store.ts';
import * as items from './store-agenda.ts';
import * as meetings from './store-meetings.ts';

export const OPARL_TYPES = [
  'System',
  'Body',
  'Organization',
  'Person',
  'Membership',
  'Meeting',
  'AgendaItem',
  'Paper',
  'File',
  'Consultation',
  'Location',
  'LegislativeTerm',
] as const;
export type OparlType = (typeof OPARL_TYPES)[number];
export type OparlObject = { id: string; type: string } & Record<string, unknown>;

const t = (type: OparlType) => `https://schema.oparl.org/1.1/${type}`;
const KIND_LABELS: Record<string, string> = {
  sozialraumkonferenz: 'Sozialraumkonferenz',
  planungskonferenz: 'Planungskonferenz',
  ag78: 'Arbeitsgemeinschaft nach § 78 SGB VIII',
  stadtteilrunde: 'Stadtteilrunde',
};
const MEETING_STATES: Record<string, string> = {
  planned: 'geplant',
  invited: 'eingeladen',
  held: 'durchgeführt',
  cancelled: 'abgesagt',
};
const ROLE_LABELS: Record<string, string> = {
  chair: 'Vorsitz',
  deputy: 'Stellvertretung',
  member: 'Mitglied',
  guest: 'Gast',
};
const stamp = (d: Date) => berlinIso(d);

/** Every public OParl object of the tenant, by type and by path below /oparl/. */
export interface OparlData {
  base: string;
  system: OparlObject;
  body: OparlObject;
  lists: Record<string, OparlObject[]>;
  byPath: Map<string, OparlObject>;
}

/** Builds the tenant's OParl objects. */
export async function loadOparl(ctx: AppContext, sql: Sql, tenantId: string): Promise<OparlData> {
  const base = `${publicBaseUrl(ctx.config)}/oparl`;
  const web = publicBaseUrl(ctx.config);
  const tenant = await store.selectTenantInfo(sql, tenantId);
  if (!tenant) throw notFound('Mandant unbekannt');
  const bodyUrl = `${base}/body/${tenantId}`;
  const bodies = await store.selectBodies(sql, tenantId);
  // persons only when published: with consent or as staff acting in office (ADR 0040)
  const members = (await store.selectMembers(sql, tenantId, null)).filter(
    (m) => m.user_id !== null && memberNamePublic(m),
  );
  const meetingRows = await meetings.selectMeetings(sql, tenantId, null);
  const itemRows = (await items.selectItems(sql, tenantId, null)).filter(
    (i) => i.status === 'accepted',
  );
  const approvedMeetings = new Set(
    meetingRows.filter((m) => m.minutes_approved_at).map((m) => m.id),
  );
  const decisions = (await items.selectDecisions(sql, tenantId, null)).filter((d) => {
    const item = itemRows.find((i) => i.id === d.agenda_item_id);
    return item !== undefined && approvedMeetings.has(item.meeting_id);
  });
  const url = (type: string, id: number | string) => `${base}/${type}/${id}`;
  const orgUrl = (id: number) => url('organization', id);

  const memberships = members.map((m): OparlObject => ({
    id: url('membership', m.id),
    type: t('Membership'),
    person: url('person', m.user_id!),
    organization: orgUrl(m.body_id),
    role: ROLE_LABELS[m.role] ?? m.role,
    votingRight: m.role !== 'guest',
    startDate: dateText(m.valid_from),
    ...(m.valid_to ? { endDate: dateText(m.valid_to) } : {}),
    modified: stamp(m.modified_at),
  }));
  // organisations as members (ADR 0046): the seat is the organisation's, whoever takes it is not
  // published — a Membership without person, onBehalfOf the organisation, which is an Organization
  // of its own (organizationType „Sonstiges“), only when the directory lists it publicly
  const seats = (await store.selectMembers(sql, tenantId, null)).filter(
    (m) => m.organisation_id !== null && m.organisation_public,
  );
  const memberOrgUrl = (id: string) => url('organization', `traeger-${encodeURIComponent(id)}`);
  const seatMemberships = seats.map((m): OparlObject => ({
    id: url('membership', m.id),
    type: t('Membership'),
    organization: orgUrl(m.body_id),
    onBehalfOf: memberOrgUrl(m.organisation_id!),
    role: ROLE_LABELS[m.role] ?? m.role,
    votingRight: m.role !== 'guest',
    startDate: dateText(m.valid_from),
    ...(m.valid_to ? { endDate: dateText(m.valid_to) } : {}),
    modified: stamp(m.modified_at),
  }));
  const memberOrganizations = [...new Set(seats.map((m) => m.organisation_id!))].map(
    (id): OparlObject => {
      const own = seats.filter((m) => m.organisation_id === id);
      const first = own[0]!;
      return {
        id: memberOrgUrl(id),
        type: t('Organization'),
        body: bodyUrl,
        name: first.name,
        organizationType: 'Sonstiges',
        classification: 'Träger / Organisation (Mitglied in Gremien)',
        ...(first.organisation_website && /^https?:\/\//.test(first.organisation_website)
          ? { website: first.organisation_website }
          : {}),
        modified: stamp(new Date(Math.max(...own.map((m) => m.modified_at.getTime())))),
      };
    },
  );
  const personIds = [...new Set(members.map((m) => m.user_id!))];
  const persons = personIds.map((id): OparlObject => {
    const own = members.filter((m) => m.user_id === id);
    const modified = new Date(Math.max(...own.map((m) => m.modified_at.getTime())));
    return {
      id: url('person', id),
      type: t('Person'),
      body: bodyUrl,
      name: own[0]!.name,
      membership: memberships.filter((ms) => ms.person === url('person', id)),
      modified: stamp(modified),
    };
  });
  const organizations = bodies.map((b): OparlObject => ({
    id: orgUrl(b.id),
    type: t('Organization'),
    body: bodyUrl,
    name: b.name,
    organizationType: 'Gremium',
    classification: KIND_LABELS[b.kind] ?? b.kind,
    membership: [...memberships, ...seatMemberships]
      .filter((m) => m.organization === orgUrl(b.id))
      .map((m) => m.id),
    meeting: `${orgUrl(b.id)}/meeting`,
    web: `${web}/konferenzen/${b.id}`,
    created: stamp(b.created_at),
    modified: stamp(b.modified_at),
  }));

  const consultations = decisions.map((d): OparlObject => {
    const item = itemRows.find((i) => i.id === d.agenda_item_id)!;
    const meeting = meetingRows.find((m) => m.id === item.meeting_id)!;
    return {
      id: url('consultation', d.id),
      type: t('Consultation'),
      paper: url('paper', d.id),
      agendaItem: url('agendaitem', item.id),
      meeting: url('meeting', meeting.id),
      organization: [orgUrl(meeting.body_id)],
      authoritative: true,
      role: 'Beschlussfassung',
      created: stamp(d.created_at),
      modified: stamp(d.modified_at),
    };
  });
  const papers = decisions.map((d): OparlObject => {
    const item = itemRows.find((i) => i.id === d.agenda_item_id)!;
    const meeting = meetingRows.find((m) => m.id === item.meeting_id)!;
    return {
      id: url('paper', d.id),
      type: t('Paper'),
      body: bodyUrl,
      name: `Beschluss: ${item.title}`,
      reference: `SRK-${meeting.id}-${d.id}`,
      date: berlinIso(meeting.starts_at).slice(0, 10),
      paperType: 'Beschluss',
      originatorOrganization: [orgUrl(meeting.body_id)],
      consultation: consultations.filter((c) => c.paper === url('paper', d.id)),
      web: `${web}/konferenzen/sitzungen/${meeting.id}`,
      created: stamp(d.created_at),
      modified: stamp(d.modified_at),
    };
  });
  const agendaItems = itemRows.map((i): OparlObject => {
    const own = decisions.filter((d) => d.agenda_item_id === i.id);
    return {
      id: url('agendaitem', i.id),
      type: t('AgendaItem'),
      meeting: url('meeting', i.meeting_id),
      number: String(i.position ?? ''),
      order: i.position ?? 0,
      name: i.title,
      public: true,
      ...(own.length
        ? {
            consultation: url('consultation', own[0]!.id),
            result: 'beschlossen',
            resolutionText: own.map((d) => d.text).join('\n\n'),
          }
        : {}),
      created: stamp(i.created_at),
      modified: stamp(i.modified_at),
    };
  });
  const locations = meetingRows
    .filter((m) => m.place)
    .map((m): OparlObject => ({
      id: url('location', m.id),
      type: t('Location'),
      description: m.place!,
      meetings: [url('meeting', m.id)],
      modified: stamp(m.modified_at),
    }));
  const files = meetingRows
    .filter((m) => m.minutes_approved_at)
    .map((m): OparlObject => {
      const text = itemRows
        .filter((i) => i.meeting_id === m.id && i.published_notes)
        .map((i) => `${i.position}. ${i.title}\n${i.published_notes}`)
        .join('\n\n');
      return {
        id: url('file', m.id),
        type: t('File'),
        name: 'Protokoll',
        fileName: `protokoll-${m.id}.html`,
        mimeType: 'text/html',
        date: berlinIso(m.minutes_approved_at!).slice(0, 10),
        text,
        accessUrl: `${web}/konferenzen/sitzungen/${m.id}`,
        meeting: [url('meeting', m.id)],
        modified: stamp(m.minutes_approved_at!),
      };
    });
  const meetingObjects = meetingRows.map((m): OparlObject => {
    const location = locations.find((l) => l.id === url('location', m.id));
    const protocol = files.find((f) => f.id === url('file', m.id));
    return {
      id: url('meeting', m.id),
      type: t('Meeting'),
      name: `${m.body_name}: ${m.title}`,
      meetingState: MEETING_STATES[m.status] ?? m.status,
      cancelled: m.status === 'cancelled',
      start: berlinIso(m.starts_at),
      end: berlinIso(m.ends_at),
      ...(location ? { location } : {}),
      organization: [orgUrl(m.body_id)],
      ...(protocol ? { resultsProtocol: protocol } : {}),
      agendaItem: agendaItems.filter((a) => a.meeting === url('meeting', m.id)),
      web: `${web}/konferenzen/sitzungen/${m.id}`,
      created: stamp(m.created_at),
      modified: stamp(m.modified_at),
    };
  });
  const lastChange = [
    tenant.created_at,
    ...bodies.map((b) => b.modified_at),
    ...meetingRows.map((m) => m.modified_at),
  ];
  const body: OparlObject = {
    id: bodyUrl,
    type: t('Body'),
    system: base,
    name: tenant.name,
    shortName: tenant.name,
    ags: tenant.ags,
    website: web,
    classification: 'Kommune',
    organization: `${bodyUrl}/organization`,
    person: `${bodyUrl}/person`,
    meeting: `${bodyUrl}/meeting`,
    paper: `${bodyUrl}/paper`,
    agendaItem: `${bodyUrl}/agendaItem`,
    consultation: `${bodyUrl}/consultation`,
    file: `${bodyUrl}/file`,
    locationList: `${bodyUrl}/locationList`,
    membership: `${bodyUrl}/membership`,
    legislativeTerm: [],
    legislativeTermList: `${bodyUrl}/legislativeTermList`,
    created: stamp(tenant.created_at),
    modified: stamp(new Date(Math.max(...lastChange.map((d) => d.getTime())))),
  };
  const system: OparlObject = {
    id: base,
    type: t('System'),
    oparlVersion: 'https://schema.oparl.org/1.1/',
    body: `${base}/body`,
    name: `Sozialraum – ${tenant.name}`,
    website: web,
    product: 'https://sozialraum.example/',
  };
  const lists: Record<string, OparlObject[]> = {
    organization: [...organizations, ...memberOrganizations],
    person: persons,
    meeting: meetingObjects,
    paper: papers,
    agendaItem: agendaItems,
    consultation: consultations,
    file: files,
    locationList: locations,
    membership: [...memberships, ...seatMemberships],
    legislativeTermList: [],
  };
  const byPath = new Map<string, OparlObject>();
  for (const o of [...Object.values(lists).flat()]) byPath.set(o.id.slice(base.length + 1), o);
  return { base, system, body, lists, byPath };
}

/** The meetings of one organization (conference body). */
export function organizationMeetings(data: OparlData, orgId: string): OparlObject[] {
  const org = `${data.base}/organization/${orgId}`;
  if (!data.byPath.has(`organization/${orgId}`))
    throw notFound(`Organization ${orgId} gibt es nicht.`);
  return data.lists.meeting!.filter((m) => (m.organization as string[]).includes(org));
}

export const OPARL_PAGE_SIZE = 100;

/** One page of a list, filtered by created/modified as OParl § 2.7 describes, with links. */
export function oparlPage(
  all: OparlObject[],
  listUrl: string,
  q: {
    page: number;
    modified_since?: string | undefined;
    modified_until?: string | undefined;
    created_since?: string | undefined;
    created_until?: string | undefined;
  },
) {
  const ms = (v: unknown) => (typeof v === 'string' ? new Date(v).getTime() : NaN);
  const within = (o: OparlObject, field: 'modified' | 'created', since?: string, until?: string) =>
    (!since || ms(o[field]) >= ms(since)) && (!until || ms(o[field]) <= ms(until));
  const filtered = all.filter(
    (o) =>
      within(o, 'modified', q.modified_since, q.modified_until) &&
      within(o, 'created', q.created_since, q.created_until),
  );
  const totalPages = Math.max(1, Math.ceil(filtered.length / OPARL_PAGE_SIZE));
  const page = Math.min(q.page, totalPages);
  const params = new URLSearchParams();
  for (const k of ['modified_since', 'modified_until', 'created_since', 'created_until'] as const) {
    const v = q[k];
    if (v) params.set(k, v);
  }
  const link = (p: number) => {
    const ps = new URLSearchParams(params);
    ps.set('page', String(p));
    return `${listUrl}?${ps.toString()}`;
  };
  return {
    data: filtered.slice((page - 1) * OPARL_PAGE_SIZE, page * OPARL_PAGE_SIZE),
    pagination: {
      totalElements: filtered.length,
      elementsPerPage: OPARL_PAGE_SIZE,
      currentPage: page,
      totalPages,
    },
    links: {
      first: link(1),
      ...(page > 1 ? { prev: link(page - 1) } : {}),
      ...(page < totalPages ? { next: link(page + 1) } : {}),
      last: link(totalPages),
    },
  };
}
