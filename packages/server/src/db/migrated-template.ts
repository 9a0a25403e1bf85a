// The migrated PGlite cluster (ADR 0053, beside ADR 0027's empty one): prepared at npm install, it
// holds the schema of the migrations as they were then. A new data directory starts from it when
// it matches the migrations of this checkout (a hash over their names and contents in the file
// name) — the first start saves applying ~40 migrations (~1–2 s of CPU). migrate() still runs at
// every start and applies what is missing; a checkout whose migrations differ uses the empty
// template instead, as before.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { clusterTemplatePath, readClusterTemplate } from './cluster-template.ts';
import { openDb, pgliteOf } from './db.ts';
import { MIGRATIONS_DIR, migrate } from './migrate.ts';

/** A short hash over the migration files' names and contents, in their order. */
export function migrationsHash(dir = MIGRATIONS_DIR): string {
  const h = createHash('sha256');
  for (const file of readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()) {
    h.update(file)
      .update('\0')
      .update(readFileSync(path.join(dir, file)))
      .update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Where the migrated template of the installed PGlite and these migrations lives. */
export function migratedTemplatePath(dir = MIGRATIONS_DIR): string {
  return clusterTemplatePath().replace(
    /-empty-cluster\.tar$/,
    `-migrated-${migrationsHash(dir)}.tar`,
  );
}

/** The migrated template when one matches this checkout's migrations, else undefined. */
export function currentMigratedTemplate(dir = MIGRATIONS_DIR): string | undefined {
  const file = migratedTemplatePath(dir);
  return existsSync(file) ? file : undefined;
}

/**
 * Writes the migrated template unless it exists: the empty template (or initdb) in memory, every
 * migration applied, its data directory as an uncompressed tar, written under a temporary name and
 * renamed. Migrated templates of other migrations are removed (each is ~40 MB).
 */
export async function prepareMigratedTemplate(
  file = migratedTemplatePath(),
  dir = MIGRATIONS_DIR,
): Promise<'exists' | 'written'> {
  if (existsSync(file)) return 'exists';
  const empty = readClusterTemplate();
  const db = await openDb(empty ? { loadDataDir: empty } : {});
  try {
    await migrate(db, dir);
    const tar = await pgliteOf(db)!.dumpDataDir('none');
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await tar.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await db.close();
  }
  const prefix = path.basename(file).replace(/-migrated-[0-9a-f]+\.tar$/, '-migrated-');
  for (const other of readdirSync(path.dirname(file)))
    if (other.startsWith(prefix) && other.endsWith('.tar') && other !== path.basename(file))
      rmSync(path.join(path.dirname(file), other), { force: true });
  return 'written';
}
