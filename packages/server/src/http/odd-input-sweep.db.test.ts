// Issue 8, item 9: a sweep over EVERY registered route (enumerated from the app, not a hand-kept
// list) with odd input — NUL (%00) and 10,000-character values in each path parameter and each
// query parameter, malformed percent escapes, JSON bodies whose strings hold "\u0000", a JSON body
// nested 10,000 deep, and a malformed session cookie. Nothing of it may answer 5xx. The requests run
// as a signed-in administrator (session cookie + CSRF token), so handlers are reached instead of
// being refused with 401/403; the malformed cookie runs anonymously, as a browser would send it.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import { SESSION_COOKIE } from '../modules/access/index.ts';
import { createTestUser, sessionHeaders } from '../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../testing/fixtures.ts';
import { createTestDb } from '../testing/test-db.ts';
import { responseStatuses, type RouteDoc } from './openapi.ts';

const NUL = '\u0000';
const LONG = 'x'.repeat(10_000);
/** A percent escape cut short: decodeURIComponent throws on it. */
const BROKEN_ESCAPE = '%E0%A4%A';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let dist: string;
let admin: Record<string, string>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  // a built web app, so the static file routes are part of the sweep too
  dist = await mkdtemp(path.join(tmpdir(), 'sweep-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  app = await buildApp(testContext(db, { webDist: dist }), {
    validateResponses: true,
    warmCaches: false,
  });
  await app.ready();
  const user = await createTestUser(db, {
    roles: ['administrator'],
    departmentId: 'sozialplanung',
  });
  admin = await sessionHeaders(app, user);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

/** Values that lead to existing records where the fixture has them, so handlers go deep. */
function paramSample(name: string, url: string): string {
  const resource = url.split('/')[2] ?? '';
  const area = String(fx.areaId['01100101']);
  const byName: Record<string, string> = {
    system: 'lor2021',
    level: 'plr',
    collectionId: 'lor2021-plr',
    featureId: area,
    areaId: area,
    uploadId: '0123456789abcdef01234567',
    '*': 'assets/app-abc123.js',
  };
  const byResource: Record<string, string> = {
    areas: area,
    indicators: 'ewr_total',
    indices: 'mss-2019-2021',
    'point-datasets': 'kitas',
    'alert-rules': 'keine-regel',
  };
  return (name === 'id' ? byResource[resource] : byName[name]) ?? '999999';
}

const paramNames = (url: string): string[] =>
  [...url.matchAll(/:([A-Za-z0-9_]+)|(\*)$/g)].map((m) => m[1] ?? '*');

/** The URL with every parameter sampled, except `name`, which gets `raw` (already encoded). */
function concreteUrl(url: string, name?: string, raw?: string): string {
  return url.replace(/:([A-Za-z0-9_]+)|\*$/g, (m, p: string | undefined) => {
    const key = p ?? '*';
    if (key === name) return raw!;
    return key === '*' ? paramSample(key, url) : encodeURIComponent(paramSample(key, url));
  });
}

/** Query keys most read routes need; unknown keys are ignored by the routes' schemas. */
const BASE_QUERY: Record<string, string> = {
  system: 'lor2021',
  level: 'plr',
  indicator: 'ewr_total',
  from: '2022-12-31',
  to: '2023-12-31',
};

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType | undefined): Json | undefined {
  if (!schema) return undefined;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
}

function queryKeys(spec: RouteDoc | undefined): string[] {
  const props = (jsonSchema(spec?.querystring)?.properties ?? {}) as Json;
  return [...new Set(['tenant', ...Object.keys(props)])];
}

/** A value shaped like the JSON schema, every string (and record key) being `text`. */
function sampleOf(s: Json, root: Json, text: string, depth = 0): unknown {
  if (depth > 12) return null;
  const ref = s.$ref as string | undefined;
  if (ref?.startsWith('#/$defs/')) {
    const defs = (root.$defs ?? {}) as Record<string, Json>;
    return sampleOf(defs[ref.slice(8)] ?? {}, root, text, depth + 1);
  }
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const options = (s.anyOf ?? s.oneOf ?? s.allOf) as Json[] | undefined;
  if (options?.length)
    return sampleOf(options.find((o) => o.type !== 'null') ?? options[0]!, root, text, depth + 1);
  const type = Array.isArray(s.type) ? (s.type as string[])[0] : (s.type as string | undefined);
  switch (type) {
    case 'string':
      return text;
    case 'number':
    case 'integer':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const item = sampleOf((s.items ?? {}) as Json, root, text, depth + 1);
      return Array.from({ length: Math.max(1, Number(s.minItems ?? 1)) }, () => item);
    }
    case 'object': {
      const out: Json = {};
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Json>))
        out[k] = sampleOf(v, root, text, depth + 1);
      if (s.additionalProperties && typeof s.additionalProperties === 'object')
        out[`schlüssel${text}`] = sampleOf(s.additionalProperties as Json, root, text, depth + 1);
      return out;
    }
    default:
      return text;
  }
}

/** Bodies for a route: every string NUL, and each top-level field alone NUL (the rest clean). */
function nulBodies(spec: RouteDoc | undefined): { label: string; body: unknown }[] {
  const schema = jsonSchema(spec?.body);
  if (!schema) return [{ label: 'JSON {"text":"\\u0000"}', body: { text: NUL } }];
  const bodies = [
    { label: 'JSON, alle Texte mit NUL', body: sampleOf(schema, schema, `a${NUL}b`) },
  ];
  const clean = sampleOf(schema, schema, 'Wert');
  const props = (schema.properties ?? {}) as Record<string, Json>;
  if (clean && typeof clean === 'object' && !Array.isArray(clean))
    for (const [key, prop] of Object.entries(props))
      bodies.push({
        label: `JSON, nur „${key}“ mit NUL`,
        body: { ...clean, [key]: sampleOf(prop, schema, `a${NUL}b`) },
      });
  return bodies;
}

interface Case {
  route: string;
  /** The route's defineRoute spec: its answer must be one the OpenAPI document lists (ADR 0013). */
  spec?: RouteDoc | undefined;
  label: string;
  options: InjectOptions;
  /** The statuses this case may answer; undefined: anything below 500. */
  allowed?: readonly number[];
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REFUSED = [400] as const;
const TOO_LONG = [400, 404, 414] as const;
let ip = 0;
/** A fresh client address per request, so rate limits do not turn the sweep into 429s. */
const nextIp = () => `10.${(++ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;

function queryString(q: Record<string, string>): string {
  return Object.entries(q)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

/** Every odd-input request for one route, as the signed-in administrator. */
function adminCases(route: { method: string; url: string }, spec: RouteDoc | undefined): Case[] {
  const name = `${route.method} ${route.url}`;
  const method = route.method as InjectOptions['method'];
  const cases: Case[] = [];
  const add = (
    url: string,
    label: string,
    allowed?: readonly number[],
    extra: Partial<InjectOptions> = {},
  ) =>
    cases.push({
      route: name,
      spec,
      label,
      allowed,
      options: { method, url, headers: admin, remoteAddress: nextIp(), ...extra },
    });
  // routes outside defineRoute (web app files) have no parts to validate: only "no 5xx" holds
  const api = spec ? REFUSED : undefined;
  for (const p of paramNames(route.url)) {
    add(concreteUrl(route.url, p, '%00'), `Pfad :${p} = %00`, api);
    add(concreteUrl(route.url, p, `a%00${LONG.slice(0, 20)}`), `Pfad :${p} = a%00…`, api);
    add(concreteUrl(route.url, p, LONG), `Pfad :${p} = 10.000 Zeichen`, TOO_LONG);
    add(concreteUrl(route.url, p, BROKEN_ESCAPE), `Pfad :${p} = ${BROKEN_ESCAPE}`, [400, 404]);
  }
  const path = concreteUrl(route.url);
  for (const key of queryKeys(spec)) {
    add(`${path}?${queryString({ ...BASE_QUERY, [key]: NUL })}`, `Abfrage ${key} = %00`, api);
    add(
      `${path}?${queryString({ ...BASE_QUERY, [key]: `abc${NUL}` })}`,
      `Abfrage ${key} = abc%00`,
      api,
    );
    add(
      `${path}?${queryString({ ...BASE_QUERY, [key]: LONG })}`,
      `Abfrage ${key} = 10.000 Zeichen`,
      api,
    );
    add(
      `${path}?${queryString(BASE_QUERY)}&${key}=${BROKEN_ESCAPE}`,
      `Abfrage ${key} = ${BROKEN_ESCAPE}`,
    );
  }
  if (WRITES.has(route.method)) {
    const clean = `${path}?${queryString(BASE_QUERY)}`;
    const json = (payload: string) => ({ payload, headers: jsonHeaders() });
    nulBodies(spec).forEach(({ label, body }, i) => {
      const payload = JSON.stringify(body);
      // the first body has NUL in every text: a route with a body schema must refuse it (unless
      // the schema has no texts at all, e.g. only numbers)
      const refused = i === 0 && spec?.body && payload.includes('\\u0000');
      add(clean, label, refused ? REFUSED : undefined, json(payload));
    });
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    add(clean, 'JSON 10.000 Ebenen tief', spec?.body ? REFUSED : undefined, json(deep));
  }
  return cases;
}

/** The same request with a broken session cookie and with none: it must count as no cookie. */
function cookieCases(route: {
  method: string;
  url: string;
  spec: RouteDoc | undefined;
}): [Case, Case] {
  const url = `${concreteUrl(route.url)}?${queryString(BASE_QUERY)}`;
  const make = (headers: Record<string, string>, label: string): Case => ({
    route: `${route.method} ${route.url}`,
    spec: route.spec,
    label,
    options: {
      method: route.method as InjectOptions['method'],
      url,
      headers,
      remoteAddress: nextIp(),
    },
  });
  return [
    make(
      { cookie: `${SESSION_COOKIE}=${BROKEN_ESCAPE}` },
      `Cookie ${SESSION_COOKIE}=${BROKEN_ESCAPE}`,
    ),
    make({}, 'ohne Cookie'),
  ];
}

const jsonHeaders = () => ({ ...admin, 'content-type': 'application/json' });

/** Every registered route with its defineRoute spec (HEAD runs the GET handler). */
function allRoutes(): { method: string; url: string; spec: RouteDoc | undefined }[] {
  const specs = new Map(app.sozialraumOpenApi.routes.map((r) => [`${r.method} ${r.url}`, r]));
  const routes = app.sozialraumRoutes.map((r) => ({
    ...r,
    spec: specs.get(`${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`),
  }));
  // signing out ends the sweep's session: last
  return routes.sort(
    (a, b) => Number(a.spec?.operationId === 'signOut') - Number(b.spec?.operationId === 'signOut'),
  );
}

describe('odd input on every route', () => {
  it('never answers 5xx: NUL and over-long path/query parameters, NUL in JSON, deep JSON, broken cookie', async () => {
    const routes = allRoutes();
    expect(routes.length).toBeGreaterThan(80);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const send = async (c: Case) => {
      const res = await app.inject(c.options);
      sent++;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const ok = c.allowed ? c.allowed.includes(res.statusCode) : res.statusCode < 500;
      if (!ok)
        failures.push(`${c.route} – ${c.label}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      else if (c.spec && !(String(res.statusCode) in responseStatuses(c.spec)))
        failures.push(`${c.route} – ${c.label}: ${res.statusCode} nicht im OpenAPI-Dokument`);
      return res.statusCode;
    };
    for (const route of routes) {
      for (const c of adminCases(route, route.spec)) {
        // the administrator may do everything: a 401/403 would mean the handler was never reached
        if ([401, 403].includes(await send(c)))
          failures.push(`${c.route} – ${c.label}: als Administration abgewiesen`);
      }
      const [broken, none] = cookieCases(route);
      const [withBroken, withNone] = [await send(broken), await send(none)];
      if (withBroken !== withNone)
        failures.push(`${broken.route} – ${broken.label}: ${withBroken}, ohne Cookie ${withNone}`);
      // the session must live through the sweep, else handlers would only be refused with 401
      if (route.spec?.operationId !== 'signOut') {
        const me = await app.inject({ url: '/api/me', headers: admin });
        expect(me.json<{ kind: string }>().kind, `Sitzung nach ${route.method} ${route.url}`).toBe(
          'session',
        );
      }
    }
    console.info(
      `odd-input sweep: ${routes.length} routes, ${sent} requests, ${statuses.get(500) ?? 0} × 500, ${failures.length} failures; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(routes.length * 4);
  });
});
