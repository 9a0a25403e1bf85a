// Reading Open Referral HSDS 3.0 data into the directory's records (issue 12 § 1 "HSDS out and in"):
// the objects of JSON files (one object, an array, an HSDS API page or a full export) or the rows
// of a tabular data package are collected with where they came from (file, record index, JSON
// path), nested objects are flattened by id, and each one is turned into a directory row. Every
// problem names its file, record and path. Pure: the schema check and the database are the server's.
import { parseCsv, type CsvDelimiter } from '../tabular/csv-parser.ts';
import {
  ORGANISATION_KINDS,
  ORGANISATION_KIND_LABELS,
  type OrganisationKind,
} from './organisations.ts';

/** The HSDS object kinds the directory takes in. */
export type HsdsKind =
  | 'organization'
  | 'service'
  | 'location'
  | 'service_at_location'
  | 'schedule'
  | 'taxonomy'
  | 'taxonomy_term'
  | 'address'
  | 'accessibility'
  | 'phone'
  | 'language'
  | 'attribute'
  | 'contact'
  | 'cost_option';

type Obj = Record<string, unknown>;

/** Where an object came from: file, index of the top-level record in it, JSON path. */
export interface HsdsOrigin {
  file: string;
  index: number;
  path: string;
}

/** One top-level record of an upload, with its kind. */
export interface HsdsRecord {
  kind: HsdsKind;
  obj: Obj;
  at: HsdsOrigin;
}

/** A problem with one record (German message). */
export interface HsdsIssue {
  file: string;
  index: number;
  id: string | null;
  path: string;
  message: string;
}

const issueAt = (at: HsdsOrigin, id: unknown, message: string, sub = ''): HsdsIssue => ({
  file: at.file,
  index: at.index,
  id: typeof id === 'string' ? id : null,
  path: at.path + sub,
  message,
});

// File names of the HSDS tabular data package (datapackage "path" of each schema) and of JSON
// files named like the API's collections.
const KIND_BY_NAME: Record<string, HsdsKind> = {
  organizations: 'organization',
  organization: 'organization',
  services: 'service',
  service: 'service',
  locations: 'location',
  location: 'location',
  service_at_locations: 'service_at_location',
  service_at_location: 'service_at_location',
  schedules: 'schedule',
  schedule: 'schedule',
  taxonomies: 'taxonomy',
  taxonomy: 'taxonomy',
  taxonomy_terms: 'taxonomy_term',
  taxonomy_term: 'taxonomy_term',
  addresses: 'address',
  accessibility: 'accessibility',
  accessibilities: 'accessibility',
  phones: 'phone',
  languages: 'language',
  attributes: 'attribute',
  contacts: 'contact',
  contact: 'contact',
  cost_options: 'cost_option',
  cost_option: 'cost_option',
};

/** The kind a file name stands for (e.g. "services.csv", "export/organizations.json"), if any. */
export function hsdsKindOfFile(file: string): HsdsKind | undefined {
  const stem = (file.split('/').pop() ?? file).replace(/\.(json|csv)$/i, '').toLowerCase();
  return KIND_BY_NAME[stem];
}

/** The kind of a lone object from its fields (for files not named after a collection). */
function inferKind(o: Obj): HsdsKind | undefined {
  if ('service_id' in o && 'location_id' in o) return 'service_at_location';
  if ('status' in o || 'service_at_locations' in o) return 'service';
  if ('location_type' in o || 'latitude' in o) return 'location';
  if ('byday' in o || 'freq' in o || 'opens_at' in o) return 'schedule';
  if ('taxonomy_id' in o || ('code' in o && 'name' in o && 'description' in o && !('url' in o)))
    return 'taxonomy_term';
  if ('name' in o && ('legal_status' in o || 'website' in o || 'services' in o || 'locations' in o))
    return 'organization';
  if ('name' in o && 'description' in o) return 'organization';
  return undefined;
}

const EXPORT_COLLECTIONS: [string, HsdsKind][] = [
  ['taxonomies', 'taxonomy'],
  ['taxonomy_terms', 'taxonomy_term'],
  ['organizations', 'organization'],
  ['services', 'service'],
  ['service_at_locations', 'service_at_location'],
  ['locations', 'location'],
];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The top-level records of one parsed JSON file: a full export ({organizations, services, …}), an
 * HSDS API page ({contents: […]}), an array, or one object. The kind comes from the collection, the
 * file name, or the object's fields; a record whose kind cannot be told is an issue.
 */
export function hsdsRecordsOfJson(
  file: string,
  value: unknown,
): { records: HsdsRecord[]; issues: HsdsIssue[] } {
  const records: HsdsRecord[] = [];
  const issues: HsdsIssue[] = [];
  const byName = hsdsKindOfFile(file);
  const take = (items: unknown[], base: string, kind: HsdsKind | undefined) => {
    items.forEach((item, i) => {
      const at = { file, index: records.length + issues.length, path: `${base}[${i}]` };
      if (!isObj(item)) {
        issues.push(issueAt(at, null, 'Ein Eintrag muss ein JSON-Objekt sein.'));
        return;
      }
      const k = kind ?? inferKind(item);
      if (!k) {
        issues.push(
          issueAt(
            at,
            item.id,
            'Art des Eintrags nicht erkennbar (Organisation, Angebot, Ort …): Datei nach der HSDS-Sammlung benennen, z. B. services.json.',
          ),
        );
        return;
      }
      records.push({ kind: k, obj: item, at });
    });
  };
  if (Array.isArray(value)) take(value, '$', byName);
  else if (
    isObj(value) &&
    !('id' in value) &&
    EXPORT_COLLECTIONS.some(([c]) => Array.isArray(value[c]))
  ) {
    for (const [c, kind] of EXPORT_COLLECTIONS)
      if (Array.isArray(value[c])) take(value[c], `$.${c}`, kind);
  } else if (isObj(value) && Array.isArray(value.contents))
    take(value.contents, '$.contents', byName);
  else if (isObj(value)) {
    const kind = byName ?? inferKind(value);
    const at = { file, index: 0, path: '$' };
    if (kind) records.push({ kind, obj: value, at });
    else issues.push(issueAt(at, value.id, 'Art des Eintrags nicht erkennbar.'));
  } else {
    issues.push(
      issueAt({ file, index: 0, path: '$' }, null, 'Die Datei enthält kein HSDS-Objekt.'),
    );
  }
  return { records, issues };
}

// Columns of the tabular package that hold numbers (JSON Schema "number"/"integer").
const NUMERIC = new Set([
  'latitude',
  'longitude',
  'minimum_age',
  'maximum_age',
  'year_incorporated',
]);

/** The rows of one CSV file of an HSDS tabular data package as records (empty cells left out). */
export function hsdsRecordsOfCsv(
  file: string,
  text: string,
): { records: HsdsRecord[]; issues: HsdsIssue[] } {
  const kind = hsdsKindOfFile(file);
  const at0 = { file, index: 0, path: 'Zeile 1' };
  if (!kind)
    return {
      records: [],
      issues: [
        issueAt(
          at0,
          null,
          'Unbekannte Tabelle: erwartet werden die Dateinamen des HSDS-Datenpakets (organizations.csv, services.csv, locations.csv …).',
        ),
      ],
    };
  const delimiter: CsvDelimiter = text.split('\n', 1)[0]!.includes(';') ? ';' : ',';
  const { records: rows, errors } = parseCsv(text.replace(/^\uFEFF/, ''), { delimiter });
  const issues = errors.map((e) =>
    issueAt({ file, index: 0, path: `Zeile ${e.line}, Spalte ${e.column}` }, null, e.message),
  );
  const [header, ...body] = rows;
  if (!header)
    return { records: [], issues: [...issues, issueAt(at0, null, 'Die Tabelle ist leer.')] };
  const names = header.fields.map((h) => h.trim());
  const records: HsdsRecord[] = [];
  body.forEach((row, i) => {
    const obj: Obj = {};
    const at = { file, index: i, path: `Zeile ${row.line}` };
    names.forEach((name, c) => {
      const cell = row.fields[c] ?? '';
      if (cell === '' || !name) return;
      if (NUMERIC.has(name)) {
        const n = Number(cell);
        if (Number.isFinite(n)) obj[name] = n;
        else issues.push(issueAt(at, obj.id, `„${name}“ ist keine Zahl: ${cell}`, `.${name}`));
      } else obj[name] = cell;
    });
    records.push({ kind, obj, at });
  });
  return { records, issues };
}

/** An object met somewhere in the upload, flattened: its fields and where it came from. */
export interface FlatObject {
  obj: Obj;
  at: HsdsOrigin;
}

/** All objects of an upload by kind and id (the first occurrence of an id wins). */
export type FlatHsds = Record<HsdsKind, Map<string, FlatObject>>;

const NESTED: Partial<Record<HsdsKind, [string, HsdsKind, string | null][]>> = {
  // [member, kind of its objects, parent-id field the child gets]
  organization: [
    ['services', 'service', 'organization_id'],
    ['locations', 'location', 'organization_id'],
  ],
  service: [
    ['organization', 'organization', null],
    ['service_at_locations', 'service_at_location', 'service_id'],
    ['phones', 'phone', 'service_id'],
    ['languages', 'language', 'service_id'],
    ['attributes', 'attribute', 'link_id'],
    ['schedules', 'schedule', 'service_id'],
    ['contacts', 'contact', 'service_id'],
    ['cost_options', 'cost_option', 'service_id'],
  ],
  service_at_location: [
    ['location', 'location', null],
    ['service', 'service', null],
    ['schedules', 'schedule', 'service_at_location_id'],
  ],
  location: [
    ['addresses', 'address', 'location_id'],
    ['accessibility', 'accessibility', 'location_id'],
  ],
  attribute: [['taxonomy_term', 'taxonomy_term', null]],
  contact: [['phones', 'phone', 'contact_id']],
};

/** Flattens nested objects (service → its places → location → addresses …) into maps by id. */
export function flattenHsds(records: readonly HsdsRecord[]): FlatHsds {
  const flat = Object.fromEntries(
    Object.values(KIND_BY_NAME).map((k) => [k, new Map<string, FlatObject>()]),
  ) as FlatHsds;
  let anonymous = 0;
  const visit = (kind: HsdsKind, obj: Obj, at: HsdsOrigin, parent?: [string, string]) => {
    const own: Obj = {};
    for (const [k, v] of Object.entries(obj))
      if (!(NESTED[kind] ?? []).some(([m]) => m === k)) own[k] = v;
    const id = typeof obj.id === 'string' ? obj.id : `#${++anonymous}`;
    // nested under a parent means belonging to it, whatever the child's own reference says
    if (parent) own[parent[0]] = parent[1];
    const map = flat[kind];
    if (!map.has(id)) map.set(id, { obj: own, at });
    for (const [member, childKind, parentField] of NESTED[kind] ?? []) {
      const v = obj[member];
      const link: [string, string] | undefined =
        parentField && typeof obj.id === 'string' ? [parentField, obj.id] : undefined;
      if (Array.isArray(v))
        v.forEach((c, i) => {
          if (isObj(c)) visit(childKind, c, { ...at, path: `${at.path}.${member}[${i}]` }, link);
        });
      else if (isObj(v)) {
        visit(childKind, v, { ...at, path: `${at.path}.${member}` });
        // a nested location/organisation names the parent's reference
        if (typeof v.id === 'string' && own[`${member}_id`] === undefined) {
          own[`${member}_id`] = v.id;
        }
      }
    }
  };
  for (const r of records) visit(r.kind, r.obj, r.at);
  return flat;
}

/** Directory rows an import writes (snake_case like the tables). */
export interface HsdsRows {
  organisations: {
    id: string;
    name: string;
    kind: OrganisationKind;
    dedup_key: string;
    description: string;
    website: string | null;
    email: string | null;
  }[];
  services: {
    id: string;
    organization_id: string;
    service_type: string;
    name: string;
    description: string | null;
    status: string;
    url: string | null;
    email: string | null;
    phone: string | null;
    eligibility_description: string | null;
    minimum_age: number | null;
    maximum_age: number | null;
    fees_description: string | null;
    languages: string[];
    updated_at: string | null;
  }[];
  locations: {
    id: string;
    organization_id: string;
    name: string;
    street: string | null;
    postcode: string | null;
    city: string;
    lon: number | null;
    lat: number | null;
    accessibility: string | null;
  }[];
  links: { id: string; service_id: string; location_id: string }[];
  /** Weekly hours of a place (service_at_location_id) or of the service as a whole (service_id). */
  schedules: {
    id: string;
    service_at_location_id: string | null;
    service_id: string | null;
    weekday: number;
    opens_at: string;
    closes_at: string;
    notes: string | null;
  }[];
  capacities: { service_id: string; kind: 'places' | 'beds'; ref_date: string; value: number }[];
  /** Named contacts of services. */
  contacts: {
    id: string;
    service_id: string;
    name: string | null;
    title: string | null;
    email: string | null;
    phone: string | null;
  }[];
  /** Cost options of services. */
  cost_options: {
    id: string;
    service_id: string;
    option: string | null;
    amount: number | null;
    currency: string | null;
    amount_description: string | null;
    valid_from: string | null;
    valid_to: string | null;
  }[];
  /** Terms the tenant does not have yet (by code). */
  terms: { id: string; code: string; name: string; description: string }[];
}

/** What the tenant already has that the mapping needs: its term codes and term ids. */
export interface HsdsTenantTerms {
  codes: ReadonlySet<string>;
  codeOfId: ReadonlyMap<string, string>;
}

const KIND_OF_LABEL = new Map<string, OrganisationKind>(
  ORGANISATION_KINDS.flatMap((k) => [
    [ORGANISATION_KIND_LABELS[k].toLowerCase(), k],
    [k, k],
  ]),
);
// The export writes a service's latest places into its description (HSDS 3.0 has no capacity
// object): "…. Kapazität: 120 Plätze (Stand 01.03.2024)". Read back so a round trip keeps them.
const CAPACITY = /(?:^|\. )Kapazität: (\d+) (Plätze|Betten) \(Stand (\d\d)\.(\d\d)\.(\d{4})\)$/;

/** The organisation kind named by an HSDS legal_status (our labels or codes), else 'sonstige'. */
export function organisationKindOf(legalStatus: unknown): OrganisationKind {
  return KIND_OF_LABEL.get(String(legalStatus ?? '').toLowerCase()) ?? 'sonstige';
}

/** Splits a description into its text and the places the export appended, if any. */
export function splitCapacity(description: string | null): {
  description: string | null;
  capacity: { kind: 'places' | 'beds'; value: number; refDate: string } | null;
} {
  const m = description ? CAPACITY.exec(description) : null;
  if (!m || !description) return { description, capacity: null };
  return {
    description: description.slice(0, m.index) || null,
    capacity: {
      kind: m[2] === 'Betten' ? 'beds' : 'places',
      value: Number(m[1]),
      refDate: `${m[5]}-${m[4]}-${m[3]}`,
    },
  };
}
