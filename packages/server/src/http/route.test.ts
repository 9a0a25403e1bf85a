import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { notFound, registerErrorHandler } from './errors.ts';
import { buildOpenApiDocument, getOpenApiRegistry, toOpenApiPath } from './openapi.ts';
import { defineRoute, inputProblem } from './route.ts';

const Thing = z.object({ id: z.number().int(), name: z.string() }).meta({ id: 'Thing' });

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  registerErrorHandler(app);
  getOpenApiRegistry(app).validateResponses = true;
  defineRoute(app, {
    method: 'GET',
    url: '/api/things/:id',
    operationId: 'getThing',
    summary: 'Ein Ding',
    tags: ['Test'],
    permission: 'none',
    params: z.object({ id: z.coerce.number().int().positive() }),
    querystring: z.object({
      date: z.iso.date().optional(),
      limit: z.coerce.number().int().max(5).default(2),
    }),
    response: Thing,
    handler: ({ params, query }) => {
      if (params.id === 404) throw notFound('Das Ding 404 gibt es nicht.');
      if (params.id === 500) throw new Error('relation "secret_table" does not exist');
      if (params.id === 501)
        return { id: 'not a number', name: 'x' } as unknown as { id: number; name: string };
      return { id: params.id, name: `limit ${query.limit}` };
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/things',
    operationId: 'createThing',
    summary: 'Ein Ding anlegen',
    tags: ['Test'],
    permission: 'none',
    body: z.object({ name: z.string().min(2) }),
    response: z.array(Thing),
    status: 201,
    location: (things) => `/api/things/${things[0]!.id}`,
    handler: ({ body }) => [{ id: 1, name: body.name }],
  });
  await app.ready();
});
afterAll(() => app.close());

describe('defineRoute', () => {
  it('passes parsed and defaulted input to the handler', async () => {
    const res = await app.inject('/api/things/7');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 7, name: 'limit 2' });
  });

  it('answers a created record with the route’s status and its Location (ADR 0013)', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/things', payload: { name: 'Kita' } });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/api/things/1');
    expect((await app.inject('/api/things/7')).headers.location).toBeUndefined();
  });

  it('answers 400 listing every invalid field with a German reason', async () => {
    const res = await app.inject('/api/things/0?date=2023-13-01&limit=9');
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { in: string; field: string }) => `${d.in}.${d.field}`)).toEqual([
      'params.id',
      'querystring.date',
      'querystring.limit',
    ]);
    expect(error.message).toMatch(
      /^Ungültige Anfrage – Pfadparameter „id“: .*Abfrageparameter „date“: .*Abfrageparameter „limit“: /,
    );
    expect(error.details[0].reason).toBe('eine ganze Zahl größer als 0 erwartet, erhalten „0“');
    expect(error.details[2].reason).toBe('eine ganze Zahl bis 5 erwartet, erhalten „9“');
  });

  it('validates JSON bodies and says in German when the body is not JSON', async () => {
    const short = await app.inject({ method: 'POST', url: '/api/things', payload: { name: 'x' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0]).toMatchObject({ in: 'body', field: 'name' });
    const broken = await app.inject({
      method: 'POST',
      url: '/api/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toBe('Der Anfrageinhalt ist kein gültiges JSON.');
  });

  it('turns HttpErrors into their status and unknown errors into a 500 without internals', async () => {
    expect((await app.inject('/api/things/404')).json()).toEqual({
      error: { code: 'not_found', message: 'Das Ding 404 gibt es nicht.' },
    });
    const crash = await app.inject('/api/things/500');
    expect(crash.statusCode).toBe(500);
    expect(crash.body).not.toContain('secret_table');
    expect(crash.json().error.code).toBe('internal_error');
  });

  it('turns a response that violates its schema into a 500 when response validation is on', async () => {
    expect((await app.inject('/api/things/501')).statusCode).toBe(500);
  });
});

describe('OpenAPI document', () => {
  it('describes each operation with path and query parameters, body, responses and shared components', () => {
    const doc = buildOpenApiDocument(getOpenApiRegistry(app), { title: 'T', version: '1' }) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            parameters?: { name: string; in: string; required: boolean }[];
            requestBody?: unknown;
            responses: Record<string, unknown>;
          }
        >
      >;
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const get = doc.paths['/api/things/{id}']!.get!;
    expect(get.operationId).toBe('getThing');
    expect(get.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      expect.objectContaining({ name: 'date', in: 'query', required: false }),
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
    ]);
    // open route: 401 only for an invalid API token; 414 for an over-long path parameter
    expect(Object.keys(get.responses)).toEqual(['200', '400', '401', '404', '414', '500']);
    const post = doc.paths['/api/things']!.post!;
    expect(post.requestBody).toBeDefined();
    // a change: CSRF (403), slow body (408), body limit (413), content type (415), throttled anonymous writes (429)
    expect(Object.keys(post.responses)).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '408',
      '413',
      '415',
      '429',
      '500',
    ]);
    expect(post.responses['201']).toMatchObject({
      description: 'Angelegt',
      headers: { Location: { schema: { type: 'string' } } },
      content: { 'application/json': { schema: { $ref: expect.any(String) } } },
    });
    expect(doc.components.schemas.Thing).toMatchObject({
      type: 'object',
      required: ['id', 'name'],
    });
    expect(doc.components.schemas.createThingResponse).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Thing' },
    });
    expect(doc.components.schemas.Error).toBeDefined();
  });

  it('converts Fastify path syntax to OpenAPI path templates', () => {
    expect(toOpenApiPath('/api/area-systems/:system/levels/:level/geometry')).toBe(
      '/api/area-systems/{system}/levels/{level}/geometry',
    );
  });
});

describe('input limits', () => {
  it('refuses an over-long text, too many items and deep nesting with the field named', () => {
    expect(inputProblem({ a: 'x'.repeat(20_001) })).toEqual({
      field: 'a',
      reason: 'Text länger als 20.000 Zeichen',
    });
    expect(inputProblem({ list: new Array(20_001).fill(1) })).toEqual({
      field: 'list',
      reason: 'mehr als 20.000 Einträge',
    });
    let deep: unknown = 1;
    for (let i = 0; i < 25; i++) deep = { d: deep };
    expect(inputProblem(deep)?.reason).toBe('zu tief verschachtelt');
    expect(inputProblem({ a: 'x'.repeat(20_000), list: [1, 2, 3] })).toBeNull();
  });

  it('refuses NUL characters in texts and in keys, naming the field (issue 8, item 9)', () => {
    expect(inputProblem({ a: { b: ['ok', 'x\u0000y'] } })?.field).toBe('a.b.1');
    expect(inputProblem({ a: { 'k\u0000': 1 } })?.field).toBe('a.k\\u0000');
    expect(inputProblem('\u0000')?.field).toBe('(gesamt)');
    expect(inputProblem({ a: 'x\u0001y', b: 'äöü €' })).toBeNull();
  });
});

describe('NUL characters at the edge (issue 8, item 9)', () => {
  it('answers 400 naming the path parameter, query parameter or body field', async () => {
    const cases = [
      { url: '/api/things/%00', part: 'Pfadparameter „id“' },
      { url: '/api/things/7?date=%00', part: 'Abfrageparameter „date“' },
      // a key the schema does not know is checked as well: nothing with NUL reaches a handler
      { url: '/api/things/7?unknown=a%00b', part: 'Abfrageparameter „unknown“' },
      { url: '/api/things/7?tenant=%00', part: 'Abfrageparameter „tenant“' },
    ];
    for (const c of cases) {
      const res = await app.inject(c.url);
      expect(res.statusCode, c.url).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.message).toContain(c.part);
      expect(res.json().error.message).toContain('NUL');
    }
    const body = await app.inject({
      method: 'POST',
      url: '/api/things',
      payload: '{"name":"Kita\\u0000Sonnenschein"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.message).toContain('Anfrageinhalt „name“');
    expect(body.json().error.message).toContain('NUL');
  });

  it('answers 400 for a query value over 4,000 characters, before any handler', async () => {
    const res = await app.inject(`/api/things/7?tenant=${'x'.repeat(10_000)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Abfrageparameter „tenant“: Text länger als 4.000');
  });

  it('answers 400 for a JSON body nested 10,000 deep', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/things',
      payload: '{"name":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('zu tief verschachtelt');
  });
});
