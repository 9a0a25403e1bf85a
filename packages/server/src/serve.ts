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
import { currentMigratedTemplate } from './db/migrated-template.ts';
import { sealAuditChain } from './modules/audit/index.ts';
import { newSecret, sha256 } from './modules/access/index.ts';
import {
  BERLIN_TENANT,
  berlinDemoJob,
  berlinSecondPhasePending,
  hasData,
  loadBerlinFirstPhase,
} from './seed/berlin/index.ts';
import { ensureTenant } from './modules/ingest/index.ts';

export interface Running {
  app: FastifyInstance;
  db: Db;
  url: string;
  /**
   * Settles when the Berlin demo is complete: at once when there is nothing to load, else when
   * its second phase (a job after listening, ADR 0053) has ended — rejected if it failed.
   */
  demoLoaded: Promise<void>;
  close(): Promise<void>;
}

/** Opens and prepares the database named by the configuration. */
export async function prepareDb(config: Config, log: (m: string) => void): Promise<Db> {
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    // a new data directory starts from the migrated template when it matches these migrations
    // (ADR 0053); migrate() below applies whatever is missing either way
    clusterTemplate: config.databaseUrl ? undefined : currentMigratedTemplate(),
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
      'Leere Datenbank: lade die Berlin-Demo – zuerst Gebiete, Katalog und die neuesten Einwohnerdaten ' +
        '(einmalig, etwa 5–10 Sekunden), den Rest nach dem Start im Hintergrund …',
    );
    await loadBerlinFirstPhase(db, log);
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

/**
 * The demo's second phase after listening (ADR 0053): the job recover() resumed, or a new one when
 * phase 1 is done and the last step is not (also after a job that failed or ran too often).
 */
async function continueDemo(
  app: FastifyInstance,
  db: Db,
  kind: ReturnType<typeof berlinDemoJob>,
): Promise<void> {
  const tenantId = BERLIN_TENANT.id;
  if (!(await berlinSecondPhasePending(db, tenantId))) return;
  const running = app.sozialraumJobs.runningOf(tenantId, kind.kind);
  if (running) return void (await running.done);
  const { done } = await app.sozialraumJobs.start(
    tenantId,
    kind,
    {},
    { startedBy: 'system', userId: null },
  );
  await done;
}

/** Starts the HTTP server; resolves once it listens. */
export async function startServer(
  config: Config,
  log: (m: string) => void = console.log,
): Promise<Running> {
  const t0 = Date.now();
  const db = await prepareDb(config, log);
  const app = await buildApp({ db, tenantId: config.tenantId, config });
  const demoJob = app.sozialraumJobs.define(berlinDemoJob(log));
  // jobs a previous process left running: resumed or marked failed (ADR 0025)
  await app.sozialraumJobs.recover();
  scheduleJobs(app, { db, tenantId: config.tenantId, config }, log);
  const url = await app.listen({ port: config.port, host: config.host });
  log(
    `Sozialraum läuft auf http://localhost:${(app.server.address() as { port: number }).port} (${db.engine}, bereit nach ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const demoLoaded = continueDemo(app, db, demoJob);
  // the job's record keeps the error too; a failed second phase never ends the server
  demoLoaded.catch((err: unknown) =>
    log(
      `Berlin-Demo: zweite Stufe abgebrochen: ${err instanceof Error ? err.message : String(err)}`,
    ),
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
    demoLoaded,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
