// SQL of the HSDS import: what the tenant already has under the ids an upload names, and the
// upserts (by id) of organisations, services, locations, links, opening hours, places and new
// taxonomy terms — one statement per table through unnest(), inside the caller's transaction.
import type { HsdsRows } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';

/** Records of the tenant under ids an upload names (to check rights and conflicts). */
export interface ExistingRecords {
  organisations: { id: string; name: string; dedup_key: string; department_id: string | null }[];
  services: { id: string; organization_id: string }[];
  locations: { id: string; organization_id: string }[];
  links: { id: string; service_id: string; location_id: string }[];
  schedules: { id: string; service_at_location_id: string }[];
}

/** The tenant's records with these ids, organisations also by dedup key. */
export async function selectExisting(
  sql: Sql,
  tenantId: string,
  ids: {
    organisations: string[];
    dedupKeys: string[];
    services: string[];
    locations: string[];
    links: string[];
    schedules: string[];
  },
): Promise<ExistingRecords> {
  const [organisations, services, locations, links, schedules] = await Promise.all([
    sql.query<ExistingRecords['organisations'][number]>(
      `SELECT id, name, dedup_key, department_id FROM directory_organization
        WHERE tenant_id = $1 AND (id = ANY ($2::text[]) OR dedup_key = ANY ($3::text[]))`,
      [tenantId, ids.organisations, ids.dedupKeys],
    ),
    sql.query<ExistingRecords['services'][number]>(
      `SELECT id, organization_id FROM directory_service WHERE tenant_id = $1 AND id = ANY ($2::text[])`,
      [tenantId, ids.services],
    ),
    sql.query<ExistingRecords['locations'][number]>(
      `SELECT id, organization_id FROM directory_location WHERE tenant_id = $1 AND id = ANY ($2::text[])`,
      [tenantId, ids.locations],
    ),
    sql.query<ExistingRecords['links'][number]>(
      `SELECT id, service_id, location_id FROM directory_service_at_location
        WHERE tenant_id = $1 AND (id = ANY ($2::text[]) OR service_id = ANY ($3::text[]))`,
      [tenantId, ids.links, ids.services],
    ),
    sql.query<ExistingRecords['schedules'][number]>(
      `SELECT id, service_at_location_id FROM directory_schedule
        WHERE tenant_id = $1 AND id = ANY ($2::text[])`,
      [tenantId, ids.schedules],
    ),
  ]);
  return { organisations, services, locations, links, schedules };
}

/** Organisations of the tenant by id (with the department whose people maintain them). */
export function selectOrganisationOwners(
  sql: Sql,
  tenantId: string,
  ids: string[],
): Promise<{ id: string; name: string; department_id: string | null }[]> {
  return sql.query(
    `SELECT id, name, department_id FROM directory_organization WHERE tenant_id = $1 AND id = ANY ($2::text[])`,
    [tenantId, ids],
  );
}

const cols = <T, K extends keyof T>(rows: readonly T[], k: K) => rows.map((r) => r[k]);

/** Adds the upload's new taxonomy terms to a taxonomy of the tenant (never built-in ones). */
export async function insertImportedTerms(
  sql: Sql,
  tenantId: string,
  taxonomyId: string,
  rows: HsdsRows['terms'],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_taxonomy_term (tenant_id, id, taxonomy_id, code, name, description, builtin)
     SELECT $1, t.id, $2, t.code, t.name, t.description, false
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, code, name, description)`,
    [
      tenantId,
      taxonomyId,
      cols(rows, 'id'),
      cols(rows, 'code'),
      cols(rows, 'name'),
      cols(rows, 'description'),
    ],
  );
}

/** Inserts or updates organisations by id (department, Spitzenverband and public stay as they are). */
export async function upsertOrganisations(
  sql: Sql,
  tenantId: string,
  rows: HsdsRows['organisations'],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_organization (tenant_id, id, name, kind, dedup_key, description, website, email)
     SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::text[]) AS t
     ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
       dedup_key = EXCLUDED.dedup_key, description = EXCLUDED.description,
       website = EXCLUDED.website, email = EXCLUDED.email, updated_at = now()`,
    [
      tenantId,
      cols(rows, 'id'),
      cols(rows, 'name'),
      cols(rows, 'kind'),
      cols(rows, 'dedup_key'),
      cols(rows, 'description'),
      cols(rows, 'website'),
      cols(rows, 'email'),
    ],
  );
}

/** Inserts or updates services by id; last_modified of the file becomes updated_at. */
export async function upsertServices(
  sql: Sql,
  tenantId: string,
  rows: HsdsRows['services'],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_service (tenant_id, id, organization_id, service_type, name, description,
            status, url, email, phone, eligibility_description, minimum_age, maximum_age,
            fees_description, languages, updated_at)
     SELECT $1, t.id, t.o, t.ty, t.n, t.d, t.st, t.u, t.e, t.p, t.el, t.mi, t.ma, t.f,
            CASE WHEN t.l = '' THEN '{}'::text[] ELSE string_to_array(t.l, ',') END,
            coalesce(t.m::timestamptz, now())
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
            $9::text[], $10::text[], $11::text[], $12::int[], $13::int[], $14::text[], $15::text[],
            $16::text[]) AS t(id, o, ty, n, d, st, u, e, p, el, mi, ma, f, l, m)
     ON CONFLICT (tenant_id, id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
       service_type = EXCLUDED.service_type, name = EXCLUDED.name, description = EXCLUDED.description,
       status = EXCLUDED.status, url = EXCLUDED.url, email = EXCLUDED.email, phone = EXCLUDED.phone,
       eligibility_description = EXCLUDED.eligibility_description,
       minimum_age = EXCLUDED.minimum_age, maximum_age = EXCLUDED.maximum_age,
       fees_description = EXCLUDED.fees_description, languages = EXCLUDED.languages,
       updated_at = EXCLUDED.updated_at`,
    [
      tenantId,
      cols(rows, 'id'),
      cols(rows, 'organization_id'),
      cols(rows, 'service_type'),
      cols(rows, 'name'),
      cols(rows, 'description'),
      cols(rows, 'status'),
      cols(rows, 'url'),
      cols(rows, 'email'),
      cols(rows, 'phone'),
      cols(rows, 'eligibility_description'),
      cols(rows, 'minimum_age'),
      cols(rows, 'maximum_age'),
      cols(rows, 'fees_description'),
      rows.map((r) => r.languages.join(',')),
      cols(rows, 'updated_at'),
    ],
  );
}

/** Inserts or updates locations by id. */
export async function upsertLocations(
  sql: Sql,
  tenantId: string,
  rows: HsdsRows['locations'],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_location (tenant_id, id, organization_id, name, street, postcode, city,
            lon, lat, accessibility)
     SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::float8[], $9::float8[], $10::text[]) AS t
     ON CONFLICT (tenant_id, id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
       name = EXCLUDED.name, street = EXCLUDED.street, postcode = EXCLUDED.postcode,
       city = EXCLUDED.city, lon = EXCLUDED.lon, lat = EXCLUDED.lat,
       accessibility = EXCLUDED.accessibility, updated_at = now()`,
    [
      tenantId,
      cols(rows, 'id'),
      cols(rows, 'organization_id'),
      cols(rows, 'name'),
      cols(rows, 'street'),
      cols(rows, 'postcode'),
      cols(rows, 'city'),
      cols(rows, 'lon'),
      cols(rows, 'lat'),
      cols(rows, 'accessibility'),
    ],
  );
}

/** Inserts links of services to locations (ids already present keep their pair). */
export async function upsertLinks(
  sql: Sql,
  tenantId: string,
  rows: HsdsRows['links'],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_service_at_location (tenant_id, id, service_id, location_id)
     SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[]) AS t
     ON CONFLICT (tenant_id, id) DO UPDATE SET service_id = EXCLUDED.service_id,
       location_id = EXCLUDED.location_id`,
    [tenantId, cols(rows, 'id'), cols(rows, 'service_id'), cols(rows, 'location_id')],
  );
}

/** Replaces the opening hours of the given links by the upload's. */
export async function replaceLinkSchedules(
  sql: Sql,
  tenantId: string,
  linkIds: string[],
  rows: HsdsRows['schedules'],
): Promise<void> {
  await sql.query(
    'DELETE FROM directory_schedule WHERE tenant_id = $1 AND service_at_location_id = ANY ($2::text[])',
    [tenantId, linkIds],
  );
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_schedule (tenant_id, id, service_at_location_id, weekday, opens_at, closes_at, notes)
     SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[]) AS t`,
    [
      tenantId,
      cols(rows, 'id'),
      cols(rows, 'service_at_location_id'),
      cols(rows, 'weekday'),
      cols(rows, 'opens_at'),
      cols(rows, 'closes_at'),
      cols(rows, 'notes'),
    ],
  );
}

/** Records places and beds (a value of the same kind and date is replaced). */
export async function upsertCapacities(
  sql: Sql,
  tenantId: string,
  rows: HsdsRows['capacities'],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_capacity (tenant_id, service_id, kind, ref_date, value)
     SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::date[], $5::int[]) AS t
     ON CONFLICT (tenant_id, service_id, kind, ref_date) DO UPDATE SET value = EXCLUDED.value`,
    [
      tenantId,
      cols(rows, 'service_id'),
      cols(rows, 'kind'),
      cols(rows, 'ref_date'),
      cols(rows, 'value'),
    ],
  );
}

/** Replaces the service-level opening hours, contacts and cost options of the given services. */
export async function replaceServiceExtras(
  sql: Sql,
  tenantId: string,
  serviceIds: string[],
  rows: Pick<HsdsRows, 'schedules' | 'contacts' | 'cost_options'>,
): Promise<void> {
  for (const table of ['directory_schedule', 'directory_contact', 'directory_cost_option'])
    await sql.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND service_id = ANY ($2::text[])`, [
      tenantId,
      serviceIds,
    ]);
  const schedules = rows.schedules.filter((s) => s.service_id !== null);
  if (schedules.length > 0)
    await sql.query(
      `INSERT INTO directory_schedule (tenant_id, id, service_id, weekday, opens_at, closes_at, notes)
       SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[]) AS t`,
      [
        tenantId,
        cols(schedules, 'id'),
        cols(schedules, 'service_id'),
        cols(schedules, 'weekday'),
        cols(schedules, 'opens_at'),
        cols(schedules, 'closes_at'),
        cols(schedules, 'notes'),
      ],
    );
  if (rows.contacts.length > 0)
    await sql.query(
      `INSERT INTO directory_contact (tenant_id, id, service_id, name, title, email, phone)
       SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t`,
      [
        tenantId,
        cols(rows.contacts, 'id'),
        cols(rows.contacts, 'service_id'),
        cols(rows.contacts, 'name'),
        cols(rows.contacts, 'title'),
        cols(rows.contacts, 'email'),
        cols(rows.contacts, 'phone'),
      ],
    );
  const costs = rows.cost_options;
  if (costs.length > 0)
    await sql.query(
      `INSERT INTO directory_cost_option (tenant_id, id, service_id, option, amount, currency,
              amount_description, valid_from, valid_to)
       SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[],
              $7::text[], $8::date[], $9::date[]) AS t`,
      [
        tenantId,
        cols(costs, 'id'),
        cols(costs, 'service_id'),
        cols(costs, 'option'),
        cols(costs, 'amount'),
        cols(costs, 'currency'),
        cols(costs, 'amount_description'),
        cols(costs, 'valid_from'),
        cols(costs, 'valid_to'),
      ],
    );
}
