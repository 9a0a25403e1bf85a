// One error shape for every endpoint (docs/api-contract.md): { error: { code, message, details? } },
// message in German. Internals (SQL, stack traces) never leave the server: a 500 says only that
// something failed and is logged in full.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An error that becomes exactly this HTTP status, code and German message. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 404 with a German message naming what was not found. */
export function notFound(message: string): HttpError {
  return new HttpError(404, 'not_found', message);
}

/** 400 with a German message and optional machine-readable details. */
export function badRequest(message: string, details?: unknown): HttpError {
  return new HttpError(400, 'bad_request', message, details);
}

/** 401: the request needs a signed-in user (or a valid API token). */
export function unauthorized(
  message = 'Bitte melden Sie sich an: diese Funktion steht nur angemeldeten Personen zur Verfügung.',
): HttpError {
  return new HttpError(401, 'unauthorized', message);
}

/** 403 with a German message saying what is not allowed and why. */
export function forbidden(message: string): HttpError {
  return new HttpError(403, 'forbidden', message);
}

/** 409: the request conflicts with the current state. */
export function conflict(message: string): HttpError {
  return new HttpError(409, 'conflict', message);
}

/**
 * 429: too many requests; the answer carries `Retry-After` (whole seconds, at least 1) so clients
 * and proxies know when to try again (RFC 9110, 10.2.3), and the same figure in details.
 */
export function tooManyRequests(message: string, waitMs: number): HttpError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new HttpError(429, 'too_many_requests', message, { retryAfterSeconds });
}

/** Seconds for Retry-After: from tooManyRequests, else a minute (no 429 goes out without one). */
export function retryAfterOf(err: unknown): number {
  const details = err instanceof HttpError ? err.details : undefined;
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : 60;
}

/** The error body schema, for the OpenAPI document. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'maschinenlesbarer Fehlercode, z. B. validation_failed, not_found' }),
      message: z.string().meta({ description: 'Fehlermeldung auf Deutsch' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Fehlerantwort' });

// Fastify's own client errors, said in German. Codes: fastify/lib/errors.js, @fastify/multipart.
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'Der Inhaltstyp (Content-Type) der Anfrage wird hier nicht unterstützt.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH:
    'Die Angabe Content-Length passt nicht zur Länge des Anfrageinhalts.',
  FST_ERR_CTP_EMPTY_JSON_BODY:
    'Der Anfrageinhalt ist leer, obwohl Content-Type application/json angegeben ist.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'Der Anfrageinhalt ist kein gültiges JSON.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Der Anfrageinhalt ist zu groß.',
  FST_REQ_FILE_TOO_LARGE: 'Die hochgeladene Datei ist zu groß.',
  FST_FILES_LIMIT: 'Es wurden zu viele Dateien auf einmal hochgeladen.',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'Die Anfrage ist kein multipart/form-data-Upload.',
  FST_ERR_BAD_URL:
    'Die Adresse enthält eine ungültige %-Kodierung (z. B. ein abgeschnittenes %E0%A4%A).',
  FST_ERR_MAX_PARAM_LENGTH: 'Ein Teil der Adresse ist zu lang.',
};

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Maps any thrown value to status + body; unknown errors become a generic 500. */
export function toErrorResponse(err: unknown): { statusCode: number; body: ErrorBody } {
  if (err instanceof HttpError) {
    const error: ErrorBody['error'] = { code: err.code, message: err.message };
    if (err.details !== undefined) error.details = err.details;
    return { statusCode: err.statusCode, body: { error } };
  }
  const fe = err as Partial<FastifyError> | null;
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const known = fe?.code ? FASTIFY_MESSAGES[fe.code] : undefined;
    return {
      statusCode: status,
      body: {
        error: {
          code: STATUS_CODES[status] ?? 'bad_request',
          message: known ?? 'Die Anfrage kann so nicht bearbeitet werden.',
          // Fastify's English reason helps a developer; it contains no server internals.
          ...(fe?.message ? { details: { reason: fe.message } } : {}),
        },
      },
    };
  }
  return {
    statusCode: 500,
    body: {
      error: {
        code: 'internal_error',
        message:
          'Interner Serverfehler. Die Anfrage konnte nicht bearbeitet werden; Details stehen im Serverprotokoll.',
      },
    },
  };
}

/**
 * Fastify's `frameworkErrors` option: a malformed %-escape in the path (FST_ERR_BAD_URL) or an
 * over-long path parameter (FST_ERR_MAX_PARAM_LENGTH) is refused by the router before any route
 * runs, so the error handler never sees it; this gives those answers the shared shape too, and
 * the security headers a JSON error needs (no hook runs for them, so helmet's are missing).
 */
export function frameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const { statusCode, body } = toErrorResponse(err);
  // No hook runs for these (helmet's neither): the JSON error gets a closed policy of its own.
  reply.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Cache-Control', 'no-store');
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

/** Installs the error handler that turns every thrown error into the shared error shape. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { statusCode, body } = toErrorResponse(err);
    if (statusCode >= 500) request.log.error({ err }, 'request failed');
    if (statusCode === 429) reply.header('Retry-After', String(retryAfterOf(err)));
    return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
  });
}
