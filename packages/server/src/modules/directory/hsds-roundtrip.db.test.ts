// Issue 12 § 1 "HSDS out and in", the round trip: the Berlin directory exported as HSDS 3.0, imported
// into an empty tenant, exported again — the same data. Compared without what is the tenant's own by
// construction: the export time, the name-based ids of child objects (phones, languages, addresses,
// accessibility notes, attributes; UUIDv5 of tenant and parent, docs in ids.ts) and the ids of the
// built-in taxonomy and its terms, which are compared by name and code instead.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { adminHeaders, injectAs } from '../../testing/auth.ts';
import { multipart } from '../../testing/multipart.ts';
import { testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { loadBerlinFacilities } from '../../seed/berlin/index.ts';

type Export = Record<string, unknown> & {
  taxonomies: { id: string; name: string }[];
  taxonomy_terms: { id: string; code: string }[];
};

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDb();
  await loadBerlinFacilities(db);
  await db.exec("INSERT INTO tenant (id, ags, name) VALUES ('leipzig', '14713000', 'Leipzig')");
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
}, 300_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const CHILD_LISTS = new Set(['phones', 'languages', 'addresses', 'accessibility', 'attributes']);

/** The export with tenant-made ids replaced by what they stand for. */
function normalised(e: Export): unknown {
  const names = new Map<string, string>([
    ...e.taxonomies.map((t): [string, string] => [t.id, `taxonomy:${t.name}`]),
    ...e.taxonomy_terms.map((t): [string, string] => [t.id, `term:${t.code}`]),
  ]);
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') return names.get(v) ?? v;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k !== 'generated_at' && !(CHILD_LISTS.has(key) && k === 'id'))
          .map(([k, x]) => [k, walk(x, CHILD_LISTS.has(k) ? k : '')]),
      );
    return v;
  };
  return walk(e);
}

describe('HSDS round trip', () => {
  it('exports Berlin, imports it into an empty tenant, and exports the same again', async () => {
    const first = await app.inject('/hsds/export');
    expect(first.statusCode).toBe(200);
    const berlin = first.json<Export>();
    const admin = injectAs(app, await adminHeaders(db, 'leipzig'));
    const res = await admin({
      method: 'POST',
      url: '/api/directory/hsds-import?dryRun=false',
      ...multipart([{ name: 'berlin-export.json', content: Buffer.from(first.body) }]),
    });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(200);
    expect(res.json()).toMatchObject({
      organisations: { created: (berlin.organizations as unknown[]).length, updated: 0 },
      services: { created: (berlin.services as unknown[]).length, updated: 0 },
    });
    const again = (await app.inject('/hsds/export?tenant=leipzig')).json<Export>();
    expect((again.services as unknown[]).length).toBe((berlin.services as unknown[]).length);
    expect(normalised(again)).toEqual(normalised(berlin));
  }, 300_000);
});
