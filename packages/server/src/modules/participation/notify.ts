// E-mails of the participation module through the shared mail service (ADR 0025): the double
// opt-in link, and the message to an author with a confirmed address when her report's status or
// answer changes. Without SMTP nothing is sent and the caller learns it ('not_sent').
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { publicBaseUrl } from '../../config.ts';
import { Mailer } from '../mail/index.ts';

/** Sends one e-mail; 'not_sent' without SMTP or when the server refused it (logged). */
export async function sendParticipationMail(
  ctx: AppContext,
  tenantId: string,
  message: { purpose: string; to: string; subject: string; text: string },
  log?: FastifyBaseLogger,
): Promise<'sent' | 'not_sent'> {
  if (!ctx.config.smtpUrl) return 'not_sent';
  const mailer = new Mailer(ctx.config.smtpUrl, ctx.config.mailFrom);
  try {
    await mailer.send(ctx.db, tenantId, message);
    return 'sent';
  } catch (err) {
    log?.warn({ err }, 'participation mail not delivered');
    return 'not_sent';
  } finally {
    mailer.close();
  }
}

/** The double opt-in message: the link confirms the address for feedback on this report. */
export function confirmationMail(
  ctx: AppContext,
  reportId: number,
  token: string,
  deleteToken: string,
) {
  const base = publicBaseUrl(ctx.config);
  return {
    subject: `Bitte bestätigen Sie Ihre E-Mail-Adresse (Hinweis Nr. ${reportId})`,
    text: [
      'Guten Tag,',
      '',
      `Sie haben einen Hinweis eingereicht (Nr. ${reportId}) und möchten informiert werden, wenn sich etwas tut.`,
      'Bitte bestätigen Sie dazu Ihre Adresse mit diesem Link:',
      `${base}/mitmachen/bestaetigen?token=${encodeURIComponent(token)}`,
      '',
      'Wenn Sie das nicht waren, müssen Sie nichts tun: ohne Bestätigung schreiben wir Ihnen nicht wieder.',
      '',
      `Ihr Löschcode (zum Löschen des Hinweises): ${deleteToken}`,
      `Hinweis ansehen: ${base}/mitmachen/hinweis/${reportId}`,
    ].join('\n'),
  };
}

/** The message to the author when the administration changed status or answer. */
export function statusMail(
  ctx: AppContext,
  reportId: number,
  statusDe: string,
  publicAnswer: string | null,
) {
  const base = publicBaseUrl(ctx.config);
  return {
    subject: `Ihr Hinweis Nr. ${reportId}: ${statusDe}`,
    text: [
      'Guten Tag,',
      '',
      `der Bearbeitungsstand Ihres Hinweises Nr. ${reportId} ist jetzt: ${statusDe}.`,
      ...(publicAnswer ? ['', 'Antwort der Verwaltung:', publicAnswer] : []),
      '',
      `Hinweis ansehen: ${base}/mitmachen/hinweis/${reportId}`,
    ].join('\n'),
  };
}

/** Tells the author that the moderation hid her report, and why. */
export function hiddenMail(ctx: AppContext, reportId: number, reason: string) {
  const base = publicBaseUrl(ctx.config);
  return {
    subject: `Ihr Hinweis Nr. ${reportId} wurde ausgeblendet`,
    text: [
      'Guten Tag,',
      '',
      `Ihr Hinweis Nr. ${reportId} ist nicht mehr öffentlich sichtbar. Die Moderation hat ihn ausgeblendet.`,
      '',
      `Grund: ${reason}`,
      '',
      'Mit Ihrem Löschcode sehen Sie den Hinweis und den Grund weiterhin und können ihn löschen:',
      `${base}/mitmachen/hinweis/${reportId}`,
    ].join('\n'),
  };
}
