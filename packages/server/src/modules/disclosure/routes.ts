// The tenant's disclosure thresholds: readable by everyone (the public should know what is withheld
// and why), changed by Sozialplanung/administration with 'disclosure.configure', audited.
import type { FastifyInstance } from 'fastify';
import {
  disclosureSettingsPatchSchema,
  disclosureSettingsSchema,
} from '@sozialraum/contracts/disclosure';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor, diffRecords, writeAudit } from '../audit/index.ts';
import { invalidateCatalogueCache } from '../indicators/index.ts';
import { clearIndexCache } from '../monitoring/index.ts';
import { getDisclosureSettings, setDisclosureSettings } from './service.ts';

export function registerDisclosureRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['Geheimhaltung'];
  defineRoute(app, {
    method: 'GET',
    url: '/api/disclosure/settings',
    operationId: 'getDisclosureSettings',
    summary: 'Schwellen der Geheimhaltung: Mindestfallzahl, Mindesteinwohnerzahl für Indizes',
    tags,
    permission: 'indicators.read',
    response: disclosureSettingsSchema,
    handler: ({ auth }) => getDisclosureSettings(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/disclosure/settings',
    operationId: 'updateDisclosureSettings',
    summary: 'Schwellen der Geheimhaltung ändern (wirkt sofort auf alle öffentlichen Ausgaben)',
    tags,
    permission: 'disclosure.configure',
    body: disclosureSettingsPatchSchema,
    response: disclosureSettingsSchema,
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
