// Invitations by e-mail and iCalendar feeds (issue 14 § 1): a body's meetings as a public feed,
// a person's meetings (of all her bodies) behind a secret token a calendar application can fetch.
import { randomBytes } from 'node:crypto';
import { berlinIso, toICalendar, utcToBerlin, type CalendarEvent } from '@sozialraum/core';
import type { AppContext } from '../../app-context.ts';
import { publicBaseUrl } from '../../config.ts';
import type { Sql } from '../../db/db.ts';
import { unauthorized } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { sha256 } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { Mailer } from '../mail/index.ts';
import { loadBody, loadOrganisedMeeting } from './service.ts';
import * as store from './store.ts';
import * as items from './store-agenda.ts';
import * as meetings from './store-meetings.ts';

function toEvent(ctx: AppContext, m: meetings.MeetingRow): CalendarEvent {
  const base = publicBaseUrl(ctx.config);
  return {
    uid: `meeting-${m.id}@${ctx.tenantId}.sozialraum`,
    summary: `${m.body_name}: ${m.title}`,
    start: m.starts_at.toISOString(),
    end: m.ends_at.toISOString(),
    location: m.place ?? m.online_url,
    description: m.online_url ? `Online: ${m.online_url}` : null,
    url: `${base}/konferenzen/sitzungen/${m.id}`,
    cancelled: m.status === 'cancelled',
    sequence: m.sequence,
    lastModified: m.modified_at.toISOString(),
  };
}

/** The iCalendar feed of one body (public like the body). */
export async function bodyCalendar(ctx: AppContext, tenantId: string, bodyId: number) {
  const body = await loadBody(ctx.db, tenantId, bodyId);
  const list = await meetings.selectMeetings(ctx.db, tenantId, [bodyId]);
  return toICalendar(
    list.map((m) => toEvent(ctx, m)),
    { name: body.name, generatedAt: new Date().toISOString() },
  );
}

/** Issues (or replaces) the caller's personal feed link. */
export async function issueFeedToken(
  ctx: AppContext,
  auth: Principal,
  actor: AuditActor,
): Promise<{ url: string }> {
  if (auth.userId === null) throw unauthorized();
  const token = randomBytes(24).toString('base64url');
  await ctx.db.transaction(async (tx) => {
    await meetings.upsertFeedToken(tx, auth.tenantId, auth.userId!, sha256(token));
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.feed_token',
      entity: 'conference_feed_token',
      entityId: String(auth.userId),
      detail: {},
    });
  });
  return { url: `${publicBaseUrl(ctx.config)}/api/conferences/calendar.ics?token=${token}` };
}

/** The personal feed: meetings of every body the person belongs to, by token or session. */
export async function personalCalendar(
  ctx: AppContext,
  auth: Principal,
  token: string | undefined,
): Promise<string> {
  let userId = auth.userId;
  let name = auth.displayName;
  if (token) {
    const owner = await meetings.selectFeedTokenUser(ctx.db, auth.tenantId, sha256(token));
    if (!owner) throw unauthorized('Der Kalender-Link ist ungültig oder wurde ersetzt.');
    userId = owner.user_id;
    name = owner.display_name;
  }
  // without sign-in and without a link there is no person: an empty calendar, like a person of no body
  const bodyIds =
    userId === null ? [] : await store.selectBodiesOfUser(ctx.db, auth.tenantId, userId);
  const list = bodyIds.length ? await meetings.selectMeetings(ctx.db, auth.tenantId, bodyIds) : [];
  return toICalendar(
    list.map((m) => toEvent(ctx, m)),
    { name: `Sitzungen – ${name}`, generatedAt: new Date().toISOString() },
  );
}

async function invitationText(ctx: AppContext, sql: Sql, m: meetings.MeetingRow) {
  const b = utcToBerlin(m.starts_at);
  const e = utcToBerlin(m.ends_at);
  const agenda = (await items.selectItems(sql, ctx.tenantId, [m.id]))
    .filter((i) => i.status === 'accepted')
    .map((i, n) => `${n + 1}. ${i.title}`);
  const base = publicBaseUrl(ctx.config);
  return [
    'Guten Tag,',
    '',
    `hiermit laden wir Sie ein zur Sitzung „${m.title}“ des Gremiums „${m.body_name}“`,
    `am ${b.date.split('-').reverse().join('.')} von ${b.time} bis ${e.time} Uhr.`,
    ...(m.place ? [`Ort: ${m.place}`] : []),
    ...(m.online_url ? [`Online: ${m.online_url}`] : []),
    '',
    'Tagesordnung:',
    ...(agenda.length ? agenda : ['(folgt)']),
    '',
    `Sitzung ansehen und anmelden: ${base}/konferenzen/sitzungen/${m.id}`,
    `Kalender des Gremiums: ${base}/api/conferences/bodies/${m.body_id}/calendar.ics`,
    `(Beginn ${berlinIso(m.starts_at)})`,
  ].join('\n');
}

/** Sends the invitation with the agenda to every current member with an address. */
export async function sendInvitation(
  ctx: AppContext,
  auth: Principal,
  meetingId: number,
  actor: AuditActor,
): Promise<{ sent: number; notSent: number; recipients: number }> {
  const { meeting } = await loadOrganisedMeeting(ctx.db, auth, meetingId);
  const today = new Date().toISOString().slice(0, 10);
  const members = (await store.selectMembers(ctx.db, auth.tenantId, meeting.body_id)).filter(
    (m) => {
      const from = new Date(m.valid_from).toISOString().slice(0, 10);
      const to = m.valid_to === null ? null : new Date(m.valid_to).toISOString().slice(0, 10);
      return m.email && from <= today && (to === null || to >= today);
    },
  );
  const recipients = [...new Set(members.map((m) => m.email!))];
  const text = await invitationText(ctx, ctx.db, meeting);
  // the meeting itself as a calendar entry, so a mail program offers "in den Kalender übernehmen"
  const ics = toICalendar([toEvent(ctx, meeting)], {
    name: meeting.body_name,
    generatedAt: new Date().toISOString(),
  });
  const attachments = [
    {
      filename: `sitzung-${meeting.id}.ics`,
      content: ics,
      contentType: 'text/calendar; charset=utf-8',
    },
  ];
  let sent = 0;
  if (ctx.config.smtpUrl && recipients.length) {
    const mailer = new Mailer(ctx.config.smtpUrl, ctx.config.mailFrom);
    try {
      for (const to of recipients) {
        try {
          await mailer.send(ctx.db, auth.tenantId, {
            purpose: 'conference_invitation',
            to,
            subject: `Einladung: ${meeting.body_name} – ${meeting.title}`,
            text,
            attachments,
          });
          sent++;
        } catch {
          // the delivery log of the mail module records the refusal; the count tells the organiser
        }
      }
    } finally {
      mailer.close();
    }
  }
  await ctx.db.transaction(async (tx) => {
    await meetings.markInvited(tx, auth.tenantId, meetingId);
    await writeAudit(tx, auth.tenantId, {
      actor,
      action: 'conferences.invite',
      entity: 'conference_meeting',
      entityId: String(meetingId),
      detail: { recipients: recipients.length, sent },
    });
  });
  return { sent, notSent: recipients.length - sent, recipients: recipients.length };
}
