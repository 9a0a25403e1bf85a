// SQL of creating and editing one service (issue 12 § 1): the service row, its places, contacts
// and service areas, and what the form reads (organisations one may edit, their places, areas).
// Every query is scoped to one tenant ($1).
import type { Sql } from '../../db/db.ts';
import type { LocationRow, ServiceRow } from './store.ts';

/** The columns of a service the form writes. */
export type ServiceValues = Omit<ServiceRow, 'external_ref' | 'updated_at'>;

/** Inserts a new service or overwrites every field the form owns of an existing one. */
export async function upsertService(sql: Sql, tenantId: string, v: ServiceValues): Promise<void> {
  await sql.query(
    `INSERT INTO directory_service (tenant_id, id, organization_id, service_type, name, description,
            status, url, email, phone, eligibility_description, minimum_age, maximum_age,
            fees_description, languages, public)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text[], $16)
     ON CONFLICT (tenant_id, id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
       service_type = EXCLUDED.service_type, name = EXCLUDED.name, description = EXCLUDED.description,
       status = EXCLUDED.status, url = EXCLUDED.url, email = EXCLUDED.email, phone = EXCLUDED.phone,
       eligibility_description = EXCLUDED.eligibility_description,
       minimum_age = EXCLUDED.minimum_age, maximum_age = EXCLUDED.maximum_age,
       fees_description = EXCLUDED.fees_description, languages = EXCLUDED.languages,
       public = EXCLUDED.public, updated_at = now()`,
    [
      tenantId,
      v.id,
      v.organization_id,
      v.service_type,
      v.name,
      v.description,
      v.status,
      v.url,
      v.email,
      v.phone,
      v.eligibility_description,
      v.minimum_age,
      v.maximum_age,
      v.fees_description,
      v.languages,
      v.public,
    ],
  );
}

/** Inserts or updates one location by id. */
export async function upsertLocation(sql: Sql, tenantId: string, l: LocationRow): Promise<void> {
  await sql.query(
    `INSERT INTO directory_location (tenant_id, id, organization_id, name, street, postcode, city,
            lon, lat, accessibility)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, street = EXCLUDED.street,
       postcode = EXCLUDED.postcode, city = EXCLUDED.city, lon = EXCLUDED.lon, lat = EXCLUDED.lat,
       accessibility = EXCLUDED.accessibility, updated_at = now()`,
    [
      tenantId,
      l.id,
      l.organization_id,
      l.name,
      l.street,
      l.postcode,
      l.city,
      l.lon,
      l.lat,
      l.accessibility,
    ],
  );
}

/**
 * Makes the service's places exactly these locations: links to others are removed (with their
 * opening hours), links that exist keep their id and hours, new ones get the ids given.
 */
export async function replaceServiceLocations(
  sql: Sql,
  tenantId: string,
  serviceId: string,
  links: { id: string; locationId: string }[],
): Promise<void> {
  await sql.query(
    `DELETE FROM directory_service_at_location
      WHERE tenant_id = $1 AND service_id = $2 AND NOT (location_id = ANY ($3::text[]))`,
    [tenantId, serviceId, links.map((l) => l.locationId)],
  );
  if (links.length === 0) return;
  await sql.query(
    `INSERT INTO directory_service_at_location (tenant_id, id, service_id, location_id)
     SELECT $1, t.id, $2, t.l FROM unnest($3::text[], $4::text[]) AS t(id, l)
     ON CONFLICT (tenant_id, service_id, location_id) DO NOTHING`,
    [tenantId, serviceId, links.map((l) => l.id), links.map((l) => l.locationId)],
  );
}

/** The named contacts of a service. */
export function selectServiceContacts(
  sql: Sql,
  tenantId: string,
  serviceId: string,
): Promise<
  { name: string | null; title: string | null; email: string | null; phone: string | null }[]
> {
  return sql.query(
    `SELECT name, title, email, phone FROM directory_contact
      WHERE tenant_id = $1 AND service_id = $2 ORDER BY name NULLS LAST, id`,
    [tenantId, serviceId],
  );
}

/** Replaces the named contacts of a service (ids given in order, so the order is kept). */
export async function replaceServiceContacts(
  sql: Sql,
  tenantId: string,
  serviceId: string,
  rows: {
    id: string;
    name: string | null;
    title: string | null;
    email: string | null;
    phone: string | null;
  }[],
): Promise<void> {
  await sql.query('DELETE FROM directory_contact WHERE tenant_id = $1 AND service_id = $2', [
    tenantId,
    serviceId,
  ]);
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_contact (tenant_id, id, service_id, name, title, email, phone)
     SELECT $1, t.id, $2, t.n, t.ti, t.e, t.p
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(id, n, ti, e, p)`,
    [
      tenantId,
      serviceId,
      rows.map((r) => r.id),
      rows.map((r) => r.name),
      rows.map((r) => r.title),
      rows.map((r) => r.email),
      rows.map((r) => r.phone),
    ],
  );
}

/** Area references (id, code, name, level name) of the tenant's areas with these ids. */
export function selectAreaRefs(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<{ id: number; code: string; name: string; level: string }[]> {
  return sql.query(
    `SELECT a.id, a.code, a.name, lv.name_de AS level
       FROM area a
       JOIN area_level lv ON lv.tenant_id = a.tenant_id AND lv.system_id = a.system_id AND lv.id = a.level_id
      WHERE a.tenant_id = $1 AND a.id = ANY ($2::int[])
      ORDER BY lv.depth, a.code`,
    [tenantId, ids],
  );
}

/** The areas a service is for (its catchment, directory_service_area). */
export function selectCatchmentAreaIds(
  sql: Sql,
  tenantId: string,
  serviceId: string,
): Promise<{ area_id: number }[]> {
  return sql.query(
    `SELECT area_id FROM directory_service_area WHERE tenant_id = $1 AND service_id = $2 ORDER BY area_id`,
    [tenantId, serviceId],
  );
}

/** Replaces the areas a service is for. */
export async function replaceCatchmentAreas(
  sql: Sql,
  tenantId: string,
  serviceId: string,
  rows: { id: string; areaId: number }[],
): Promise<void> {
  await sql.query('DELETE FROM directory_service_area WHERE tenant_id = $1 AND service_id = $2', [
    tenantId,
    serviceId,
  ]);
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_service_area (tenant_id, id, service_id, area_id)
     SELECT $1, t.id, $2, t.a FROM unnest($3::text[], $4::int[]) AS t(id, a)`,
    [tenantId, serviceId, rows.map((r) => r.id), rows.map((r) => r.areaId)],
  );
}

/** The areas an organisation works in (the network's work areas, shown on the service page). */
export function selectWorkAreaIds(
  sql: Sql,
  tenantId: string,
  organisationId: string,
): Promise<{ area_id: number }[]> {
  return sql.query(
    `SELECT area_id FROM network_organization_area WHERE tenant_id = $1 AND organization_id = $2 ORDER BY area_id`,
    [tenantId, organisationId],
  );
}

/** Organisations (all, or those of one department record) with their kind, for the service form. */
export function selectOrganisationsForEdit(
  sql: Sql,
  tenantId: string,
  departmentId: string | null,
): Promise<{ id: string; name: string; kind: string; department_id: string | null }[]> {
  return sql.query(
    `SELECT id, name, kind, department_id FROM directory_organization
      WHERE tenant_id = $1 AND ($2::text IS NULL OR department_id = $2) ORDER BY name, id`,
    [tenantId, departmentId],
  );
}

/** The locations of some organisations. */
export function selectLocationsOfOrganisations(
  sql: Sql,
  tenantId: string,
  organisationIds: readonly string[],
): Promise<LocationRow[]> {
  return sql.query(
    `SELECT id, organization_id, name, street, postcode, city, lon, lat, accessibility
       FROM directory_location WHERE tenant_id = $1 AND organization_id = ANY ($2::text[])
      ORDER BY name, id`,
    [tenantId, organisationIds],
  );
}

/** Replaces the areas of some locations (after their points changed). */
export async function replaceAreasOfLocations(
  sql: Sql,
  tenantId: string,
  locationIds: readonly string[],
  rows: { locationId: string; areaId: number }[],
): Promise<void> {
  await sql.query(
    'DELETE FROM directory_location_area WHERE tenant_id = $1 AND location_id = ANY ($2::text[])',
    [tenantId, locationIds],
  );
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_location_area (tenant_id, location_id, area_id)
     SELECT $1, t.l, t.a FROM unnest($2::text[], $3::int[]) AS t(l, a)`,
    [tenantId, rows.map((r) => r.locationId), rows.map((r) => r.areaId)],
  );
}

/** Replaces the opening hours of a service as a whole (rows with service_id, no place). */
export async function replaceServiceSchedules(
  sql: Sql,
  tenantId: string,
  serviceId: string,
  rows: { id: string; weekday: number; opens: string; closes: string; notes: string | null }[],
): Promise<void> {
  await sql.query('DELETE FROM directory_schedule WHERE tenant_id = $1 AND service_id = $2', [
    tenantId,
    serviceId,
  ]);
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_schedule (tenant_id, id, service_id, weekday, opens_at, closes_at, notes)
     SELECT $1, t.id, $2, t.d, t.o, t.c, t.n
       FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[]) AS t(id, d, o, c, n)`,
    [
      tenantId,
      serviceId,
      rows.map((r) => r.id),
      rows.map((r) => r.weekday),
      rows.map((r) => r.opens),
      rows.map((r) => r.closes),
      rows.map((r) => r.notes),
    ],
  );
}

/** Replaces the cost options of a service (HSDS cost_option). */
export async function replaceCostOptions(
  sql: Sql,
  tenantId: string,
  serviceId: string,
  rows: {
    id: string;
    option: string | null;
    amount: number | null;
    currency: string;
    amountDescription: string | null;
    validFrom: string | null;
    validTo: string | null;
  }[],
): Promise<void> {
  await sql.query('DELETE FROM directory_cost_option WHERE tenant_id = $1 AND service_id = $2', [
    tenantId,
    serviceId,
  ]);
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_cost_option (tenant_id, id, service_id, option, amount, currency,
            amount_description, valid_from, valid_to)
     SELECT $1, t.id, $2, t.o, t.a, t.c, t.d, t.f, t.u
       FROM unnest($3::text[], $4::text[], $5::numeric[], $6::text[], $7::text[], $8::date[], $9::date[])
         AS t(id, o, a, c, d, f, u)`,
    [
      tenantId,
      serviceId,
      rows.map((r) => r.id),
      rows.map((r) => r.option),
      rows.map((r) => r.amount),
      rows.map((r) => r.currency),
      rows.map((r) => r.amountDescription),
      rows.map((r) => r.validFrom),
      rows.map((r) => r.validTo),
    ],
  );
}
