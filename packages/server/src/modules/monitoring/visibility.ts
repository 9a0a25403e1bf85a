// Who may read which index (an index is as visible as its least visible input, policy.ts): one
// test per request, shared by the monitoring routes and by other modules that name indices (alert
// rules, alerts about class changes).
import type { IndexDefinition } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { HttpError } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { getTenantCatalogue, canReadIndicator } from '../indicators/index.ts';
import { indexReadable } from './policy.ts';
import { getIndex } from './definitions.ts';

/** The readability test for index definitions of this principal. */
export async function indexDefinitionTest(
  sql: Sql,
  auth: Principal,
): Promise<(def: IndexDefinition) => boolean> {
  const catalogue = await getTenantCatalogue(sql, auth.tenantId);
  return (def) =>
    indexReadable(
      [...def.status.inputs, ...(def.dynamics?.inputs ?? [])].map((i) => i.indicatorId),
      (id) => {
        const ind = catalogue.byId.get(id);
        // an indicator the tenant does not have reveals nothing (presets name all MSS inputs)
        return ind === undefined || canReadIndicator(auth, ind);
      },
    );
}

/** True when the index exists and the principal may read it (false for both "unknown" and "not yours"). */
export async function canReadIndex(sql: Sql, auth: Principal, id: string): Promise<boolean> {
  let definition: IndexDefinition;
  try {
    definition = (await getIndex(sql, auth.tenantId, id)).definition;
  } catch (err) {
    if (err instanceof HttpError && err.statusCode === 404) return false;
    throw err;
  }
  return (await indexDefinitionTest(sql, auth))(definition);
}

/**
 * May this principal read an indicator (by id)? Ids the catalogue does not know are left to the
 * caller's own existence check (the catalogue is cached; the database decides what exists).
 */
export async function indicatorTest(sql: Sql, auth: Principal): Promise<(id: string) => boolean> {
  const catalogue = await getTenantCatalogue(sql, auth.tenantId);
  return (id) => {
    const ind = catalogue.byId.get(id);
    return ind === undefined || canReadIndicator(auth, ind);
  };
}
