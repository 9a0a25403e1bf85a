// Read queries of the service directory (the Angebote screen and the HSDS API). Every query is
// scoped to one tenant ($1); `internal` = false limits the answer to public entries.
import type { Sql } from '../../db/db.ts';
import type {
  CapacityRow,
  LocationRow,
  OrganisationRow,
  SalRow,
  ScheduleRow,
  ServiceRow,
} from './store.ts';

export interface ServiceFilter {
  q?: string | undefined;
  type?: string | undefined;
  dimension?: string | undefined;
  areaId?: number | undefined;
  organisationId?: string | undefined;
  internal: boolean;
}

// The WHERE clause of a service search; parameters from $2 on (name, type, dimension, area, org).
const SERVICE_WHERE = `
  s.tenant_id = $1
  AND ($7::boolean OR (s.public AND o.public))
  AND ($2::text IS NULL OR s.name ILIKE '%' || $2 || '%' OR o.name ILIKE '%' || $2 || '%')
  AND ($3::text IS NULL OR s.service_type = $3)
  AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM directory_taxonomy_term t
        WHERE t.tenant_id = s.tenant_id AND t.code = s.service_type AND $4 = ANY (t.dimensions)))
  AND ($5::int IS NULL OR EXISTS (SELECT 1 FROM directory_service_at_location sl
        JOIN directory_location_area la ON la.tenant_id = sl.tenant_id AND la.location_id = sl.location_id
        WHERE sl.tenant_id = s.tenant_id AND sl.service_id = s.id AND la.area_id = $5))
  AND ($6::text IS NULL OR s.organization_id = $6)`;

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterParams(tenantId: string, f: ServiceFilter): unknown[] {
  return [
    tenantId,
    f.q ? escapeLike(f.q) : null,
    f.type ?? null,
    f.dimension ?? null,
    f.areaId ?? null,
    f.organisationId ?? null,
    f.internal,
  ];
}

export interface ServiceSummaryRow {
  id: string;
  name: string;
  service_type: string;
  type_name: string;
  org_id: string;
  org_name: string;
  org_kind: string;
  org_spitzenverband: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  lon: number | null;
  lat: number | null;
  cap_kind: 'places' | 'beds' | null;
  cap_value: number | null;
  cap_date: string | null;
}

/** One page of services matching the filter, ordered by name, with the total. */
export async function searchServices(
  sql: Sql,
  tenantId: string,
  f: ServiceFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: ServiceSummaryRow[] }> {
  const params = filterParams(tenantId, f);
  const [count] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM directory_service s
       JOIN directory_organization o ON o.tenant_id = s.tenant_id AND o.id = s.organization_id
      WHERE ${SERVICE_WHERE}`,
    params,
  );
  const rows = await sql.query<ServiceSummaryRow>(
    `SELECT s.id, s.name, s.service_type, coalesce(tt.name, s.service_type) AS type_name,
            o.id AS org_id, o.name AS org_name, o.kind AS org_kind, o.spitzenverband AS org_spitzenverband,
            l.street, l.postcode, l.city, l.lon, l.lat,
            c.kind AS cap_kind, c.value AS cap_value, to_char(c.ref_date, 'YYYY-MM-DD') AS cap_date
       FROM directory_service s
       JOIN directory_organization o ON o.tenant_id = s.tenant_id AND o.id = s.organization_id
       LEFT JOIN directory_taxonomy_term tt ON tt.tenant_id = s.tenant_id AND tt.code = s.service_type
       LEFT JOIN LATERAL (SELECT dl.* FROM directory_service_at_location sl
              JOIN directory_location dl ON dl.tenant_id = sl.tenant_id AND dl.id = sl.location_id
             WHERE sl.tenant_id = s.tenant_id AND sl.service_id = s.id ORDER BY dl.name, dl.id LIMIT 1) l ON true
       LEFT JOIN LATERAL (SELECT * FROM directory_capacity dc
             WHERE dc.tenant_id = s.tenant_id AND dc.service_id = s.id ORDER BY dc.ref_date DESC LIMIT 1) c ON true
      WHERE ${SERVICE_WHERE}
      ORDER BY lower(regexp_replace(s.name, '^[^[:alnum:]]+', '')), s.name, s.id
      LIMIT $8 OFFSET $9`,
    [...params, page.limit, page.offset],
  );
  return { total: count!.n, rows };
}

/** Services by id (all fields), public ones only unless internal. */
export function selectServicesByIds(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
): Promise<(ServiceRow & { source_id: string | null })[]> {
  return sql.query(
    `SELECT id, organization_id, service_type, name, description, status, url, email, phone,
            eligibility_description, minimum_age, maximum_age, fees_description, languages,
            external_ref, public, source_id, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
       FROM directory_service WHERE tenant_id = $1 AND id = ANY ($2::text[]) ORDER BY name, id`,
    [tenantId, ids],
  );
}

/** Organisations by id. */
export function selectOrganisationsByIds(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
): Promise<OrganisationRow[]> {
  return sql.query(
    `SELECT id, name, kind, spitzenverband, dedup_key, description, website, email, phone,
            department_id, public, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
       FROM directory_organization WHERE tenant_id = $1 AND id = ANY ($2::text[]) ORDER BY name, id`,
    [tenantId, ids],
  );
}

/** Service-at-location links of some services, or by their own ids. */
export function selectSals(
  sql: Sql,
  tenantId: string,
  by: { serviceIds?: readonly string[]; ids?: readonly string[] },
): Promise<SalRow[]> {
  return sql.query(
    `SELECT id, service_id, location_id FROM directory_service_at_location
      WHERE tenant_id = $1 AND (($2::text[] IS NOT NULL AND service_id = ANY ($2::text[]))
                             OR ($3::text[] IS NOT NULL AND id = ANY ($3::text[])))
      ORDER BY service_id, id`,
    [tenantId, by.serviceIds ?? null, by.ids ?? null],
  );
}

/** Locations by id. */
export function selectLocationsByIds(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
): Promise<LocationRow[]> {
  return sql.query(
    `SELECT id, organization_id, name, street, postcode, city, lon, lat, accessibility
       FROM directory_location WHERE tenant_id = $1 AND id = ANY ($2::text[]) ORDER BY name, id`,
    [tenantId, ids],
  );
}

/** Opening hours of some service-at-location links, by day and time. */
export function selectSchedules(
  sql: Sql,
  tenantId: string,
  salIds: readonly string[],
): Promise<ScheduleRow[]> {
  return sql.query(
    `SELECT id, service_at_location_id, weekday, opens_at, closes_at, notes FROM directory_schedule
      WHERE tenant_id = $1 AND service_at_location_id = ANY ($2::text[])
      ORDER BY service_at_location_id, weekday, opens_at`,
    [tenantId, salIds],
  );
}

/** Capacities of some services, newest first. */
export function selectCapacities(
  sql: Sql,
  tenantId: string,
  serviceIds: readonly string[],
): Promise<CapacityRow[]> {
  return sql.query(
    `SELECT service_id, kind, to_char(ref_date, 'YYYY-MM-DD') AS ref_date, value FROM directory_capacity
      WHERE tenant_id = $1 AND service_id = ANY ($2::text[]) ORDER BY service_id, ref_date DESC, kind`,
    [tenantId, serviceIds],
  );
}

/** The areas (every level) the locations of a service lie in. */
export function selectServiceAreas(
  sql: Sql,
  tenantId: string,
  serviceId: string,
): Promise<{ id: number; code: string; name: string; level: string }[]> {
  return sql.query(
    `SELECT DISTINCT a.id, a.code, a.name, lv.name_de AS level, lv.depth
       FROM directory_service_at_location sl
       JOIN directory_location_area la ON la.tenant_id = sl.tenant_id AND la.location_id = sl.location_id
       JOIN area a ON a.tenant_id = la.tenant_id AND a.id = la.area_id
       JOIN area_level lv ON lv.tenant_id = a.tenant_id AND lv.system_id = a.system_id AND lv.id = a.level_id
      WHERE sl.tenant_id = $1 AND sl.service_id = $2
      ORDER BY lv.depth, a.code`,
    [tenantId, serviceId],
  );
}

/** Ids of one page of entities of a kind (public ones unless internal) and their total. */
export async function pageIds(
  sql: Sql,
  tenantId: string,
  kind: 'organization' | 'service' | 'service_at_location',
  f: {
    search?: string | undefined;
    organizationId?: string | undefined;
    termCode?: string | undefined;
    internal: boolean;
  },
  page: { limit: number; offset: number },
): Promise<{ total: number; ids: string[] }> {
  const base = {
    organization: `SELECT o.id, o.name AS sort FROM directory_organization o
       WHERE o.tenant_id = $1 AND ($2::boolean OR o.public)
         AND ($3::text IS NULL OR o.name ILIKE '%' || $3 || '%')
         AND ($4::text IS NULL OR o.id = $4) AND $5::text IS NULL`,
    service: `SELECT s.id, s.name AS sort FROM directory_service s
       JOIN directory_organization o ON o.tenant_id = s.tenant_id AND o.id = s.organization_id
       WHERE s.tenant_id = $1 AND ($2::boolean OR (s.public AND o.public))
         AND ($3::text IS NULL OR s.name ILIKE '%' || $3 || '%')
         AND ($4::text IS NULL OR s.organization_id = $4) AND ($5::text IS NULL OR s.service_type = $5)`,
    service_at_location: `SELECT sl.id, s.name || sl.id AS sort FROM directory_service_at_location sl
       JOIN directory_service s ON s.tenant_id = sl.tenant_id AND s.id = sl.service_id
       JOIN directory_organization o ON o.tenant_id = s.tenant_id AND o.id = s.organization_id
       WHERE sl.tenant_id = $1 AND ($2::boolean OR (s.public AND o.public))
         AND ($3::text IS NULL OR s.name ILIKE '%' || $3 || '%')
         AND ($4::text IS NULL OR s.organization_id = $4) AND ($5::text IS NULL OR s.service_type = $5)`,
  }[kind];
  const params = [
    tenantId,
    f.internal,
    f.search ? escapeLike(f.search) : null,
    f.organizationId ?? null,
    f.termCode ?? null,
  ];
  const [count] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${base}) x`,
    params,
  );
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM (${base}) x ORDER BY sort, id LIMIT $6 OFFSET $7`,
    [...params, page.limit, page.offset],
  );
  return { total: count!.n, ids: rows.map((r) => r.id) };
}

/** Services of some organisations (ids). */
export async function selectServiceIdsOfOrganisations(
  sql: Sql,
  tenantId: string,
  orgIds: readonly string[],
  internal: boolean,
): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM directory_service WHERE tenant_id = $1 AND organization_id = ANY ($2::text[])
        AND ($3::boolean OR public) ORDER BY name, id`,
    [tenantId, orgIds, internal],
  );
  return rows.map((r) => r.id);
}

/** Service-level extras for the HSDS export: own opening hours, named contacts, cost options. */
export async function selectServiceExtras(
  sql: Sql,
  tenantId: string,
  serviceIds: readonly string[],
) {
  const [schedules, contacts, costs] = await Promise.all([
    sql.query<ScheduleRow & { service_id: string }>(
      `SELECT id, service_at_location_id, service_id, weekday, opens_at, closes_at, notes
         FROM directory_schedule WHERE tenant_id = $1 AND service_id = ANY ($2::text[])
        ORDER BY service_id, weekday, opens_at, id`,
      [tenantId, serviceIds],
    ),
    sql.query<{
      id: string;
      service_id: string;
      name: string | null;
      title: string | null;
      email: string | null;
      phone: string | null;
    }>(
      `SELECT id, service_id, name, title, email, phone FROM directory_contact
        WHERE tenant_id = $1 AND service_id = ANY ($2::text[]) ORDER BY service_id, id`,
      [tenantId, serviceIds],
    ),
    sql.query<{
      id: string;
      service_id: string;
      option: string | null;
      amount: string | null;
      currency: string | null;
      amount_description: string | null;
      valid_from: string | null;
      valid_to: string | null;
    }>(
      `SELECT id, service_id, option, amount::text AS amount, currency, amount_description,
              to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
         FROM directory_cost_option WHERE tenant_id = $1 AND service_id = ANY ($2::text[])
        ORDER BY service_id, id`,
      [tenantId, serviceIds],
    ),
  ]);
  return { schedules, contacts, costs };
}
