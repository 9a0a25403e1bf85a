// The event stream keeps a quiet connection alive with a comment line and carries the security
// headers of every other answer, although it takes the reply over.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openEventStream } from './event-stream.ts';
import { registerSecurityHeaders } from './web-app.ts';

let app: FastifyInstance;
let base: string;
const config = { ...loadConfig({}), publicUrl: 'https://sozialraum.stadt.example' };

beforeAll(async () => {
  app = Fastify();
  await registerSecurityHeaders(app, config);
  app.get('/api/stream', (request, reply) => {
    const stream = openEventStream(request, reply, config, 40);
    stream.send({ phase: 'warten' });
    setTimeout(() => {
      stream.send({}, 'done');
      stream.end();
    }, 200);
    return reply;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(() => app.close());

describe('event stream', () => {
  it('sends a heartbeat comment while quiet, then the events, with the security headers', async () => {
    const res = await fetch(`${base}/api/stream`);
    const text = await res.text();
    expect(text.startsWith('event: progress\ndata: {"phase":"warten"}\n\n')).toBe(true);
    expect(text.match(/^: heartbeat$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(text.endsWith('event: done\ndata: {}\n\n')).toBe(true);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-cache, no-transform');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });
});
