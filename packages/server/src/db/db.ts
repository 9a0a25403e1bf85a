// One SQL dialect, two engines: embedded PGlite or a PostgreSQL server (docs/adr/0001).
// This is the only place that knows which engine runs; everything above speaks plain SQL.
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';
import { isNewDataDir, readClusterTemplate } from './cluster-template.ts';

export type Row = Record<string, unknown>;

/** One value for copyRows: null is SQL NULL; numbers and strings are written as PostgreSQL text. */
export type CopyValue = string | number | boolean | null;

/** Something that runs SQL: the database itself or an open transaction. */
export interface Sql {
  /** Runs one parameterised statement ($1, $2, …) and returns its rows. */
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters. */
  exec(text: string): Promise<void>;
  /**
   * Bulk-loads rows into a table with COPY … FROM STDIN (text format), PostgreSQL's fastest way in
   * on both engines; returns the number of rows copied. Meant for a transaction's staging table.
   */
  copyRows(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly CopyValue[]>,
  ): Promise<number>;
  /**
   * Runs fn (inside a transaction) with row triggers — the per-row foreign-key checks among them —
   * switched off where that is safe, on PGlite: it serves one connection, so no other session can
   * delete a referenced row before commit, and it runs as superuser (session_replication_role is
   * superuser-only). On PostgreSQL fn runs with every check in place: other connections may change
   * the referenced rows meanwhile, and the app's role need not be superuser. The caller checks the
   * references of what fn writes itself (set-based); fn must only write tables without triggers
   * of their own, which would be skipped too.
   */
  withoutRowTriggers<T>(fn: () => Promise<T>): Promise<T>;
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
  /**
   * PGlite only: the empty-cluster template a new data directory starts from (default: the one
   * prepared at npm install, cluster-template.ts); false = let PGlite run initdb.
   */
  clusterTemplate?: string | false | undefined;
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
  return openPglite(options.dataDir, options.loadDataDir, options.clusterTemplate);
}

const LOCK_FILE = 'sozialraum.lock';

/**
 * The embedded database belongs to one process at a time: two processes writing the same data
 * directory overwrite each other's changes. A lock file with the owner's PID keeps a second one
 * out (a stale lock of a process that no longer runs is taken over).
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
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

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The COPY statement for table (columns); names are ours, never user input — checked anyway. */
function copyStatement(table: string, columns: readonly string[], from: string): string {
  for (const name of [table, ...columns])
    if (!IDENTIFIER.test(name)) throw new Error(`copyRows: unzulässiger Name ${name}`);
  return `COPY ${table} (${columns.join(', ')}) FROM ${from}`;
}

// COPY text format: backslash, newline, carriage return and tab are escaped with a backslash; \N
// is NULL (PostgreSQL docs, COPY, "Text Format").
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function copyField(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v); // NaN, Infinity, -Infinity are float8 input as well
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return COPY_SPECIAL.test(v) ? v.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : v;
}

/**
 * Rows as COPY text in chunks of about 1 MB (one big string would be copied again and again). Lines
 * are joined once per chunk: appending each line to a growing string built a rope of millions of
 * pieces that was flattened at the end (about 3× the time for the demo's 800,000 rows, ADR 0048).
 */
export function encodeCopyText(rows: Iterable<readonly CopyValue[]>): {
  chunks: string[];
  count: number;
} {
  const chunks: string[] = [];
  let lines: string[] = [];
  let size = 0;
  let count = 0;
  for (const row of rows) {
    let line = row.length > 0 ? copyField(row[0] ?? null) : '';
    for (let i = 1; i < row.length; i++) line += '\t' + copyField(row[i] ?? null);
    lines.push(line);
    size += line.length + 1;
    count++;
    if (size > 1 << 20) {
      chunks.push(lines.join('\n') + '\n');
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) chunks.push(lines.join('\n') + '\n');
  return { chunks, count };
}

const PGLITE_PARSERS = {
  [pgliteTypes.DATE]: (v: string) => v,
  [pgliteTypes.INT8]: (v: string) => Number(v),
  [pgliteTypes.NUMERIC]: (v: string) => Number(v),
};

async function startPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | File | undefined,
): Promise<PGlite> {
  // Options object form: PGlite 0.5.16 ignores the options of new PGlite(undefined, options) (measured).
  const db = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    parsers: PGLITE_PARSERS,
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  await db.waitReady;
  return db;
}

/**
 * A new data directory starts from the empty cluster prepared at npm install (cluster-template.ts);
 * without one, or if it cannot be read, PGlite runs initdb itself. Never touches an existing cluster.
 */
async function startPgliteInDir(
  dataDir: string,
  templateFile: string | false | undefined,
): Promise<PGlite> {
  const template =
    templateFile !== false && isNewDataDir(dataDir) ? readClusterTemplate(templateFile) : undefined;
  if (!template) return startPglite(dataDir, undefined);
  try {
    return await startPglite(dataDir, template);
  } catch {
    // a damaged template: clear what it left in the (new) directory and create the cluster anew
    for (const name of readdirSync(dataDir))
      if (name !== LOCK_FILE) rmSync(path.join(dataDir, name), { recursive: true, force: true });
    return startPglite(dataDir, undefined);
  }
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir?: Blob | File,
  templateFile?: string | false,
): Promise<Db> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let db: PGlite;
  try {
    db =
      dataDir && !loadDataDir
        ? await startPgliteInDir(dataDir, templateFile)
        : await startPglite(dataDir, loadDataDir);
  } catch (err) {
    unlock();
    throw err;
  }
  // session_replication_role needs a superuser; PGlite's default user is one, but check, not assume
  const superuser =
    (await db.query<{ s: string }>("SELECT current_setting('is_superuser') AS s")).rows[0]?.s ===
    'on';
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      const r = await q.query<T>(text, params as unknown[] | undefined);
      return r.rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
    async copyRows(table, columns, rows) {
      const { chunks, count } = encodeCopyText(rows);
      if (count === 0) return 0;
      // PGlite reads COPY FROM '/dev/blob' from the query's blob option (pglite.dev/docs/api, "blob")
      await q.query(copyStatement(table, columns, "'/dev/blob'"), [], {
        blob: new Blob(chunks),
      });
      return count;
    },
    async withoutRowTriggers<T>(fn: () => Promise<T>) {
      if (!superuser) return fn();
      await q.exec('SET LOCAL session_replication_role = replica');
      const result = await fn();
      // on failure the transaction is aborted and its rollback undoes the SET LOCAL
      await q.exec('SET LOCAL session_replication_role = origin');
      return result;
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
    async copyRows(table, columns, rows) {
      const { chunks, count } = encodeCopyText(rows);
      if (count === 0) return 0;
      const statement = copyStatement(table, columns, 'STDIN');
      if (q instanceof pg.Pool) {
        const client = await q.connect();
        try {
          return await copyIn(client, statement, chunks);
        } finally {
          client.release();
        }
      }
      return copyIn(q, statement, chunks);
    },
    // other connections may delete referenced rows meanwhile: every check stays on (see Sql)
    withoutRowTriggers: <T>(fn: () => Promise<T>) => fn(),
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

/** What COPY FROM STDIN needs of pg's connection (pg 8, lib/connection.js). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * COPY … FROM STDIN over node-postgres without another dependency: a query object in pg's
 * "submittable" form, driven by the same client hooks pg-copy-streams uses (pg 8, lib/client.js:
 * submit, handleCopyInResponse, handleCommandComplete, handleReadyForQuery, handleError). The rows
 * are already in memory, so they are sent at once; the server answers with "COPY n" or an error.
 */
function copyIn(client: pg.PoolClient, statement: string, chunks: readonly string[]) {
  return new Promise<number>((resolve, reject) => {
    let copied = 0;
    let settled = false;
    const done = (err: Error | null) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(copied);
    };
    const submittable = {
      submit(connection: CopyConnection) {
        connection.query(statement);
      },
      handleCopyInResponse(connection: CopyConnection) {
        for (const chunk of chunks) connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        connection.endCopyFrom();
      },
      handleCommandComplete(msg: { text?: string }) {
        copied = Number(/^COPY (\d+)/.exec(msg.text ?? '')?.[1] ?? 0);
      },
      handleReadyForQuery() {
        done(null);
      },
      handleError(err: Error) {
        // after an ErrorResponse the client forgets this query: ReadyForQuery never reaches it
        done(err);
      },
      // messages a COPY FROM never gets; the client may still call the hooks
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    client.query(submittable as unknown as pg.Submittable);
  });
}

/** The PGlite instance behind a Db, for dumping a data directory in tests; undefined for PostgreSQL. */
export function pgliteOf(db: Db): PGlite | undefined {
  return (db as unknown as { pglite?: PGlite }).pglite;
}
