// Applies the plain SQL files of db/migrations in order, each in its own transaction, once.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../db/migrations/', import.meta.url));

/** Applies pending migrations; returns the versions applied now. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const files = (await readdir(dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = file.slice(0, 4);
    const sql = await readFile(path.join(dir, file), 'utf8');
    const done = await db.transaction(async (tx) => {
      // A server shared by several app instances: only one applies migrations at a time.
      if (db.engine === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(71021)');
      const rows = await tx.query('SELECT 1 FROM schema_migration WHERE version = $1', [version]);
      if (rows.length > 0) return false;
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migration (version) VALUES ($1)', [version]);
      return true;
    });
    if (done) applied.push(file);
  }
  return applied;
}
