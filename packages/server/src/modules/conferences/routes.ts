// Routes of the conferences module (issue 14 § 1) under /api/conferences: bodies and members,
// meetings with invitation, registration and attendance, the agenda builder, minutes, decisions and
// the iCalendar feeds. Thin: parsing by the contract, rules in policy and services, SQL in stores.
import type { FastifyInstance } from 'fastify';
import * as c from '@sozialraum/contracts/conferences';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import * as agenda from './agenda.ts';
import { bodyCalendar, issueFeedToken, personalCalendar, sendInvitation } from './calendar.ts';
import * as service from './service.ts';
import { registerTraceRoutes } from './trace-routes.ts';

const TAGS = ['Sozialraumkonferenzen'];
const ICS = 'text/calendar; charset=utf-8';

/** Registers the conferences routes. */
export function registerConferenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerBodyRoutes(app, ctx);
  registerMeetingRoutes(app, ctx);
  registerAgendaRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerTraceRoutes(app, ctx);
}

function registerBodyRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/conferences/bodies',
    operationId: 'listConferenceBodies',
    summary: 'Gremien: Sozialraumkonferenzen, Planungskonferenzen, AG 78, Stadtteilrunden',
    tags: TAGS,
    permission: 'conferences.read',
    response: c.bodyListSchema,
    handler: ({ auth }) => service.listBodies(ctx.db, auth.tenantId),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/bodies',
    operationId: 'createConferenceBody',
    summary: 'Gremium anlegen (Abteilung der organisierenden Person, protokolliert)',
    tags: TAGS,
    permission: 'conferences.organise',
    body: c.bodyInputSchema,
    response: c.bodyDetailSchema,
    status: 201,
    location: (r) => `/api/conferences/bodies/${r.id}`,
    handler: ({ body, auth, request }) =>
      service.createBody(ctx.db, auth, body, auditActor(auth, request, 'conferences.organise')),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/conferences/bodies/:id',
    operationId: 'getConferenceBody',
    summary: 'Gremium mit Mitgliedern, Sitzungen und Kalender-Link',
    tags: TAGS,
    permission: 'conferences.read',
    params: c.conferenceIdParamsSchema,
    response: c.bodyDetailSchema,
    handler: ({ params, auth }) => service.getBody(ctx.db, auth, params.id),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/conferences/bodies/:id',
    operationId: 'updateConferenceBody',
    summary: 'Gremium ändern (protokolliert)',
    tags: TAGS,
    permission: 'conferences.organise',
    params: c.conferenceIdParamsSchema,
    body: c.bodyInputSchema,
    response: c.bodyDetailSchema,
    handler: ({ params, body, auth, request }) =>
      service.updateBody(
        ctx.db,
        auth,
        params.id,
        body,
        auditActor(auth, request, 'conferences.organise'),
      ),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/conferences/member-candidates',
    operationId: 'searchConferenceMemberCandidates',
    summary: 'Personen und Organisationen zum Aufnehmen suchen (nach Namen)',
    tags: TAGS,
    permission: 'conferences.organise',
    querystring: c.candidateQuerySchema,
    response: c.memberCandidatesSchema,
    handler: ({ query, auth }) => service.searchMemberCandidates(ctx.db, auth, query.q),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/bodies/:id/members',
    operationId: 'addConferenceMember',
    summary: 'Mitglied aufnehmen: Person oder Organisation, mit Rolle und Zeitraum',
    tags: TAGS,
    permission: 'conferences.organise',
    params: c.conferenceIdParamsSchema,
    body: c.memberInputSchema,
    response: c.bodyDetailSchema,
    handler: ({ params, body, auth, request }) =>
      service.addMember(
        ctx.db,
        auth,
        params.id,
        body,
        auditActor(auth, request, 'conferences.organise'),
      ),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/conferences/bodies/:id/members/:memberId',
    operationId: 'setConferenceMemberConsent',
    summary:
      'Einwilligung eines Mitglieds in die Veröffentlichung seines Namens erfassen oder widerrufen (protokolliert)',
    tags: TAGS,
    permission: 'conferences.organise',
    params: c.memberParamsSchema,
    body: c.memberConsentSchema,
    response: c.bodyDetailSchema,
    handler: ({ params, body, auth, request }) =>
      service.setMemberConsent(
        ctx.db,
        auth,
        params.id,
        params.memberId,
        body.namePublic,
        auditActor(auth, request, 'conferences.organise'),
      ),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/conferences/bodies/:id/members/:memberId',
    operationId: 'removeConferenceMember',
    summary: 'Mitglied entfernen (protokolliert)',
    tags: TAGS,
    permission: 'conferences.organise',
    params: c.memberParamsSchema,
    response: c.bodyDetailSchema,
    handler: ({ params, auth, request }) =>
      service.removeMember(
        ctx.db,
        auth,
        params.id,
        params.memberId,
        auditActor(auth, request, 'conferences.organise'),
      ),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/bodies/:id/meetings',
    operationId: 'createConferenceMeeting',
    summary: 'Sitzung planen (Beginn und Ende in Ortszeit Europe/Berlin)',
    tags: TAGS,
    permission: 'conferences.organise',
    params: c.conferenceIdParamsSchema,
    body: c.meetingInputSchema,
    response: c.meetingSummarySchema,
    status: 201,
    location: (r) => `/api/conferences/meetings/${r.id}`,
    handler: ({ params, body, auth, request }) =>
      service.createMeeting(
        ctx.db,
        auth,
        params.id,
        body,
        auditActor(auth, request, 'conferences.organise'),
      ),
  });
}

function registerMeetingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const organise = 'conferences.organise' as const;
  defineRoute(app, {
    method: 'GET',
    url: '/api/conferences/meetings/:id',
    operationId: 'getConferenceMeeting',
    summary:
      'Sitzung mit Tagesordnung; Vorschläge, Entwürfe und Belege nur für Organisation und Mitglieder',
    tags: TAGS,
    permission: 'conferences.read',
    params: c.conferenceIdParamsSchema,
    response: c.meetingDetailSchema,
    handler: ({ params, auth }) => agenda.getMeeting(ctx.db, auth, params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/conferences/meetings/:id',
    operationId: 'updateConferenceMeeting',
    summary: 'Sitzung ändern: Zeit, Ort, Status (protokolliert)',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    body: c.meetingUpdateSchema,
    response: c.meetingSummarySchema,
    handler: ({ params, body, auth, request }) =>
      service.updateMeeting(ctx.db, auth, params.id, body, auditActor(auth, request, organise)),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/meetings/:id/invitation',
    operationId: 'inviteConferenceMeeting',
    summary: 'Einladung mit Tagesordnung an alle Mitglieder per E-Mail senden',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    response: c.invitationResultSchema,
    handler: ({ params, auth, request }) =>
      sendInvitation(ctx, auth, params.id, auditActor(auth, request, organise)),
  });
  for (const [method, registered] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    defineRoute(app, {
      method,
      url: '/api/conferences/meetings/:id/registration',
      operationId: registered ? 'registerForConferenceMeeting' : 'unregisterFromConferenceMeeting',
      summary: registered
        ? 'Zur Sitzung anmelden (Mitglieder des Gremiums)'
        : 'Von der Sitzung abmelden',
      tags: TAGS,
      permission: 'conferences.participate',
      params: c.conferenceIdParamsSchema,
      response: c.meetingDetailSchema,
      handler: async ({ params, auth, request }) => {
        await service.setRegistration(
          ctx.db,
          auth,
          params.id,
          registered,
          auditActor(auth, request, 'conferences.participate'),
        );
        return agenda.getMeeting(ctx.db, auth, params.id);
      },
    });
  }
  defineRoute(app, {
    method: 'PUT',
    url: '/api/conferences/meetings/:id/attendance',
    operationId: 'setConferenceAttendance',
    summary: 'Anwesenheit erfassen (Personen mit Konto)',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    body: c.attendanceInputSchema,
    response: c.meetingDetailSchema,
    handler: async ({ params, body, auth, request }) => {
      await service.setAttendance(
        ctx.db,
        auth,
        params.id,
        body.attended,
        auditActor(auth, request, organise),
      );
      return agenda.getMeeting(ctx.db, auth, params.id);
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/meetings/:id/minutes-approval',
    operationId: 'approveConferenceMinutes',
    summary:
      'Protokoll freigeben: offene Vorschläge werden „nicht behandelt“, Namen von Privatpersonen entfernt, veröffentlicht',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    response: c.meetingDetailSchema,
    refusals: { 409: 'Protokoll schon freigegeben' },
    handler: ({ params, auth, request }) =>
      agenda.approveMinutes(ctx.db, auth, params.id, auditActor(auth, request, organise)),
  });
}

function registerAgendaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const organise = 'conferences.organise' as const;
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/meetings/:id/proposals',
    operationId: 'buildConferenceAgenda',
    summary:
      'Tagesordnung vorschlagen: Frühwarnungen, Klassenwechsel, Hinweise, Maßnahmen seit der letzten Sitzung',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    response: c.meetingDetailSchema,
    refusals: { 409: 'Protokoll schon freigegeben' },
    handler: ({ params, auth, request }) =>
      agenda.buildAgenda(ctx.db, auth, params.id, auditActor(auth, request, organise)),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/meetings/:id/agenda-items',
    operationId: 'addConferenceAgendaItem',
    summary: 'Eigenen Tagesordnungspunkt hinzufügen',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    body: c.agendaItemInputSchema,
    response: c.meetingDetailSchema,
    handler: ({ params, body, auth, request }) =>
      agenda.addItem(ctx.db, auth, params.id, body, auditActor(auth, request, organise)),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/conferences/meetings/:id/agenda-order',
    operationId: 'orderConferenceAgenda',
    summary: 'Reihenfolge der angenommenen Punkte festlegen',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    body: c.agendaOrderSchema,
    response: c.meetingDetailSchema,
    handler: ({ params, body, auth, request }) =>
      agenda.orderAgenda(
        ctx.db,
        auth,
        params.id,
        body.itemIds,
        auditActor(auth, request, organise),
      ),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/conferences/agenda-items/:id',
    operationId: 'updateConferenceAgendaItem',
    summary: 'Punkt annehmen, als „nicht behandelt“ markieren oder umbenennen',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    body: c.agendaItemUpdateSchema,
    response: c.meetingDetailSchema,
    refusals: { 409: 'Punkt ist zusammengeführt' },
    handler: ({ params, body, auth, request }) =>
      agenda.updateItem(ctx.db, auth, params.id, body, auditActor(auth, request, organise)),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/agenda-items/:id/merge',
    operationId: 'mergeConferenceAgendaItem',
    summary: 'Punkt mit einem anderen Punkt derselben Sitzung zusammenführen',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    body: c.mergeInputSchema,
    response: c.meetingDetailSchema,
    handler: ({ params, body, auth, request }) =>
      agenda.mergeItem(ctx.db, auth, params.id, body.intoId, auditActor(auth, request, organise)),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/conferences/agenda-items/:id/minutes',
    operationId: 'saveConferenceMinutes',
    summary: 'Protokoll eines Punktes (Entwurf, intern bis zur Freigabe)',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    body: c.minutesInputSchema,
    response: c.meetingDetailSchema,
    refusals: { 409: 'Protokoll schon freigegeben' },
    handler: ({ params, body, auth, request }) =>
      agenda.saveMinutes(ctx.db, auth, params.id, body, auditActor(auth, request, organise)),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/agenda-items/:id/decisions',
    operationId: 'addConferenceDecision',
    summary: 'Beschluss mit optionaler Abstimmung; eine Aufgabe wird zur Maßnahme',
    tags: TAGS,
    permission: organise,
    params: c.conferenceIdParamsSchema,
    body: c.decisionInputSchema,
    response: c.meetingDetailSchema,
    refusals: { 409: 'Protokoll schon freigegeben' },
    handler: ({ params, body, auth, request }) =>
      agenda.addDecision(ctx.db, auth, params.id, body, auditActor(auth, request, organise)),
  });
}

function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/conferences/bodies/:id/calendar.ics',
    operationId: 'getConferenceBodyCalendar',
    summary: 'Sitzungen des Gremiums als iCalendar (RFC 5545)',
    tags: TAGS,
    permission: 'conferences.read',
    params: c.conferenceIdParamsSchema,
    response: c.calendarSchema,
    responseContentType: ICS,
    handler: ({ params, auth }) => bodyCalendar(ctx, auth.tenantId, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/conferences/calendar.ics',
    operationId: 'getConferencePersonalCalendar',
    summary:
      'Persönlicher Kalender: Sitzungen aller eigenen Gremien (angemeldet oder mit Kalender-Link)',
    tags: TAGS,
    permission: 'conferences.read',
    querystring: c.feedQuerySchema,
    response: c.calendarSchema,
    responseContentType: ICS,
    handler: ({ query, auth }) => personalCalendar(ctx, auth, query.token),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/conferences/calendar-token',
    operationId: 'issueConferenceCalendarToken',
    summary: 'Persönlichen Kalender-Link erzeugen (ersetzt den bisherigen)',
    tags: TAGS,
    permission: 'conferences.participate',
    response: c.feedTokenSchema,
    handler: ({ auth, request }) =>
      issueFeedToken(ctx, auth, auditActor(auth, request, 'conferences.participate')),
  });
}
