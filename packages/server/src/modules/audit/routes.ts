// Reading the audit log: administrators read and export their tenant's whole log; owners
// ('audit.read') read the entries about their department's records and made by its members.
// The UI shows the history of every record from here (entity + entityId).
import { toCsv } from '@sozialraum/core';
import type { FastifyInstance } from 'fastify';
import {
  auditCsvSchema,
  auditEntryListSchema,
  auditVerifySchema,
  type AuditEntry,
} from '@sozialraum/contracts/audit';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Sql } from '../../db/db.ts';
import { defineRoute } from '../../http/route.ts';
import type { Principal } from '../access/index.ts';
import { verifyAuditChain } from './chain.ts';
import { selectAuditEntries } from './store.ts';

type Entry = AuditEntry;

const querySchema = z.object({
  entity: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  before: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The entries this principal may read, newest first. */
export async function listAuditEntries(
  sql: Sql,
  principal: Principal,
  q: z.infer<typeof querySchema>,
): Promise<Entry[]> {
  const all = principal.permissions.has('audit.read_all');
  const rows = await selectAuditEntries(sql, principal.tenantId, {
    entity: q.entity ?? null,
    entityId: q.entityId ?? null,
    action: q.action ?? null,
    before: q.before ?? null,
    limit: q.limit,
    all,
    departmentId: principal.departmentId ?? '',
  });
  return rows.map((r) => ({
    id: Number(r.id),
    seq: r.seq === null ? null : Number(r.seq),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    userId: r.user_id,
    permission: r.permission,
    ip: r.ip,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: r.detail,
    hash: r.hash,
  }));
}

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['Protokoll'];
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit',
    operationId: 'listAuditEntries',
    summary:
      'Änderungsprotokoll (neueste zuerst); mit entity + entityId die Geschichte eines Datensatzes',
    description:
      'Mit audit.read_all das ganze Protokoll des Mandanten, mit audit.read die Einträge zu Datensätzen der eigenen Abteilung und von ihren Mitgliedern. Blättern mit before = kleinste id der vorigen Seite.',
    tags,
    permission: 'audit.read',
    querystring: querySchema,
    response: auditEntryListSchema,
    handler: ({ auth, query }) => listAuditEntries(ctx.db, auth, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/export',
    operationId: 'exportAuditLog',
    summary: 'Änderungsprotokoll als CSV (Semikolon, UTF-8 mit BOM) für Excel',
    tags,
    permission: 'audit.read',
    querystring: querySchema.extend({
      limit: z.coerce.number().int().min(1).max(100_000).default(100_000),
    }),
    response: auditCsvSchema,
    responseContentType: 'text/csv; charset=utf-8',
    handler: async ({ auth, query, reply }) => {
      const rows = await listAuditEntries(ctx.db, auth, query);
      const head = [
        'Nr',
        'Zeitpunkt',
        'Person',
        'Berechtigung',
        'IP',
        'Aktion',
        'Objekt',
        'Objekt-ID',
        'Details',
        'Hash',
      ];
      const lines = rows.map((r) => [
        r.seq,
        r.at,
        r.actor,
        r.permission,
        r.ip,
        r.action,
        r.entity,
        r.entityId,
        r.detail === null || r.detail === undefined ? null : JSON.stringify(r.detail),
        r.hash,
      ]);
      reply.header('Content-Disposition', `attachment; filename="protokoll-${auth.tenantId}.csv"`);
      return toCsv([head, ...lines]);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/verify',
    operationId: 'verifyAuditLog',
    summary: 'Hash-Kette des Protokolls prüfen (wie `sozialraum audit verify`)',
    tags,
    permission: 'audit.read_all',
    response: auditVerifySchema,
    handler: async ({ auth }) => {
      const report = await verifyAuditChain(ctx.db, auth.tenantId);
      return {
        ok: report.problems.length === 0,
        entries: report.tenants.reduce((n, t) => n + t.entries, 0),
        problems: report.problems.map(({ seq, id, problem }) => ({ seq, id, problem })),
      };
    },
  });
}
