// The `sozialraum` command line: serve, import, demo, migrate, bench.
import { loadConfig } from './config.ts';

const HELP = `Sozialraum – Befehle

  sozialraum serve                 App starten (PORT, DATABASE_URL, SOZIALRAUM_DATA_DIR)
  sozialraum import <Dateien…>     Daten importieren (Gebiete oder Tabellen); --help für Optionen
  sozialraum demo load             Berlin-Demo in eine leere Datenbank laden
  sozialraum migrate               Datenbank-Migrationen anwenden
  sozialraum prepare               leere eingebettete Datenbank als Vorlage anlegen (läuft bei
                                   npm install; spart beim ersten Start etwa 3 s)
  sozialraum bench                 Benchmarks ausführen (Ergebnis in docs/benchmarks.md eintragen)
  sozialraum admin create --email <Adresse> --name <Name>
                                   Administration anlegen (Einmal-Link zum Passwort setzen)
  sozialraum audit verify          Hash-Kette des Änderungsprotokolls prüfen
  sozialraum tenant create --id <id> --ags <AGS> --name <Name> [--parent <id>]
                                   weiteren Mandanten anlegen (Gemeinde eines Kreises)
`;

/**
 * `sozialraum prepare`, run as npm's postinstall: a failure must not fail the installation (the
 * first start then creates the database itself, only slower) — so it runs before the configuration
 * is read and never returns an error code.
 */
async function prepare(): Promise<number> {
  try {
    const { prepareClusterTemplate, clusterTemplatePath } =
      await import('./db/cluster-template.ts');
    const done = await prepareClusterTemplate();
    console.log(
      done === 'written'
        ? `Vorlage der eingebetteten Datenbank angelegt: ${clusterTemplatePath()}`
        : 'Vorlage der eingebetteten Datenbank ist vorhanden.',
    );
    // the same cluster with the migrations of this checkout applied (ADR 0053)
    const { prepareMigratedTemplate, migratedTemplatePath } =
      await import('./db/migrated-template.ts');
    if ((await prepareMigratedTemplate()) === 'written')
      console.log(`Vorlage mit den Migrationen angelegt: ${migratedTemplatePath()}`);
  } catch (err) {
    console.warn(
      `Vorlage der eingebetteten Datenbank nicht angelegt (${err instanceof Error ? err.message : String(err)}); ` +
        'der erste Start legt die Datenbank selbst an und dauert dann etwa 3 s länger.',
    );
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'prepare') return prepare();
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { startServer } = await import('./serve.ts');
      const running = await startServer(config);
      const stop = async () => {
        await running.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return -1; // keep running
    }
    case 'migrate': {
      const { openDb } = await import('./db/db.ts');
      const { migrate } = await import('./db/migrate.ts');
      const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const applied = await migrate(db);
      console.log(applied.length ? `Angewendet: ${applied.join(', ')}` : 'Datenbank ist aktuell.');
      await db.close();
      return 0;
    }
    case 'demo': {
      if (rest[0] !== 'load') break;
      const { openDb } = await import('./db/db.ts');
      const { migrate } = await import('./db/migrate.ts');
      const { hasData, loadBerlinDemo, berlinSecondPhasePending, loadBerlinSecondPhase } =
        await import('./seed/berlin/index.ts');
      const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrate(db);
      // a first start that ended during the demo's second phase (ADR 0053): finish it
      if (await berlinSecondPhasePending(db, 'berlin')) {
        await loadBerlinSecondPhase(db, 'berlin', console.log);
        await db.close();
        return 0;
      }
      if (await hasData(db, 'berlin')) {
        console.error(
          'Die Datenbank enthält bereits Daten für Berlin; die Demo wird nur in eine leere Datenbank geladen.',
        );
        await db.close();
        return 1;
      }
      await loadBerlinDemo(db, console.log);
      await db.close();
      return 0;
    }
    case 'import': {
      const { runImportCli } = await import('./modules/imports/cli.ts');
      return runImportCli(rest, config);
    }
    case 'admin': {
      const { runAdminCli } = await import('./modules/access/cli.ts');
      return runAdminCli(rest, config);
    }
    case 'tenant': {
      const { runTenantCli } = await import('./modules/access/cli.ts');
      return runTenantCli(rest, config);
    }
    case 'audit': {
      const { runAuditCli } = await import('./modules/access/cli.ts');
      return runAuditCli(rest, config);
    }
    case 'bench': {
      const { runBenchmarks } = await import('../../../bench/run.ts');
      return runBenchmarks(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
  }
  console.error(`Unbekannter Befehl: ${argv.join(' ')}\n\n${HELP}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    if (process.env.SOZIALRAUM_DEBUG) console.error(err);
    process.exit(1);
  },
);
