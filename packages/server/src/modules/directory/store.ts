// SQL of the service directory. Every query is scoped to one tenant ($1). Bulk writes go through
// unnest() of column arrays (one statement per table, the same on PGlite and PostgreSQL).
import type { Sql } from '../../db/db.ts';

export interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  spitzenverband: string | null;
  dedup_key: string;
  description: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  department_id: string | null;
  public: boolean;
  updated_at: string;
}

export interface ServiceRow {
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
  external_ref: string | null;
  public: boolean;
  updated_at: string;
}

export interface LocationRow {
  id: string;
  organization_id: string;
  name: string;
  street: string | null;
  postcode: string | null;
  city: string;
  lon: number | null;
  lat: number | null;
  accessibility: string | null;
}

export interface SalRow {
  id: string;
  service_id: string;
  location_id: string;
}

export interface ScheduleRow {
  id: string;
  service_at_location_id: string;
  weekday: number;
  opens_at: string;
  closes_at: string;
  notes: string | null;
}

export interface CapacityRow {
  service_id: string;
  kind: 'places' | 'beds';
  ref_date: string;
  value: number;
}

export interface TermRow {
  id: string;
  taxonomy_id: string;
  code: string;
  name: string;
  description: string;
  dimensions: string[];
  legal_basis: string[];
  target_min_age: number | null;
  target_max_age: number | null;
  builtin: boolean;
}

/** Inserts or refreshes the taxonomy record. */
export async function upsertTaxonomy(
  sql: Sql,
  tenantId: string,
  t: { id: string; name: string; description: string; version: string },
): Promise<void> {
  await sql.query(
    `INSERT INTO directory_taxonomy (tenant_id, id, name, description, version)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name,
       description = EXCLUDED.description, version = EXCLUDED.version`,
    [tenantId, t.id, t.name, t.description, t.version],
  );
}

/** Inserts or refreshes built-in terms (by code); a tenant's own terms are left alone. */
export async function upsertTerms(sql: Sql, tenantId: string, terms: TermRow[]): Promise<void> {
  for (const t of terms) {
    await sql.query(
      `INSERT INTO directory_taxonomy_term (tenant_id, id, taxonomy_id, code, name, description,
              dimensions, legal_basis, target_min_age, target_max_age, builtin)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9, $10, $11)
       ON CONFLICT (tenant_id, code) DO UPDATE SET name = EXCLUDED.name,
         description = EXCLUDED.description, dimensions = EXCLUDED.dimensions,
         legal_basis = EXCLUDED.legal_basis, target_min_age = EXCLUDED.target_min_age,
         target_max_age = EXCLUDED.target_max_age
       WHERE directory_taxonomy_term.builtin`,
      [
        tenantId,
        t.id,
        t.taxonomy_id,
        t.code,
        t.name,
        t.description,
        t.dimensions,
        t.legal_basis,
        t.target_min_age,
        t.target_max_age,
        t.builtin,
      ],
    );
  }
}

/** The tenant's taxonomy terms with the number of services of each. */
export function selectTerms(
  sql: Sql,
  tenantId: string,
): Promise<(TermRow & { services: number })[]> {
  return sql.query(
    `SELECT t.id, t.taxonomy_id, t.code, t.name, t.description, t.dimensions, t.legal_basis,
            t.target_min_age, t.target_max_age, t.builtin,
            (SELECT count(*)::int FROM directory_service s
              WHERE s.tenant_id = t.tenant_id AND s.service_type = t.code) AS services
       FROM directory_taxonomy_term t
      WHERE t.tenant_id = $1
      ORDER BY t.builtin DESC, t.name`,
    [tenantId],
  );
}

/** Inserts a tenant's own term (builtin false). */
export async function insertOwnTerm(
  sql: Sql,
  tenantId: string,
  t: Pick<
    TermRow,
    'id' | 'taxonomy_id' | 'code' | 'name' | 'description' | 'dimensions' | 'legal_basis'
  >,
): Promise<void> {
  await sql.query(
    `INSERT INTO directory_taxonomy_term (tenant_id, id, taxonomy_id, code, name, description,
            dimensions, legal_basis, builtin)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], false)`,
    [tenantId, t.id, t.taxonomy_id, t.code, t.name, t.description, t.dimensions, t.legal_basis],
  );
}

/** Changes a tenant's own term (never a built-in one). */
export async function updateOwnTerm(
  sql: Sql,
  tenantId: string,
  code: string,
  t: Pick<TermRow, 'name' | 'description' | 'dimensions' | 'legal_basis'>,
): Promise<void> {
  await sql.query(
    `UPDATE directory_taxonomy_term SET name = $3, description = $4, dimensions = $5::text[],
            legal_basis = $6::text[]
      WHERE tenant_id = $1 AND code = $2 AND NOT builtin`,
    [tenantId, code, t.name, t.description, t.dimensions, t.legal_basis],
  );
}

/** The tenant's taxonomies. */
export function selectTaxonomies(
  sql: Sql,
  tenantId: string,
): Promise<
  { id: string; name: string; description: string; uri: string | null; version: string | null }[]
> {
  return sql.query(
    `SELECT id, name, description, uri, version FROM directory_taxonomy WHERE tenant_id = $1 ORDER BY name`,
    [tenantId],
  );
}

/** Inserts organisations (new keys only); returns nothing — ids are deterministic. */
export async function insertOrganisations(
  sql: Sql,
  tenantId: string,
  rows: Omit<OrganisationRow, 'updated_at' | 'department_id' | 'public'>[],
  sourceId: string | null,
): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql.query(
    `INSERT INTO directory_organization (tenant_id, id, name, kind, spitzenverband, dedup_key,
            description, website, email, phone, source_id)
     SELECT $1, t.* , $11 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::text[]) AS t
     ON CONFLICT (tenant_id, dedup_key) DO NOTHING`,
    [
      tenantId,
      col('id'),
      col('name'),
      col('kind'),
      col('spitzenverband'),
      col('dedup_key'),
      col('description'),
      col('website'),
      col('email'),
      col('phone'),
      sourceId,
    ],
  );
}

/** Inserts services (with their locations, links and capacities written by the callers below). */
export async function insertServices(
  sql: Sql,
  tenantId: string,
  rows: Omit<ServiceRow, 'updated_at' | 'public' | 'status' | 'languages'>[],
  sourceId: string | null,
): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql.query(
    `INSERT INTO directory_service (tenant_id, id, organization_id, service_type, name, description,
            url, email, phone, eligibility_description, minimum_age, maximum_age, fees_description,
            external_ref, source_id)
     SELECT $1, t.*, $15 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::int[], $13::text[],
            $14::text[]) AS t`,
    [
      tenantId,
      col('id'),
      col('organization_id'),
      col('service_type'),
      col('name'),
      col('description'),
      col('url'),
      col('email'),
      col('phone'),
      col('eligibility_description'),
      col('minimum_age'),
      col('maximum_age'),
      col('fees_description'),
      col('external_ref'),
      sourceId,
    ],
  );
}

/** Inserts locations. */
export async function insertLocations(
  sql: Sql,
  tenantId: string,
  rows: LocationRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof LocationRow>(k: K) => rows.map((r) => r[k]);
  await sql.query(
    `INSERT INTO directory_location (tenant_id, id, organization_id, name, street, postcode, city,
            lon, lat, accessibility)
     SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::float8[], $9::float8[], $10::text[]) AS t`,
    [
      tenantId,
      col('id'),
      col('organization_id'),
      col('name'),
      col('street'),
      col('postcode'),
      col('city'),
      col('lon'),
      col('lat'),
      col('accessibility'),
    ],
  );
}

/** Links services to locations. */
export async function insertServiceAtLocations(
  sql: Sql,
  tenantId: string,
  rows: SalRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_service_at_location (tenant_id, id, service_id, location_id)
     SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[]) AS t`,
    [
      tenantId,
      rows.map((r) => r.id),
      rows.map((r) => r.service_id),
      rows.map((r) => r.location_id),
    ],
  );
}

/** Inserts capacities (places, beds) with their dates. */
export async function insertCapacities(
  sql: Sql,
  tenantId: string,
  rows: CapacityRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_capacity (tenant_id, service_id, kind, ref_date, value)
     SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::date[], $5::int[]) AS t`,
    [
      tenantId,
      rows.map((r) => r.service_id),
      rows.map((r) => r.kind),
      rows.map((r) => r.ref_date),
      rows.map((r) => r.value),
    ],
  );
}

/** Removes every location's areas (before they are stored anew: insertLocationAreas). */
export async function deleteLocationAreas(sql: Sql, tenantId: string): Promise<void> {
  await sql.query('DELETE FROM directory_location_area WHERE tenant_id = $1', [tenantId]);
}

/** Stores the area of locations on every level (after deleteLocationAreas; in parts, ADR 0062). */
export async function insertLocationAreas(
  sql: Sql,
  tenantId: string,
  rows: { locationId: string; areaId: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO directory_location_area (tenant_id, location_id, area_id)
     SELECT $1, t.l, t.a FROM unnest($2::text[], $3::int[]) AS t(l, a)`,
    [tenantId, rows.map((r) => r.locationId), rows.map((r) => r.areaId)],
  );
}

/** Number of organisations and services of the tenant (for the demo's log). */
export async function countDirectory(
  sql: Sql,
  tenantId: string,
): Promise<{ organisations: number; services: number; locations: number }> {
  const [r] = await sql.query<{ organisations: number; services: number; locations: number }>(
    `SELECT (SELECT count(*)::int FROM directory_organization WHERE tenant_id = $1) AS organisations,
            (SELECT count(*)::int FROM directory_service WHERE tenant_id = $1) AS services,
            (SELECT count(*)::int FROM directory_location WHERE tenant_id = $1) AS locations`,
    [tenantId],
  );
  return r!;
}

/** Replaces the opening hours of one service-at-location link and marks its service as changed. */
export async function replaceSchedules(
  sql: Sql,
  tenantId: string,
  salId: string,
  serviceId: string,
  rows: Omit<ScheduleRow, 'service_at_location_id'>[],
): Promise<void> {
  await sql.query(
    'DELETE FROM directory_schedule WHERE tenant_id = $1 AND service_at_location_id = $2',
    [tenantId, salId],
  );
  if (rows.length > 0) {
    await sql.query(
      `INSERT INTO directory_schedule (tenant_id, id, service_at_location_id, weekday, opens_at, closes_at, notes)
       SELECT $1, t.id, $2, t.d, t.o, t.c, t.n
         FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[]) AS t(id, d, o, c, n)`,
      [
        tenantId,
        salId,
        rows.map((r) => r.id),
        rows.map((r) => r.weekday),
        rows.map((r) => r.opens_at),
        rows.map((r) => r.closes_at),
        rows.map((r) => r.notes),
      ],
    );
  }
  await sql.query(
    'UPDATE directory_service SET updated_at = now() WHERE tenant_id = $1 AND id = $2',
    [tenantId, serviceId],
  );
}

/** Records a service's places or beds on a date (replacing a value of the same kind and date). */
export async function upsertCapacity(sql: Sql, tenantId: string, row: CapacityRow): Promise<void> {
  await sql.query(
    `INSERT INTO directory_capacity (tenant_id, service_id, kind, ref_date, value)
     VALUES ($1, $2, $3, $4::date, $5)
     ON CONFLICT (tenant_id, service_id, kind, ref_date) DO UPDATE SET value = EXCLUDED.value`,
    [tenantId, row.service_id, row.kind, row.ref_date, row.value],
  );
  await sql.query(
    'UPDATE directory_service SET updated_at = now() WHERE tenant_id = $1 AND id = $2',
    [tenantId, row.service_id],
  );
}

/** Removes one recorded value of a service's places or beds and marks the service as changed. */
export async function deleteCapacity(
  sql: Sql,
  tenantId: string,
  serviceId: string,
  kind: string,
  refDate: string,
): Promise<void> {
  await sql.query(
    `DELETE FROM directory_capacity WHERE tenant_id = $1 AND service_id = $2 AND kind = $3 AND ref_date = $4::date`,
    [tenantId, serviceId, kind, refDate],
  );
  await sql.query(
    'UPDATE directory_service SET updated_at = now() WHERE tenant_id = $1 AND id = $2',
    [tenantId, serviceId],
  );
}

/** Sets who maintains an organisation and whether it is public; returns the row after the change. */
export async function updateOrganisation(
  sql: Sql,
  tenantId: string,
  id: string,
  patch: { departmentId?: string | null | undefined; public?: boolean | undefined },
): Promise<void> {
  await sql.query(
    `UPDATE directory_organization
        SET department_id = CASE WHEN $3::boolean THEN $4 ELSE department_id END,
            public = coalesce($5, public), updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      id,
      patch.departmentId !== undefined,
      patch.departmentId ?? null,
      patch.public ?? null,
    ],
  );
}

/** Whether the tenant has this department record of kind organisation. */
export async function organisationDepartmentExists(
  sql: Sql,
  tenantId: string,
  departmentId: string,
): Promise<boolean> {
  const rows = await sql.query(
    `SELECT 1 FROM department WHERE tenant_id = $1 AND id = $2 AND kind = 'organisation'`,
    [tenantId, departmentId],
  );
  return rows.length > 0;
}

/** The tenant's directory locations that have a point, for the spatial join. */
export function selectLocatedLocations(
  tx: Sql,
  tenantId: string,
): Promise<{ id: string; lon: number; lat: number }[]> {
  return tx.query(
    `SELECT id, lon, lat FROM directory_location WHERE tenant_id = $1 AND lon IS NOT NULL ORDER BY id`,
    [tenantId],
  );
}
