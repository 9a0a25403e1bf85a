// The tenant's indicator of all residents ("Einwohnende insgesamt", ADR 0058): one count indicator,
// set on the Versorgung screen (supply.configure). The gaps need "share of the target population"
// divides by it, and the disclosure rule for indexes counts residents with it (the disclosure store
// reads the table itself). A set checks the indicator: it must exist in the caller's tenant, be
// readable for her and be a count (400 naming the field otherwise); audited in the same transaction.
import type { z } from 'zod';
import type { supplyResidentsSchema } from '@sozialraum/contracts/supply';
import type { Db, Sql } from '../../db/db.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import { validationError } from '../../http/route.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { countRefusal } from './targets.ts';
import { clearIndexCache } from '../monitoring/index.ts';
import * as store from './store.ts';

type Residents = z.input<typeof supplyResidentsSchema>;

/** The message of a need or rule that needs the residents indicator when none is set. */
export const NO_RESIDENTS =
  'Für die Einwohnenden insgesamt ist kein Indikator festgelegt (Versorgung → Zielbevölkerung).';

/** The tenant's indicator of all residents (null when none is set). */
export async function getResidents(sql: Sql, tenantId: string): Promise<Residents> {
  return { indicatorId: await store.selectResidents(sql, tenantId) };
}

/** Sets (null = removes) the tenant's indicator of all residents; audited. */
export async function setResidents(
  db: Db,
  principal: Principal,
  indicatorId: string | null,
  actor: AuditActor,
): Promise<Residents> {
  const t = principal.tenantId;
  const result = await db.transaction(async (tx) => {
    const reason =
      indicatorId === null
        ? null
        : await countRefusal(
            tx,
            principal,
            indicatorId,
            'die Einwohnenden insgesamt sind ein Zählindikator',
          );
    if (reason) throw validationError([{ in: 'body', field: 'indicatorId', reason }]);
    const before = await store.selectResidents(tx, t);
    await store.upsertResidents(tx, t, indicatorId);
    await writeAudit(tx, t, {
      actor,
      action: 'supply.residents',
      entity: 'supply_residents',
      entityId: t,
      detail: { indicatorId: { before, after: indicatorId } },
    });
    return getResidents(tx, t);
  });
  // index results apply the disclosure rule with this count (their cache keys on the import run)
  clearIndexCache();
  bumpDataVersion();
  return result;
}

/**
 * A data loader's default (the Berlin demo: catalogue.json's ageBands.total): the indicator of all
 * residents, unless the tenant has named one. Runs in the caller's transaction.
 */
export async function seedResidents(tx: Sql, tenantId: string, indicatorId: string): Promise<void> {
  await store.insertMissingResidents(tx, tenantId, indicatorId);
}
