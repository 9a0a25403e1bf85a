// Builds one migrated database per test run; each test file then starts from a copy of it
// (PGlite: a dumped data directory, 1.6 s instead of 3.7 s; PostgreSQL: CREATE DATABASE … TEMPLATE).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb, pgliteOf } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { TEMPLATE_DB, adminUrl } from './test-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const engine = project.config.env?.SOZIALRAUM_TEST_ENGINE ?? 'pglite';
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set for the db-postgres project');
    const admin = await openDb({ databaseUrl: adminUrl(url) });
    await admin.exec(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.exec(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.close();
    const tpl = await openDb({ databaseUrl: adminUrl(url, TEMPLATE_DB) });
    await migrate(tpl);
    await tpl.close();
    project.provide('pgliteTemplate', '');
    return;
  }
  const db = await openDb({});
  await migrate(db);
  const dump = await pgliteOf(db)!.dumpDataDir('gzip');
  await db.close();
  const dir = path.resolve('.pgtest');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `template-${process.pid}.tar.gz`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
}
