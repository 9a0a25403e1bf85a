// Open311 GeoReport v2 submissions with an api_key (issue 13 § 1, ADR 0031): the administration
// makes and revokes keys (the secret is shown once, only its SHA-256 is kept, as for API tokens);
// report apps submit with a key instead of solving the proof of work, under a per-key budget.
import type { Open311Key, open311SubmissionSchema } from '@sozialraum/contracts/participation';
import { REPORT_STATUSES } from '@sozialraum/core';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Sql } from '../../db/db.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { newSecret, sha256 } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { storeReport } from './service.ts';
import * as store from './store.ts';

/** Keys start with this, so a leaked one is recognisable (secret scanners, logs). */
const KEY_PREFIX = 'o311_';

const toKey = (r: store.ApiKeyRow): Open311Key => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

/** The tenant's keys, newest first. */
export async function listKeys(sql: Sql, tenantId: string): Promise<Open311Key[]> {
  return (await store.selectApiKeys(sql, tenantId)).map(toKey);
}

/** Makes a key; the secret is returned this once and stored only as its hash (audited). */
export async function createKey(
  db: AppContext['db'],
  tenantId: string,
  name: string,
  actor: AuditActor,
): Promise<{ key: Open311Key; secret: string }> {
  const secret = newSecret(KEY_PREFIX);
  const prefix = secret.slice(0, KEY_PREFIX.length + 4);
  const row = await db.transaction(async (tx) => {
    const r = await store.insertApiKey(tx, tenantId, sha256(secret), name, prefix);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.open311_key.create',
      entity: 'participation_api_key',
      entityId: String(r.id),
      detail: { name, prefix },
    });
    return r;
  });
  return { key: toKey(row), secret };
}

/** Revokes a key (idempotent; audited when it changes). */
export async function revokeKey(
  db: AppContext['db'],
  tenantId: string,
  id: number,
  actor: AuditActor,
): Promise<Open311Key> {
  return db.transaction(async (tx) => {
    const r = await store.revokeApiKey(tx, tenantId, id);
    if (!r) throw notFound(`Open311-Schlüssel ${id} gibt es nicht.`);
    if (!r.before.revoked_at)
      await writeAudit(tx, tenantId, {
        actor,
        action: 'participation.open311_key.revoke',
        entity: 'participation_api_key',
        entityId: String(id),
        detail: { name: r.after.name, prefix: r.after.prefix },
      });
    return toKey(r.after);
  });
}

/** The valid key behind a secret, or a 403 (unknown and revoked keys are not told apart). */
export async function keyOf(sql: Sql, tenantId: string, secret: string): Promise<store.ApiKeyRow> {
  const key = await store.findApiKey(sql, tenantId, sha256(secret));
  if (!key)
    throw forbidden(
      'Der api_key ist unbekannt oder widerrufen. Bitte wenden Sie sich an die Verwaltung.',
    );
  return key;
}

/** The point of a submission: lat/long both, or a 400 (an address alone cannot be placed). */
export function pointOf(b: z.output<typeof open311SubmissionSchema>): { lat: number; lon: number } {
  if (b.lat !== undefined && b.long !== undefined) return { lat: b.lat, lon: b.long };
  if (b.address_string || b.address_id)
    throw badRequest(
      'Anfrageinhalt „address_string“: Adressen können wir nicht in Koordinaten umwandeln. Bitte senden Sie den Ort als „lat“ und „long“ (WGS 84).',
    );
  throw badRequest(
    `Anfrageinhalt „${b.lat === undefined ? 'lat' : 'long'}“: fehlt. Bitte senden Sie den Ort als „lat“ und „long“ (WGS 84).`,
  );
}

/**
 * Stores a keyed submission through the portal's own path (point in the municipality, length
 * rules, opt-in mail); no proof of work. Names and phone numbers are not kept (data minimisation).
 */
export async function submitKeyed(
  ctx: AppContext,
  tenantId: string,
  key: store.ApiKeyRow,
  body: z.output<typeof open311SubmissionSchema>,
  actor: AuditActor,
  log?: FastifyBaseLogger,
) {
  const point = pointOf(body);
  const r = await storeReport(
    ctx,
    tenantId,
    {
      kind: 'hint',
      topic: body.service_code,
      text: body.description,
      ...point,
      email: body.email ?? null,
    },
    actor,
    { log, auditDetail: { via: 'open311', apiKeyId: key.id } },
  );
  const status = REPORT_STATUSES.find((s) => s.id === r.report.status)?.de ?? r.report.status;
  return [
    {
      service_request_id: String(r.report.id),
      service_notice: `Status: ${status}.`,
    },
  ];
}
