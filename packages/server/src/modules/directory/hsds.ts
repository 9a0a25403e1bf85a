// Presenters: directory rows as Open Referral HSDS 3.0 objects (standards/hsds-3.0), and their
// assembly for the HSDS API. Child objects without ids of their own (phones, addresses, languages,
// attributes) get name-based UUIDs of their parent, so they stay stable between calls.
import { icalWeekday, ORGANISATION_KIND_LABELS, type OrganisationKind } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { stableUuid } from './ids.ts';
import {
  selectCapacities,
  selectLocationsByIds,
  selectOrganisationsByIds,
  selectSals,
  selectSchedules,
  selectServiceExtras,
  selectServicesByIds,
} from './read-store.ts';
import type {
  LocationRow,
  OrganisationRow,
  SalRow,
  ScheduleRow,
  ServiceRow,
  TermRow,
} from './store.ts';

type Obj = Record<string, unknown>;

/** Drops null and undefined members (HSDS types most fields as plain strings, not nullable). */
function compact(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

const child = (tenantId: string, kind: string, parent: string) =>
  stableUuid(tenantId, kind, parent);

/** An organisation with its one-to-one fields (organization_list.json). */
export function hsdsOrganisation(o: OrganisationRow): Obj {
  return compact({
    id: o.id,
    name: o.name,
    description: o.description || ORGANISATION_KIND_LABELS[o.kind as OrganisationKind] || o.kind,
    email: o.email,
    website: o.website,
    legal_status: ORGANISATION_KIND_LABELS[o.kind as OrganisationKind] ?? o.kind,
  });
}

/** A service with its one-to-one fields (service_list.json). */
export function hsdsServiceFlat(s: ServiceRow): Obj {
  return compact({
    id: s.id,
    organization_id: s.organization_id,
    name: s.name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    eligibility_description: s.eligibility_description,
    minimum_age: s.minimum_age,
    maximum_age: s.maximum_age,
    fees_description: s.fees_description,
    last_modified: s.updated_at,
  });
}

/** A location with its address and accessibility note. */
export function hsdsLocation(tenantId: string, l: LocationRow): Obj {
  const address = l.street
    ? [
        {
          id: child(tenantId, 'address', l.id),
          location_id: l.id,
          address_1: l.street,
          city: l.city || 'Berlin',
          state_province: 'Berlin',
          postal_code: l.postcode ?? '',
          country: 'DE',
          address_type: 'physical',
        },
      ]
    : [];
  return compact({
    id: l.id,
    location_type: 'physical',
    organization_id: l.organization_id,
    name: l.name,
    latitude: l.lat,
    longitude: l.lon,
    addresses: address,
    accessibility: l.accessibility
      ? [
          {
            id: child(tenantId, 'accessibility', l.id),
            location_id: l.id,
            description: l.accessibility,
          },
        ]
      : [],
  });
}

/** A weekly opening interval as an HSDS schedule (iCalendar freq/byday, local times). */
export function hsdsSchedule(s: ScheduleRow): Obj {
  return compact({
    id: s.id,
    service_at_location_id: s.service_at_location_id,
    freq: 'WEEKLY',
    byday: icalWeekday(s.weekday),
    opens_at: s.opens_at,
    closes_at: s.closes_at,
    notes: s.notes,
    description: 'Ortszeit Europe/Berlin',
  });
}

/** A taxonomy term as HSDS taxonomy_term. */
export function hsdsTerm(t: TermRow): Obj {
  return compact({
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    taxonomy_id: t.taxonomy_id,
    language: 'de',
  });
}

/** Everything needed to nest services: their rows, organisations, links, locations and schedules. */
export interface ServiceBundle {
  services: Map<string, ServiceRow>;
  organisations: Map<string, OrganisationRow>;
  links: SalRow[];
  locations: Map<string, LocationRow>;
  schedules: Map<string, ScheduleRow[]>;
  terms: Map<string, TermRow>;
  places: Map<string, string>;
  extras: Awaited<ReturnType<typeof selectServiceExtras>>;
}

/** Loads the bundle for some services (and optionally only some of their links). */
export async function loadBundle(
  sql: Sql,
  tenantId: string,
  serviceIds: readonly string[],
  terms: readonly TermRow[],
): Promise<ServiceBundle> {
  const services = await selectServicesByIds(sql, tenantId, serviceIds);
  const links = await selectSals(sql, tenantId, { serviceIds });
  const [orgs, locations, schedules, capacities, extras] = await Promise.all([
    selectOrganisationsByIds(sql, tenantId, [...new Set(services.map((s) => s.organization_id))]),
    selectLocationsByIds(sql, tenantId, [...new Set(links.map((l) => l.location_id))]),
    selectSchedules(
      sql,
      tenantId,
      links.map((l) => l.id),
    ),
    selectCapacities(sql, tenantId, serviceIds),
    selectServiceExtras(sql, tenantId, serviceIds),
  ]);
  const byLink = new Map<string, ScheduleRow[]>();
  for (const s of schedules)
    byLink.set(s.service_at_location_id, [...(byLink.get(s.service_at_location_id) ?? []), s]);
  const places = new Map<string, string>();
  for (const c of capacities) {
    if (!places.has(c.service_id)) {
      const [y, m, d] = c.ref_date.split('-');
      places.set(
        c.service_id,
        `${c.value} ${c.kind === 'beds' ? 'Betten' : 'Plätze'} (Stand ${d}.${m}.${y})`,
      );
    }
  }
  return {
    services: new Map(services.map((s) => [s.id, s])),
    organisations: new Map(orgs.map((o) => [o.id, o])),
    links,
    locations: new Map(locations.map((l) => [l.id, l])),
    schedules: byLink,
    terms: new Map(terms.map((t) => [t.code, t])),
    places,
    extras,
  };
}

/** One service-at-location with its location and schedules. */
export function hsdsServiceAtLocation(
  tenantId: string,
  b: ServiceBundle,
  link: SalRow,
  withService: boolean,
): Obj {
  const location = b.locations.get(link.location_id);
  const service = b.services.get(link.service_id);
  return compact({
    id: link.id,
    service_id: link.service_id,
    location_id: link.location_id,
    location: location ? hsdsLocation(tenantId, location) : undefined,
    schedules: (b.schedules.get(link.id) ?? []).map(hsdsSchedule),
    service: withService && service ? hsdsServiceFlat(service) : undefined,
  });
}

/** A fully nested service (service.json): organisation, places with schedules, type, languages. */
export function hsdsServiceFull(tenantId: string, b: ServiceBundle, id: string): Obj {
  const s = b.services.get(id)!;
  const org = b.organisations.get(s.organization_id);
  const term = b.terms.get(s.service_type);
  const place = b.places.get(s.id);
  return {
    ...hsdsServiceFlat(s),
    ...(place
      ? { description: [s.description, `Kapazität: ${place}`].filter(Boolean).join('. ') }
      : {}),
    organization: org ? hsdsOrganisation(org) : undefined,
    phones: s.phone
      ? [{ id: child(tenantId, 'phone', s.id), service_id: s.id, number: s.phone }]
      : [],
    languages: s.languages.map((code) => ({
      id: child(tenantId, `language:${code}`, s.id),
      service_id: s.id,
      code,
    })),
    schedules: b.extras.schedules
      .filter((x) => x.service_id === id)
      .map((x) => ({ ...hsdsSchedule(x), service_id: id })),
    contacts: b.extras.contacts
      .filter((c) => c.service_id === id)
      .map((c) =>
        compact({
          id: c.id,
          service_id: id,
          name: c.name,
          title: c.title,
          email: c.email,
          phones: c.phone
            ? [{ id: child(tenantId, 'phone', c.id), contact_id: c.id, number: c.phone }]
            : [],
        }),
      ),
    cost_options: b.extras.costs
      .filter((c) => c.service_id === id)
      .map((c) =>
        compact({
          id: c.id,
          service_id: id,
          option: c.option,
          amount: c.amount === null ? null : Number(c.amount),
          currency: c.currency,
          amount_description: c.amount_description,
          valid_from: c.valid_from,
          valid_to: c.valid_to,
        }),
      ),
    service_at_locations: b.links
      .filter((l) => l.service_id === id)
      .map((l) => hsdsServiceAtLocation(tenantId, b, l, false)),
    attributes: term
      ? [
          {
            id: child(tenantId, 'attribute', s.id),
            link_id: s.id,
            link_type: 'service_type',
            link_entity: 'service',
            taxonomy_term_id: term.id,
            taxonomy_term: hsdsTerm(term),
          },
        ]
      : [],
  };
}
