// The empty-cluster template (cluster-template.ts): written once, used by new data directories only,
// and a damaged template never costs a start. The template is PGlite's: both database projects run
// this file on PGlite (the CI check wants every database test to run in both).
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNewDataDir, prepareClusterTemplate } from './cluster-template.ts';
import { openDb } from './db.ts';
import { migrate } from './migrate.ts';

let work: string;
let template: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sozialraum-template-'));
  template = path.join(work, 'cache', 'empty.tar');
  expect(await prepareClusterTemplate(template)).toBe('written');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('empty-cluster template', () => {
  it('is written once, complete (no partial file left), and kept on the next call', async () => {
    expect(statSync(template).size).toBeGreaterThan(10_000_000);
    expect(readdirSync(path.dirname(template))).toEqual(['empty.tar']);
    const before = statSync(template).mtimeMs;
    expect(await prepareClusterTemplate(template)).toBe('exists');
    expect(statSync(template).mtimeMs).toBe(before);
  });

  it('starts a new data directory from the template; the cluster works and persists', async () => {
    const dir = path.join(work, 'fresh');
    expect(isNewDataDir(dir)).toBe(true);
    const db = await openDb({ dataDir: dir, clusterTemplate: template });
    expect((await migrate(db)).length).toBeGreaterThan(0);
    await db.query("INSERT INTO tenant (id, ags, name) VALUES ('t', '11000000', 'T')");
    await db.close();
    expect(isNewDataDir(dir)).toBe(false);
    const again = await openDb({ dataDir: dir, clusterTemplate: template });
    expect(await again.query('SELECT id FROM tenant')).toEqual([{ id: 't' }]);
    expect(await migrate(again)).toEqual([]);
    await again.close();
  });

  it('never lays the template over an existing cluster', async () => {
    const dir = path.join(work, 'existing');
    const db = await openDb({ dataDir: dir, clusterTemplate: false });
    await migrate(db);
    await db.query("INSERT INTO tenant (id, ags, name) VALUES ('kept', '11000000', 'K')");
    await db.close();
    const reopened = await openDb({ dataDir: dir, clusterTemplate: template });
    expect(await reopened.query('SELECT id FROM tenant')).toEqual([{ id: 'kept' }]);
    await reopened.close();
  });

  it('falls back to initdb when the template is damaged, cut short, or missing', async () => {
    const broken = path.join(work, 'broken.tar');
    writeFileSync(broken, 'kein tar\0'.repeat(1000));
    const truncated = path.join(work, 'truncated.tar');
    writeFileSync(truncated, readFileSync(template).subarray(0, 1_000_000));
    for (const [name, file] of [
      ['after-broken', broken],
      ['after-truncated', truncated],
      ['after-missing', path.join(work, 'missing.tar')],
    ] as const) {
      const dir = path.join(work, name);
      const db = await openDb({ dataDir: dir, clusterTemplate: file });
      expect((await migrate(db)).length).toBeGreaterThan(0);
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await db.close();
      expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    }
  });
});
