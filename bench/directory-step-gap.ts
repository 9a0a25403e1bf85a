// How long the Berlin demo's directory step (phase 2, ADR 0053/0062) holds the server's thread:
// PGlite runs SQL in the process's own thread, so a long statement stalls every timer and request.
// Loads the areas and the facility points into a new PGlite database, then runs the directory step
// in one transaction with a 1 ms ticker beside it and prints the step's time, the longest gap
// between two ticks and the longest single statement (a figure, no assertion).
//   node --import tsx bench/directory-step-gap.ts
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Sql } from '../packages/server/src/db/db.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import {
  ensureTenant,
  upsertAreaSystem,
  upsertSources,
} from '../packages/server/src/modules/ingest/index.ts';
import { loadDirectoryFromPoints } from '../packages/server/src/modules/directory/index.ts';
import { BERLIN_TENANT, berlinCatalogue } from '../packages/server/src/seed/berlin/index.ts';
import {
  DEMO_DIR,
  loadAreas,
  loadPointDataset,
} from '../packages/server/src/seed/berlin/load-berlin.ts';

const all: { ms: number; sql: string }[] = [];

/** The transaction with every statement timed (the longest is what a request waits behind). */
function timed(tx: Sql, longest: { ms: number; sql: string }): Sql {
  const time = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await run();
    } finally {
      const ms = performance.now() - t;
      if (ms > longest.ms)
        Object.assign(longest, { ms, sql: sql.replace(/\s+/g, ' ').slice(0, 70) });
      all.push({ ms: Math.round(ms), sql: sql.replace(/\s+/g, ' ').slice(0, 60) });
    }
  };
  return {
    query: (text, params) => time(text, () => tx.query(text, params)),
    exec: (text) => time(text, () => tx.exec(text)),
    copyRows: (table, columns, rows) =>
      time(`COPY ${table}`, () => tx.copyRows(table, columns, rows)),
    withoutRowTriggers: (fn) => tx.withoutRowTriggers(fn),
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'sozialraum-dirgap-'));
  const db = await openDb({ dataDir: work });
  const tenantId = BERLIN_TENANT.id;
  try {
    await migrate(db);
    await db.transaction(async (tx) => {
      await ensureTenant(tx, tenantId, BERLIN_TENANT.ags, BERLIN_TENANT.name);
      await upsertSources(tx, tenantId, berlinCatalogue().sources);
      for (const sys of berlinCatalogue().areaSystems) await upsertAreaSystem(tx, tenantId, sys);
      await loadAreas(tx, tenantId, DEMO_DIR, () => undefined);
      for (const ds of berlinCatalogue().pointDatasets)
        await loadPointDataset(tx, tenantId, DEMO_DIR, ds);
    });
    await db.exec('ANALYZE');
    let last = performance.now();
    let maxGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 1);
    const longest = { ms: 0, sql: '' };
    const t = performance.now();
    last = t;
    const stats = await db.transaction((tx) =>
      loadDirectoryFromPoints(timed(tx, longest), tenantId, 'geoportal-services'),
    );
    const stepMs = performance.now() - t;
    // the stretch since the last tick counts too (a step that never yields has no tick at all)
    maxGap = Math.max(maxGap, performance.now() - last);
    clearInterval(ticker);
    console.log(
      JSON.stringify({
        stepMs: Math.round(stepMs),
        maxTickerGapMs: Math.round(maxGap),
        longestStatementMs: Math.round(longest.ms),
        longestStatement: longest.sql,
        services: stats.services,
        locationAreas: stats.locationAreas,
      }),
    );
    if (process.argv.includes('--statements'))
      for (const st of all.sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log(st.ms, st.sql);
  } finally {
    await db.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
