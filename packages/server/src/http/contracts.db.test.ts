// Issue 10 § 1, ADR 0024: the OpenAPI document is generated from the contracts. Every registered
// route takes its request body and its answer from @sozialraum/contracts (the very schema objects,
// not look-alikes), the document describes every route with them, and no route file declares a
// body or answer schema inline.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as contracts from '@sozialraum/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import { testContext } from '../testing/fixtures.ts';
import { createTestDb } from '../testing/test-db.ts';
import { listRoutes, toOpenApiPath, type RouteDoc } from './openapi.ts';

let db: Db;
let app: FastifyInstance;
let routes: RouteDoc[];
let doc: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
}

/** Every zod schema the contracts package exports, with the name it is exported under. */
function contractSchemas(): Map<z.ZodType, string> {
  const out = new Map<z.ZodType, string>();
  for (const [capability, exports] of Object.entries(contracts))
    for (const [name, value] of Object.entries(exports as Record<string, unknown>))
      if (value instanceof z.ZodType && !out.has(value)) out.set(value, `${capability}.${name}`);
  return out;
}

beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp(testContext(db), { warmCaches: false });
  await app.ready();
  routes = app.sozialraumOpenApi.routes;
  doc = (await app.inject('/api/openapi.json')).json();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the API contract (packages/contracts)', () => {
  it('gives every route its body and answer', () => {
    const known = contractSchemas();
    expect(known.size).toBeGreaterThan(50);
    expect(routes.length).toBeGreaterThan(70);
    const strays: string[] = [];
    for (const r of routes) {
      if (!known.has(r.response)) strays.push(`${r.operationId}: answer`);
      if (r.body && !known.has(r.body)) strays.push(`${r.operationId}: body`);
    }
    expect(strays).toEqual([]);
  });

  it('is what the OpenAPI document describes, for every registered route', () => {
    // every route the server answers under /api and /ogc was registered through defineRoute …
    const documented = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const served = listRoutes(app).filter(
      (r) => (r.url.startsWith('/api/') || r.url.startsWith('/ogc')) && r.method !== 'HEAD',
    );
    expect(served.filter((r) => !documented.has(`${r.method} ${r.url}`))).toEqual([]);
    // … and the document has each of them, its answer and body as components built from the contract
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(operations).toHaveLength(routes.length);
    for (const r of routes) {
      const op = doc.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()];
      expect(op?.operationId, `${r.method} ${r.url}`).toBe(r.operationId);
      const success = op!.responses[String(r.status ?? 200)];
      if (r.status === 302) continue;
      const ref = success?.content?.[r.responseContentType ?? 'application/json']?.schema.$ref;
      expect(ref, r.operationId).toMatch(/^#\/components\/schemas\//);
      const id = ref!.split('/').pop()!;
      expect(doc.components.schemas[id], r.operationId).toBeDefined();
      const ownId = z.globalRegistry.get(r.response)?.id;
      if (ownId) expect(id, r.operationId).toBe(ownId);
      const bodyRef = op!.requestBody?.content['application/json']?.schema?.$ref;
      if (r.body) expect(bodyRef, r.operationId).toMatch(/^#\/components\/schemas\//);
      else if (bodyRef)
        throw new Error(`${r.operationId}: body in the document, none in the route`);
    }
  });

  it('describes each answer field by field as its contract schema has it', () => {
    let objects = 0;
    for (const r of routes) {
      if (!(r.response instanceof z.ZodObject) || r.status === 302) continue;
      const op = doc.paths[toOpenApiPath(r.url)]![r.method.toLowerCase()]!;
      const ref = op.responses[String(r.status ?? 200)]!.content!;
      const id = Object.values(ref)[0]!.schema.$ref.split('/').pop()!;
      const component = doc.components.schemas[id] as { properties?: Record<string, unknown> };
      expect(Object.keys(component.properties ?? {}).sort(), r.operationId).toEqual(
        Object.keys(r.response.shape).sort(),
      );
      objects++;
    }
    expect(objects).toBeGreaterThan(30);
    expect(Object.keys(contracts.sources.sourceSchema.shape)).toContain('licence');
  });

  it('leaves no body or answer schema inline in a route file', () => {
    const modules = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
    const files = readdirSync(modules, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const inline: string[] = [];
    for (const f of files) {
      const text = readFileSync(path.join(modules, f), 'utf8');
      if (!text.includes('defineRoute(app')) continue;
      for (const m of text.matchAll(/^\s+(body|response): (z\.|\w+\.(extend|partial|omit)\()/gm))
        inline.push(`${f}: ${m[0].trim()}`);
    }
    expect(inline).toEqual([]);
  });
});
