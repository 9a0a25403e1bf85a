// A fresh, migrated database for one test file, on the engine the vitest project names.
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDb, type Db } from '../db/db.ts';

export const TEMPLATE_DB = 'sozialraum_test_template';

/** The URL of another database on the same server as url. */
export function adminUrl(url: string, database = 'postgres'): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Opens a new empty, migrated database; close() removes it again. */
export async function createTestDb(): Promise<Db> {
  const engine = process.env.SOZIALRAUM_TEST_ENGINE ?? 'pglite';
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `sozialraum_test_${randomBytes(6).toString('hex')}`;
    const admin = await openDb({ databaseUrl: adminUrl(url) });
    await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    await admin.close();
    const db = await openDb({ databaseUrl: adminUrl(url, name) });
    const close = db.close;
    return Object.assign(db, {
      async close() {
        await close();
        const a = await openDb({ databaseUrl: adminUrl(url) });
        await a.exec(`DROP DATABASE IF EXISTS ${name}`);
        await a.close();
      },
    });
  }
  const template = inject('pgliteTemplate');
  const blob = new Blob([await readFile(template)]);
  return openDb({ loadDataDir: blob });
}
