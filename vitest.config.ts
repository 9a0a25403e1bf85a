// Three test sizes (docs/engineering.md): unit (*.test.ts, pure), db (*.db.test.ts, on PGlite and — when
// TEST_DATABASE_URL is set — again on a PostgreSQL server), e2e (e2e/*.e2e.test.ts, real Chromium).
import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

const pgUrl = process.env.TEST_DATABASE_URL;

// Projects run one after the other (sequence.groupOrder): unit, PGlite, PostgreSQL, e2e. Vitest needs
// distinct group orders for projects with different maxWorkers, and it keeps the 2-core machine calm.
// Each engine has two projects: most files share one module graph per worker (isolate: false), and
// the files that measure the process's own memory run each in a fresh process — in a shared one, an
// earlier file's peak RSS hides their growth (maxRSS) or its garbage inflates it (ADR 0050).
const OWN_PROCESS = [
  'packages/server/src/modules/imports/fuzz.db.test.ts',
  'packages/server/src/modules/imports/file-input.db.test.ts',
  'packages/server/src/modules/imports/large-file.db.test.ts',
];

const dbProject = (
  engine: 'pglite' | 'postgres',
  ownProcess: boolean,
): TestProjectInlineConfiguration => ({
  test: {
    name: ownProcess ? `db-${engine}-own-process` : `db-${engine}`,
    sequence: { groupOrder: engine === 'pglite' ? 1 : 2 },
    include: ownProcess ? OWN_PROCESS : ['packages/**/*.db.test.ts'],
    exclude: ownProcess ? [] : [...OWN_PROCESS, '**/node_modules/**'],
    env: { SOZIALRAUM_TEST_ENGINE: engine },
    globalSetup: ['packages/server/src/testing/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PGlite takes ~800 MB per instance; two workers fit the 2-core machine.
    maxWorkers: 2,
    // Each worker imports the server once, not once per file (~4.5 s per file under Vitest's module
    // runner; CI time). Safe because every test file makes its own database and app, and module
    // caches are keyed by the database object (ADR 0050).
    isolate: ownProcess,
  },
});

const dbProjects = (engine: 'pglite' | 'postgres') => [
  dbProject(engine, false),
  dbProject(engine, true),
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/**/*.test.ts', 'packages/**/*.test.tsx'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
        },
      },
      ...dbProjects('pglite'),
      ...(pgUrl ? dbProjects('postgres') : []),
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 3 },
          include: ['e2e/**/*.e2e.test.ts'],
          // one server (fresh data dir, Berlin demo) for all journeys; skips without Chromium/GDAL
          globalSetup: ['e2e/global-setup.ts'],
          // the server starts in the background; each file first waits until it is ready (ADR 0056)
          setupFiles: ['e2e/server-ready.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // one worker process for all journeys, one after the other: Vitest and playwright-core are
          // loaded once, not once per file; each file still opens its own contexts (ADR 0056)
          isolate: false,
        },
      },
    ],
  },
});
