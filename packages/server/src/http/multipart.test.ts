// The one upload helper (http/multipart.ts) on a bare Fastify with the multipart parser: a request
// that is no multipart upload, one without a file, with two files where one is allowed, past the
// byte limit and with a cut-off body are each refused with a clear 400/413 in German; a good file
// arrives whole. multipartFiles streams several files under the plugin's limits.
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../testing/multipart.ts';
import { toErrorResponse } from './errors.ts';
import { fileTooLarge, multipartFiles, readOneFile } from './multipart.ts';

let app: FastifyInstance;
const WORDS = {
  what: 'das Foto',
  fallbackName: 'Foto',
  tooLarge: (name: string) => fileTooLarge(name, 1000),
  tooMany: 'Bitte ein Foto je Anfrage senden.',
  missing: 'Es wurde kein Foto gesendet (Feld „file“).',
};

beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(fastifyMultipart, { limits: { fileSize: 5000, files: 3 } });
  app.setErrorHandler((err, _req, reply) => {
    const { statusCode, body } = toErrorResponse(err);
    void reply.status(statusCode).send(body);
  });
  app.post('/one', async (request) => {
    const f = await readOneFile(request, 1000, WORDS);
    return { name: f.name, bytes: f.data.length };
  });
  app.post('/many', async (request) => {
    const out: { name: string; bytes: number }[] = [];
    for await (const part of multipartFiles(request, {}, { ...WORDS, what: 'die Datei' })) {
      let bytes = 0;
      for await (const chunk of part.stream) bytes += (chunk as Buffer).length;
      out.push({ name: part.name, bytes });
    }
    return out;
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

const post = (url: string, body: { payload: Buffer | string; headers: Record<string, string> }) =>
  app.inject({ method: 'POST', url, payload: body.payload, headers: body.headers });
const message = (res: { json: () => unknown }) =>
  (res.json() as { error: { message: string } }).error.message;

describe('readOneFile', () => {
  it('receives one file whole', async () => {
    const res = await post('/one', multipart([{ name: 'a.jpg', content: Buffer.alloc(800, 1) }]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ name: 'a.jpg', bytes: 800 });
  });

  it('refuses what is no multipart upload (400)', async () => {
    const res = await post('/one', {
      payload: '{"file":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(message(res)).toBe('Bitte das Foto als multipart/form-data senden (Feld „file“).');
  });

  it('refuses a request without a file (400)', async () => {
    const res = await post('/one', multipart([]));
    expect(res.statusCode).toBe(400);
    expect(message(res)).toBe('Es wurde kein Foto gesendet (Feld „file“).');
  });

  it('refuses two files where one is allowed (400)', async () => {
    const two = multipart([
      { name: 'a.jpg', content: Buffer.alloc(10) },
      { name: 'b.jpg', content: Buffer.alloc(10) },
    ]);
    const res = await post('/one', two);
    expect(res.statusCode).toBe(400);
    expect(message(res)).toBe('Bitte ein Foto je Anfrage senden.');
  });

  it('refuses a file past the route’s limit with 413 naming file and limit', async () => {
    const res = await post('/one', multipart([{ name: 'gross.jpg', content: Buffer.alloc(4000) }]));
    expect(res.statusCode).toBe(413);
    expect(message(res)).toMatch(/^gross\.jpg: die Datei ist größer als 0 MB\.$/);
  });

  it('refuses a cut-off body with 400, never 5xx', async () => {
    const full = multipart([{ name: 'a.jpg', content: Buffer.alloc(500, 7) }]);
    const res = await post('/one', {
      payload: full.payload.subarray(0, 300),
      headers: full.headers,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('multipartFiles', () => {
  it('streams several files one after the other', async () => {
    const res = await post(
      '/many',
      multipart([
        { name: 'a.shp', content: Buffer.alloc(100) },
        { name: 'a.dbf', content: Buffer.alloc(50) },
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([
      { name: 'a.shp', bytes: 100 },
      { name: 'a.dbf', bytes: 50 },
    ]);
  });

  it('refuses more files than the parser allows (400)', async () => {
    const files = [1, 2, 3, 4].map((i) => ({ name: `${i}.csv`, content: Buffer.alloc(5) }));
    const res = await post('/many', multipart(files));
    expect(res.statusCode).toBe(400);
    expect(message(res)).toBe('Bitte ein Foto je Anfrage senden.');
  });
});
