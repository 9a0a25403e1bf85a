// The migrated template (migrated-template.ts, ADR 0053): written once with every migration, a new
// data directory started from it has the whole schema and migrate() finds nothing to apply; other
// migrations give another file name, so a stale template is never used. Runs on PGlite in both
// database projects (the template is PGlite's).
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from './db.ts';
import { MIGRATIONS_DIR, migrate } from './migrate.ts';
import { migrationsHash, prepareMigratedTemplate } from './migrated-template.ts';

let work: string;
let template: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sozialraum-migrated-'));
  mkdirSync(path.join(work, 'cache'));
  template = path.join(work, 'cache', `pglite-x-migrated-${migrationsHash()}.tar`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('migrated template', () => {
  it('is written once with every migration and removes templates of other migrations', async () => {
    const stale = path.join(work, 'cache', 'pglite-x-migrated-0123456789abcdef.tar');
    writeFileSync(stale, 'alt');
    expect(await prepareMigratedTemplate(template)).toBe('written');
    expect(readdirSync(path.join(work, 'cache'))).toEqual([path.basename(template)]);
    expect(await prepareMigratedTemplate(template)).toBe('exists');
  }, 120_000);

  it('starts a new data directory with the whole schema: migrate() finds nothing to apply', async () => {
    const db = await openDb({ dataDir: path.join(work, 'fresh'), clusterTemplate: template });
    try {
      expect(await migrate(db)).toEqual([]);
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM schema_migration',
      );
      const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f));
      expect(row?.n).toBe(files.length);
      expect(await db.query('SELECT 1 FROM job_step')).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('names a template after its migrations: one more or a changed file is another template', () => {
    const dir = path.join(work, 'migrations');
    mkdirSync(dir);
    for (const f of readdirSync(MIGRATIONS_DIR))
      copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    expect(migrationsHash(dir)).toBe(migrationsHash());
    writeFileSync(path.join(dir, '9999_later.sql'), 'SELECT 1;');
    expect(migrationsHash(dir)).not.toBe(migrationsHash());
    expect(existsSync(template)).toBe(true);
  });
});
