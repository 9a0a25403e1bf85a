// The directory's operations: search and detail for the Angebote screen, and the provider's edit of
// opening hours (load → check in core → save, audited in the same transaction).
import {
  checkOpeningHours,
  ORGANISATION_KIND_LABELS,
  sortOpeningHours,
  type OrganisationKind,
} from '@sozialraum/core';
import type {
  DirectoryServiceDetail,
  DirectoryServiceList,
  DirectoryTaxonomyTerm,
  OpeningInterval,
} from '@sozialraum/contracts/directory';
import type { Db, Sql } from '../../db/db.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import { validationError } from '../../http/route.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { canEditNetworkOf } from '../network/index.ts';
import {
  selectAreaRefs,
  selectCatchmentAreaIds,
  selectServiceContacts,
  selectWorkAreaIds,
} from './edit-store.ts';
import { newUuid } from './ids.ts';
import { canEditOrganisation, seesInternalEntries } from './policy.ts';
import {
  searchServices,
  selectCapacities,
  selectLocationsByIds,
  selectOrganisationsByIds,
  selectSals,
  selectSchedules,
  selectServiceAreas,
  selectServiceExtras,
  selectServicesByIds,
  type ServiceFilter,
  type ServiceSummaryRow,
} from './read-store.ts';
import {
  replaceSchedules,
  selectTerms,
  type LocationRow,
  type OrganisationRow,
  type ScheduleRow,
  type ServiceRow,
} from './store.ts';

const kindLabel = (k: string) => ORGANISATION_KIND_LABELS[k as OrganisationKind] ?? k;

/** An address line "Straße 1, 10115 Berlin" (parts that are missing are left out). */
export function addressOf(l: Pick<LocationRow, 'street' | 'postcode' | 'city'>): string | null {
  const town = [l.postcode, l.city].filter(Boolean).join(' ');
  return [l.street, town].filter(Boolean).join(', ') || null;
}

function summaryOf(r: ServiceSummaryRow): DirectoryServiceList['items'][number] {
  return {
    id: r.id,
    name: r.name,
    serviceType: r.service_type,
    serviceTypeName: r.type_name,
    organisation: {
      id: r.org_id,
      name: r.org_name,
      kind: r.org_kind,
      kindLabel: kindLabel(r.org_kind),
      spitzenverband: r.org_spitzenverband,
    },
    address: addressOf({ street: r.street, postcode: r.postcode, city: r.city ?? '' }),
    lon: r.lon,
    lat: r.lat,
    capacity:
      r.cap_kind && r.cap_value !== null && r.cap_date
        ? { kind: r.cap_kind, value: r.cap_value, refDate: r.cap_date }
        : null,
  };
}

/** One page of the services a person may see, filtered. */
export async function findServices(
  sql: Sql,
  principal: Principal,
  f: Omit<ServiceFilter, 'internal'>,
  page: number,
  perPage: number,
): Promise<DirectoryServiceList> {
  const res = await searchServices(
    sql,
    principal.tenantId,
    { ...f, internal: seesInternalEntries(principal) },
    { limit: perPage, offset: (page - 1) * perPage },
  );
  return { total: res.total, page, perPage, items: res.rows.map(summaryOf) };
}

/** The taxonomy terms with their service counts. */
export async function listTerms(sql: Sql, tenantId: string): Promise<DirectoryTaxonomyTerm[]> {
  return (await selectTerms(sql, tenantId)).map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    dimensions: t.dimensions,
    legalBasis: t.legal_basis,
    builtin: t.builtin,
    services: t.services,
  }));
}

/** A stored schedule row as an opening interval of the API. */
export const intervalOf = (s: ScheduleRow): OpeningInterval => ({
  weekday: s.weekday,
  opens: s.opens_at,
  closes: s.closes_at,
  notes: s.notes,
});

/** A stored cost option as the API names it (amount as a number). */
export function costOptionOf(c: {
  option: string | null;
  amount: string | null;
  currency: string | null;
  amount_description: string | null;
  valid_from: string | null;
  valid_to: string | null;
}) {
  return {
    option: c.option,
    amount: c.amount === null ? null : Number(c.amount),
    currency: c.currency,
    amountDescription: c.amount_description,
    validFrom: c.valid_from,
    validTo: c.valid_to,
  };
}

/** A service's own descriptive fields as the API names them (detail answer, audit snapshot). */
export function serviceFields(s: ServiceRow) {
  return {
    description: s.description,
    status: s.status,
    url: s.url,
    email: s.email,
    phone: s.phone,
    eligibility: s.eligibility_description,
    minimumAge: s.minimum_age,
    maximumAge: s.maximum_age,
    fees: s.fees_description,
    languages: s.languages,
  };
}

/**
 * What every audit snapshot of a service holds (a manual edit's, service-edit.ts, and an import's,
 * import-changes.ts): its organisation, type, name, own fields, visibility and places.
 */
export function serviceSnapshot(s: ServiceRow, locationIds: readonly string[]) {
  return {
    organisationId: s.organization_id,
    serviceType: s.service_type,
    name: s.name,
    ...serviceFields(s),
    public: s.public,
    locationIds: [...locationIds].sort(),
  };
}

/** A service as the detail page shows it; 404 for unknown ids and, for visitors, non-public ones. */
export async function getServiceDetail(
  sql: Sql,
  principal: Principal,
  id: string,
): Promise<DirectoryServiceDetail> {
  const t = principal.tenantId;
  const [s] = await selectServicesByIds(sql, t, [id]);
  const [org] = s ? await selectOrganisationsByIds(sql, t, [s.organization_id]) : [];
  if (!s || !org || (!seesInternalEntries(principal) && !(s.public && org.public))) {
    throw notFound(`Das Angebot „${id}“ gibt es nicht.`);
  }
  const links = await selectSals(sql, t, { serviceIds: [id] });
  const [locations, schedules, capacities, areas, terms] = await Promise.all([
    selectLocationsByIds(
      sql,
      t,
      links.map((l) => l.location_id),
    ),
    selectSchedules(
      sql,
      t,
      links.map((l) => l.id),
    ),
    selectCapacities(sql, t, [id]),
    selectServiceAreas(sql, t, id),
    selectTerms(sql, t),
  ]);
  const [contacts, catchment, work, extras] = await Promise.all([
    selectServiceContacts(sql, t, id),
    selectCatchmentAreaIds(sql, t, id),
    selectWorkAreaIds(sql, t, org.id),
    selectServiceExtras(sql, t, [id]),
  ]);
  const refs = await selectAreaRefs(sql, t, [
    ...new Set([...catchment, ...work].map((a) => a.area_id)),
  ]);
  const refsOf = (ids: { area_id: number }[]) =>
    refs.filter((r) => ids.some((x) => x.area_id === r.id));
  const term = terms.find((x) => x.code === s.service_type);
  const first = locations[0];
  const caps = capacities.map((c) => ({ kind: c.kind, value: c.value, refDate: c.ref_date }));
  return {
    id: s.id,
    name: s.name,
    serviceType: s.service_type,
    serviceTypeName: term?.name ?? s.service_type,
    organisation: {
      id: org.id,
      name: org.name,
      kind: org.kind,
      kindLabel: kindLabel(org.kind),
      spitzenverband: org.spitzenverband,
    },
    address: first ? addressOf(first) : null,
    lon: first?.lon ?? null,
    lat: first?.lat ?? null,
    capacity: caps[0] ?? null,
    ...serviceFields(s),
    dimensions: term?.dimensions ?? [],
    legalBasis: term?.legal_basis ?? [],
    capacities: caps,
    places: links.map((l) => {
      const loc = locations.find((x) => x.id === l.location_id)!;
      return {
        serviceAtLocationId: l.id,
        location: {
          id: loc.id,
          name: loc.name,
          address: addressOf(loc),
          lon: loc.lon,
          lat: loc.lat,
          accessibility: loc.accessibility,
        },
        schedules: schedules.filter((x) => x.service_at_location_id === l.id).map(intervalOf),
      };
    }),
    areas: areas.map((a) => ({ id: a.id, code: a.code, name: a.name, level: a.level })),
    canEdit: canEditOrganisation(principal, { departmentId: org.department_id }),
    public: s.public,
    contacts,
    serviceAreas: refsOf(catchment),
    workAreas: refsOf(work),
    costOptions: extras.costs.map(costOptionOf),
    serviceSchedules: extras.schedules.map(intervalOf),
    canEditWorkAreas: canEditNetworkOf(principal, { departmentId: org.department_id }),
  };
}

/** The organisation owning a service-at-location link, or 404 (unknown and foreign look the same). */
async function ownerOfLink(
  sql: Sql,
  principal: Principal,
  salId: string,
): Promise<{ org: OrganisationRow; serviceId: string }> {
  const [link] = await selectSals(sql, principal.tenantId, { ids: [salId] });
  const [service] = link
    ? await selectServicesByIds(sql, principal.tenantId, [link.service_id])
    : [];
  const [org] = service
    ? await selectOrganisationsByIds(sql, principal.tenantId, [service.organization_id])
    : [];
  if (!link || !org) throw notFound(`Den Angebotsort „${salId}“ gibt es nicht.`);
  return { org, serviceId: link.service_id };
}

/**
 * Replaces the weekly opening hours of a service at a location. Only a person of the owning
 * organisation (directory.edit_own) or a holder of directory.edit_all may; others get 403 naming
 * the organisation they would need to belong to. Audited with before/after in the same transaction.
 */
export async function replaceOpeningHours(
  db: Db,
  principal: Principal,
  salId: string,
  intervals: OpeningInterval[],
  actor: AuditActor,
): Promise<{ serviceAtLocationId: string; intervals: OpeningInterval[] }> {
  const problems = checkOpeningHours(intervals);
  if (problems.length > 0) {
    throw validationError(
      problems.map((p) => ({ in: 'body', field: `intervals[${p.index}]`, reason: p.message })),
    );
  }
  const sorted = sortOpeningHours(intervals);
  const result = await db.transaction(async (tx) => {
    const { org, serviceId } = await ownerOfLink(tx, principal, salId);
    if (!canEditOrganisation(principal, { departmentId: org.department_id })) {
      throw forbidden(
        `Öffnungszeiten dieses Angebots pflegt nur die Organisation „${org.name}“ (oder die Datenverantwortung).`,
      );
    }
    const t = principal.tenantId;
    const before = (await selectSchedules(tx, t, [salId])).map(intervalOf);
    await replaceSchedules(
      tx,
      t,
      salId,
      serviceId,
      sorted.map((iv) => ({
        id: newUuid(),
        weekday: iv.weekday,
        opens_at: iv.opens,
        closes_at: iv.closes,
        notes: iv.notes ?? null,
      })),
    );
    const after = sorted.map((iv) => ({ ...iv, notes: iv.notes ?? null }));
    await writeAudit(tx, t, {
      actor,
      action: 'directory.schedules',
      entity: 'service_at_location',
      entityId: salId,
      detail: { organisation: org.id, serviceId, schedules: { before, after } },
    });
    return { serviceAtLocationId: salId, intervals: after };
  });
  // every directory write moves the data version (prepared supply answers, ADR 0042)
  bumpDataVersion();
  return result;
}
