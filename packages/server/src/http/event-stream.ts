// Server-Sent Events with the same security headers as every other answer, and a heartbeat.
// The stream takes the reply over (reply.hijack), which skips Fastify's onSend hooks: the headers
// helmet already set on the raw response stay, and the ones our own onSend hook adds (Cache-Control,
// HSTS over https; http/web-app.ts) are written here.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { servedOverHttps, type Config } from '../config.ts';

/** A comment line every 15 s keeps proxies and browsers from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;

export interface EventStream {
  send(data: unknown, event?: string): void;
  end(): void;
}

/** Starts a text/event-stream answer; ends by itself when the client goes away. */
export function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Pick<Config, 'publicUrl'>,
  heartbeatMs = HEARTBEAT_MS,
): EventStream {
  reply.hijack();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  if (servedOverHttps(request.protocol, config))
    headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  reply.raw.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    // never cached, never compressed or buffered on the way (nginx: X-Accel-Buffering)
    'cache-control': 'private, no-cache, no-transform',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  let open = true;
  const heartbeat = setInterval(() => {
    if (open) reply.raw.write(': heartbeat\n\n');
  }, heartbeatMs);
  heartbeat.unref();
  const end = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    reply.raw.end();
  };
  reply.raw.on('close', end);
  return {
    send(data, event = 'progress') {
      if (open) reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end,
  };
}
