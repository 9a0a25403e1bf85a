// A provider records the places (or beds) of its own service on a date (issue 12 § 1: "edits only
// its services, places and hours"). Audited in the same transaction; afterwards the data version
// moves, so supply answers computed from the old places are never served again (ADR 0042).
import type { Db, Sql } from '../../db/db.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import { signalChange } from '../changes/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { canEditOrganisation } from './policy.ts';
import { selectCapacities, selectOrganisationsByIds, selectServicesByIds } from './read-store.ts';
import { deleteCapacity, upsertCapacity } from './store.ts';

/** Records places or beds of a service on a date; only its own organisation or directory.edit_all. */
/** The organisation of a service the person may edit the places of; 404 unknown, 403 another's. */
async function ownOrganisationOf(tx: Sql, principal: Principal, serviceId: string) {
  const t = principal.tenantId;
  const [service] = await selectServicesByIds(tx, t, [serviceId]);
  const [org] = service ? await selectOrganisationsByIds(tx, t, [service.organization_id]) : [];
  if (!service || !org) throw notFound(`Das Angebot „${serviceId}“ gibt es nicht.`);
  if (!canEditOrganisation(principal, { departmentId: org.department_id }))
    throw forbidden(
      `Plätze dieses Angebots pflegt nur die Organisation „${org.name}“ (oder die Datenverantwortung).`,
    );
  return org;
}

export async function recordCapacity(
  db: Db,
  principal: Principal,
  serviceId: string,
  body: { kind: 'places' | 'beds'; value: number; refDate: string },
  actor: AuditActor,
): Promise<{
  serviceId: string;
  capacities: { kind: 'places' | 'beds'; value: number; refDate: string }[];
}> {
  const t = principal.tenantId;
  const result = await db.transaction(async (tx) => {
    const org = await ownOrganisationOf(tx, principal, serviceId);
    const before = (await selectCapacities(tx, t, [serviceId])).find(
      (c) => c.kind === body.kind && c.ref_date === body.refDate,
    );
    await upsertCapacity(tx, t, {
      service_id: serviceId,
      kind: body.kind,
      ref_date: body.refDate,
      value: body.value,
    });
    await writeAudit(tx, t, {
      actor,
      action: 'directory.capacity',
      entity: 'directory_service',
      entityId: serviceId,
      detail: {
        organisation: org.id,
        kind: body.kind,
        refDate: body.refDate,
        value: { before: before?.value ?? null, after: body.value },
      },
    });
    const capacities = await selectCapacities(tx, t, [serviceId]);
    return {
      serviceId,
      capacities: capacities.map((c) => ({ kind: c.kind, value: c.value, refDate: c.ref_date })),
    };
  });
  bumpDataVersion();
  signalChange(db, t, 'directory');
  return result;
}

/**
 * Takes back a recorded value (a wrong entry, or a journey restoring what it changed): the same
 * rights as recording; 404 when the service has no value of that kind on that date. Audited.
 */
export async function removeCapacity(
  db: Db,
  principal: Principal,
  serviceId: string,
  key: { kind: 'places' | 'beds'; refDate: string },
  actor: AuditActor,
): Promise<{
  serviceId: string;
  capacities: { kind: 'places' | 'beds'; value: number; refDate: string }[];
}> {
  const t = principal.tenantId;
  const result = await db.transaction(async (tx) => {
    const org = await ownOrganisationOf(tx, principal, serviceId);
    const before = (await selectCapacities(tx, t, [serviceId])).find(
      (c) => c.kind === key.kind && c.ref_date === key.refDate,
    );
    if (!before)
      throw notFound(
        `Für dieses Angebot ist zum ${key.refDate} kein Wert „${key.kind}“ eingetragen.`,
      );
    await deleteCapacity(tx, t, serviceId, key.kind, key.refDate);
    await writeAudit(tx, t, {
      actor,
      action: 'directory.capacity_removed',
      entity: 'directory_service',
      entityId: serviceId,
      detail: { organisation: org.id, kind: key.kind, refDate: key.refDate, value: before.value },
    });
    const capacities = await selectCapacities(tx, t, [serviceId]);
    return {
      serviceId,
      capacities: capacities.map((c) => ({ kind: c.kind, value: c.value, refDate: c.ref_date })),
    };
  });
  bumpDataVersion();
  signalChange(db, t, 'directory');
  return result;
}
