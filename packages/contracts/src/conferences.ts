// Sozialraumkonferenzen (issue 14 § 1): bodies (Gremien) with members, meetings with invitations,
// registrations and attendance, the agenda builder's proposals, minutes per item, decisions with
// tasks that become measures. Times travel as UTC ISO strings; a meeting is created from Berlin
// wall-clock time ('2026-03-30T18:00'), which the server converts with core's DST rule.
import { SIGNAL_KINDS } from '@sozialraum/core';
import { z } from 'zod';

export const BODY_KINDS = [
  'sozialraumkonferenz',
  'planungskonferenz',
  'ag78',
  'stadtteilrunde',
] as const;
export const MEMBER_ROLES = ['chair', 'deputy', 'member', 'guest'] as const;
export const MEETING_STATUSES = ['planned', 'invited', 'held', 'cancelled'] as const;
export const ITEM_STATUSES = ['proposed', 'accepted', 'not_treated', 'merged'] as const;

const idParam = z.coerce.number().int().positive().max(2_147_483_647);
export const conferenceIdParamsSchema = z.object({ id: idParam });
export const memberParamsSchema = z.object({ id: idParam, memberId: idParam });

const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Ortszeit als JJJJ-MM-TTTHH:MM (Europe/Berlin)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT');
const text = (max: number) => z.string().trim().min(1).max(max);

export const bodyKindSchema = z.enum(BODY_KINDS).meta({
  description:
    'sozialraumkonferenz (je Gebiet), planungskonferenz, ag78 (AG nach § 78 SGB VIII), stadtteilrunde',
});

export const bodyInputSchema = z
  .object({
    kind: bodyKindSchema,
    name: text(200),
    description: z.string().trim().max(4000).default(''),
    areaIds: z.array(z.number().int().positive()).max(200).default([]),
    organiserDepartmentId: z.string().min(1).max(63).nullish(),
  })
  .meta({ id: 'ConferenceBodyInput' });

export const memberSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['person', 'organisation']),
    userId: z.number().int().nullable(),
    organisationId: z.string().nullable(),
    name: z.string(),
    role: z.enum(MEMBER_ROLES),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    namePublic: z.boolean().meta({
      description:
        'Der Name darf öffentlich genannt werden: Organisation, Einwilligung oder Verwaltung im Amt (ADR 0040)',
    }),
    inOffice: z.boolean().meta({
      description: 'Person aus der Verwaltung, im Amt: ihr Name ist ohne Einwilligung öffentlich',
    }),
    nameWithheld: z.boolean().meta({
      description:
        'Name (und Konto) für diese Leserin zurückgehalten: Privatperson ohne Einwilligung',
    }),
  })
  .meta({ id: 'ConferenceMember' });

export const memberInputSchema = z
  .object({
    userId: z.number().int().positive().nullish(),
    organisationId: z.string().min(1).max(60).nullish(),
    role: z.enum(MEMBER_ROLES).default('member'),
    validFrom: isoDate,
    validTo: isoDate.nullish(),
    namePublic: z.boolean().default(false).meta({
      description:
        'Die Person hat eingewilligt, dass ihr Name öffentlich genannt wird (Verwaltung im Amt braucht das nicht)',
    }),
  })
  .refine((m) => (m.userId == null) !== (m.organisationId == null), {
    message: 'Entweder „userId“ (Person) oder „organisationId“ (Organisation) angeben',
  })
  .meta({ id: 'ConferenceMemberInput' });

/** PATCH of a member: consent to publishing her name given or withdrawn (ADR 0040). */
export const memberConsentSchema = z
  .object({
    namePublic: z.boolean({ error: 'Anfrageinhalt „namePublic“: true oder false' }),
  })
  .meta({ id: 'ConferenceMemberConsent' });

export const meetingSummarySchema = z
  .object({
    id: z.number().int(),
    bodyId: z.number().int(),
    title: z.string(),
    start: z.string(),
    end: z.string(),
    place: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    status: z.enum(MEETING_STATUSES),
    minutesApproved: z.boolean(),
  })
  .meta({ id: 'ConferenceMeetingSummary' });

export const bodySchema = z
  .object({
    id: z.number().int(),
    kind: bodyKindSchema,
    name: z.string(),
    description: z.string(),
    areas: z.array(z.object({ id: z.number().int(), name: z.string() })),
    organiserDepartmentId: z.string().nullable(),
    modifiedAt: z.string(),
  })
  .meta({ id: 'ConferenceBody' });
export const bodyListSchema = z.array(bodySchema).meta({ id: 'ConferenceBodyList' });

export const bodyDetailSchema = bodySchema
  .extend({
    members: z.array(memberSchema),
    meetings: z.array(meetingSummarySchema),
    calendarUrl: z.string(),
    canOrganise: z.boolean(),
    isMember: z.boolean(),
  })
  .meta({ id: 'ConferenceBodyDetail' });

export const meetingInputSchema = z
  .object({
    title: text(200),
    start: localTime.meta({ description: 'Beginn, Ortszeit Europe/Berlin' }),
    end: localTime.meta({ description: 'Ende, Ortszeit Europe/Berlin' }),
    place: z.string().trim().max(300).nullish(),
    onlineUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullish(),
  })
  .meta({ id: 'ConferenceMeetingInput' });

export const meetingUpdateSchema = z
  .object({
    title: text(200).optional(),
    start: localTime.optional(),
    end: localTime.optional(),
    place: z.string().trim().max(300).nullish(),
    onlineUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullish(),
    status: z.enum(MEETING_STATUSES).optional(),
  })
  .meta({ id: 'ConferenceMeetingUpdate' });

const evidenceSchema = z.object({
  detail: z.string(),
  areaIds: z.array(z.number().int()),
  numbers: z.array(z.object({ label: z.string(), value: z.number(), unit: z.string().optional() })),
  href: z.string(),
  occurredAt: z.string(),
  sourceDeletedAt: z.string().optional().meta({
    description: 'Die Quelle (eine Maßnahme) wurde gelöscht, zu diesem Zeitpunkt; dann ohne Link',
  }),
  snippet: z.string().optional().meta({
    description:
      'Kleine Karte (SVG-Markup) des Gebiets und seiner Nachbarn, ohne Kacheln; nur in der Antwort, nicht gespeichert',
  }),
});

export const decisionSchema = z
  .object({
    id: z.number().int(),
    agendaItemId: z.number().int(),
    text: z.string(),
    vote: z
      .object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int() })
      .nullable(),
    task: z
      .object({
        title: z.string(),
        departmentId: z.string().nullable(),
        dueDate: z.string().nullable(),
        measureId: z.string().nullable(),
        measureDeletedAt: z.string().nullable().meta({
          description:
            'Zeitpunkt, zu dem die Maßnahme gelöscht wurde (aus dem Protokoll); dann ohne Link',
        }),
      })
      .nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ConferenceDecision' });

const speakerSchema = z.object({
  name: text(200),
  private: z
    .boolean()
    .default(false)
    .meta({ description: 'Privatperson: Name wird vor Veröffentlichung entfernt' }),
});

export const minutesSchema = z
  .object({
    notes: z.string(),
    speakers: z.array(z.object({ name: z.string(), private: z.boolean() })),
    modifiedAt: z.string(),
  })
  .meta({ id: 'ConferenceMinutes' });

export const agendaItemSchema = z
  .object({
    id: z.number().int(),
    meetingId: z.number().int(),
    status: z.enum(ITEM_STATUSES),
    position: z.number().int().nullable(),
    mergedIntoId: z.number().int().nullable(),
    title: z.string(),
    description: z.string(),
    source: z.object({ kind: z.enum(SIGNAL_KINDS), id: z.string() }).nullable(),
    reason: z.string().nullable(),
    evidence: evidenceSchema.nullable(),
    minutes: minutesSchema.nullable(),
    decisions: z.array(decisionSchema),
  })
  .meta({ id: 'ConferenceAgendaItem' });

export const meetingDetailSchema = meetingSummarySchema
  .extend({
    body: z.object({ id: z.number().int(), name: z.string(), kind: bodyKindSchema }),
    agenda: z.array(agendaItemSchema),
    registrations: z.array(
      z.object({
        userId: z.number().int(),
        name: z.string(),
        registered: z.boolean().meta({ description: 'false: nur als anwesend erfasst' }),
        attended: z.boolean().nullable(),
      }),
    ),
    registered: z.boolean(),
    canOrganise: z.boolean(),
    internal: z.boolean().meta({ description: 'true: Entwürfe und Vorschläge sind sichtbar' }),
  })
  .meta({ id: 'ConferenceMeetingDetail' });

export const agendaItemInputSchema = z
  .object({ title: text(300), description: z.string().trim().max(8000).default('') })
  .meta({ id: 'ConferenceAgendaItemInput' });

export const agendaItemUpdateSchema = z
  .object({
    title: text(300).optional(),
    description: z.string().trim().max(8000).optional(),
    status: z.enum(['proposed', 'accepted', 'not_treated']).optional(),
  })
  .meta({ id: 'ConferenceAgendaItemUpdate' });

export const agendaOrderSchema = z
  .object({ itemIds: z.array(z.number().int().positive()).min(1).max(500) })
  .meta({ id: 'ConferenceAgendaOrder' });

export const mergeInputSchema = z
  .object({ intoId: z.number().int().positive() })
  .meta({ id: 'ConferenceAgendaMerge' });

export const minutesInputSchema = z
  .object({ notes: z.string().max(20_000), speakers: z.array(speakerSchema).max(100).default([]) })
  .meta({ id: 'ConferenceMinutesInput' });

export const decisionInputSchema = z
  .object({
    text: text(8000),
    vote: z
      .object({
        yes: z.number().int().min(0).max(10_000),
        no: z.number().int().min(0).max(10_000),
        abstain: z.number().int().min(0).max(10_000),
      })
      .nullish(),
    task: z
      .object({
        title: text(300),
        description: z.string().trim().max(4000).optional(),
        departmentId: z.string().min(1).max(63).nullish(),
        dueDate: isoDate.nullish(),
        visibility: z.enum(['public', 'internal']).default('internal'),
      })
      .nullish(),
  })
  .meta({ id: 'ConferenceDecisionInput' });

export const attendanceInputSchema = z
  .object({ attended: z.array(z.number().int().positive()).max(1000) })
  .meta({ id: 'ConferenceAttendanceInput' });

export const invitationResultSchema = z
  .object({ sent: z.number().int(), notSent: z.number().int(), recipients: z.number().int() })
  .meta({ id: 'ConferenceInvitationResult' });

export const feedTokenSchema = z
  .object({ url: z.string().meta({ description: 'Persönlicher Kalender-Link (geheim halten)' }) })
  .meta({ id: 'ConferenceFeedToken' });

export const candidateQuerySchema = z.object({
  q: z.string().trim().min(2).max(100).meta({ description: 'Teil des Namens (mind. 2 Zeichen)' }),
});

export const memberCandidatesSchema = z
  .object({
    people: z.array(
      z.object({ id: z.number().int(), name: z.string(), department: z.string().nullable() }),
    ),
    organisations: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  })
  .meta({ id: 'ConferenceMemberCandidates' });

export const feedQuerySchema = z.object({ token: z.string().min(20).max(100).optional() });

export const calendarSchema = z
  .string()
  .meta({ id: 'ICalendar', description: 'iCalendar (RFC 5545), text/calendar' });

export type ConferenceBody = z.output<typeof bodySchema>;
export type ConferenceBodyDetail = z.output<typeof bodyDetailSchema>;
export type ConferenceMember = z.output<typeof memberSchema>;
export type ConferenceMemberCandidates = z.output<typeof memberCandidatesSchema>;
export type ConferenceMeetingSummary = z.output<typeof meetingSummarySchema>;
export type ConferenceMeetingDetail = z.output<typeof meetingDetailSchema>;
export type ConferenceAgendaItem = z.output<typeof agendaItemSchema>;
export type ConferenceDecision = z.output<typeof decisionSchema>;

// OParl 1.1 (https://schema.oparl.org/1.1/): the read API at /oparl. Objects are checked field by
// field against the official schemas in the tests (standards/oparl-1.1); here only their frame.
const oparlDateTime = z.iso.datetime({ offset: true });

export const oparlObjectSchema = z
  .looseObject({ id: z.string(), type: z.string() })
  .meta({ id: 'OparlObject', description: 'Ein OParl-1.1-Objekt (System, Body, Meeting, …)' });

export const oparlListSchema = z
  .object({
    data: z.array(oparlObjectSchema),
    pagination: z.object({
      totalElements: z.number().int(),
      elementsPerPage: z.number().int(),
      currentPage: z.number().int(),
      totalPages: z.number().int(),
    }),
    links: z.object({
      first: z.string().optional(),
      prev: z.string().optional(),
      next: z.string().optional(),
      last: z.string().optional(),
    }),
  })
  .meta({ id: 'OparlList', description: 'OParl-Objektliste mit Seiten (links.next)' });

export const oparlListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  modified_since: oparlDateTime.optional(),
  modified_until: oparlDateTime.optional(),
  created_since: oparlDateTime.optional(),
  created_until: oparlDateTime.optional(),
});

export const oparlIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
