// Serves the built web app (packages/web/dist) with SPA fallback, and sets the security headers on
// every response. API and OGC paths never fall back to index.html: they answer JSON 404s.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { servedOverHttps, type Config } from '../config.ts';
import { badRequest, HttpError, notFound, toErrorResponse } from './errors.ts';

/** The Content-Security-Policy directives; the basemap's origin is allowed when one is configured. */
export function cspDirectives(basemapStyleUrl: string | undefined): Record<string, string[]> {
  let basemap: string[] = [];
  if (basemapStyleUrl) {
    try {
      basemap = [new URL(basemapStyleUrl).origin];
    } catch {
      basemap = [];
    }
  }
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // MapLibre sets inline styles on its DOM elements.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...basemap],
    'connect-src': ["'self'", ...basemap],
    'font-src': ["'self'", 'data:', ...basemap],
    // MapLibre runs its tile workers from blob: URLs when the worker URL is not same-origin.
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  };
}

/** The Content-Security-Policy header as helmet writes it (directives joined by ';'). */
export function contentSecurityPolicy(basemapStyleUrl: string | undefined): string {
  return Object.entries(cspDirectives(basemapStyleUrl))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join(';');
}

/**
 * Security headers through @fastify/helmet: CSP, nosniff, Referrer-Policy and X-Frame-Options as
 * before, plus helmet's low-risk defaults (Cross-Origin-Opener-Policy, Origin-Agent-Cluster,
 * X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-Policies, X-XSS-Protection: 0).
 * Cross-Origin-Resource-Policy stays off so maps and GIS clients elsewhere may still embed tiles and
 * features. HSTS depends on the request (only over https) and Cache-Control on the path, so they stay
 * in our own hook (ADR 0021).
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: cspDirectives(config.basemapStyleUrl),
    },
    xContentTypeOptions: true,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'sameorigin' },
    strictTransportSecurity: false,
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (servedOverHttps(request.protocol, config))
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // Answers that depend on who asks must not be kept by shared caches.
    if (request.url.startsWith('/api/') && !reply.hasHeader('Cache-Control'))
      reply.header('Cache-Control', 'private, no-cache');
    return payload;
  });
}

const MISSING_DIST_HINT = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Sozialraum</title></head>
<body><h1>Sozialraum</h1>
<p>Die Weboberfläche ist noch nicht gebaut: Im Ordner <code>packages/web/dist</code> fehlt
<code>index.html</code>. Bitte im Wurzelverzeichnis des Projekts <code>npm run build:web</code>
ausführen (oder <code>npm start</code>, das die Oberfläche vorher baut) und die Seite neu laden.</p>
<p>Die Programmierschnittstelle läuft bereits: <a href="/api/openapi.json">/api/openapi.json</a>,
OGC API – Features: <a href="/ogc">/ogc</a>.</p>
</body></html>
`;

function isApiPath(url: string): boolean {
  return /^\/(api|ogc)(\/|\?|$)/.test(url);
}

// Paths whose last segment has a dot name files (/assets/x.js); a missing file is a 404,
// not the app shell, so a broken asset link shows up as an error instead of HTML parsed as JS.
function looksLikeFile(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  const last = pathname.split('/').pop() ?? '';
  return last.includes('.');
}

/** Longest request path the app serves; a longer one is refused with 414, not sent to the disk. */
export const MAX_PATH_CHARS = 2048;

// What the web build contains: plain names in plain folders (Vite: name-hash.ext, hashes in
// base64url; no leading dot, so no dotfiles). Anything else (NUL, %-escapes that
// decode to odd characters, 300-character segments) never reaches the file system, where it
// turned into 403s and errors. Source maps (*.map) are not served: they would publish the whole
// client source; a build made with sourcemaps on (vite.config.ts has them off) stays private.
const SEGMENT = '[A-Za-z0-9_][A-Za-z0-9._@+~-]{0,127}';
const SERVABLE_FILE = new RegExp(`^(?:${SEGMENT}/){0,8}${SEGMENT}$`);
export function isServableFile(pathname: string): boolean {
  return SERVABLE_FILE.test(pathname) && !pathname.endsWith('.map');
}

/**
 * A glyph block without glyphs in MapLibre's glyphs.proto: `glyphs { stacks = 1 { name = 1;
 * range = 2 } }` — protobuf, each field a length-delimited string.
 */
export function emptyGlyphBlock(stack: string, range: string): Buffer {
  const field = (tag: number, bytes: Buffer) =>
    Buffer.concat([Buffer.from([tag, bytes.length]), bytes]);
  const fontstack = Buffer.concat([
    field(0x0a, Buffer.from(stack, 'utf8')),
    field(0x12, Buffer.from(range, 'utf8')),
  ]);
  return field(0x0a, fontstack);
}

/** Serves webDist at / with SPA fallback, or a German build hint when the dist is missing. */
export async function registerWebApp(app: FastifyInstance, config: Config): Promise<void> {
  const hasDist = existsSync(path.join(config.webDist, 'index.html'));
  if (hasDist) {
    // serve: false — the plugin only sends files; our route below decides which paths may ask.
    await app.register(fastifyStatic, {
      root: config.webDist,
      serve: false,
      setHeaders(reply, filePath) {
        // Vite puts content hashes in /assets file names: those never change. index.html must be
        // revalidated so a new build is picked up.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        } else {
          reply.header('Cache-Control', 'no-cache');
        }
      },
    });
    // A block of map label glyphs the build has not made (a name with a character outside the
    // bundled blocks): an empty block, so MapLibre draws the tile's other names and leaves out
    // only the characters it has no shape for, instead of no names at all.
    app.get('/glyphs/:stack/:range', (request: FastifyRequest, reply: FastifyReply): void => {
      const { stack = '', range = '' } = request.params as Record<string, string | undefined>;
      const file = `glyphs/${stack}/${range}`;
      const block = /^(\d{1,5})-(\d{1,5})\.pbf$/.exec(range);
      if (!/^[a-z][a-z-]{0,40}$/.test(stack) || !block) return reply.callNotFound();
      if (existsSync(path.join(config.webDist, file))) return void reply.sendFile(file);
      reply
        .header('Cache-Control', 'no-cache')
        .type('application/x-protobuf')
        .send(emptyGlyphBlock(stack, `${block[1]}-${block[2]}`));
    });
    // Not async: sendFile and callNotFound answer on their own, and an async handler returning
    // the reply stacks a 'close' listener per hop (MaxListenersExceededWarning).
    app.get('/*', (request: FastifyRequest, reply: FastifyReply): void => {
      const file = (request.params as Record<string, string | undefined>)['*'] ?? '';
      if (file === '' || file === 'index.html')
        reply.header('Cache-Control', 'no-cache').sendFile('index.html');
      else if (isServableFile(file)) reply.sendFile(file);
      else reply.callNotFound();
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(MISSING_DIST_HINT),
    );
  }

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url;
    const pathname = url.split('?')[0] ?? url;
    const fail = (err: HttpError) => {
      const { statusCode, body } = toErrorResponse(err);
      return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
    };
    if (pathname.length > MAX_PATH_CHARS)
      return fail(
        new HttpError(
          414,
          'uri_too_long',
          `Die Adresse ist länger als ${MAX_PATH_CHARS.toLocaleString('de-DE')} Zeichen.`,
        ),
      );
    if (/%00/i.test(pathname))
      return fail(badRequest('Die Adresse enthält das Steuerzeichen NUL (%00).'));
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (isRead && !isApiPath(url) && !looksLikeFile(url)) {
      if (hasDist) {
        return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
      }
      return reply.type('text/html; charset=utf-8').send(MISSING_DIST_HINT);
    }
    return fail(notFound(`Die Adresse ${request.method} ${pathname} gibt es nicht.`));
  });
}
