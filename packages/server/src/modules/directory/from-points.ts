// The Berlin demo's facility points (Kitas, youth centres, schools, nursing homes, pharmacies) as
// directory records: one service, one location and their link per point; organisations taken from
// the Träger attributes and deduplicated by name + kind (docs/adr/0030-directory-organisations-and-taxonomy.md).
import {
  classifyBjfTraeger,
  classifyPflegeVerband,
  organisationKey,
  ORGANISATION_KIND_LABELS,
  type ProviderClass,
} from '@sozialraum/core';
import type { DatedPointFeature } from '../points/index.ts';
import { stableUuid } from './ids.ts';
import type { CapacityRow, LocationRow, OrganisationRow, SalRow, ServiceRow } from './store.ts';

/** A facility point as the points module stores it (point_feature with its dataset's date). */
export type SourcePoint = DatedPointFeature;

type NewOrganisation = Omit<OrganisationRow, 'updated_at' | 'department_id' | 'public'>;
type NewService = Omit<ServiceRow, 'updated_at' | 'public' | 'status' | 'languages'>;

export interface DirectoryRecords {
  organisations: NewOrganisation[];
  services: NewService[];
  locations: LocationRow[];
  links: SalRow[];
  capacities: CapacityRow[];
  /** Points of datasets this mapping does not know (left out, named in the log). */
  skipped: number;
}

interface Mapped {
  serviceType: string;
  organisation: { name: string; cls: ProviderClass; website: string | null };
  description: string | null;
  street: string | null;
  postcode: string | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  places: number | null;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

const join = (...parts: unknown[]): string | null =>
  parts
    .map(text)
    .filter((p): p is string => p !== null)
    .join(' ') || null;

/** A web address as HSDS wants it (a URI with scheme); without one, http:// is put in front. */
export function webAddress(v: unknown): string | null {
  const s = text(v);
  if (!s || /\s/.test(s)) return null;
  const withScheme = /^https?:\/\//i.test(s) ? s : `http://${s}`;
  try {
    return new URL(withScheme).href;
  } catch {
    return null;
  }
}

// The address form HSDS's "format": "email" accepts (the same pattern as ajv-formats' full mode).
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** An e-mail address, or null when the source's text is not one (it is left out, not repaired). */
export function emailAddress(v: unknown): string | null {
  const s = text(v);
  return s && EMAIL.test(s) ? s : null;
}

const places = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : Number(text(v) ?? NaN);
  return Number.isInteger(n) && n >= 0 ? n : null;
};

// One mapping per dataset of the Berlin demo (attribute names as published, demo-data/README.md).
const MAPPERS: Record<string, (p: Record<string, unknown>, name: string) => Mapped> = {
  kitas: (p) => ({
    serviceType: 'kita',
    organisation: {
      name: text(p.t_name) ?? 'Unbekannter Träger',
      cls: classifyBjfTraeger(text(p.t_art)),
      website: webAddress(p.t_web),
    },
    description:
      join(p.ang_1, p.ang_2) &&
      `Pädagogische Schwerpunkte: ${[text(p.ang_1), text(p.ang_2)].filter(Boolean).join(', ')}`,
    street: join(p.e_strasse, p.e_hnr),
    postcode: text(p.e_plz),
    url: webAddress(p.e_web),
    email: null,
    phone: text(p.e_tel),
    places: places(p.e_platz),
  }),
  jugendfreizeiteinrichtungen: (p) => ({
    serviceType: 'jugendfreizeit',
    organisation: {
      name: text(p.t_name) ?? 'Unbekannter Träger',
      cls: classifyBjfTraeger(text(p.t_art)),
      website: webAddress(p.t_web),
    },
    description: text(p.e_art),
    street: join(p.e_strasse, p.e_hnr),
    postcode: text(p.e_plz),
    url: webAddress(p.e_web),
    email: null,
    phone: text(p.e_tel),
    places: places(p.e_platz),
  }),
  // Public schools: the Bezirk is the Schulträger (SchulG Berlin § 109); a private school is its own Träger.
  schulen: (p, name) => ({
    serviceType: 'schule',
    organisation:
      text(p.traeger) === 'öffentlich'
        ? {
            name: `Bezirksamt ${text(p.bezirk) ?? 'Berlin'} (Schulträger)`,
            cls: { kind: 'oeffentlich', spitzenverband: null },
            website: null,
          }
        : { name, cls: { kind: 'privat', spitzenverband: null }, website: webAddress(p.internet) },
    description: join(
      p.schulart,
      p.schultyp && p.schultyp !== p.schulart ? `(${String(p.schultyp)})` : null,
    ),
    street: join(p.strasse, p.hausnr),
    postcode: text(p.plz),
    url: webAddress(p.internet),
    email: emailAddress(p.email),
    phone: text(p.telefon),
    places: null,
  }),
  pflegeeinrichtungen: (p, name) => ({
    serviceType: 'pflege',
    organisation: {
      name: text(p.traegername) ?? name,
      cls: classifyPflegeVerband(text(p.traegerverbandkurz)),
      website: null,
    },
    description: 'Vollstationäre Pflegeeinrichtung',
    street: join(p.gc_strasse, p.gc_haus),
    postcode: text(p.gc_plz),
    url: null,
    email: null,
    phone: null,
    places: places(p.platzzahl),
  }),
  // A pharmacy is a business of its own (owner-run, ApoG § 8): the pharmacy is its organisation.
  apotheken: (_p, name) => ({
    serviceType: 'apotheke',
    organisation: { name, cls: { kind: 'betrieb', spitzenverband: null }, website: null },
    description: null,
    street: join(_p.gc_strasse, _p.gc_haus),
    postcode: text(_p.gc_plz),
    url: null,
    email: null,
    phone: null,
    places: null,
  }),
};

function describeOrganisation(cls: ProviderClass): string {
  const label = ORGANISATION_KIND_LABELS[cls.kind];
  return cls.spitzenverband ? `${label}, Spitzenverband: ${cls.spitzenverband}` : label;
}

/** Directory records of a tenant from its facility points (pure apart from the id hashing). */
export function directoryFromPoints(
  tenantId: string,
  points: readonly SourcePoint[],
): DirectoryRecords {
  const out: DirectoryRecords = {
    organisations: [],
    services: [],
    locations: [],
    links: [],
    capacities: [],
    skipped: 0,
  };
  const orgByKey = new Map<string, string>();
  for (const pt of points) {
    const map = MAPPERS[pt.dataset];
    if (!map) {
      out.skipped++;
      continue;
    }
    const m = map(pt.properties, pt.name.trim());
    const key = organisationKey(m.organisation.name, m.organisation.cls.kind);
    let orgId = orgByKey.get(key);
    if (!orgId) {
      orgId = stableUuid(tenantId, 'organization', key);
      orgByKey.set(key, orgId);
      out.organisations.push({
        id: orgId,
        name: m.organisation.name,
        kind: m.organisation.cls.kind,
        spitzenverband: m.organisation.cls.spitzenverband,
        dedup_key: key,
        description: describeOrganisation(m.organisation.cls),
        website: m.organisation.website,
        email: null,
        phone: null,
      });
    }
    const ref = `${pt.dataset}:${pt.id}`;
    const serviceId = stableUuid(tenantId, 'service', ref);
    const locationId = stableUuid(tenantId, 'location', ref);
    out.services.push({
      id: serviceId,
      organization_id: orgId,
      service_type: m.serviceType,
      name: text(pt.name) ?? m.organisation.name,
      description: m.description,
      url: m.url,
      email: m.email,
      phone: m.phone,
      eligibility_description: null,
      minimum_age: null,
      maximum_age: null,
      fees_description: null,
      external_ref: ref,
    });
    out.locations.push({
      id: locationId,
      organization_id: orgId,
      name: text(pt.name) ?? m.organisation.name,
      street: m.street,
      postcode: m.postcode,
      city: 'Berlin',
      lon: pt.lon,
      lat: pt.lat,
      accessibility: null,
    });
    out.links.push({
      id: stableUuid(tenantId, 'service_at_location', ref),
      service_id: serviceId,
      location_id: locationId,
    });
    if (m.places !== null && pt.referenceDate) {
      out.capacities.push({
        service_id: serviceId,
        kind: 'places',
        ref_date: pt.referenceDate,
        value: m.places,
      });
    }
  }
  return out;
}
