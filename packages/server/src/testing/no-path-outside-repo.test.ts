// The ESLint rule repo/no-path-outside-repo (eslint-rules.js), run through the project's real
// eslint.config.js on small snippets placed at paths of this repository: imports, file-relative URLs,
// cwd-relative paths, absolute paths beside the checkout and comment paths that leave the repository
// are errors; paths inside it are not. The folder names are built at run time so that this file does
// not itself name a folder beside the checkout.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.js') });
const RULE = 'repo/no-path-outside-repo';

/** The messages of the rule for `code` placed at `file` (relative to the repository root). */
async function outside(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const up = (n: number) => '../'.repeat(n);
// a folder beside the checkout, the way the old data folder was reached
const SIBLING = ['sha', 'red'].join('');
const BESIDE = path.join(path.dirname(ROOT), SIBLING);
const OLD_DATA = ['', 'work', SIBLING, 'data', 'berlin'].join('/');

// the first lint loads the whole config and TypeScript parser: seconds on a busy machine (not a speed check)
describe('ESLint refuses paths that leave the repository', { timeout: 60_000 }, () => {
  it('an import specifier (also with a Vite query) that climbs out of the repository', async () => {
    const msgs = await outside(
      'packages/core/src/geo/fixture.ts',
      `import a from '${up(5)}${SIBLING}/data/berlin/geo/plr.geojson?raw';\n` +
        `import b from '${up(5)}${SIBLING}/x.ts';\n` +
        `export const c = await import('${up(5)}${SIBLING}/y.ts');\n` +
        `export { a, b };\n`,
    );
    expect(msgs).toHaveLength(3);
    expect(msgs[0]).toContain('points outside the repository');
    expect(msgs[0]).toContain('demo-data/README.md');
  });

  it('new URL(…, import.meta.url) and join(import.meta.dirname, …) out of the repository', async () => {
    const msgs = await outside(
      'packages/server/src/modules/imports/readers/geo/readers.test.ts',
      `import { join } from 'node:path';\n` +
        `export const a = new URL('${up(8)}${SIBLING}/data/berlin/', import.meta.url);\n` +
        `export const b = join(import.meta.dirname, '${up(8)}${SIBLING}/data/berlin/geo');\n` +
        `export const c = join(import.meta.dirname, '${up(7)}..', '${SIBLING}', 'geo');\n`,
    );
    expect(msgs).toHaveLength(3);
  });

  it('cwd-relative paths: path.resolve, readFileSync, template literals', async () => {
    const msgs = await outside(
      'packages/server/src/modules/demo/load.db.test.ts',
      `import path from 'node:path';\nimport { readFileSync } from 'node:fs';\n` +
        `export const a = path.resolve('../${SIBLING}/data/berlin');\n` +
        `export const b = path.resolve('..', '${SIBLING}', 'data');\n` +
        `export const c = readFileSync('../${SIBLING}/data/x.csv', 'utf8');\n` +
        'export const d = (f: string) => `../' +
        SIBLING +
        '/data/${f}`;\n',
    );
    expect(msgs).toHaveLength(4);
  });

  it('absolute paths beside the checkout and the old data folder', async () => {
    const msgs = await outside(
      'packages/web/scripts/shot.ts',
      `export const a = '${BESIDE}/data/berlin/geo';\n` +
        `export const b = 'file://${BESIDE}/x.csv';\n` +
        `export const c = '${OLD_DATA}/SOURCE.md';\n`,
    );
    expect(msgs).toHaveLength(3);
  });

  it('paths in comments', async () => {
    const msgs = await outside(
      'packages/core/src/monitoring/presets.ts',
      `// as described in ../${SIBLING}/data/berlin/SOURCE.md (step 1)\n` +
        `/* source: ${OLD_DATA}/SOURCE.md */\nexport const x = 1;\n`,
    );
    expect(msgs).toHaveLength(2);
  });

  it('accepts paths inside the repository and strings that are not files beside it', async () => {
    const msgs = await outside(
      'packages/core/src/tabular/berlin.test.ts',
      `import path, { join } from 'node:path';\n` +
        `import { readFileSync } from 'node:fs';\n` +
        `import { parseCsv } from '../tabular/csv-parser.ts';\n` +
        `// real data: demo-data/berlin (see demo-data/README.md, ../geo/berlin-fixture.ts)\n` +
        `export const a = new URL('${up(4)}demo-data/berlin/', import.meta.url);\n` +
        `export const b = path.resolve('demo-data/berlin/mss');\n` +
        `export const c = join(import.meta.dirname, '${up(4)}demo-data/berlin/geo');\n` +
        `export const d = readFileSync('/usr/bin/ogr2ogr');\n` +
        `export const e = (dir: string) => join(dir, '..', 'sibling.txt');\n` +
        `export const f = ['../', '..', '/api/areas', 'https://example.org/../x', parseCsv];\n`,
    );
    expect(msgs).toEqual([]);
  });
});
