// Prepared answers: read routes whose answer changes only when the data does (map values, area
// profiles, OGC pages) serialise and gzip it once per data version and then send the same bytes to
// every reader of the same visibility class, with a strong ETag for 304s. Under 32 clients the
// JSON.stringify + per-request gzip of an 80 KB answer cost more than the whole request otherwise
// (npm run bench, sections b and g; issue 9 § 7).
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getOpenApiRegistry } from './openapi.ts';

/** One answer as bytes: the JSON, its gzip encoding and a strong ETag over the JSON. */
export interface Prepared {
  etag: string;
  json: Buffer;
  gzip: Buffer;
  contentType: string;
}

/** Serialises and compresses an answer (once; the caller caches the result). */
export function prepare(value: unknown, contentType = 'application/json'): Prepared {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  // Level 6 (zlib's default): on an 80 KB values answer about as small as 9 at half the time,
  // and it runs once per data version, not per request.
  const gzip = gzipSync(json, { level: 6 });
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  return { etag, json, gzip, contentType: `${contentType}; charset=utf-8` };
}

/** Whether an If-None-Match header matches the ETag (weak or strong, or a list; RFC 9110 § 13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Whether the client takes gzip (RFC 9110 § 12.5.3): named with q > 0, or '*' with q > 0 and gzip
 * not refused. Browsers send "gzip, deflate, br, zstd"; gzip is what we hold ready, and any
 * listed coding is acceptable, so they get gzip without compressing per request.
 */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let star = false;
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    const allowed = q === undefined || Number(q) > 0;
    if (name === 'gzip' || name === 'x-gzip') return allowed;
    if (name === '*') star = allowed;
  }
  return star;
}

/**
 * Sends a prepared answer: 304 when If-None-Match names its ETag, the gzip bytes when the client
 * takes gzip, the JSON bytes otherwise (@fastify/compress still encodes those for a client that
 * takes only br or deflate: it leaves alone what already carries a Content-Encoding).
 */
export function sendPrepared(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: Prepared,
): FastifyReply {
  // The answer depends on who asks: browsers revalidate every time (no-cache), shared caches keep
  // nothing (private); the encoding varies with Accept-Encoding.
  reply
    .header('ETag', answer.etag)
    .header('Cache-Control', 'private, no-cache')
    .header('Vary', 'Accept-Encoding');
  if (etagMatches(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
  reply.type(answer.contentType);
  if (acceptsGzip(request.headers['accept-encoding']))
    return reply.header('Content-Encoding', 'gzip').send(answer.gzip);
  return reply.send(answer.json);
}

// Bumped by everything that changes what prepared answers say (imports, indicator and source
// edits, disclosure settings: all call invalidateCatalogueCache, which calls bumpDataVersion).
// One counter for all tenants: a change in one tenant needlessly forgets the others' answers, but
// can never leave a stale one.
let dataVersion = 0;

/** Marks every prepared answer as outdated; the next request prepares it again. */
export function bumpDataVersion(): void {
  dataVersion++;
}

/** The current data version (tests, diagnostics). */
export function currentDataVersion(): number {
  return dataVersion;
}

/**
 * Prepared answers of one route, per database object (test apps on different databases never
 * share entries) and key; forgotten as a whole when the data version moves. The key must hold
 * everything the answer depends on: tenant, query, and the reader's visibility class.
 * Bounded by entries and by bytes (JSON + gzip) per database: the least recently used goes first.
 */
export class PreparedCache {
  private version = dataVersion;
  private perDb = new WeakMap<object, Entries>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** The prepared answer for key, made by make() on a miss; errors are not kept. */
  get(db: object, key: string, make: () => Promise<Prepared>): Promise<Prepared> {
    if (this.version !== dataVersion) {
      this.version = dataVersion;
      this.perDb = new WeakMap();
    }
    let entries = this.perDb.get(db);
    if (!entries) this.perDb.set(db, (entries = { map: new Map(), bytes: 0 }));
    const hit = entries.map.get(key);
    if (hit) {
      // most recently used last (Map keeps insertion order)
      entries.map.delete(key);
      entries.map.set(key, hit);
      return hit.answer;
    }
    // A load that began before a change lands in the entries the change has already replaced, so
    // it is never served after the change.
    const cache = entries;
    const entry: Entry = { answer: make(), bytes: 0 };
    cache.map.set(key, entry);
    entry.answer.then(
      (answer) => {
        if (cache.map.get(key) !== entry) return;
        entry.bytes = answer.json.length + answer.gzip.length;
        cache.bytes += entry.bytes;
        this.trim(cache);
      },
      () => {
        if (cache.map.get(key) === entry) cache.map.delete(key);
      },
    );
    this.trim(cache);
    return entry.answer;
  }

  private trim(cache: Entries): void {
    while (
      cache.map.size > this.maxEntries ||
      (cache.bytes > this.maxBytes && cache.map.size > 1)
    ) {
      const [oldest, entry] = cache.map.entries().next().value!;
      cache.map.delete(oldest);
      cache.bytes -= entry.bytes;
    }
  }
}

interface Entry {
  answer: Promise<Prepared>;
  /** JSON + gzip bytes once made (0 while being made). */
  bytes: number;
}

interface Entries {
  map: Map<string, Entry>;
  bytes: number;
}

/**
 * Checks an answer against the route's response schema before it is prepared, when the app
 * validates responses (tests): prepared bytes bypass defineRoute's own check.
 */
export function responseCheck<S extends z.ZodType>(
  app: FastifyInstance,
  schema: S,
  operationId: string,
): <T extends z.input<S>>(value: T) => T {
  const registry = getOpenApiRegistry(app);
  return (value) => {
    if (registry.validateResponses) {
      const check = schema.safeParse(value);
      if (!check.success)
        throw new Error(
          `Response of ${operationId} violates its schema: ${z.prettifyError(check.error)}`,
        );
    }
    return value;
  };
}
