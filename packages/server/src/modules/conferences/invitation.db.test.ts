// Invitations by e-mail (issue 14 § 1): the organiser sends the invitation of a meeting; every
// current member with an address — people with an account, not a former member — gets one message
// through a real SMTP conversation with a local sink, with the Berlin time, the place, the agenda
// and the calendar link; the meeting is then "eingeladen" and the audit log says how many were sent.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
let sink: SMTPServer;
const mails: { to: string; raw: string }[] = [];
const unfold = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
/** The text/calendar part of a raw message, decoded (nodemailer sends it base64 or plain). */
function calendarPart(raw: string): string {
  const part = raw.split(/\r?\n--/).find((p) => /Content-Type: text\/calendar/.test(p)) ?? '';
  const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
  const content = rest.join('\n\n');
  return /base64/i.test(head)
    ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8')
    : content;
}

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (ch: Buffer) => chunks.push(ch));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          raw: unfold(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.server.address() as AddressInfo).port;
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db, { smtpUrl: `smtp://127.0.0.1:${port}` }), {
    validateResponses: true,
    logger: false,
    warmCaches: false,
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

describe('invitations', () => {
  it('mails every current member the agenda, Berlin time and place, and marks the meeting invited', async () => {
    const organiser = injectAs(
      app,
      await tokenHeaders(
        db,
        await createTestUser(db, { roles: ['department_planner'], departmentId: 'sozialplanung' }),
      ),
    );
    const current = await createTestUser(db, {
      roles: ['viewer'],
      email: 'mitglied@berlin.example',
    });
    const former = await createTestUser(db, {
      roles: ['viewer'],
      email: 'ehemalig@berlin.example',
    });
    const body = (
      await organiser({
        method: 'POST',
        url: '/api/conferences/bodies',
        payload: { kind: 'stadtteilrunde', name: 'Stadtteilrunde Moabit' },
      })
    ).json<{ id: number }>();
    for (const [user, validTo] of [
      [current, null],
      [former, '2024-12-31'],
    ] as const)
      expect(
        (
          await organiser({
            method: 'POST',
            url: `/api/conferences/bodies/${body.id}/members`,
            payload: { userId: user.id, validFrom: '2024-01-01', validTo },
          })
        ).statusCode,
      ).toBe(200);
    const meeting = (
      await organiser({
        method: 'POST',
        url: `/api/conferences/bodies/${body.id}/meetings`,
        payload: {
          title: 'Frühjahrssitzung',
          start: '2026-03-30T18:00',
          end: '2026-03-30T20:00',
          place: 'Rathaus Tiergarten',
        },
      })
    ).json<{ id: number }>();
    await organiser({
      method: 'POST',
      url: `/api/conferences/meetings/${meeting.id}/agenda-items`,
      payload: { title: 'Spielplatz Kleiner Tiergarten' },
    });
    const res = await organiser({
      method: 'POST',
      url: `/api/conferences/meetings/${meeting.id}/invitation`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sent: 1, notSent: 0, recipients: 1 });
    expect(mails.map((m) => m.to)).toEqual(['mitglied@berlin.example']);
    const raw = mails[0]!.raw;
    expect(raw).toContain('30.03.2026 von 18:00 bis 20:00 Uhr');
    expect(raw).toContain('Rathaus Tiergarten');
    expect(raw).toContain('1. Spielplatz Kleiner Tiergarten');
    expect(raw).toContain(`/api/conferences/bodies/${body.id}/calendar.ics`);
    // the meeting travels along as a calendar entry a mail program can take over
    expect(raw).toContain(`filename=sitzung-${meeting.id}.ics`);
    expect(raw).toMatch(/Content-Type: text\/calendar/);
    const ics = calendarPart(raw);
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20260330T180000');
    expect(ics).toContain('SUMMARY:Stadtteilrunde Moabit: Frühjahrssitzung');
    const detail = (
      await organiser({ method: 'GET', url: `/api/conferences/meetings/${meeting.id}` })
    ).json<{ status: string }>();
    expect(detail.status).toBe('invited');
    const [audit] = await db.query<{ detail: { sent: number } }>(
      `SELECT detail FROM audit_log WHERE action = 'conferences.invite' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit!.detail.sent).toBe(1);
  });
});
