// Alert detection as a job (ADR 0025): the button (POST /api/alerts/detect) and the schedule
// (SOZIALRAUM_ALERT_SCHEDULE) run the same kind. Safe to repeat: detection is one transaction that
// never raises an alert twice, and each mail is claimed before delivery (mail.ts), so the schedule
// retries a failed run and a run cut off by a restart is run again.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { publicBaseUrl } from '../../config.ts';
import type { AuditActor } from '../audit/index.ts';
import { getTenantCatalogue, canReadIndicator } from '../indicators/index.ts';
import type { JobKind } from '../jobs/index.ts';
import type { MailSettings } from './mail.ts';
import { detectAlerts } from './service.ts';

type DetectResult = Awaited<ReturnType<typeof detectAlerts>>;

/** Where alert mails go, and who may read which indicator (the account of each address). */
export function alertMailSettings(
  app: FastifyInstance,
  ctx: AppContext,
  tenantId: string,
): MailSettings {
  return {
    smtpUrl: ctx.config.smtpUrl,
    from: ctx.config.mailFrom,
    baseUrl: publicBaseUrl(ctx.config),
    mayRead: async (email, indicatorId) => {
      const ind = (await getTenantCatalogue(ctx.db, tenantId)).byId.get(indicatorId);
      if (!ind) return true;
      return canReadIndicator(await app.sozialraumAccess.readerOf(tenantId, email), ind);
    },
  };
}

/**
 * The detection job. `actor` is the person (button) or undefined for the schedule ('system');
 * `retries`: the schedule retries, the button answers at once.
 */
export function alertDetectionJob(
  app: FastifyInstance,
  ctx: AppContext,
  options: { actor?: AuditActor | undefined; retries: number },
): JobKind<Record<string, never>, DetectResult> {
  return {
    kind: 'alerts.detect',
    resumable: true,
    retries: options.retries,
    retryable: () => true,
    run: async (job) => {
      job.progress({ phase: 'prüfen' });
      return detectAlerts(
        job.db,
        job.tenantId,
        options.actor ?? 'system',
        alertMailSettings(app, ctx, job.tenantId),
      );
    },
    outcome: (r) => ({
      summary: {
        raised: r.raised,
        heldBack: r.heldBack,
        existing: r.existing,
        rules: r.rules.length,
        mail: { mode: r.mail.mode, sent: r.mail.sent, failed: r.mail.failed },
      },
    }),
  };
}
