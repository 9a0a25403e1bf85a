import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { clientConfigSchema, healthSchema } from '@sozialraum/contracts/health';
import type { AppContext } from '../../app-context.ts';
import { REPO_ROOT } from '../../config.ts';
import { defineRoute } from '../../http/route.ts';
import { pingDatabase } from './store.ts';

function readVersion(): string {
  try {
    return (
      (
        JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
          version?: string;
        }
      ).version ?? '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}

/** GET /api/health (answers only after the database answered a query) and GET /api/config. */
export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const version = readVersion();
  defineRoute(app, {
    method: 'GET',
    url: '/api/health',
    operationId: 'getHealth',
    summary: 'Betriebszustand: Datenbank erreichbar, Version, Mandant',
    tags: ['Betrieb'],
    permission: 'none',
    response: healthSchema,
    handler: async ({ auth }) => {
      await pingDatabase(ctx.db);
      return { status: 'ok' as const, engine: ctx.db.engine, version, tenant: auth.tenantId };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/config',
    operationId: 'getClientConfig',
    summary: 'Einstellungen für die Weboberfläche (Hintergrundkarte)',
    tags: ['Betrieb'],
    permission: 'none',
    response: clientConfigSchema,
    handler: () => ({ basemapStyleUrl: ctx.config.basemapStyleUrl ?? null }),
  });
}
