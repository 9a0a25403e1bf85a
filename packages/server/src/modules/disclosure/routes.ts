// The tenant's disclosure thresholds: readable by everyone (the public should know what is withheld
// and why), changed by Sozialplanung/administration with 'disclosure.configure', audited.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor, diffRecords, writeAudit } from '../audit/chain.ts';
import { invalidateCatalogueCache } from '../indicators/service.ts';
import { clearIndexCache } from '../monitoring/service.ts';
import { getDisclosureSettings, setDisclosureSettings } from './service.ts';

const settingsSchema = z.object({
  minCount: z.number().int().min(1).max(100),
  minPopulationIndex: z.number().int().min(0).max(100_000),
  enabled: z.boolean(),
});

export function registerDisclosureRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['Geheimhaltung'];
  defineRoute(app, {
    method: 'GET',
    url: '/api/disclosure/settings',
    operationId: 'getDisclosureSettings',
    summary: 'Schwellen der Geheimhaltung: Mindestfallzahl, Mindesteinwohnerzahl für Indizes',
    tags,
    permission: 'indicators.read',
    response: settingsSchema,
    handler: ({ auth }) => getDisclosureSettings(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/disclosure/settings',
    operationId: 'updateDisclosureSettings',
    summary: 'Schwellen der Geheimhaltung ändern (wirkt sofort auf alle öffentlichen Ausgaben)',
    tags,
    permission: 'disclosure.configure',
    body: settingsSchema.partial(),
    response: settingsSchema,
    handler: async ({ auth, body, request }) => {
      const next = await ctx.db.transaction(async (tx) => {
        const before = await getDisclosureSettings(tx, auth.tenantId);
        const after = await setDisclosureSettings(tx, auth.tenantId, body);
        await writeAudit(tx, auth.tenantId, {
          actor: auditActor(auth, request, 'disclosure.configure'),
          action: 'disclosure.settings_updated',
          entity: 'disclosure_setting',
          entityId: auth.tenantId,
          detail: diffRecords({ ...before }, { ...after }),
        });
        return after;
      });
      invalidateCatalogueCache();
      clearIndexCache();
      return next;
    },
  });
}
