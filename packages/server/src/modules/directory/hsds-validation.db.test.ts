// Issue 12 § 1: the whole Berlin demo directory, as the HSDS API and the full export give it, is valid
// HSDS 3.0 — every object checked against the official compiled schemas (standards/hsds-3.0) with Ajv
// in draft 2020-12 mode with formats (uuid, uri, email), 0 errors.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { loadBerlinFacilities } from '../../seed/berlin/index.ts';

const SCHEMAS = path.join(import.meta.dirname, '../../../../../standards/hsds-3.0/schema');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
const read = (file: string) => JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as object;
// The per-object schemas refer to each other by file name ("$ref": "metadata.json"): register them
// under those names so the taxonomy schemas resolve.
for (const f of readdirSync(SCHEMAS).filter((n) => n.endsWith('.json') && n !== 'openapi.json'))
  ajv.addSchema(read(f), f);
// Compiling one compiled schema (2–3 MB) takes seconds: once per file.
const compiled = new Map<string, ValidateFunction>();
function schema(file: string): ValidateFunction {
  if (!file.startsWith('compiled/')) return ajv.getSchema(file)!;
  const known = compiled.get(file);
  if (known) return known;
  const v = ajv.compile(read(file));
  compiled.set(file, v);
  return v;
}

let db: Db;
let app: FastifyInstance;
let exported: {
  organizations: Record<string, unknown>[];
  services: Record<string, unknown>[];
  service_at_locations: Record<string, unknown>[];
  taxonomies: Record<string, unknown>[];
  taxonomy_terms: Record<string, unknown>[];
};

beforeAll(async () => {
  db = await createTestDb();
  await loadBerlinFacilities(db);
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
  const res = await app.inject('/hsds/export');
  expect(res.statusCode).toBe(200);
  exported = res.json();
}, 300_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Every error of every object, as "id: path message" (empty when all are valid). */
function errorsOf(validate: ValidateFunction, objects: Record<string, unknown>[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const id = String(o.id);
    if (!validate(o)) {
      for (const e of validate.errors ?? []) out.push(`${id}: ${e.instancePath} ${e.message}`);
    }
  }
  return out;
}

describe('HSDS 3.0 export of the Berlin directory', () => {
  it('holds every facility of the demo as a service with its place, and organisations deduplicated', () => {
    expect(exported.services).toHaveLength(2880 + 407 + 902 + 274 + 732);
    expect(exported.service_at_locations).toHaveLength(exported.services.length);
    expect(exported.organizations.length).toBeGreaterThan(1000);
    expect(exported.organizations.length).toBeLessThan(exported.services.length);
    expect(exported.taxonomy_terms.length).toBeGreaterThanOrEqual(9);
  });

  it('validates every service against compiled/service.json with 0 errors', () => {
    expect(errorsOf(schema('compiled/service.json'), exported.services).slice(0, 20)).toEqual([]);
  });

  it('validates every organisation against compiled/organization_list.json with 0 errors', () => {
    const v = schema('compiled/organization_list.json');
    expect(errorsOf(v, exported.organizations).slice(0, 20)).toEqual([]);
  });

  it('validates every service-at-location against compiled/service_at_location.json with 0 errors', () => {
    const v = schema('compiled/service_at_location.json');
    expect(errorsOf(v, exported.service_at_locations).slice(0, 20)).toEqual([]);
  });

  it('validates taxonomies and terms against their HSDS schemas', () => {
    expect(errorsOf(schema('taxonomy.json'), exported.taxonomies)).toEqual([]);
    expect(errorsOf(schema('taxonomy_term.json'), exported.taxonomy_terms)).toEqual([]);
  });

  it('rejects an object that breaks the schema (the validator is really at work)', () => {
    const v = schema('compiled/service.json');
    const broken = { ...exported.services[0]!, id: 'not-a-uuid', status: 'offen' };
    expect(errorsOf(v, [broken]).length).toBeGreaterThanOrEqual(2);
  });
});

describe('HSDS API pages and single objects', () => {
  it('answers pages in the envelope of the HSDS API reference, list objects valid', async () => {
    const res = await app.inject('/hsds/services?page=2&per_page=25');
    const page = res.json();
    expect(page).toMatchObject({
      total_items: exported.services.length,
      total_pages: Math.ceil(exported.services.length / 25),
      page_number: 2,
      size: 25,
      first_page: false,
      last_page: false,
      empty: false,
    });
    expect(page.contents).toHaveLength(25);
    expect(errorsOf(schema('compiled/service_list.json'), page.contents)).toEqual([]);
    const orgs = (await app.inject('/hsds/organizations?per_page=50')).json();
    expect(errorsOf(schema('compiled/organization_list.json'), orgs.contents)).toEqual([]);
    const sals = (await app.inject('/hsds/service_at_locations?per_page=50')).json();
    expect(errorsOf(schema('compiled/service_at_location_list.json'), sals.contents)).toEqual([]);
  });

  it('gives an organisation by id, fully nested and valid, and 404 for an unknown id', async () => {
    const big =
      exported.organizations.find((o) => o.name === 'BA Mitte von Berlin') ??
      exported.organizations[0]!;
    const res = await app.inject(`/hsds/organizations/${String(big.id)}`);
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect((org.services as unknown[]).length).toBeGreaterThan(0);
    expect(errorsOf(schema('compiled/organization.json'), [org])).toEqual([]);
    const missing = await app.inject('/hsds/organizations/00000000-0000-5000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
  });

  it('filters services by taxonomy term and keeps the last page flagged', async () => {
    const terms = (await app.inject('/hsds/taxonomy_terms?per_page=100')).json();
    const kita = terms.contents.find((t: { code: string }) => t.code === 'kita');
    const page = (
      await app.inject(`/hsds/services?taxonomy_term_id=${kita.id}&per_page=1000&page=3`)
    ).json();
    expect(page.total_items).toBe(2880);
    expect(page.last_page).toBe(true);
    expect(page.contents).toHaveLength(880);
  });
});
