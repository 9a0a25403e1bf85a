// Starts the app: open the database, migrate, load the demo into an empty database, listen.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.ts';
import { buildApp } from './app.ts';
import { alertDetectionJob } from './modules/alerts/index.ts';
import {
  CLEANUP_EVERY_MS,
  FileStore,
  fileCleanupJob,
  filePolicies,
} from './modules/files/index.ts';
import { publicBaseUrl, type Config } from './config.ts';
import { openDb, type Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { sealAuditChain } from './modules/audit/index.ts';
import { newSecret, sha256 } from './modules/access/index.ts';
import { hasData, loadBerlinDemo, BERLIN_TENANT } from './seed/berlin/index.ts';
import { ensureTenant } from './modules/ingest/index.ts';

export interface Running {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/** Opens and prepares the database named by the configuration. */
export async function prepareDb(config: Config, log: (m: string) => void): Promise<Db> {
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  const applied = await migrate(db);
  if (applied.length) log(`Migrationen angewendet: ${applied.join(', ')}`);
  // Entries from before the hash chain (migration 0006) are chained once, in their order.
  const sealed = await sealAuditChain(db);
  if (sealed) log(`Änderungsprotokoll: ${sealed} ältere Einträge in die Hash-Kette aufgenommen.`);
  if (
    config.loadDemo &&
    config.tenantId === BERLIN_TENANT.id &&
    !(await hasData(db, config.tenantId))
  ) {
    log(
      'Leere Datenbank: lade die Berlin-Demo (einmalig, dauert etwa 20–30 Sekunden, auf einem belegten Rechner länger) …',
    );
    await loadBerlinDemo(db, log);
  } else {
    await db.transaction((tx) =>
      ensureTenant(tx, config.tenantId, config.tenantAgs, config.tenantName),
    );
  }
  return db;
}

/** The scheduled jobs of a running server: file cleanup, alert detection (SOZIALRAUM_ALERT_SCHEDULE). */
function scheduleJobs(app: FastifyInstance, ctx: AppContext, log: (m: string) => void): void {
  // the files on disk belong to the installation: cleaned up as its own tenant's job
  const files = new FileStore(ctx.config.dataDir, filePolicies(ctx.config.maxUploadBytes));
  app.sozialraumJobs.schedule(fileCleanupJob(files), CLEANUP_EVERY_MS, {}, async () => [
    ctx.tenantId,
  ]);
  const minutes = ctx.config.alertScheduleMinutes;
  if (minutes === null) return;
  app.sozialraumJobs.schedule(alertDetectionJob(app, ctx, { retries: 2 }), minutes * 60_000, {});
  log(`Frühwarnung: geplante Prüfung alle ${minutes.toLocaleString('de-DE')} Minuten.`);
}

/** Starts the HTTP server; resolves once it listens. */
export async function startServer(
  config: Config,
  log: (m: string) => void = console.log,
): Promise<Running> {
  const t0 = Date.now();
  const db = await prepareDb(config, log);
  const app = await buildApp({ db, tenantId: config.tenantId, config });
  // jobs a previous process left running: resumed or marked failed (ADR 0025)
  await app.sozialraumJobs.recover();
  scheduleJobs(app, { db, tenantId: config.tenantId, config }, log);
  const url = await app.listen({ port: config.port, host: config.host });
  log(
    `Sozialraum läuft auf http://localhost:${(app.server.address() as { port: number }).port} (${db.engine}, bereit nach ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user')) as [
    { n: number },
  ];
  if (n === 0) {
    // No default password: a one-time link (in memory, until used or the next start) creates the
    // first administrator; `sozialraum admin create` does the same from the command line.
    const token = newSecret();
    app.sozialraumAccess.setupTokenHash = sha256(token);
    const port = (app.server.address() as { port: number }).port;
    const base = config.publicUrl ?? publicBaseUrl({ ...config, port });
    log(
      'Noch keine Anmeldung eingerichtet: die Daten sind öffentlich lesbar. Die erste Administration\n' +
        `richten Sie mit diesem Einmal-Link ein:\n  ${base}/einrichten#token=${token}`,
    );
  }
  return {
    app,
    db,
    url,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
