// The ESLint rule repo/module-doors (eslint-rules.js, ADR 0028), run through the project's real
// eslint.config.js on small snippets placed at paths of this repository: a module reaches another
// module only through its index.ts, in any module folder (also one that does not exist yet), and so
// does the rest of the server; a module's own files may import each other.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.js') });
const RULE = 'repo/module-doors';
const MODULES = 'packages/server/src/modules';

/** The messages of the rule for `code` placed at `file` (relative to the repository root). */
async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('ESLint keeps modules behind their index.ts', () => {
  // the first lint loads the config and typescript-eslint (seconds on a busy machine)
  beforeAll(() => eslint.lintText('', { filePath: path.join(ROOT, MODULES, 'x.ts') }), 60_000);

  it("refuses imports, re-exports, type imports and import() of another module's inner files", async () => {
    const msgs = await refusals(
      `${MODULES}/alerts/service.ts`,
      `import { writeAudit } from '../audit/chain.ts';\n` +
        `import type { Principal } from '../access/principal.ts';\n` +
        `export { getChanges } from '../monitoring/service.ts';\n` +
        `export * from '../imports/readers/errors.ts';\n` +
        `export const m = await import('../ingest/store.ts');\n` +
        `export type P = Principal;\n` +
        `export { writeAudit };\n`,
    );
    expect(msgs).toHaveLength(5);
    expect(msgs[0]).toBe(
      "'../audit/chain.ts' reaches into the module 'audit' (chain.ts): import its door 'audit/index.ts' instead",
    );
    expect(msgs[3]).toContain('(readers/errors.ts)');
  });

  it('allows the door, its own files and files outside the modules', async () => {
    const msgs = await refusals(
      `${MODULES}/alerts/service.ts`,
      `import { writeAudit } from '../audit/index.ts';\n` +
        `import { listAlerts } from './store.ts';\n` +
        `import { HttpError } from '../../http/errors.ts';\n` +
        `import { z } from 'zod';\n` +
        `export { writeAudit, listAlerts, HttpError, z };\n`,
    );
    expect(msgs).toEqual([]);
  });

  it('holds for any module folder, also new ones, and for tests of another module', async () => {
    const intoNew = await refusals(
      `${MODULES}/alerts/routes.ts`,
      `import { x } from '../participation/service.ts';\nexport { x };\n`,
    );
    const fromNew = await refusals(
      `${MODULES}/directory/nested/service.ts`,
      `import { y } from '../../access/store.ts';\nimport { z } from '../store.ts';\nexport { y, z };\n`,
    );
    const fromTest = await refusals(
      `${MODULES}/points/rejoin.db.test.ts`,
      `import { ensureTenant } from '../ingest/store.ts';\nexport { ensureTenant };\n`,
    );
    expect(intoNew).toHaveLength(1);
    expect(intoNew[0]).toContain("door 'participation/index.ts'");
    expect(fromNew).toHaveLength(1);
    expect(fromNew[0]).toContain("module 'access' (store.ts)");
    expect(fromTest).toHaveLength(1);
  });

  it('holds for the rest of the server (app, testing, http)', async () => {
    const msgs = await refusals(
      'packages/server/src/app.ts',
      `import { registerOgcRoutes } from './modules/ogc/routes.ts';\n` +
        `import { registerAlertRoutes } from './modules/alerts/index.ts';\n` +
        `export { registerOgcRoutes, registerAlertRoutes };\n`,
    );
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain("module 'ogc' (routes.ts)");
  });

  it('allows only its two documented exceptions: the permission catalogue and the cli files', async () => {
    const catalogue = await refusals(
      `${MODULES}/access/permissions.ts`,
      `import { permissions as a } from '../alerts/permissions.ts';\n` +
        `import { permissions as b } from '../points/policy.ts';\n` +
        `import { listAlerts } from '../alerts/store.ts';\n` +
        `export { a, b, listAlerts };\n`,
    );
    const elsewhere = await refusals(
      `${MODULES}/access/service.ts`,
      `import { permissions } from '../points/policy.ts';\nexport { permissions };\n`,
    );
    const cli = await refusals(
      'packages/server/src/cli.ts',
      `export const a = await import('./modules/access/cli.ts');\n` +
        `export const b = await import('./modules/access/service.ts');\n`,
    );
    expect(catalogue).toHaveLength(1);
    expect(catalogue[0]).toContain('(store.ts)');
    expect(elsewhere).toHaveLength(1);
    expect(cli).toHaveLength(1);
    expect(cli[0]).toContain('(service.ts)');
  });
});
