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

/** The job kind of the Berlin demo's second phase (seed/berlin/two-phase.ts: DEMO_KIND). */
const DEMO_JOB_KIND = 'seed.berlin';

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
      // the demo's second phase runs as a job after the first start (ADR 0053); from memory
      const demo = app.sozialraumJobs.runningOf(auth.tenantId, DEMO_JOB_KIND);
      const demoLoading = demo
        ? { percent: Math.min(100, Math.max(0, Number(demo.progress?.percent ?? 0))) }
        : null;
      return {
        status: 'ok' as const,
        engine: ctx.db.engine,
        version,
        tenant: auth.tenantId,
        demoLoading,
      };
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
