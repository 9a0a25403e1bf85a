// Open311 GeoReport v2 reads (issue 13 § 1): what /open311/v2/ answers validates against the
// standard's own JSON schemas (standards/open311-georeport-v2, copied unchanged), hidden reports
// stay out, and a closed status carries the administration's answer as status_notes.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

const DIR = new URL('../../../../../standards/open311-georeport-v2/', import.meta.url);
const schema = (name: string) => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as object;

const ajv = new Ajv({ strict: false, validateFormats: false });
ajv.addSchema(schema('service.json'), 'service.json');
ajv.addSchema(schema('request.json'), 'request.json');
const validServices = ajv.compile(schema('services.json'));
const validRequests = ajv.compile(schema('requests.json'));

let db: Db;
let app: FastifyInstance;

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
