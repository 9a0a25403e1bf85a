// The one mail transport: a server that accepts the connection and never answers is given up after
// the timeout (not after nodemailer's 10 minutes), and every delivery — sent, refused, timed out —
// is in the delivery log. The password reset goes through it too.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { listDeliveries } from './store.ts';
import { MailDeliveryError, Mailer } from './transport.ts';

let db: Db;
let silent: Server;
const sockets = new Set<Socket>();
let silentUrl: string;
let sink: SMTPServer;
let sinkUrl: string;
const received: string[] = [];
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  // accepts connections and never says a word (no SMTP greeting)
  silent = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        if (to.startsWith('voll@')) {
          callback(Object.assign(new Error('Postfach voll'), { responseCode: 452 }));
          return;
        }
        received.push(to);
        callback();
      });
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  sinkUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
  app = await buildApp(testContext(db, { smtpUrl: sinkUrl }), { warmCaches: false });
});
afterAll(async () => {
  await app.close();
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
  await new Promise<void>((r) => sink.close(() => r()));
  await db.close();
});

describe('mail transport', () => {
  it('gives up on a server that never answers after the timeout, and logs the failure', async () => {
    const mailer = new Mailer(silentUrl, undefined, { connect: 500, greeting: 500, socket: 500 });
    const t0 = Date.now();
    const sending = mailer.send(db, 'berlin', {
      purpose: 'test',
      to: 'stille@stadt.example',
      subject: 'Hallo',
      text: 'Text',
    });
    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(sending).rejects.toThrow(/E-Mail an stille@stadt\.example nicht zugestellt/);
    mailer.close();
    expect(Date.now() - t0).toBeLessThan(5_000);
    const [last] = await listDeliveries(db, 'berlin', 1);
    expect(last).toMatchObject({
      purpose: 'test',
      recipient: 'stille@stadt.example',
      subject: 'Hallo',
      status: 'failed',
    });
    expect(last!.error).toMatch(/greeting|timeout/i);
    expect(last!.duration_ms).toBeGreaterThanOrEqual(400);
  });

  it('logs a delivered mail and a refused one with the server’s reason', async () => {
    const mailer = new Mailer(sinkUrl, 'Sozialraum <sozialraum@stadt.example>');
    await mailer.send(db, 'berlin', {
      purpose: 'test',
      to: 'erika@stadt.example',
      subject: 'Grüße aus Moabit',
      text: 'Text',
    });
    await expect(
      mailer.send(db, 'berlin', {
        purpose: 'test',
        to: 'voll@stadt.example',
        subject: 'Zweite',
        text: 'Text',
      }),
    ).rejects.toThrow(/Postfach voll/);
    mailer.close();
    expect(received).toContain('erika@stadt.example');
    const [refused, sent] = await listDeliveries(db, 'berlin', 2);
    expect(sent).toMatchObject({
      recipient: 'erika@stadt.example',
      subject: 'Grüße aus Moabit',
      status: 'sent',
      error: null,
    });
    expect(refused).toMatchObject({ recipient: 'voll@stadt.example', status: 'failed' });
    expect(refused!.error).toContain('Postfach voll');
    // the log is kept per tenant
    expect(await listDeliveries(db, 'leipzig')).toEqual([]);
  });

  it('sends the password reset through it, logged with its purpose', async () => {
    const user = await createTestUser(db, { roles: ['viewer'] });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/reset-request',
      payload: { email: user.email },
    });
    expect(res.statusCode).toBe(200);
    const [last] = await listDeliveries(db, 'berlin', 1);
    expect(last).toMatchObject({
      purpose: 'password_reset',
      recipient: user.email,
      subject: 'Sozialraum: Passwort zurücksetzen',
      status: 'sent',
    });
    // the administration reads the log; others may not
    const admin = await tokenHeaders(db, await createTestUser(db, { roles: ['administrator'] }));
    const log = await app.inject({ url: '/api/mail-deliveries?limit=2', headers: admin });
    expect(log.statusCode).toBe(200);
    expect(log.json()[0]).toMatchObject({
      purpose: 'password_reset',
      recipient: user.email,
      status: 'sent',
      error: null,
    });
    expect(log.json()[1]).toMatchObject({ recipient: 'voll@stadt.example', status: 'failed' });
    const viewer = await tokenHeaders(db, user);
    expect((await app.inject({ url: '/api/mail-deliveries', headers: viewer })).statusCode).toBe(
      403,
    );
  });
});
