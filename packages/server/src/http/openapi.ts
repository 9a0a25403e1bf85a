// The OpenAPI 3.1 document, generated from the zod schemas that defineRoute registers. OpenAPI 3.1
// uses JSON Schema 2020-12, which is what z.toJSONSchema emits, so schemas go in unchanged.
// Shared schemas carry `.meta({ id })` and become components/schemas entries referenced by $ref.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorBodySchema } from './errors.ts';

/** What the registry keeps per operation (the RouteSpec minus typing). */
export interface RouteDoc {
  method: string;
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** The permission the route needs ('none': open to everyone, e.g. sign-in). */
  permission: string;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  responseContentType?: string;
  /** Success status (default 200); 201 for routes that create a record (ADR 0013). */
  status?: number;
  /** Present when a 201 carries a Location header. */
  location?: unknown;
  /** The route answers 304 to If-None-Match. */
  etag?: boolean;
  /** Refusals the handler raises itself, with their description. */
  refusals?: Partial<Record<number, string>>;
  csrfExempt?: boolean;
  openapi?: Record<string, unknown>;
}

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every status a route can answer, derived from its defineRoute options (ADR 0013), with the
 * description the document gives it. What the options imply:
 * - every route: 400 (path and query are checked on every request, also without a schema),
 *   401 (an invalid API token is refused even on open routes), 500;
 * - a permission, or a change made with a session (CSRF token): 403;
 * - every route: 404 as well, for a tenant chosen with ?tenant= or X-Sozialraum-Tenant that does
 *   not exist; with path parameters also for an unknown record;
 * - path parameters: 414 (a parameter past the router's length limit);
 * - changes (POST/PUT/PATCH/DELETE): 408 (a body that trickles in is cut), 413 (body limit), 415
 *   (content type), 429 (anonymous writes are throttled; sign-in and reset count their own attempts);
 * - `etag`: 304; `refusals`: what the handler raises itself (409 for a taken id, …).
 */
export function responseStatuses(route: RouteDoc): Record<string, string> {
  const changing = CHANGING.has(route.method);
  const success = { 201: 'Angelegt', 302: 'Weiterleitung (Ziel in Location)' }[route.status ?? 0];
  const out: Record<string, string> = { [String(route.status ?? 200)]: success ?? 'Erfolg' };
  if (route.etag) out['304'] = 'Nicht geändert (ETag aus If-None-Match passt)';
  out['400'] = 'Ungültige Anfrage';
  out['401'] =
    route.permission === 'none'
      ? 'API-Token ungültig, abgelaufen oder widerrufen'
      : 'Anmeldung erforderlich';
  if (route.permission !== 'none' || (changing && !route.csrfExempt))
    out['403'] = 'Berechtigung fehlt (die Meldung nennt sie) oder CSRF-Token fehlt';
  // ?tenant= / X-Sozialraum-Tenant naming no tenant answers 404 on every route
  out['404'] = route.params
    ? 'Nicht gefunden (Datensatz oder gewählter Mandant)'
    : 'Gewählter Mandant (?tenant=, X-Sozialraum-Tenant) unbekannt';
  if (changing) {
    out['408'] = 'Anfrageinhalt kam zu langsam an (Verbindung beendet)';
    out['413'] = 'Anfrageinhalt zu groß';
    out['415'] = 'Inhaltstyp nicht unterstützt';
  }
  if (route.params) out['414'] = 'Pfadparameter zu lang';
  if (changing) out['429'] = 'Zu viele Anfragen';
  for (const [code, text] of Object.entries(route.refusals ?? {})) if (text) out[code] = text;
  out['500'] = 'Interner Serverfehler';
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => Number(a) - Number(b)));
}

/** Operations of one app, and whether responses are checked against their schemas. */
export class OpenApiRegistry {
  readonly routes: RouteDoc[] = [];
  validateResponses = false;

  /** Records one operation; operationIds must be unique. */
  add(route: RouteDoc): void {
    if (this.routes.some((r) => r.operationId === route.operationId)) {
      throw new Error(`operationId ${route.operationId} is registered twice`);
    }
    this.routes.push(route);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    sozialraumOpenApi: OpenApiRegistry;
    sozialraumRoutes: { method: string; url: string }[];
  }
}

/** The app's registry (created on first use; shared with encapsulated child instances). */
export function getOpenApiRegistry(app: FastifyInstance): OpenApiRegistry {
  if (!app.hasDecorator('sozialraumOpenApi'))
    app.decorate('sozialraumOpenApi', new OpenApiRegistry());
  return app.sozialraumOpenApi;
}

/** Records every route Fastify registers from now on, so tests can compare them with the document. */
export function trackRoutes(app: FastifyInstance): void {
  if (!app.hasDecorator('sozialraumRoutes')) app.decorate('sozialraumRoutes', []);
  const list = app.sozialraumRoutes;
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods)
      list.push({ method: String(m).toUpperCase(), url: route.url ?? route.path });
  });
}

/** Every route Fastify registered after trackRoutes (method, URL in Fastify syntax). */
export function listRoutes(app: FastifyInstance): { method: string; url: string }[] {
  return app.hasDecorator('sozialraumRoutes') ? [...app.sozialraumRoutes] : [];
}

/** '/api/areas/:id/profile' → '/api/areas/{id}/profile'. */
export function toOpenApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

type JsonSchema = Record<string, unknown>;

function stripRoot(s: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = s;
  return rest;
}

// Path and query parameters: one OpenAPI parameter per property of the object schema.
function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const props = (js.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((js.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The operation's responses: the success answer with its schema, 304 bare, refusals as Error. */
function responsesOf(
  route: RouteDoc,
  responseRef: string,
  errorRef: (description: string) => JsonSchema,
): Record<string, JsonSchema> {
  const success = String(route.status ?? 200);
  const location = {
    Location: {
      description:
        route.status === 302 ? 'Ziel der Weiterleitung' : 'Adresse des angelegten Datensatzes',
      schema: { type: 'string' },
    },
  };
  return Object.fromEntries(
    Object.entries(responseStatuses(route)).map(([code, description]) => {
      if (code === '304') return [code, { description }];
      if (code === '302') return [code, { description, headers: location }];
      if (code !== success) return [code, errorRef(description)];
      const content = {
        [route.responseContentType ?? 'application/json']: { schema: { $ref: responseRef } },
      };
      return [code, { description, ...(route.location ? { headers: location } : {}), content }];
    }),
  );
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** Builds the OpenAPI 3.1 document for all operations in the registry. */
export function buildOpenApiDocument(registry: OpenApiRegistry, info: OpenApiInfo): JsonSchema {
  // Request bodies are described as accepted (io input), responses as sent (io output); each
  // becomes a named component so shared sub-schemas (meta id) are referenced, not repeated.
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  const refOf = new Map<z.ZodType, string>();
  const named = (reg: typeof inputs, schema: z.ZodType, fallback: string): string => {
    const own = z.globalRegistry.get(schema)?.id;
    const id = own ?? refOf.get(schema) ?? fallback;
    if (!reg.has(schema)) reg.add(schema, { id });
    refOf.set(schema, id);
    return id;
  };
  named(outputs, errorBodySchema, 'Error');
  // Every schema with a global id (`.meta({ id })`) becomes a component, so nested uses are $refs
  // to components/schemas instead of per-schema $defs.
  for (const [id, schema] of z.globalRegistry._idmap) {
    for (const reg of [inputs, outputs]) if (!reg.has(schema)) reg.add(schema, { id });
  }
  const ops: { route: RouteDoc; responseId: string; bodyId?: string }[] = [];
  for (const route of registry.routes) {
    const responseId = named(outputs, route.response, `${route.operationId}Response`);
    const bodyId = route.body ? named(inputs, route.body, `${route.operationId}Body`) : undefined;
    ops.push({ route, responseId, ...(bodyId ? { bodyId } : {}) });
  }
  const uri = (id: string) => `#/components/schemas/${id}`;
  const schemas: Record<string, JsonSchema> = {};
  const addAll = (out: { schemas: Record<string, JsonSchema> }) => {
    for (const [id, s] of Object.entries(out.schemas)) schemas[id] = stripRoot(s);
  };
  // Inputs first: where a schema is used both ways, the response form (what clients read) wins.
  addAll(
    z.toJSONSchema(inputs, { io: 'input', uri, unrepresentable: 'any' }) as {
      schemas: Record<string, JsonSchema>;
    },
  );
  addAll(
    z.toJSONSchema(outputs, { io: 'output', uri, unrepresentable: 'any' }) as {
      schemas: Record<string, JsonSchema>;
    },
  );

  const errorRef = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: uri('Error') } } },
  });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { route, responseId, bodyId } of ops) {
    const path = toOpenApiPath(route.url);
    const parameters = [
      ...parametersOf(route.params, 'path'),
      ...parametersOf(route.querystring, 'query'),
    ];
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      'x-permission': route.permission,
      ...(route.permission === 'none' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(bodyId
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { $ref: uri(bodyId) } } },
            },
          }
        : {}),
      responses: responsesOf(route, uri(responseId), errorRef),
      ...(route.openapi ?? {}),
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    // Signed-in browsers send the session cookie (and X-CSRF-Token on changes); scripts an API token.
    security: [{ session: [] }, { apiToken: [] }, {}],
    components: {
      schemas,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sozialraum_session' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'API-Token (szr_…)' },
      },
    },
  };
}
