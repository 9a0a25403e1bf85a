// Target populations as data (issue 12 § 3, ADR 0042): per service type the tenant's population
// indicators (counts per area) whose sum is the people the type is for. Every indicator named in a
// body is checked: it must exist in the caller's tenant, be readable for her and be a count (400
// naming it otherwise). Audited in the same transaction; afterwards the data version moves.
import { bandsForTarget, type AgeBand } from '@sozialraum/core';
import type { z } from 'zod';
import type { supplyTargetsSchema } from '@sozialraum/contracts/supply';
import type { Db, Sql } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import { validationError } from '../../http/route.ts';
import type { Principal } from '../access/index.ts';
import { signalChange } from '../changes/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { canReadIndicator, getTenantCatalogue } from '../indicators/index.ts';
import * as store from './store.ts';

type Targets = z.input<typeof supplyTargetsSchema>;

/** Every service type with its target age and the population indicators set for it. */
export async function listTargets(sql: Sql, tenantId: string): Promise<Targets> {
  const [terms, targets] = await Promise.all([
    store.selectTerms(sql, tenantId),
    store.selectTargets(sql, tenantId),
  ]);
  return terms.map((t) => ({
    serviceType: t.code,
    name: t.name,
    targetAge: t.target_min_age === null ? null : { min: t.target_min_age, max: t.target_max_age },
    indicatorIds: targets.get(t.code) ?? [],
  }));
}

/** Why an indicator cannot count a target population, or null when it can. */
/**
 * Why an indicator cannot count people for `purpose` (the end of the message), or null when it can:
 * unknown to the caller, or not a count. Shared by the targets and the residents-in-total setting.
 */
export async function countRefusal(
  sql: Sql,
  principal: Principal,
  id: string,
  purpose: string,
): Promise<string | null> {
  const indicator = (await getTenantCatalogue(sql, principal.tenantId)).byId.get(id);
  if (!indicator || !canReadIndicator(principal, indicator))
    return `Den Indikator „${id}“ gibt es nicht.`;
  if (indicator.kind !== 'count')
    return `„${indicator.nameDe}“ ist keine Anzahl von Personen (Art „${indicator.kind}“): ${purpose}.`;
  return null;
}

/** Sets the target population of a service type (empty list = removes it); audited. */
export async function setTarget(
  db: Db,
  principal: Principal,
  serviceType: string,
  indicatorIds: readonly string[],
  actor: AuditActor,
): Promise<Targets[number]> {
  const t = principal.tenantId;
  const ids = [...new Set(indicatorIds)];
  const result = await db.transaction(async (tx) => {
    const term = (await store.selectTerms(tx, t)).find((x) => x.code === serviceType);
    if (!term) throw notFound(`Die Angebotsart „${serviceType}“ gibt es nicht.`);
    const problems = [];
    for (const [i, id] of ids.entries()) {
      const reason = await countRefusal(
        tx,
        principal,
        id,
        'die Zielbevölkerung ist eine Summe von Zählindikatoren',
      );
      if (reason) problems.push({ in: 'body' as const, field: `indicatorIds[${i}]`, reason });
    }
    if (problems.length > 0) throw validationError(problems);
    const before = (await store.selectTargets(tx, t)).get(serviceType) ?? [];
    await store.upsertTarget(tx, t, serviceType, ids);
    await writeAudit(tx, t, {
      actor,
      action: 'supply.target',
      entity: 'supply_target',
      entityId: serviceType,
      detail: { indicatorIds: { before, after: ids } },
    });
    return (await listTargets(tx, t)).find((x) => x.serviceType === serviceType)!;
  });
  bumpDataVersion();
  signalChange(db, t, 'supply-targets');
  return result;
}

/**
 * Targets formed from a tenant's age-band indicators (a data loader's defaults, e.g. the Berlin
 * demo's residents register): per service type the bands that add up exactly to its target age
 * (core bandsForTarget), all residents for a type without one; types the bands do not make up get
 * none. Types that already have a target keep it. Runs in the caller's transaction.
 */
export async function seedTargetsFromBands(
  tx: Sql,
  tenantId: string,
  bands: readonly AgeBand[],
  totalIndicator: string,
): Promise<number> {
  const terms = await store.selectTerms(tx, tenantId);
  const targets = terms.flatMap((t) => {
    const ids =
      t.target_min_age === null
        ? [totalIndicator]
        : bandsForTarget({ min: t.target_min_age, max: t.target_max_age }, bands);
    return ids ? [{ serviceType: t.code, indicatorIds: ids }] : [];
  });
  await store.insertMissingTargets(tx, tenantId, targets);
  return targets.length;
}
