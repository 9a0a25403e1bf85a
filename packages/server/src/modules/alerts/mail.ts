// E-mail for alert subscriptions (issue 4, § 3): after detection has committed, every subscriber gets
// one German e-mail listing the new alerts that match their subscriptions (area, indicator, rule;
// unset = all). alert_mail (migration 0005) records each alert × subscription mailed; its primary key
// keeps a mail from ever going out twice. Without SMTP the alerts stay in the in-app feed only.
import type { Db } from '../../db/db.ts';
import { MailDeliveryError, Mailer, type MailTimeouts } from '../mail/index.ts';
import {
  claimAlertMail,
  listAlerts,
  markAlertMailsSent,
  releaseAlertMails,
  selectPendingAlertMails,
  type PendingAlertMail,
  type AlertItem,
} from './store.ts';

/** Where and how to send; smtpUrl unset = in-app only. */
export interface MailSettings {
  smtpUrl: string | undefined;
  from: string | undefined;
  /** Absolute origin for links in the mail, e.g. "http://localhost:8080". */
  baseUrl: string;
  /**
   * May the person with this address read alerts about this indicator? (Visibility of the
   * indicator for their account; addresses without an account see what the public sees.) Pairs
   * that fail stay unmailed. Unset: everything is mailed.
   */
  mayRead?: ((email: string, indicatorId: string) => Promise<boolean>) | undefined;
  /** SMTP timeouts (default: mail/transport.ts DEFAULT_TIMEOUTS). */
  timeouts?: MailTimeouts | undefined;
}

/** What the mail step did; part of the detect response. */
export interface MailReport {
  mode: 'smtp' | 'in-app';
  /** E-mails delivered to the SMTP server. */
  sent: number;
  /** Alert × subscription pairs recorded as mailed. */
  alertsMailed: number;
  /** E-mails the SMTP server did not accept (retried at the next detection run). */
  failed: number;
  message: string;
}

/** German subject: how many new alerts, and the area when there is only one. */
export function formatSubject(alerts: readonly AlertItem[]): string {
  const first = alerts[0];
  if (alerts.length === 1 && first)
    return `Sozialraum: neue Frühwarnung für ${first.area.name} (${first.ruleName})`;
  const areas = new Set(alerts.map((a) => a.area.id)).size;
  return `Sozialraum: ${alerts.length} neue Frühwarnungen in ${areas === 1 ? 'einem Gebiet' : `${areas} Gebieten`}`;
}

/** German plain-text body: one block per alert with its explanation and links to map and profile. */
export function formatBody(alerts: readonly AlertItem[], baseUrl: string): string {
  const lines = [
    'Guten Tag,',
    '',
    alerts.length === 1
      ? 'das Frühwarnsystem hat eine neue Frühwarnung ausgelöst, die zu Ihrem Abonnement passt:'
      : `das Frühwarnsystem hat ${alerts.length} neue Frühwarnungen ausgelöst, die zu Ihrem Abonnement passen:`,
    '',
  ];
  for (const a of alerts) {
    lines.push(
      `• ${a.area.name} (${a.area.code}) – ${a.ruleName}`,
      `  ${a.explanation}`,
      `  Stichtag ${a.refDate}, verglichen mit ${a.previousDate}.`,
      `  Karte: ${baseUrl}${a.links.map}`,
      `  Gebietsprofil: ${baseUrl}${a.links.profile}`,
      '',
    );
  }
  lines.push(
    `Alle Frühwarnungen: ${baseUrl}/hinweise`,
    '',
    'Diese Nachricht wurde automatisch verschickt, weil Sie Frühwarnungen abonniert haben.',
  );
  return lines.join('\n');
}

/**
 * Sends the pending alert e-mails, one per address (after the detection transaction has committed, so
 * a failing SMTP server never rolls back alerts). Each pair is claimed in alert_mail before delivery
 * and released when delivery fails, so nothing is mailed twice and failures are retried next time.
 */
export async function sendAlertMails(
  db: Db,
  tenantId: string,
  settings: MailSettings,
): Promise<MailReport> {
  if (!settings.smtpUrl)
    return {
      mode: 'in-app',
      sent: 0,
      alertsMailed: 0,
      failed: 0,
      message:
        'E-Mail-Versand ist nicht eingerichtet – die Administration kann ihn einrichten. Bis dahin erscheinen Frühwarnungen nur in der Anwendung.',
    };
  const pending = await selectPendingAlertMails(db, tenantId);
  const byEmail = new Map<string, PendingAlertMail[]>();
  const allowed = new Map<string, boolean>();
  for (const p of pending) {
    if (settings.mayRead && p.indicatorId !== null) {
      const k = `${p.email.trim().toLowerCase()}\u0000${p.indicatorId}`;
      let ok = allowed.get(k);
      if (ok === undefined) allowed.set(k, (ok = await settings.mayRead(p.email, p.indicatorId)));
      if (!ok) continue;
    }
    const key = p.email.trim().toLowerCase();
    byEmail.set(key, [...(byEmail.get(key) ?? []), p]);
  }
  // the one transport, with timeouts and the delivery log (modules/mail)
  const transport = new Mailer(settings.smtpUrl, settings.from, settings.timeouts);
  const report: MailReport = { mode: 'smtp', sent: 0, alertsMailed: 0, failed: 0, message: '' };
  const errors: string[] = [];
  try {
    for (const items of byEmail.values()) {
      const email = items[0]!.email.trim();
      // claim: whoever inserts the row sends it; a concurrent run gets nothing back for that pair
      const claimed = await db.transaction(async (tx) => {
        const got: PendingAlertMail[] = [];
        for (const p of items) {
          if (await claimAlertMail(tx, tenantId, p.alertId, p.subscriptionId)) got.push(p);
        }
        return got;
      });
      if (claimed.length === 0) continue;
      const alertIds = [...new Set(claimed.map((p) => p.alertId))];
      const alerts: AlertItem[] = [];
      for (const id of alertIds) alerts.push(...(await listAlerts(db, tenantId, { id })));
      try {
        await transport.send(db, tenantId, {
          purpose: 'alerts',
          to: email,
          subject: formatSubject(alerts),
          text: formatBody(alerts, settings.baseUrl),
        });
        await markAlertMailsSent(
          db,
          tenantId,
          claimed.map((p) => p.alertId),
          claimed.map((p) => p.subscriptionId),
        );
        report.sent++;
        report.alertsMailed += claimed.length;
      } catch (err) {
        // release the claim so the next detection run tries again
        await releaseAlertMails(
          db,
          tenantId,
          claimed.map((p) => p.alertId),
          claimed.map((p) => p.subscriptionId),
        );
        report.failed++;
        const reason =
          err instanceof MailDeliveryError
            ? err.reason
            : err instanceof Error
              ? err.message
              : String(err);
        errors.push(`${email}: ${reason}`);
      }
    }
  } finally {
    transport.close();
  }
  report.message =
    report.failed > 0
      ? `E-Mail-Versand fehlgeschlagen für ${report.failed} Empfänger (die Frühwarnungen sind gespeichert; nächster Versuch beim nächsten Prüflauf): ${errors.join('; ')}`
      : report.sent > 0
        ? `${report.sent} E-Mail(s) an Abonnenten verschickt (${report.alertsMailed} Frühwarnungs-Zuordnungen).`
        : 'Keine neuen Frühwarnungen für Abonnenten: keine E-Mail verschickt.';
  return report;
}
