// The one way Sozialraum sends e-mail (ADR 0025): one SMTP transport with connect, greeting and
// socket timeouts (nodemailer's defaults are 2 and 10 minutes: a dead server would hold a request or
// a job that long), and every delivery recorded in mail_delivery — recipient, subject, status, error,
// time — whether the server accepted it or not.
import { createTransport, type Transporter } from 'nodemailer';
import type { Sql } from '../../db/db.ts';
import { insertDelivery } from './store.ts';

export const DEFAULT_FROM = 'Sozialraum <sozialraum@localhost>';

/** How long to wait for the server (ms). */
export interface MailTimeouts {
  /** TCP connection established */
  connect: number;
  /** the server's greeting after connecting */
  greeting: number;
  /** any later silence on the socket (one SMTP command) */
  socket: number;
}

export const DEFAULT_TIMEOUTS: MailTimeouts = { connect: 10_000, greeting: 10_000, socket: 30_000 };

/** One message; `purpose` names the caller in the log ('alerts', 'password_reset'). */
export interface MailMessage {
  purpose: string;
  to: string;
  subject: string;
  text: string;
  /** Files sent along, e.g. an invitation's calendar entry (text/calendar). */
  attachments?: readonly MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/** Thrown when the SMTP server refused a message or did not answer in time. */
export class MailDeliveryError extends Error {
  /** What the SMTP server or the network said. */
  readonly reason: string;
  constructor(
    readonly recipient: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`E-Mail an ${recipient} nicht zugestellt: ${reason}`);
    this.name = 'MailDeliveryError';
    this.reason = reason;
  }
}

/** Sends e-mail over one SMTP connection pool; close() when done. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string | undefined,
    timeouts: MailTimeouts = DEFAULT_TIMEOUTS,
  ) {
    this.transport = createTransport({
      url: smtpUrl,
      connectionTimeout: timeouts.connect,
      greetingTimeout: timeouts.greeting,
      socketTimeout: timeouts.socket,
    });
  }

  /** Sends one message and records the delivery; throws MailDeliveryError when it failed. */
  async send(db: Sql, tenantId: string, message: MailMessage): Promise<void> {
    const t0 = Date.now();
    let error: unknown = null;
    try {
      await this.transport.sendMail({
        from: this.from ?? DEFAULT_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: message.attachments?.map((a) => ({ ...a })),
      });
    } catch (err) {
      error = err;
    }
    await insertDelivery(db, tenantId, {
      purpose: message.purpose,
      recipient: message.to,
      subject: message.subject,
      status: error === null ? 'sent' : 'failed',
      error: error === null ? null : error instanceof Error ? error.message : String(error),
      durationMs: Date.now() - t0,
    });
    if (error !== null) throw new MailDeliveryError(message.to, error);
  }

  close(): void {
    this.transport.close();
  }
}
