// Request bodies that trickle in are cut (issue 8, item 10). Fastify's own timeouts cannot tell a
// trickle from a large upload: `requestTimeout` is one fixed time for the whole request, so any
// value that lets a 512 MB upload through over an ordinary line also lets a body of one byte per
// second hold a connection for an hour; `connectionTimeout` (socket inactivity) would also cut
// answers that take long to compute, such as the analysis of a large import file. So two rules:
// - a body must keep arriving: at least `minBytes` in every `windowMs` while it is incomplete
//   (default 16 KiB per 15 s, about 1 KiB/s — far below any real line, far above a trickle);
// - the whole request must arrive within requestTimeoutMs(max upload), a backstop for a body that
//   arrives just above that pace (Node's requestTimeout, which ends once the body is complete and
//   so never cuts the computing that follows).
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { HttpError, toErrorResponse } from './errors.ts';

export interface BodyPace {
  /** Length of one measuring window. */
  windowMs: number;
  /** Bytes that must arrive in every window while the body is incomplete. */
  minBytes: number;
}

export const DEFAULT_BODY_PACE: BodyPace = { windowMs: 15_000, minBytes: 16 * 1024 };

/** The slowest line a full-size upload must still get through on: 1 Mbit/s. */
const SLOWEST_UPLOAD_BYTES_PER_SECOND = 125_000;

/**
 * Node's requestTimeout for the app: time for the largest allowed upload at 1 Mbit/s, at least five
 * minutes (512 MiB → about 72 minutes).
 */
export function requestTimeoutMs(maxUploadBytes: number): number {
  return Math.max(5 * 60_000, Math.ceil(maxUploadBytes / SLOWEST_UPLOAD_BYTES_PER_SECOND) * 1000);
}

const hasBody = (headers: Record<string, unknown>): boolean =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/** The answer written straight to the socket: a handler may still be reading the body. */
function timeoutResponse(pace: BodyPace): string {
  const { body } = toErrorResponse(
    new HttpError(
      408,
      'request_timeout',
      `Der Anfrageinhalt kam zu langsam an (weniger als ${Math.round(pace.minBytes / 1024)} KiB in ${Math.round(pace.windowMs / 1000)} Sekunden); die Verbindung wurde getrennt. Bitte erneut senden.`,
    ),
  );
  const json = JSON.stringify(body);
  return [
    'HTTP/1.1 408 Request Timeout',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}

/** Cuts requests whose body arrives slower than `pace` (see the top of this file). */
export function guardSlowBodies(app: FastifyInstance, pace: BodyPace = DEFAULT_BODY_PACE): void {
  const answer = timeoutResponse(pace);
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    // app.inject has no real socket (no byte count): nothing trickles there
    const socket = raw.socket as Socket | undefined;
    if (raw.complete || !hasBody(raw.headers) || typeof socket?.bytesRead !== 'number')
      return done();
    let seen = socket.bytesRead;
    const timer = setInterval(() => {
      if (raw.complete || socket.destroyed || reply.raw.headersSent) return clearInterval(timer);
      const now = socket.bytesRead;
      if (now - seen >= pace.minBytes) {
        seen = now;
        return;
      }
      clearInterval(timer);
      request.log.warn(
        { bytes: now - seen, windowMs: pace.windowMs },
        'request body too slow: cut',
      );
      socket.end(answer);
      // a client that does not read our answer does not keep the socket either
      setTimeout(() => socket.destroy(), 1000).unref();
    }, pace.windowMs);
    timer.unref();
    // the answer may come before the body is read (401, 413): then nothing is waited for any more
    reply.raw.once('close', () => clearInterval(timer));
    done();
  });
}
