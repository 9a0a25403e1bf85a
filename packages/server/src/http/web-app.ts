// Serves the built web app (packages/web/dist) with SPA fallback, and sets the security headers on
// every response. API and OGC paths never fall back to index.html: they answer JSON 404s.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { servedOverHttps, type Config } from '../config.ts';
import { toErrorResponse, notFound } from './errors.ts';

/** The Content-Security-Policy for the app; the basemap's origin is allowed when one is configured. */
export function contentSecurityPolicy(basemapStyleUrl: string | undefined): string {
  let basemap = '';
  if (basemapStyleUrl) {
    try {
      basemap = ` ${new URL(basemapStyleUrl).origin}`;
    } catch {
      basemap = '';
    }
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    // MapLibre sets inline styles on its DOM elements.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${basemap}`,
    `connect-src 'self'${basemap}`,
    `font-src 'self' data:${basemap}`,
    // MapLibre runs its tile workers from blob: URLs when the worker URL is not same-origin.
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Adds CSP, nosniff, Referrer-Policy and (over https) HSTS to every response. */
export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const csp = contentSecurityPolicy(config.basemapStyleUrl);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('X-Frame-Options', 'SAMEORIGIN');
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

/** Serves webDist at / with SPA fallback, or a German build hint when the dist is missing. */
export async function registerWebApp(app: FastifyInstance, config: Config): Promise<void> {
  const hasDist = existsSync(path.join(config.webDist, 'index.html'));
  if (hasDist) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      prefix: '/',
      index: 'index.html',
      wildcard: true,
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
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(MISSING_DIST_HINT),
    );
  }

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url;
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (isRead && !isApiPath(url) && !looksLikeFile(url)) {
      if (hasDist) {
        return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
      }
      return reply.type('text/html; charset=utf-8').send(MISSING_DIST_HINT);
    }
    const pathname = url.split('?')[0] ?? url;
    const { statusCode, body } = toErrorResponse(
      notFound(`Die Adresse ${request.method} ${pathname} gibt es nicht.`),
    );
    return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
  });
}
