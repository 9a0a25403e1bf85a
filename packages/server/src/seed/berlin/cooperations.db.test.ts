// The Berlin demo's example cooperations (issue 12 § 2: the network screen of a fresh demo is not
// empty): every organisation cooperations.json names is found exactly once in the demo directory,
// every link is written, marked as invented example data, and the network graph shows them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { testContext } from '../../testing/fixtures.ts';
import { insertDemoLinks } from '../../modules/network/index.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { readDemoCooperations } from './cooperations.ts';
import { loadBerlinFacilities, loadDemoCooperations } from './load-berlin.ts';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDb();
  await loadBerlinFacilities(db);
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
}, 300_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the example cooperations of the Berlin demo', () => {
  it('writes every link between organisations of the demo directory, marked as invented', async () => {
    const data = readDemoCooperations();
    const written = await db.transaction((tx) => loadDemoCooperations(tx, 'berlin'));
    expect(written).toBe(data.links.length);
    const rows = await db.query<{ note: string; kind: string }>(
      `SELECT note, kind FROM network_link WHERE tenant_id = 'berlin' ORDER BY id`,
    );
    expect(rows).toHaveLength(data.links.length);
    for (const r of rows) expect(r.note).toMatch(/^Beispieldaten \(erfunden/);
    // a second load adds nothing (a pair and kind exist once)
    expect(await db.transaction((tx) => loadDemoCooperations(tx, 'berlin'))).toBe(0);
    const graph = (await app.inject('/api/network/graph')).json();
    expect(graph.edges.length).toBe(data.links.length);
    expect(graph.nodes.map((n: { label: string }) => n.label)).toContain('Kindergärten City');
    // the e2e network journey counts its own education link alone under that filter
    const education = (await app.inject('/api/network/graph?dimension=education')).json();
    expect(education.edges).toEqual([]);
  });

  it('stops the load naming an organisation the directory does not have', async () => {
    const data = readDemoCooperations();
    const broken = { ...data, links: [{ ...data.links[0]!, b: 'Erfundener Träger gGmbH' }] };
    const dir = await mkdtemp(path.join(os.tmpdir(), 'coop-'));
    const file = path.join(dir, 'cooperations.json');
    await writeFile(file, JSON.stringify(broken));
    const parsed = readDemoCooperations(file);
    await expect(
      db.transaction((tx) => insertDemoLinks(tx, 'berlin', parsed.links, parsed.note)),
    ).rejects.toThrow('„Erfundener Träger gGmbH“ fehlt im Angebotsverzeichnis');
    await writeFile(file, JSON.stringify({ ...data, $comment: undefined, links: [] }));
    expect(() => readDemoCooperations(file)).toThrow(/cooperations\.json ist ungültig/);
    await rm(dir, { recursive: true, force: true });
  });
});
