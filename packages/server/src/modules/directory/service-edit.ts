// Creating and editing a service (issue 12 § 1: "providers maintain their own entries"). A person of
// an organisation (role Träger, directory.edit_own) creates and changes only services of its own
// organisation; directory.edit_all any. Every id of the body is checked: the organisation (exists,
// the caller may edit it), the type (a term of the tenant's taxonomy), the places (locations of
// an organisation the caller may edit, and of the service's own), the areas (the tenant's). The
// change and its audit entry share one transaction; afterwards the data version moves and the
// supply indicators are asked to follow (the coalesced supply.refresh job, ADR 0044).
import { checkOpeningHours, joinPointsToAreas, sortOpeningHours } from '@sozialraum/core';
import type { EditableOrganisation, ServiceBody } from '@sozialraum/contracts/directory-edit';
import type { DirectoryServiceDetail } from '@sozialraum/contracts/directory';
import { ORGANISATION_KIND_LABELS, type OrganisationKind } from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import { validationError } from '../../http/route.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { signalChange } from '../changes/index.ts';
import { selectLevelsWithAreas } from '../points/index.ts';
import {
  replaceAreasOfLocations,
  replaceCatchmentAreas,
  replaceCostOptions,
  replaceServiceSchedules,
  replaceServiceContacts,
  replaceServiceLocations,
  selectAreaRefs,
  selectCatchmentAreaIds,
  selectLocationsOfOrganisations,
  selectOrganisationsForEdit,
  selectServiceContacts,
  upsertLocation,
  upsertService,
  type ServiceValues,
} from './edit-store.ts';
import { newUuid, stableUuid } from './ids.ts';
import { canEditOrganisation } from './policy.ts';
import {
  selectLocationsByIds,
  selectOrganisationsByIds,
  selectSals,
  selectServiceExtras,
  selectServicesByIds,
} from './read-store.ts';
import { costOptionOf, getServiceDetail, intervalOf, serviceSnapshot } from './service.ts';
import { selectTerms, type LocationRow, type OrganisationRow } from './store.ts';

const bad = (field: string, reason: string) => validationError([{ in: 'body', field, reason }]);

/** The organisations the principal may maintain, with their places (for the service form). */
export async function listEditableOrganisations(
  sql: Sql,
  principal: Principal,
): Promise<EditableOrganisation[]> {
  const all = principal.permissions.has('directory.edit_all');
  if (!all && principal.departmentId === null) return [];
  const orgs = await selectOrganisationsForEdit(
    sql,
    principal.tenantId,
    all ? null : principal.departmentId,
  );
  const visible = orgs.filter((o) =>
    canEditOrganisation(principal, { departmentId: o.department_id }),
  );
  const locations = await selectLocationsOfOrganisations(
    sql,
    principal.tenantId,
    visible.map((o) => o.id),
  );
  return visible.map((o) => ({
    id: o.id,
    name: o.name,
    kindLabel: ORGANISATION_KIND_LABELS[o.kind as OrganisationKind] ?? o.kind,
    locations: locations
      .filter((l) => l.organization_id === o.id)
      .map((l) => ({
        id: l.id,
        name: l.name,
        street: l.street,
        postcode: l.postcode,
        city: l.city,
        lon: l.lon,
        lat: l.lat,
        accessibility: l.accessibility,
      })),
  }));
}

/** The organisation of the body: 400 unknown, 403 one the principal may not maintain. */
async function targetOrganisation(
  tx: Sql,
  principal: Principal,
  id: string,
): Promise<OrganisationRow> {
  const [org] = await selectOrganisationsByIds(tx, principal.tenantId, [id]);
  if (!org) throw bad('organisationId', `Die Organisation „${id}“ gibt es nicht.`);
  if (!canEditOrganisation(principal, { departmentId: org.department_id }))
    throw forbidden(
      `Angebote der Organisation „${org.name}“ pflegt nur diese Organisation (oder die Datenverantwortung).`,
    );
  return org;
}

/** Checks the places of the body; returns the rows to write (new ones with fresh ids). */
async function checkedLocations(
  tx: Sql,
  principal: Principal,
  org: OrganisationRow,
  body: ServiceBody,
): Promise<LocationRow[]> {
  const named = body.locations.flatMap((l) => (l.id ? [l.id] : []));
  if (new Set(named).size < named.length) throw bad('locations', 'Ein Ort ist doppelt genannt.');
  const existing = await selectLocationsByIds(tx, principal.tenantId, named);
  const owners = await selectOrganisationsByIds(tx, principal.tenantId, [
    ...new Set(existing.map((l) => l.organization_id)),
  ]);
  return body.locations.map((l, i) => {
    const found = l.id ? existing.find((x) => x.id === l.id) : undefined;
    if (l.id && !found) throw bad(`locations[${i}].id`, `Den Ort „${l.id}“ gibt es nicht.`);
    if (found && found.organization_id !== org.id) {
      const owner = owners.find((o) => o.id === found.organization_id);
      if (!owner || !canEditOrganisation(principal, { departmentId: owner.department_id }))
        throw forbidden(`Der Ort „${found.name}“ gehört einer anderen Organisation.`);
      throw bad(
        `locations[${i}].id`,
        `Der Ort „${found.name}“ gehört zu „${owner.name}“, nicht zur Organisation des Angebots.`,
      );
    }
    return {
      id: found?.id ?? newUuid(),
      organization_id: org.id,
      name: l.name,
      street: l.street,
      postcode: l.postcode,
      city: l.city,
      lon: l.lon,
      lat: l.lat,
      accessibility: l.accessibility,
    };
  });
}

/** Assigns the given locations to the areas containing their points (today's valid areas). */
async function locate(tx: Sql, tenantId: string, rows: readonly LocationRow[]): Promise<void> {
  if (rows.length === 0) return;
  const located = rows.filter((r) => r.lon !== null && r.lat !== null) as (LocationRow & {
    lon: number;
    lat: number;
  })[];
  const levels =
    located.length > 0
      ? await selectLevelsWithAreas(tx, tenantId, new Date().toISOString().slice(0, 10))
      : [];
  const join = joinPointsToAreas(located, levels);
  const areaRows = join.levels.flatMap((l) =>
    l.areaOf.flatMap((a, i) => (a === null ? [] : [{ locationId: located[i]!.id, areaId: a }])),
  );
  await replaceAreasOfLocations(
    tx,
    tenantId,
    rows.map((r) => r.id),
    areaRows,
  );
}

/** What the audit entry keeps of a service: its fields, places, contacts and areas. */
async function snapshotOf(tx: Sql, tenantId: string, id: string) {
  const [s] = await selectServicesByIds(tx, tenantId, [id]);
  if (!s) return null;
  const links = await selectSals(tx, tenantId, { serviceIds: [id] });
  const extras = await selectServiceExtras(tx, tenantId, [id]);
  return {
    ...serviceSnapshot(
      s,
      links.map((l) => l.location_id),
    ),
    contacts: await selectServiceContacts(tx, tenantId, id),
    areaIds: (await selectCatchmentAreaIds(tx, tenantId, id)).map((a) => a.area_id),
    serviceSchedules: extras.schedules.map(intervalOf),
    costOptions: extras.costs.map(costOptionOf),
  };
}

function valuesOf(id: string, org: string, b: ServiceBody): ServiceValues {
  return {
    id,
    organization_id: org,
    service_type: b.serviceType,
    name: b.name,
    description: b.description,
    status: b.status,
    url: b.url,
    email: b.email,
    phone: b.phone,
    eligibility_description: b.eligibility,
    minimum_age: b.minimumAge,
    maximum_age: b.maximumAge,
    fees_description: b.fees,
    languages: [...new Set(b.languages)],
    public: b.public,
  };
}

/** 400 naming `serviceSchedules.i` for overlapping, reversed or malformed own opening hours. */
function checkServiceSchedules(body: ServiceBody): void {
  const problems = checkOpeningHours(body.serviceSchedules ?? []);
  if (problems.length > 0)
    throw validationError(
      problems.map((p) => ({
        in: 'body',
        field: `serviceSchedules.${p.index}`,
        reason: p.message,
      })),
    );
}

/**
 * Writes the service's own opening hours and cost options (ids stable by position); a body without
 * the field leaves them as they are (an API client that does not know them loses nothing).
 */
async function writeExtras(tx: Sql, t: string, id: string, body: ServiceBody): Promise<void> {
  if (body.serviceSchedules)
    await replaceServiceSchedules(
      tx,
      t,
      id,
      sortOpeningHours(body.serviceSchedules).map((h, i) => ({
        id: stableUuid(t, `service-schedule:${i}`, id),
        weekday: h.weekday,
        opens: h.opens,
        closes: h.closes,
        notes: h.notes?.trim() ? h.notes.trim() : null,
      })),
    );
  if (body.costOptions)
    await replaceCostOptions(
      tx,
      t,
      id,
      body.costOptions.map((c, i) => ({ id: stableUuid(t, `cost-option:${i}`, id), ...c })),
    );
}

/** Writes the service with its places, contacts and areas (inside the caller's transaction). */
async function writeService(
  tx: Sql,
  principal: Principal,
  id: string,
  body: ServiceBody,
): Promise<OrganisationRow> {
  const t = principal.tenantId;
  checkServiceSchedules(body);
  const org = await targetOrganisation(tx, principal, body.organisationId);
  if (!(await selectTerms(tx, t)).some((x) => x.code === body.serviceType))
    throw bad('serviceType', `Eine Angebotsart „${body.serviceType}“ gibt es nicht.`);
  const areaIds = [...new Set(body.areaIds)];
  const areas = await selectAreaRefs(tx, t, areaIds);
  const missing = areaIds.filter((a) => !areas.some((x) => x.id === a));
  if (missing.length > 0)
    throw bad('areaIds', `Diese Gebiete gibt es nicht: ${missing.join(', ')}.`);
  const locations = await checkedLocations(tx, principal, org, body);
  await upsertService(tx, t, valuesOf(id, org.id, body));
  for (const l of locations) await upsertLocation(tx, t, l);
  await replaceServiceLocations(
    tx,
    t,
    id,
    locations.map((l) => ({ id: newUuid(), locationId: l.id })),
  );
  await replaceServiceContacts(
    tx,
    t,
    id,
    body.contacts.map((c, i) => ({ id: stableUuid(t, `contact:${i}`, id), ...c })),
  );
  await replaceCatchmentAreas(
    tx,
    t,
    id,
    areaIds.map((a) => ({ id: newUuid(), areaId: a })),
  );
  await writeExtras(tx, t, id, body);
  await locate(tx, t, locations);
  return org;
}

/**
 * Creates a service (id null) or replaces one; returns its detail. 404 for an unknown id, 403 when
 * the service or the organisation named is not the principal's to maintain, 400 for unknown ids.
 */
export async function saveService(
  db: Db,
  principal: Principal,
  serviceId: string | null,
  body: ServiceBody,
  actor: AuditActor,
): Promise<DirectoryServiceDetail> {
  const t = principal.tenantId;
  const id = await db.transaction(async (tx) => {
    const id = serviceId ?? newUuid();
    const before = serviceId ? await snapshotOf(tx, t, serviceId) : null;
    if (serviceId) {
      if (!before) throw notFound(`Das Angebot „${serviceId}“ gibt es nicht.`);
      const [owner] = await selectOrganisationsByIds(tx, t, [before.organisationId]);
      if (!owner || !canEditOrganisation(principal, { departmentId: owner.department_id }))
        throw forbidden(
          `Dieses Angebot pflegt nur die Organisation „${owner?.name ?? '?'}“ (oder die Datenverantwortung).`,
        );
    }
    const org = await writeService(tx, principal, id, body);
    await writeAudit(tx, t, {
      actor,
      action: serviceId ? 'directory.service_update' : 'directory.service_create',
      entity: 'directory_service',
      entityId: id,
      detail: { organisation: org.id, before, after: await snapshotOf(tx, t, id) },
    });
    return id;
  });
  // every directory write moves the data version (prepared supply answers, ADR 0042) and asks the
  // stored supply indicators to follow (ADR 0044)
  bumpDataVersion();
  signalChange(db, t, 'directory');
  return getServiceDetail(db, principal, id);
}
