// The HTTP application: error shape, security headers, compression, every module's routes, the
// OpenAPI document generated from them, and the web app at /. main.ts listens; tests inject.
import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.ts';
import { frameworkError, registerErrorHandler } from './http/errors.ts';
import { buildOpenApiDocument, getOpenApiRegistry, trackRoutes } from './http/openapi.ts';
import { guardSlowBodies, requestTimeoutMs, type BodyPace } from './http/slow-body.ts';
import { registerSecurityHeaders, registerWebApp } from './http/web-app.ts';
import {
  AccessControl,
  registerOidcRoutes,
  registerAccessRoutes,
  syncAccessData,
} from './modules/access/index.ts';
import { registerAlertRoutes } from './modules/alerts/index.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { registerConferenceRoutes, registerOparlRoutes } from './modules/conferences/index.ts';
import {
  registerDirectoryRoutes,
  registerHsdsImportRoutes,
  registerHsdsRoutes,
} from './modules/directory/index.ts';
import { registerEffectRoutes } from './modules/effect/index.ts';
import { registerFundingRoutes } from './modules/funding/index.ts';
import { registerDisclosureRoutes } from './modules/disclosure/index.ts';
import { getMapGeometry, listAreaSystems, registerAreaRoutes } from './modules/areas/index.ts';
import { registerHealthRoutes } from './modules/health/index.ts';
import { registerImportRoutes } from './modules/imports/index.ts';
import { JobRunner, registerJobRoutes } from './modules/jobs/index.ts';
import { registerMailRoutes } from './modules/mail/index.ts';
import {
  getTenantCatalogue,
  invalidateCatalogueCache,
  registerIndicatorRoutes,
} from './modules/indicators/index.ts';
import { registerMonitoringRoutes } from './modules/monitoring/index.ts';
import { registerOgcRoutes } from './modules/ogc/index.ts';
import { registerPointImportRoutes, registerPointRoutes } from './modules/points/index.ts';
import {
  registerParticipationPhotoRoutes,
  registerParticipationRoutes,
} from './modules/participation/index.ts';
import { registerSurveyRoutes } from './modules/surveys/index.ts';
import { registerMeasureRoutes } from './modules/measures/index.ts';
import { registerNetworkRoutes } from './modules/network/index.ts';
import { registerSupplyRoutes } from './modules/supply/index.ts';
import { registerAssessmentRoutes } from './modules/assessments/index.ts';
import { registerSourceRoutes } from './modules/sources/index.ts';
import { defineRoute } from './http/route.ts';
import { openApiDocumentSchema } from '@sozialraum/contracts/health';

export interface BuildAppOptions {
  /** Check every JSON response against its schema (tests turn this on; a violation is a 500). */
  validateResponses?: boolean;
  /** Fastify logger; default: warnings and errors (every 500 is logged with its cause). */
  logger?: boolean | { level: string };
  /** Fill the catalogue and map-geometry caches in the background once listening (default true). */
  warmCaches?: boolean;
  /** Slowest pace a request body may arrive at (tests shorten the window); see http/slow-body.ts. */
  bodyPace?: BodyPace;
}

// The coverage GROUP BY takes 1–3 s on the Berlin demo in PGlite (≈ 800,000 observations) and the
// geometry of a level ≈ 1 s: do it before the first visitor asks, not while they wait.
async function warmCaches(ctx: AppContext): Promise<void> {
  await getTenantCatalogue(ctx.db, ctx.tenantId);
  for (const system of await listAreaSystems(ctx.db, ctx.tenantId)) {
    for (const level of system.levels)
      await getMapGeometry(ctx.db, ctx.tenantId, system.id, level.id);
  }
}

/** Builds the Fastify app with all routes; call app.listen() or app.inject() on the result. */
export async function buildApp(
  ctx: AppContext,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const logger = options.logger ?? { level: process.env.LOG_LEVEL ?? 'warn' };
  const app = Fastify({
    // Structured logs with request ids; credentials never reach them.
    logger:
      typeof logger === 'object'
        ? {
            ...logger,
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-csrf-token"]',
              'res.headers["set-cookie"]',
            ],
          }
        : logger,
    trustProxy: ctx.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 10 * 1024 * 1024,
    frameworkErrors: frameworkError,
    // Receiving a request (headers + body) ends in time even for the largest upload at 1 Mbit/s;
    // a trickling body is cut much earlier by guardSlowBodies. No connectionTimeout (socket
    // inactivity): it would also cut answers that take minutes to compute (import analysis).
    requestTimeout: requestTimeoutMs(ctx.config.maxUploadBytes),
  });
  guardSlowBodies(app, options.bodyPace);
  trackRoutes(app);
  const registry = getOpenApiRegistry(app);
  registry.validateResponses = options.validateResponses ?? false;

  // Roles, permissions and default departments of every tenant follow the code (built-in roles).
  const tenants = await ctx.db.query<{ id: string }>('SELECT id FROM tenant ORDER BY id');
  for (const t of tenants) await ctx.db.transaction((tx) => syncAccessData(tx, t.id));
  app.decorate('sozialraumAccess', new AccessControl(ctx.db, ctx.tenantId));
  // Long and scheduled work runs as jobs (ADR 0025); closing the app interrupts what still runs.
  const jobs = new JobRunner(ctx.db, { log: (m) => app.log.warn(m) });
  app.decorate('sozialraumJobs', jobs);
  app.addHook('onClose', () => jobs.stop());

  registerErrorHandler(app);
  await registerSecurityHeaders(app, ctx.config);
  // GeoJSON of a whole level is several MB of text; gzip/brotli make it a fraction of that.
  await app.register(fastifyCompress, { global: true, threshold: 1024 });

  registerHealthRoutes(app, ctx);
  registerAccessRoutes(app, ctx);
  registerOidcRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerDisclosureRoutes(app, ctx);
  registerSourceRoutes(app, ctx, invalidateCatalogueCache);
  registerAreaRoutes(app, ctx);
  registerIndicatorRoutes(app, ctx);
  registerPointRoutes(app, ctx);
  registerDirectoryRoutes(app, ctx);
  registerHsdsRoutes(app, ctx);
  registerOgcRoutes(app, ctx);
  registerMonitoringRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
  registerJobRoutes(app, ctx);
  registerMailRoutes(app, ctx);
  registerParticipationRoutes(app, ctx);
  registerSurveyRoutes(app, ctx);
  registerMeasureRoutes(app, ctx);
  registerAssessmentRoutes(app, ctx);
  registerEffectRoutes(app, ctx);
  registerConferenceRoutes(app, ctx);
  registerOparlRoutes(app, ctx);
  registerNetworkRoutes(app, ctx);
  registerSupplyRoutes(app, ctx);
  await registerImportRoutes(app, ctx);
  registerPointImportRoutes(app, ctx); // needs the multipart parser registerImportRoutes adds
  registerFundingRoutes(app, ctx); // needs the multipart parser too
  registerParticipationPhotoRoutes(app, ctx); // needs the multipart parser too
  registerHsdsImportRoutes(app, ctx); // needs the multipart parser too

  let document: unknown;
  defineRoute(app, {
    method: 'GET',
    url: '/api/openapi.json',
    operationId: 'getOpenApi',
    summary: 'Diese API-Beschreibung (OpenAPI 3.1)',
    tags: ['Betrieb'],
    permission: 'none',
    response: openApiDocumentSchema,
    handler: () => {
      // Built on first request, when every module has registered its routes.
      document ??= buildOpenApiDocument(registry, {
        title: 'Sozialraum API',
        version: '1',
        description:
          'Lesender und schreibender Zugriff auf Gebiete, Indikatoren, Werte und Importe. Fehler: { error: { code, message, details? } }.',
      });
      return document as Record<string, unknown>;
    },
  });

  await registerWebApp(app, ctx.config);
  if (options.warmCaches ?? true) {
    app.addHook('onListen', async () => {
      const t0 = Date.now();
      warmCaches(ctx).then(
        () => app.log.info(`caches warmed in ${Date.now() - t0} ms`),
        (err: unknown) => app.log.warn({ err }, 'warming caches failed'),
      );
    });
  }
  return app;
}
