// The built-in taxonomy (core SERVICE_TYPES) written as data into a tenant; a tenant's own terms sit
// beside it and are never overwritten.
import { SERVICE_TYPES } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { stableUuid } from './ids.ts';
import { upsertTaxonomy, upsertTerms } from './store.ts';

/** The id of the built-in taxonomy of a tenant. */
export function builtinTaxonomyId(tenantId: string): string {
  return stableUuid(tenantId, 'taxonomy', 'sozialraum-angebotsarten');
}

/** Writes (or refreshes) the built-in taxonomy and its terms into the tenant. */
export async function ensureBuiltinTaxonomy(sql: Sql, tenantId: string): Promise<void> {
  const taxonomyId = builtinTaxonomyId(tenantId);
  await upsertTaxonomy(sql, tenantId, {
    id: taxonomyId,
    name: 'Sozialraum-Angebotsarten',
    description:
      'Angebotsarten der integrierten Sozialraumplanung mit Lebenslagen und Rechtsgrundlagen (SGB II, VIII, XI, XII).',
    version: '1',
  });
  await upsertTerms(
    sql,
    tenantId,
    SERVICE_TYPES.map((t) => ({
      id: stableUuid(tenantId, 'taxonomy_term', t.code),
      taxonomy_id: taxonomyId,
      code: t.code,
      name: t.nameDe,
      description: t.descriptionDe,
      dimensions: [...t.dimensions],
      legal_basis: t.legalBasis.map((l) => `${l.book} ${l.section}`),
      target_min_age: t.target?.min ?? null,
      target_max_age: t.target?.max ?? null,
      builtin: true,
    })),
  );
}
