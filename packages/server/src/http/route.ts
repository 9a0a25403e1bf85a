// defineRoute: one place where a route's zod schemas validate the request and describe the
// operation for the OpenAPI document (docs/engineering.md: validate at the edge, same schemas generate
// OpenAPI). Handlers receive parsed, typed input and return plain data; SQL lives in stores.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type AccessControl,
  CSRF_HEADER,
  missingPermission,
  type Permission,
  anonymousPrincipal,
  type Principal,
  sameSecret,
} from '../modules/access/index.ts';
import { HttpError, tooManyRequests } from './errors.ts';
import { fieldTitle, issueReason, schemaAt } from './field-messages.ts';
import { getOpenApiRegistry, type RouteDoc } from './openapi.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Status of a successful answer (ADR 0013); 302 for routes that answer with a redirect. */
export type SuccessStatus = 200 | 201 | 302;
/** Refusals a handler may raise on its own (documented through RouteSpec.refusals). */
export type HandlerStatus = 404 | 409 | 429;

type AnySchema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: validated params, query and body, plus the raw request and reply. */
export interface HandlerInput<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** Who is asking, with the tenant every query must be scoped by. */
  auth: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A route: method, URL (Fastify syntax, `:id`), schemas, and the handler. */
export interface RouteSpec<
  P extends AnySchema | undefined,
  Q extends AnySchema | undefined,
  B extends AnySchema | undefined,
  R extends AnySchema,
> {
  method: HttpMethod;
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /**
   * The permission this route needs (a module's policy file names it); 'none' only for routes
   * everyone must reach (health, sign-in). Ownership rules (own department) are checked by the
   * module's policy functions in the handler. The authorization matrix test enumerates every route.
   */
  permission: Permission | 'none';
  /** Sign-in and password reset act without a session: no CSRF token is asked for. */
  csrfExempt?: boolean;
  /**
   * The route limits its own requests (sign-in: attempts per IP address, failures per account and
   * address, in its service), so the shared budget of anonymous writes does not apply to it.
   */
  ownThrottle?: boolean;
  params?: P;
  querystring?: Q;
  body?: B;
  /** Schema of the success response body (documented; checked at run time when validateResponses is on). */
  response: R;
  /** Content type of the success response; default application/json. */
  responseContentType?: string;
  /**
   * Success status: 201 for a POST that inserts a new record with a new id (ADR 0013); default 200.
   * defineRoute sets it, so the OpenAPI document and the answer cannot disagree.
   */
  status?: SuccessStatus;
  /** With status 201: the new record's address (Location header), built from the response body. */
  location?: (result: z.input<R>) => string;
  /** The route sends an ETag and answers 304 to a matching If-None-Match (documented as 304). */
  etag?: boolean;
  /**
   * Refusals the handler itself raises beyond what the options imply (auth ⇒ 401/403, params ⇒
   * 404, …), e.g. `{ 409: 'Kennung schon vergeben' }`, so the document lists them.
   */
  refusals?: Partial<Record<HandlerStatus, string>>;
  /** Extra OpenAPI fields merged into the operation (e.g. a multipart requestBody). */
  openapi?: Record<string, unknown>;
  /** Returns the response body, or the reply itself when it has already been sent/shaped (304, streams). */
  handler: (
    input: HandlerInput<P, Q, B>,
  ) => Promise<z.input<R> | FastifyReply> | z.input<R> | FastifyReply;
}

const germanErrors = z.locales.de().localeError;

const PART_NAMES = {
  params: 'Pfadparameter',
  querystring: 'Abfrageparameter',
  body: 'Anfrageinhalt',
} as const;

/** One invalid field of a request. */
export interface FieldIssue {
  in: 'params' | 'querystring' | 'body';
  field: string;
  /** the field's name in words (its schema's title), when it has one */
  label?: string;
  reason: string;
}

/** Limits for every request part, on top of each schema's own (and the 10 MB body limit). */
export const INPUT_LIMITS = {
  stringChars: 20_000,
  arrayItems: 20_000,
  depth: 20,
  /** Per value in the path or query: ids, codes, dates, short lists — a URL is no place for more. */
  addressChars: 4_000,
} as const;

const NUL_REASON =
  'enthält das Steuerzeichen NUL (\\u0000, in Adressen %00); es ist in keinem Feld erlaubt';

/** A field name as it can be shown in a message (a NUL in a key is written as \u0000). */
const shown = (path: string): string => (path || '(gesamt)').replaceAll('\u0000', '\\u0000');

/**
 * Finds the first value no route can use: too long, too many items, nested too deep, or holding a
 * NUL character (PostgreSQL text cannot store U+0000; letting it through turned into 500s).
 * Returns the field's path and why, or null. Stops at the depth limit, so deep input costs little.
 */
export function inputProblem(
  value: unknown,
  maxChars: number = INPUT_LIMITS.stringChars,
  path = '',
  depth = 0,
): Omit<FieldIssue, 'in'> | null {
  if (depth > INPUT_LIMITS.depth) return { field: shown(path), reason: 'zu tief verschachtelt' };
  if (typeof value === 'string') {
    if (value.length > maxChars)
      return {
        field: shown(path),
        reason: `Text länger als ${maxChars.toLocaleString('de-DE')} Zeichen`,
      };
    return value.includes('\u0000') ? { field: shown(path), reason: NUL_REASON } : null;
  }
  if (Array.isArray(value)) {
    if (value.length > INPUT_LIMITS.arrayItems)
      return {
        field: shown(path),
        reason: `mehr als ${INPUT_LIMITS.arrayItems.toLocaleString('de-DE')} Einträge`,
      };
    for (let i = 0; i < value.length; i++) {
      const r = inputProblem(value[i], maxChars, `${path}.${i}`, depth + 1);
      if (r) return r;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const field = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) return { field: shown(field), reason: NUL_REASON };
      const r = inputProblem(v, maxChars, field, depth + 1);
      if (r) return r;
    }
  }
  return null;
}

/** Parses one part of a request; collects German issues instead of throwing. */
export function parsePart(
  schema: AnySchema | undefined,
  value: unknown,
  part: FieldIssue['in'],
  issues: FieldIssue[],
): unknown {
  if (!schema) return undefined;
  const problem = inputProblem(value);
  if (problem) {
    issues.push({ in: part, ...problem });
    return undefined;
  }
  const r = schema.safeParse(value ?? (part === 'body' ? undefined : {}), { error: germanErrors });
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const field = schemaAt(schema, issue.path);
    const title = fieldTitle(field);
    issues.push({
      in: part,
      field: issue.path.map(String).join('.') || '(gesamt)',
      ...(title ? { label: title } : {}),
      reason: issueReason(issue, value, field),
    });
  }
  return undefined;
}

/**
 * Path and query of every request, before anything reads them — even routes without a schema for
 * them, and the tenant choice (?tenant=) that access control looks up in the database. The check
 * does not depend on the route, so running it before authorisation tells a caller nothing.
 */
export function checkAddress(request: FastifyRequest): void {
  const issues: FieldIssue[] = [];
  for (const [part, value] of [
    ['params', request.params],
    ['querystring', request.query],
  ] as const) {
    const problem = inputProblem(value, INPUT_LIMITS.addressChars);
    if (problem) issues.push({ in: part, ...problem });
  }
  if (issues.length > 0) throw validationError(issues);
}

/** Builds the 400 error for invalid fields: the message names each field and why. */
export function validationError(issues: FieldIssue[]): HttpError {
  const text = issues
    .map((i) => `${PART_NAMES[i.in]} „${i.field}“${i.label ? ` (${i.label})` : ''}: ${i.reason}`)
    .join('; ');
  return new HttpError(400, 'validation_failed', `Ungültige Anfrage – ${text}`, issues);
}

declare module 'fastify' {
  interface FastifyInstance {
    sozialraumAccess: AccessControl;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the request's principal once and checks permission and CSRF. */
export async function authorize(
  app: FastifyInstance,
  request: FastifyRequest,
  permission: string,
  csrfExempt = false,
  ownThrottle = false,
): Promise<Principal> {
  // An app without access control (a bare Fastify in unit tests) serves only open routes.
  if (!app.hasDecorator('sozialraumAccess')) {
    if (permission !== 'none') throw new Error('defineRoute: access control not registered');
    return (request.principal ??= anonymousPrincipal('', new Set()));
  }
  const access = app.sozialraumAccess;
  const principal = (request.principal ??= await access.resolve(request));
  const changing = !SAFE_METHODS.has(request.method);
  if (changing && principal.kind === 'anonymous' && !ownThrottle) {
    const wait = access.anonymousWrites.hit(request.ip);
    if (wait > 0)
      throw tooManyRequests(
        `Zu viele Anfragen ohne Anmeldung. Bitte in ${Math.ceil(wait / 1000)} Sekunden erneut versuchen.`,
        wait,
      );
  }
  // Changes made with the session cookie must carry the session's CSRF token (synchroniser token);
  // API tokens are sent explicitly and cannot be forged by another site.
  if (principal.kind === 'session' && changing && !csrfExempt) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !principal.csrfToken || !sameSecret(sent, principal.csrfToken))
      throw new HttpError(
        403,
        'csrf_failed',
        'Die Anfrage trägt kein gültiges CSRF-Token. Bitte laden Sie die Seite neu.',
      );
  }
  if (permission !== 'none' && !principal.permissions.has(permission))
    throw missingPermission(principal, permission);
  return principal;
}

/** Registers a validated route on app and records it for /api/openapi.json. */
export function defineRoute<
  P extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  B extends AnySchema | undefined = undefined,
  R extends AnySchema = AnySchema,
>(app: FastifyInstance, spec: RouteSpec<P, Q, B, R>): void {
  const registry = getOpenApiRegistry(app);
  registry.add(spec as unknown as RouteDoc);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      checkAddress(request);
      // Authorisation before validation: who may not call a route learns nothing about its input.
      const auth = await authorize(
        app,
        request,
        spec.permission,
        spec.csrfExempt,
        spec.ownThrottle,
      );
      const issues: FieldIssue[] = [];
      const params = parsePart(spec.params, request.params, 'params', issues);
      const query = parsePart(spec.querystring, request.query, 'querystring', issues);
      const body = parsePart(spec.body, request.body, 'body', issues);
      if (issues.length > 0) throw validationError(issues);
      const result = await spec.handler({
        params,
        query,
        body,
        auth,
        request,
        reply,
      } as HandlerInput<P, Q, B>);
      // a FastifyReply is thenable, so `await handler()` never returns it: ask the reply instead
      if (result === reply || reply.sent) return reply;
      if (registry.validateResponses) {
        const check = spec.response.safeParse(result);
        if (!check.success) {
          // A contract violation is our bug, not the client's: log it fully, answer 500.
          request.log.error(
            { issues: check.error.issues, operationId: spec.operationId },
            'response violates its schema',
          );
          throw new Error(
            `Response of ${spec.operationId} violates its schema: ${z.prettifyError(check.error)}`,
          );
        }
      }
      if (spec.responseContentType) reply.type(spec.responseContentType);
      if (spec.status) reply.code(spec.status);
      if (spec.location) reply.header('Location', spec.location(result as z.input<R>));
      return result;
    },
  });
}
