import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { adminHeaders, createTestUser, injectAs } from '../../testing/auth.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { sendAlertMails } from './mail.ts';
import { publicBaseUrl } from '../../config.ts';
import { invalidateCatalogueCache } from '../indicators/index.ts';

// A real SMTP conversation against a local sink (smtp-server on 127.0.0.1, random port). The data:
// child-poverty share on 22 Planungsräume as in alerts.db.test.ts, so detection raises exactly one
// alert (area 03200001, +4,1 pp, z = 3,149); 03200002 is noise and held back.

interface Received {
  to: string[];
  subject: string;
  body: string;
}

/** Decodes RFC 2047 encoded words (Q or B), as nodemailer writes non-ASCII subjects. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQp(text.replace(/_/g, ' ')),
    );
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const t = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '=' && /^[0-9A-F]{2}$/i.test(t.slice(i + 1, i + 3))) {
      bytes.push(parseInt(t.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(t.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseMail(raw: string): { subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const bodyRaw = raw.slice(split + 4);
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const body =
    cte === 'base64'
      ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? decodeQp(bodyRaw)
        : bodyRaw;
  return { subject: decodeWords(header('Subject')), body: body.replace(/\r\n/g, '\n') };
}

/** Starts an SMTP sink; reject = every message is refused with 451. */
async function startSink(
  reject: boolean,
): Promise<{ server: SMTPServer; url: string; mails: Received[] }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (reject) {
          callback(
            Object.assign(new Error('Postfach vorübergehend nicht verfügbar'), {
              responseCode: 451,
            }),
          );
          return;
        }
        const { subject, body } = parseMail(Buffer.concat(chunks).toString('utf8'));
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { server, url: `smtp://127.0.0.1:${port}`, mails };
}

let db: Db;
let sink: Awaited<ReturnType<typeof startSink>>;
let failing: Awaited<ReturnType<typeof startSink>>;
let appMail: FastifyInstance;
let appFail: FastifyInstance;
let appInApp: FastifyInstance;
const ids: Record<string, number> = {};

async function insertSynthetic(): Promise<void> {
  await db.exec(`
    INSERT INTO indicator (tenant_id, id, name_de, name_en, short_de, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key) VALUES
      ('berlin', 'child_poverty', 'Kinder in Bedarfsgemeinschaften nach SGB II', 'Child poverty', 'Kinderarmut',
       'Kinder unter 15 in Bedarfsgemeinschaften je 100 Kinder unter 15', 'percent', 'share', 100, 'income',
       'higher_is_worse', 'sozialplanung', 'afs', 1, 'public', 5);
  `);
  const [bez] = await db.query<{ id: number }>(
    "SELECT id FROM area WHERE tenant_id = 'berlin' AND level_id = 'bez' AND code = '01'",
  );
  const rows: [string, number, number, number, number][] = [];
  for (let i = 0; i < 20; i++)
    rows.push([`0310${String(i).padStart(4, '0')}`, 100, 100 + ((i % 5) - 2), 1000, 1000]);
  rows.push(['03200001', 200, 282, 2000, 2000], ['03200002', 5, 7, 49, 49]);
  for (const [code, c0, c1, b0, b1] of rows) {
    const [a] = await db.query<{ id: number }>(
      `INSERT INTO area (tenant_id, system_id, level_id, code, name, parent_id)
       VALUES ('berlin', 'lor2021', 'plr', $1, $2, $3) RETURNING id`,
      [code, `Gebiet ${code}`, bez!.id],
    );
    ids[code] = a!.id;
    for (const [date, c, b] of [
      ['2021-12-31', c0, b0],
      ['2023-12-31', c1, b1],
    ] as const)
      await db.query(
        `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator)
         VALUES ('berlin', 'child_poverty', $1, $2, $3, $4, $5)`,
        [a!.id, date, (c / b) * 100, c, b],
      );
  }
}

const mailRows = async () =>
  (
    await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM alert_mail WHERE tenant_id = 'berlin'",
    )
  )[0]!.n;

let admin: { authorization: string };

const detect = async (app: FastifyInstance) => {
  const res = await injectAs(
    app,
    admin,
  )({ method: 'POST', url: '/api/alerts/detect', payload: {} });
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  await insertSynthetic();
  admin = await adminHeaders(db);
  sink = await startSink(false);
  failing = await startSink(true);
  const from = 'Sozialplanung <sozialraum@bezirk.example>';
  appMail = await buildApp(
    testContext(db, { smtpUrl: sink.url, mailFrom: from, host: '127.0.0.1', port: 8123 }),
    { validateResponses: true },
  );
  appFail = await buildApp(testContext(db, { smtpUrl: failing.url, mailFrom: from }), {
    validateResponses: true,
  });
  appInApp = await buildApp(testContext(db, { smtpUrl: undefined }), { validateResponses: true });
  const rule = await injectAs(
    appMail,
    admin,
  )({
    method: 'POST',
    url: '/api/alert-rules',
    payload: {
      id: 'kinderarmut-anstieg',
      nameDe: 'Anstieg der Kinderarmut',
      department: 'sozialplanung',
      kind: 'indicator_change',
      params: { indicatorIds: ['child_poverty'] },
    },
  });
  expect(rule.statusCode).toBe(201);
  for (const payload of [
    { email: 'kinder@bezirk.example', indicatorId: 'child_poverty' },
    { email: 'Kinder@bezirk.example', ruleId: 'kinderarmut-anstieg' }, // same person, second subscription
    { email: 'alles@bezirk.example' }, // nothing set = all alerts
    { email: 'anderes-gebiet@bezirk.example', areaId: ids['03100000'] },
  ]) {
    const res = await injectAs(
      appMail,
      admin,
    )({ method: 'POST', url: '/api/alert-subscriptions', payload });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => {
  await appMail?.close();
  await appFail?.close();
  await appInApp?.close();
  await new Promise<void>((r) => (sink ? sink.server.close(() => r()) : r()));
  await new Promise<void>((r) => (failing ? failing.server.close(() => r()) : r()));
  await db?.close();
});

describe('alert e-mail', () => {
  it('keeps the alerts when the SMTP server refuses the mail, and reports the failure', async () => {
    const res = await detect(appFail);
    expect(res.raised).toBe(1);
    expect(res.mail).toMatchObject({ mode: 'smtp', sent: 0, alertsMailed: 0, failed: 2 });
    expect(res.mail.message).toContain('E-Mail-Versand fehlgeschlagen für 2 Empfänger');
    expect(res.mail.message).toContain('Postfach vorübergehend nicht verfügbar');
    // each refused mail is in the delivery log (modules/mail)
    const log = await db.query<{ purpose: string; status: string; error: string }>(
      `SELECT purpose, status, error FROM mail_delivery WHERE tenant_id = 'berlin' ORDER BY id`,
    );
    expect(log).toHaveLength(2);
    expect(log.every((l) => l.purpose === 'alerts' && l.status === 'failed')).toBe(true);
    expect(log[0]!.error).toContain('Postfach vorübergehend nicht verfügbar');
    const feed = (await injectAs(appMail, admin)('/api/alerts')).json();
    expect(feed).toHaveLength(1);
    expect(feed[0].area.code).toBe('03200001');
    expect(await mailRows()).toBe(0);
  });

  it('says "in-app only" when no SMTP server is configured, and sends nothing', async () => {
    const res = await detect(appInApp);
    expect(res.mail).toEqual({
      mode: 'in-app',
      sent: 0,
      alertsMailed: 0,
      failed: 0,
      message:
        'E-Mail-Versand ist nicht eingerichtet – die Administration kann ihn einrichten. Bis dahin erscheinen Frühwarnungen nur in der Anwendung.',
    });
    expect(sink.mails).toHaveLength(0);
    expect(await mailRows()).toBe(0);
  });

  it('mails each matching subscriber once, in German, with the explanation and links', async () => {
    const res = await detect(appMail);
    expect(res.raised).toBe(0); // the alert exists since the failed run; its mail is still pending
    expect(res.mail).toMatchObject({ mode: 'smtp', sent: 2, alertsMailed: 3, failed: 0 });
    const [alert] = (await injectAs(appMail, admin)('/api/alerts')).json();
    expect(alert.explanation).toContain('Kinderarmut');
    expect(sink.mails).toHaveLength(2);
    expect(sink.mails.map((m) => m.to.map((a) => a.toLowerCase()).join(',')).sort()).toEqual([
      'alles@bezirk.example',
      'kinder@bezirk.example',
    ]);
    const sent = await db.query<{ recipient: string; subject: string }>(
      `SELECT recipient, subject FROM mail_delivery
        WHERE tenant_id = 'berlin' AND status = 'sent' ORDER BY lower(recipient)`,
    );
    expect(sent.map((r) => r.recipient.toLowerCase())).toEqual([
      'alles@bezirk.example',
      'kinder@bezirk.example',
    ]);
    expect(sent[0]!.subject).toMatch(/^Sozialraum: /);
    for (const m of sink.mails) {
      expect(m.subject).toBe(
        'Sozialraum: neue Frühwarnung für Gebiet 03200001 (Anstieg der Kinderarmut)',
      );
      expect(m.body).toContain('das Frühwarnsystem hat eine neue Frühwarnung ausgelöst');
      expect(m.body).toContain(alert.explanation);
      expect(m.body).toContain(`Gebietsprofil: http://127.0.0.1:8123/gebiete/${ids['03200001']}`);
      expect(m.body).toContain(
        `Karte: http://127.0.0.1:8123/?system=lor2021&level=plr&indicator=child_poverty`,
      );
    }
    expect(await mailRows()).toBe(3); // two subscriptions of kinder@, one of alles@
  });

  it('sends nothing twice when detection runs again', async () => {
    const res = await detect(appMail);
    expect(res.mail).toMatchObject({ mode: 'smtp', sent: 0, alertsMailed: 0, failed: 0 });
    expect(res.mail.message).toBe(
      'Keine neuen Frühwarnungen für Abonnenten: keine E-Mail verschickt.',
    );
    expect(sink.mails).toHaveLength(2);
    const again = await sendAlertMails(db, 'berlin', {
      smtpUrl: sink.url,
      from: undefined,
      baseUrl: 'http://x',
    });
    expect(again.sent).toBe(0);
    expect(sink.mails).toHaveLength(2);
  });
});

describe('alert e-mail respects who may read the indicator', () => {
  it('mails the alert of an internal indicator to a reader with an account, not to an outside address', async () => {
    await db.query("UPDATE indicator SET visibility = 'internal' WHERE id = 'child_poverty'");
    invalidateCatalogueCache();
    const reader = await createTestUser(db, { roles: ['viewer'], email: 'leserin@bezirk.example' });
    for (const email of [reader.email, 'extern@beispiel.example'])
      await db.query(
        `INSERT INTO alert_subscription (tenant_id, email, created_at) VALUES ('berlin', $1, '2000-01-01')`,
        [email],
      );
    const before = sink.mails.length;
    const res = await detect(appMail);
    expect(res.mail).toMatchObject({ mode: 'smtp', sent: 1, failed: 0 });
    const sent = sink.mails.slice(before).map((m) => m.to.join(','));
    expect(sent).toEqual(['leserin@bezirk.example']);
    await db.query("UPDATE indicator SET visibility = 'public' WHERE id = 'child_poverty'");
    invalidateCatalogueCache();
  });
});

describe('publicBaseUrl (links in e-mails)', () => {
  it('uses localhost for the wildcard address, brackets IPv6 hosts, and prefers the public URL', () => {
    const at = (host: string, port: number) => publicBaseUrl({ publicUrl: undefined, host, port });
    expect(at('0.0.0.0', 8080)).toBe('http://localhost:8080');
    expect(at('127.0.0.1', 8101)).toBe('http://127.0.0.1:8101');
    expect(at('::1', 80)).toBe('http://[::1]:80');
    expect(publicBaseUrl({ publicUrl: 'https://s.example', host: '0.0.0.0', port: 80 })).toBe(
      'https://s.example',
    );
  });
});
