// One SQL dialect, two engines: embedded PGlite or a PostgreSQL server (docs/adr/0001).
// This is the only place that knows which engine runs; everything above speaks plain SQL.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

/** Something that runs SQL: the database itself or an open transaction. */
export interface Sql {
  /** Runs one parameterised statement ($1, $2, …) and returns its rows. */
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters. */
  exec(text: string): Promise<void>;
}

export interface Db extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn in one transaction: all of it commits, or nothing does. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** postgres://… — when set, a PostgreSQL server is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined = in memory. */
  dataDir?: string | undefined;
  /** PGlite only: start from a dumped data directory (tests). */
  loadDataDir?: Blob | File | undefined;
}

// Both engines return the same JS types: date as 'YYYY-MM-DD' text (never a local-time Date),
// int8 and numeric as numbers (our counts stay far below 2^53).
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));

/** Opens the database named by the options (PostgreSQL server if a URL is given, else PGlite). */
export async function openDb(options: OpenDbOptions = {}): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir, options.loadDataDir);
}

/**
 * The embedded database belongs to one process at a time: two processes writing the same data
 * directory overwrite each other's changes. A lock file with the owner's PID keeps a second one
 * out (a stale lock of a process that no longer runs is taken over).
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'sozialraum.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      let alive = false;
      try {
        alive = Number.isInteger(pid) && pid > 0 && pid !== process.pid && process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (alive)
        throw new Error(
          `Die eingebettete Datenbank in ${dataDir} wird gerade von einem anderen Prozess benutzt ` +
            `(PID ${pid}, z. B. dem laufenden Server). Bitte den Server zuerst beenden – ` +
            `Personen und Importe lassen sich auch in der Weboberfläche anlegen.`,
        );
      unlinkSync(file); // stale: the process is gone
    }
  }
  throw new Error(`Sperrdatei ${file} konnte nicht angelegt werden.`);
}

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob | File): Promise<Db> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  const parsers = {
    [pgliteTypes.DATE]: (v: string) => v,
    [pgliteTypes.INT8]: (v: string) => Number(v),
    [pgliteTypes.NUMERIC]: (v: string) => Number(v),
  };
  // Options object form: PGlite 0.5.16 ignores the options of new PGlite(undefined, options) (measured).
  const db = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    parsers,
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  try {
    await db.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      const r = await q.query<T>(text, params as unknown[] | undefined);
      return r.rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  return {
    engine: 'pglite',
    ...wrap(db),
    transaction: <T>(fn: (tx: Sql) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
    // exposed for test cloning (dumpDataDir) without widening the interface
    ...({ pglite: db } as object),
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PGPOOL_MAX ?? 10) });
  // Fail fast with a clear message when the server is not reachable.
  const probe = await pool.connect();
  probe.release();
  const wrap = (q: pg.Pool | pg.PoolClient): Sql => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      const r = await q.query(text, params as unknown[] | undefined);
      return r.rows as T[];
    },
    async exec(text: string) {
      await q.query(text);
    },
  });
  return {
    engine: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: Sql) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The PGlite instance behind a Db, for dumping a data directory in tests; undefined for PostgreSQL. */
export function pgliteOf(db: Db): PGlite | undefined {
  return (db as unknown as { pglite?: PGlite }).pglite;
}
