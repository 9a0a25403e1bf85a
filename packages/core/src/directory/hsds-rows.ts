// Flattened HSDS 3.0 objects → the directory's rows (issue 12 § 1 import). Each object becomes one
// row; what HSDS spreads over child objects (address, accessibility, phone, languages, the service
// type as an attribute with a taxonomy term) is folded in. Whatever cannot be stored is an issue
// naming file, record, id and JSON path. References to records outside the upload are left for
// the caller to check against the tenant's directory.
import {
  organisationKindOf,
  splitCapacity,
  type FlatHsds,
  type FlatObject,
  type HsdsIssue,
  type HsdsRows,
  type HsdsTenantTerms,
} from './hsds-import.ts';
import { ORGANISATION_KIND_LABELS, organisationKey } from './organisations.ts';
import { minutesOf } from './opening-hours.ts';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const ICAL = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const CODE = /^[a-z0-9_]{1,60}$/;

const issueOf = (f: FlatObject, message: string, field = ''): HsdsIssue => ({
  file: f.at.file,
  index: f.at.index,
  id: typeof f.obj.id === 'string' ? f.obj.id : null,
  path: f.at.path + (field ? `.${field}` : ''),
  message,
});

const valuesOf = (m: Map<string, FlatObject>) => [...m.values()];
const byParent = (m: Map<string, FlatObject>, field: string) => {
  const out = new Map<string, FlatObject[]>();
  for (const f of m.values()) {
    const p = f.obj[field];
    if (typeof p === 'string') out.set(p, [...(out.get(p) ?? []), f]);
  }
  return out;
};

/** Organisation rows: kind from legal_status, description without the kind label the export adds. */
function organisationRows(flat: FlatHsds): HsdsRows['organisations'] {
  return valuesOf(flat.organization).map(({ obj }) => {
    const kind = organisationKindOf(obj.legal_status);
    const description = str(obj.description) ?? '';
    return {
      id: String(obj.id),
      name: String(obj.name ?? ''),
      kind,
      dedup_key: organisationKey(String(obj.name ?? ''), kind),
      description: description === ORGANISATION_KIND_LABELS[kind] ? '' : description,
      website: str(obj.website),
      email: str(obj.email),
    };
  });
}

/** The term code of a service: its attribute with a taxonomy term (by code, or by term id). */
function serviceTypeOf(
  flat: FlatHsds,
  attributes: FlatObject[],
  terms: HsdsTenantTerms,
): string | null {
  for (const a of attributes) {
    const termId = str(a.obj.taxonomy_term_id);
    const term = termId ? flat.taxonomy_term.get(termId) : undefined;
    const code = str(term?.obj.code) ?? (termId ? terms.codeOfId.get(termId) : undefined);
    if (code) return code;
  }
  return null;
}

/** Whole-number age or null; an issue when it is a fraction. */
function ageOf(f: FlatObject, field: string, issues: HsdsIssue[]): number | null {
  const v = f.obj[field];
  if (typeof v !== 'number') return null;
  if (!Number.isInteger(v) || v < 0 || v > 150) {
    issues.push(issueOf(f, 'Alter in ganzen Jahren (0–150) angeben.', field));
    return null;
  }
  return v;
}

function serviceRows(flat: FlatHsds, terms: HsdsTenantTerms, issues: HsdsIssue[]) {
  const attributes = byParent(flat.attribute, 'link_id');
  const phones = byParent(flat.phone, 'service_id');
  const languages = byParent(flat.language, 'service_id');
  const services: HsdsRows['services'] = [];
  const capacities: HsdsRows['capacities'] = [];
  for (const f of valuesOf(flat.service)) {
    const id = String(f.obj.id);
    const orgId = str(f.obj.organization_id);
    if (!orgId)
      issues.push(
        issueOf(
          f,
          'organization_id fehlt: jedes Angebot gehört zu einer Organisation.',
          'organization_id',
        ),
      );
    const type = serviceTypeOf(flat, attributes.get(id) ?? [], terms);
    if (!type)
      issues.push(
        issueOf(
          f,
          'Angebotsart fehlt: ein Attribut (attributes) mit einem Begriff der Taxonomie (taxonomy_term mit code) nennen.',
          'attributes',
        ),
      );
    const split = splitCapacity(str(f.obj.description));
    if (split.capacity) capacities.push({ service_id: id, ...refDateKey(split.capacity) });
    const min = ageOf(f, 'minimum_age', issues);
    const max = ageOf(f, 'maximum_age', issues);
    if (min !== null && max !== null && min > max)
      issues.push(issueOf(f, 'minimum_age ist größer als maximum_age.', 'minimum_age'));
    services.push({
      id,
      organization_id: orgId ?? '',
      service_type: type ?? '',
      name: String(f.obj.name ?? ''),
      description: split.description,
      status: str(f.obj.status) ?? 'active',
      url: str(f.obj.url),
      email: str(f.obj.email),
      phone: str((phones.get(id) ?? [])[0]?.obj.number),
      eligibility_description: str(f.obj.eligibility_description),
      minimum_age: min,
      maximum_age: max,
      fees_description: str(f.obj.fees_description),
      languages: (languages.get(id) ?? []).flatMap((l) => str(l.obj.code) ?? []),
      updated_at: str(f.obj.last_modified),
    });
  }
  return { services, capacities };
}

const refDateKey = (c: { kind: 'places' | 'beds'; value: number; refDate: string }) => ({
  kind: c.kind,
  value: c.value,
  ref_date: c.refDate,
});

function locationRows(flat: FlatHsds, issues: HsdsIssue[]): HsdsRows['locations'] {
  const addresses = byParent(flat.address, 'location_id');
  const access = byParent(flat.accessibility, 'location_id');
  const linksTo = byParent(flat.service_at_location, 'location_id');
  return valuesOf(flat.location).map((f) => {
    const id = String(f.obj.id);
    // HSDS makes a location's organisation optional; ours is the one whose service is there
    const viaService = (linksTo.get(id) ?? [])
      .map((l) => flat.service.get(String(l.obj.service_id))?.obj.organization_id)
      .find((o) => typeof o === 'string');
    const orgId = str(f.obj.organization_id) ?? str(viaService);
    if (!orgId)
      issues.push(
        issueOf(
          f,
          'organization_id fehlt und kein Angebot der Datei nennt diesen Ort.',
          'organization_id',
        ),
      );
    const lat = typeof f.obj.latitude === 'number' ? f.obj.latitude : null;
    const lon = typeof f.obj.longitude === 'number' ? f.obj.longitude : null;
    if ((lat === null) !== (lon === null))
      issues.push(issueOf(f, 'latitude und longitude nur zusammen angeben.', 'latitude'));
    else if (lat !== null && lon !== null && (Math.abs(lat) > 90 || Math.abs(lon) > 180))
      issues.push(
        issueOf(f, 'Koordinaten außerhalb von WGS 84 (Breite ±90, Länge ±180).', 'latitude'),
      );
    const address =
      (addresses.get(id) ?? []).find((a) => a.obj.address_type !== 'postal') ??
      (addresses.get(id) ?? [])[0];
    return {
      id,
      organization_id: orgId ?? '',
      name: str(f.obj.name) ?? '',
      street: str(address?.obj.address_1),
      postcode: str(address?.obj.postal_code),
      city: str(address?.obj.city) ?? '',
      lon: lat === null ? null : lon,
      lat: lon === null ? null : lat,
      accessibility: str((access.get(id) ?? [])[0]?.obj.description),
    };
  });
}

function scheduleRows(flat: FlatHsds, issues: HsdsIssue[]): HsdsRows['schedules'] {
  const out: HsdsRows['schedules'] = [];
  for (const f of valuesOf(flat.schedule)) {
    const sal = str(f.obj.service_at_location_id);
    const service = sal ? null : str(f.obj.service_id);
    if (!sal && !service) {
      issues.push(
        issueOf(
          f,
          'Öffnungszeiten gehören zu einem Angebotsort (service_at_location_id) oder einem Angebot (service_id).',
          'service_at_location_id',
        ),
      );
      continue;
    }
    const day = ICAL.indexOf(String(f.obj.byday ?? ''));
    const opens = String(f.obj.opens_at ?? '').slice(0, 5);
    const closes = String(f.obj.closes_at ?? '').slice(0, 5);
    const from = minutesOf(opens);
    const to = minutesOf(closes);
    if (f.obj.freq !== undefined && String(f.obj.freq).toUpperCase() !== 'WEEKLY')
      issues.push(
        issueOf(f, 'Nur wöchentliche Öffnungszeiten (freq WEEKLY) werden übernommen.', 'freq'),
      );
    else if (day < 0)
      issues.push(
        issueOf(f, 'byday muss genau ein Wochentag sein (MO, TU, WE, TH, FR, SA, SU).', 'byday'),
      );
    else if (from === null || to === null || opens === '24:00' || from >= to)
      issues.push(
        issueOf(f, 'opens_at und closes_at als HH:MM angeben, Schließen nach Öffnen.', 'opens_at'),
      );
    else
      out.push({
        id: String(f.obj.id),
        service_at_location_id: sal,
        service_id: service,
        weekday: day + 1,
        opens_at: opens,
        closes_at: closes,
        notes: str(f.obj.notes),
      });
  }
  return out;
}

/** Named contacts of services (the first phone number of each). */
function contactRows(flat: FlatHsds, issues: HsdsIssue[]): HsdsRows['contacts'] {
  const phones = byParent(flat.phone, 'contact_id');
  return valuesOf(flat.contact).flatMap((f) => {
    const service = str(f.obj.service_id);
    if (!service) {
      issues.push(
        issueOf(f, 'Kontakte werden je Angebot übernommen (service_id fehlt).', 'service_id'),
      );
      return [];
    }
    const id = String(f.obj.id);
    const phone = str(f.obj.phone) ?? str((phones.get(id) ?? [])[0]?.obj.number);
    return [
      {
        id,
        service_id: service,
        name: str(f.obj.name),
        title: str(f.obj.title),
        email: str(f.obj.email),
        phone,
      },
    ];
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Cost options of services: amount ≥ 0, currency as ISO 4217, dates as YYYY-MM-DD. */
function costRows(flat: FlatHsds, issues: HsdsIssue[]): HsdsRows['cost_options'] {
  return valuesOf(flat.cost_option).flatMap((f) => {
    const service = str(f.obj.service_id);
    const amount =
      f.obj.amount === undefined || f.obj.amount === null ? null : Number(f.obj.amount);
    const currency = str(f.obj.currency);
    const from = str(f.obj.valid_from);
    const to = str(f.obj.valid_to);
    const problem = !service
      ? (['service_id', 'Kostenangaben werden je Angebot übernommen (service_id fehlt).'] as const)
      : amount !== null && !(Number.isFinite(amount) && amount >= 0)
        ? (['amount', 'amount muss eine Zahl ≥ 0 sein.'] as const)
        : currency && !/^[A-Z]{3}$/.test(currency)
          ? (['currency', 'currency als Währungscode nach ISO 4217 angeben, z. B. „EUR“.'] as const)
          : (from && !DATE.test(from)) || (to && !DATE.test(to))
            ? (['valid_from', 'valid_from und valid_to als Datum JJJJ-MM-TT angeben.'] as const)
            : from && to && from > to
              ? (['valid_from', 'valid_from liegt nach valid_to.'] as const)
              : null;
    if (problem) {
      issues.push(issueOf(f, problem[1], problem[0]));
      return [];
    }
    return [
      {
        id: String(f.obj.id),
        service_id: service!,
        option: str(f.obj.option),
        amount,
        currency,
        amount_description: str(f.obj.amount_description),
        valid_from: from,
        valid_to: to,
      },
    ];
  });
}

/** New terms (codes the tenant lacks) named by the upload's taxonomy terms. */
function termRows(flat: FlatHsds, terms: HsdsTenantTerms, issues: HsdsIssue[]) {
  const out: HsdsRows['terms'] = [];
  for (const f of valuesOf(flat.taxonomy_term)) {
    const code = str(f.obj.code);
    if (!code || !CODE.test(code)) {
      issues.push(
        issueOf(
          f,
          'code des Begriffs fehlt oder ist ungültig (a–z, 0–9, _; höchstens 60 Zeichen).',
          'code',
        ),
      );
      continue;
    }
    if (terms.codes.has(code) || out.some((t) => t.code === code)) continue;
    out.push({
      id: String(f.obj.id),
      code,
      name: str(f.obj.name) ?? code,
      description: str(f.obj.description) ?? '',
    });
  }
  return out;
}

/** The directory rows of a flattened upload, with every problem found on the way. */
export function hsdsRowsOf(
  flat: FlatHsds,
  terms: HsdsTenantTerms,
): { rows: HsdsRows; issues: HsdsIssue[] } {
  const issues: HsdsIssue[] = [];
  const organisations = organisationRows(flat);
  const keys = new Map<string, string>();
  for (const o of organisations) {
    const other = keys.get(o.dedup_key);
    if (other)
      issues.push(
        issueOf(
          flat.organization.get(o.id)!,
          `Gleicher Name und gleiche Art wie Organisation ${other} (eine Organisation je Name und Art).`,
          'name',
        ),
      );
    else keys.set(o.dedup_key, o.id);
  }
  const { services, capacities } = serviceRows(flat, terms, issues);
  const links = valuesOf(flat.service_at_location).flatMap((f) => {
    const service = str(f.obj.service_id);
    const location = str(f.obj.location_id);
    if (service && location)
      return [{ id: String(f.obj.id), service_id: service, location_id: location }];
    issues.push(
      issueOf(f, 'service_id und location_id sind nötig.', service ? 'location_id' : 'service_id'),
    );
    return [];
  });
  return {
    rows: {
      organisations,
      services,
      locations: locationRows(flat, issues),
      links,
      schedules: scheduleRows(flat, issues),
      capacities,
      contacts: contactRows(flat, issues),
      cost_options: costRows(flat, issues),
      terms: termRows(flat, terms, issues),
    },
    issues,
  };
}
