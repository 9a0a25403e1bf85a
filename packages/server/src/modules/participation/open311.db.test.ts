// Open311 GeoReport v2 reads (issue 13 § 1): what /open311/v2/ answers validates against the
// standard's own JSON schemas (standards/open311-georeport-v2, copied unchanged), hidden reports
// stay out, and a closed status carries the administration's answer as status_notes. Apps submit
// with an api_key (form fields or JSON); the administration creates and revokes the keys.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { adminHeaders, createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { OPEN311_LIMITS } from './open311.ts';
import { forgetPlaces } from './place.ts';

const DIR = new URL('../../../../../standards/open311-georeport-v2/', import.meta.url);
const schema = (name: string) => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as object;

const ajv = new Ajv({ strict: false, validateFormats: false });
ajv.addSchema(schema('service.json'), 'service.json');
ajv.addSchema(schema('request.json'), 'request.json');
const validServices = ajv.compile(schema('services.json'));
const validRequests = ajv.compile(schema('requests.json'));
const swagger = schema('swagger.json') as { definitions: { RequestResponse: object } };
const validSubmitted = ajv.compile({ type: 'array', items: swagger.definitions.RequestResponse });

let db: Db;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  await db.exec(`
    INSERT INTO participation_report (tenant_id, kind, topic, body, lon, lat, status, public_answer, delete_token_hash)
    VALUES ('berlin', 'hint', 'housing', 'Hausflur seit Wochen ohne Licht', 13.05, 52.05, 'done', 'Die Hausverwaltung hat repariert.', 'a'),
           ('berlin', 'idea', 'meeting', 'Ein Treffpunkt für Ältere', 13.25, 52.05, 'received', NULL, 'b');
    INSERT INTO participation_report (tenant_id, kind, topic, body, lon, lat, hidden, hidden_reason, delete_token_hash)
    VALUES ('berlin', 'hint', 'health', 'Werbung', 13.15, 52.05, true, 'Werbung', 'c');
  `);
  app = await buildApp(testContext(db), {
    validateResponses: true,
    logger: false,
    warmCaches: false,
  });
  forgetPlaces();
  admin = injectAs(app, await adminHeaders(db));
  viewer = injectAs(app, await tokenHeaders(db, await createTestUser(db, { roles: ['viewer'] })));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('Open311 GeoReport v2', () => {
  it('lists one service per topic, valid against services.json', async () => {
    const res = await app.inject('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ service_code: string }[]>();
    expect(validServices(body), JSON.stringify(validServices.errors)).toBe(true);
    expect(body.map((s) => s.service_code)).toContain('housing');
    expect(body).toHaveLength(8);
  });

  it('answers public requests without a key, valid against requests.json; hidden ones stay out', async () => {
    const res = await app.inject('/open311/v2/requests.json');
    const body = res.json<
      {
        service_request_id: string;
        status: string;
        status_notes: string | null;
        description: string;
      }[]
    >();
    expect(validRequests(body), JSON.stringify(validRequests.errors)).toBe(true);
    expect(body.map((r) => r.description).sort()).toEqual([
      'Ein Treffpunkt für Ältere',
      'Hausflur seit Wochen ohne Licht',
    ]);
    const done = body.find((r) => r.description.startsWith('Hausflur'))!;
    expect(done).toMatchObject({
      status: 'closed',
      status_notes: 'Die Hausverwaltung hat repariert.',
    });
    const open = await app.inject('/open311/v2/requests.json?status=open&service_code=meeting');
    expect(open.json<unknown[]>()).toHaveLength(1);
  });

  it('answers one request as a list of one, and 404 for a hidden or unknown one', async () => {
    const one = await app.inject(`/open311/v2/requests/1.json`);
    expect(one.statusCode).toBe(200);
    expect(validRequests(one.json()), JSON.stringify(validRequests.errors)).toBe(true);
    expect(one.json<{ service_request_id: string }[]>()[0]!.service_request_id).toBe('1');
    expect((await app.inject('/open311/v2/requests/3.json')).statusCode).toBe(404);
    expect((await app.inject('/open311/v2/requests/999.json')).statusCode).toBe(404);
    expect((await app.inject('/open311/v2/requests.json?service_code=parking')).statusCode).toBe(
      400,
    );
  });
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function newKey(name: string): Promise<{ id: number; secret: string }> {
  const res = await admin({
    method: 'POST',
    url: '/api/participation/open311-keys',
    payload: { name },
  });
  expect(res.statusCode).toBe(201);
  const body = res.json<{ key: { id: number; prefix: string }; secret: string }>();
  expect(body.secret.startsWith(body.key.prefix)).toBe(true);
  return { id: body.key.id, secret: body.secret };
}

describe('Open311 GeoReport v2 submissions with an api_key', () => {
  it('takes form fields from a keyed app, answers as the standard says, audits the key name', async () => {
    const { secret } = await newKey('Meldeapp Kiez');
    const res = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM,
      payload: form({
        api_key: secret,
        service_code: 'housing',
        lat: '52.05',
        long: '13.15',
        description: 'Die Haustür schließt seit Tagen nicht mehr.',
        first_name: 'Erika',
        phone: '030 123456',
      }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ service_request_id: string }[]>();
    expect(validSubmitted(body), JSON.stringify(validSubmitted.errors)).toBe(true);
    expect(body).toHaveLength(1);
    const id = body[0]!.service_request_id;
    const one = await app.inject(`/open311/v2/requests/${id}.json`);
    expect(one.json<{ description: string; service_code: string }[]>()[0]).toMatchObject({
      description: 'Die Haustür schließt seit Tagen nicht mehr.',
      service_code: 'housing',
    });
    const audit = await db.query<{ actor: string; ip: string | null; detail: unknown }>(
      `SELECT actor, ip, detail FROM audit_log WHERE entity = 'participation_report' AND entity_id = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'open311:Meldeapp Kiez', ip: null });
    expect(JSON.stringify(audit)).not.toMatch(/Erika|123456|Haustür/);
  });

  it('takes JSON too, and refuses an address without coordinates or a point outside with a 400', async () => {
    const { secret } = await newKey('Meldeapp JSON');
    const base = {
      api_key: secret,
      service_code: 'meeting',
      description: 'Ein Bänkchen am Platz fehlt.',
    };
    const ok = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { ...base, lat: 52.05, long: 13.25 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(validSubmitted(ok.json()), JSON.stringify(validSubmitted.errors)).toBe(true);
    const address = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM,
      payload: form({ ...base, address_string: 'Hauptstraße 1' }),
    });
    expect(address.statusCode).toBe(400);
    expect(address.json()).toEqual([
      { code: 400, description: expect.stringMatching(/address_string.*lat.*long/) },
    ]);
    const outside = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { ...base, lat: 48.1, long: 11.5 },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json<{ description: string }[]>()[0]!.description).toMatch(/außerhalb/);
    const short = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM,
      payload: form({ ...base, lat: '52.05', long: '13.25', description: 'kurz' }),
    });
    expect(short.statusCode).toBe(400);
    expect(short.json<{ description: string }[]>()[0]!.description).toMatch(
      /description.*mindestens 10 Zeichen/,
    );
  });

  it('refuses an unknown and a revoked key with 403 in the Open311 error format', async () => {
    const { id, secret } = await newKey('Alte App');
    const payload = {
      service_code: 'health',
      lat: 52.05,
      long: 13.15,
      description: 'Arztpraxis schließt, wohin jetzt?',
    };
    const unknown = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { ...payload, api_key: 'o311_gibtesnicht' },
    });
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json()).toEqual([{ code: 403, description: expect.stringMatching(/api_key/) }]);
    expect(
      (await admin({ method: 'DELETE', url: `/api/participation/open311-keys/${id}` })).statusCode,
    ).toBe(200);
    const revoked = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { ...payload, api_key: secret },
    });
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json<unknown[]>()).toHaveLength(1);
  });
});

describe('Open311 limits (ADR 0031)', () => {
  const payload = {
    service_code: 'health',
    lat: 52.05,
    long: 13.15,
    description: 'Die Grünanlage braucht mehr Bänke.',
  };
  const post = (api_key: string, remoteAddress: string) =>
    app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      remoteAddress,
      payload: { ...payload, api_key },
    });

  it('locks an address out after 10 refused keys, even for a valid key, with Retry-After', async () => {
    const { secret } = await newKey('Sperrtest');
    const ip = '192.0.2.10';
    for (let i = 0; i < OPEN311_LIMITS.refusedPerIp.allowed; i++)
      expect((await post(`o311_falsch${i}`, ip)).statusCode).toBe(403);
    const locked = await post(secret, ip);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json()).toEqual([
      { code: 429, description: expect.stringMatching(/ungültige Schlüssel/) },
    ]);
    expect((await post(secret, '192.0.2.11')).statusCode).toBe(200);
  });

  it('takes 100 submissions per key in ten minutes and refuses the 101st with 429', async () => {
    const { secret } = await newKey('Kontingenttest');
    const other = await newKey('Andere App');
    for (let i = 0; i < OPEN311_LIMITS.perKey.limit; i++) {
      const res = await post(secret, `198.51.100.${i % 50}`);
      expect(res.statusCode, res.body).toBe(200);
    }
    const over = await post(secret, '198.51.100.200');
    expect(over.statusCode).toBe(429);
    expect(over.json<{ description: string }[]>()[0]!.description).toMatch(/diesem Schlüssel/);
    expect((await post(other.secret, '198.51.100.201')).statusCode).toBe(200);
  });
});

describe('Open311 api keys (administration)', () => {
  it('lists keys without secret or hash, revokes idempotently, audits create and revoke', async () => {
    const { id, secret } = await newKey('Liste');
    const list = await admin('/api/participation/open311-keys');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect(
      list.json<{ id: number; revokedAt: string | null }[]>().find((k) => k.id === id),
    ).toMatchObject({
      revokedAt: null,
    });
    const stored = await db.query<{ key_hash: string }>(
      `SELECT key_hash FROM participation_api_key WHERE id = $1`,
      [id],
    );
    expect(stored[0]!.key_hash).not.toContain(secret);
    const first = await admin({ method: 'DELETE', url: `/api/participation/open311-keys/${id}` });
    const again = await admin({ method: 'DELETE', url: `/api/participation/open311-keys/${id}` });
    expect(first.json<{ revokedAt: string }>().revokedAt).toBe(
      again.json<{ revokedAt: string }>().revokedAt,
    );
    const audit = await db.query<{ action: string; detail: unknown }>(
      `SELECT action, detail FROM audit_log WHERE entity = 'participation_api_key' AND entity_id = $1 ORDER BY seq`,
      [String(id)],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'participation.open311_key.create',
      'participation.open311_key.revoke',
    ]);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(
      (await admin({ method: 'DELETE', url: '/api/participation/open311-keys/99999' })).statusCode,
    ).toBe(404);
  });

  it('is the administration’s: a viewer may neither list nor create keys', async () => {
    expect((await viewer('/api/participation/open311-keys')).statusCode).toBe(403);
    const res = await viewer({
      method: 'POST',
      url: '/api/participation/open311-keys',
      payload: { name: 'Fremde App' },
    });
    expect(res.statusCode).toBe(403);
    const short = await admin({
      method: 'POST',
      url: '/api/participation/open311-keys',
      payload: { name: 'x' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toMatch(/mindestens 3 Zeichen/);
  });
});
