// SQL of the actor network (migration 0031): cooperation links, work areas, and the reads of
// "who is active here" and the network graph over the directory and conference bodies.
import type { Sql } from '../../db/db.ts';

export interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  department_id: string | null;
  public: boolean;
}

/** Organisations of the tenant among the ids. */
export function selectOrganisations(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
): Promise<OrganisationRow[]> {
  return sql.query<OrganisationRow>(
    `SELECT id, name, kind, department_id, public FROM directory_organization
      WHERE tenant_id = $1 AND id = ANY($2::text[])`,
    [tenantId, [...ids]],
  );
}

export interface LinkRow {
  id: number;
  a_id: string;
  a_name: string;
  a_public: boolean;
  b_id: string;
  b_name: string;
  b_public: boolean;
  kind: string;
  dimensions: string[];
  valid_from: string | null;
  valid_to: string | null;
  note: string;
}

const LINK_SELECT = `SELECT l.id, l.organization_a_id AS a_id, oa.name AS a_name, oa.public AS a_public,
       l.organization_b_id AS b_id, ob.name AS b_name, ob.public AS b_public, l.kind, l.dimensions,
       to_char(l.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(l.valid_to, 'YYYY-MM-DD') AS valid_to, l.note
  FROM network_link l
  JOIN directory_organization oa ON oa.tenant_id = l.tenant_id AND oa.id = l.organization_a_id
  JOIN directory_organization ob ON ob.tenant_id = l.tenant_id AND ob.id = l.organization_b_id`;

/** All links of the tenant, by the names of their organisations. */
export function selectLinks(sql: Sql, tenantId: string): Promise<LinkRow[]> {
  return sql.query<LinkRow>(
    `${LINK_SELECT} WHERE l.tenant_id = $1 ORDER BY oa.name, ob.name, l.id`,
    [tenantId],
  );
}

/** One link, or undefined. */
export async function selectLink(sql: Sql, tenantId: string, id: number) {
  const [row] = await sql.query<LinkRow>(`${LINK_SELECT} WHERE l.tenant_id = $1 AND l.id = $2`, [
    tenantId,
    id,
  ]);
  return row;
}

export interface LinkValues {
  a: string;
  b: string;
  kind: string;
  dimensions: readonly string[];
  validFrom: string | null;
  validTo: string | null;
  note: string;
}

/** Inserts a link (a < b); returns its id, or null when the pair already has a link of that kind. */
export async function insertLink(
  sql: Sql,
  tenantId: string,
  v: LinkValues,
): Promise<number | null> {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO network_link (tenant_id, organization_a_id, organization_b_id, kind, dimensions, valid_from, valid_to, note)
     VALUES ($1, $2, $3, $4, $5::text[], $6::date, $7::date, $8)
     ON CONFLICT (tenant_id, organization_a_id, organization_b_id, kind) DO NOTHING
     RETURNING id`,
    [tenantId, v.a, v.b, v.kind, [...v.dimensions], v.validFrom, v.validTo, v.note],
  );
  return row ? row.id : null;
}

/** Organisations whose name is one of these (case-insensitive), for the demo's example links. */
export function selectOrganisationsByName(
  sql: Sql,
  tenantId: string,
  names: readonly string[],
): Promise<{ id: string; name: string }[]> {
  return sql.query(
    `SELECT id, name FROM directory_organization
      WHERE tenant_id = $1 AND lower(name) = ANY ($2::text[]) ORDER BY name, id`,
    [tenantId, names.map((n) => n.toLowerCase())],
  );
}

/** Deletes a link. */
export async function deleteLink(sql: Sql, tenantId: string, id: number): Promise<void> {
  await sql.query(`DELETE FROM network_link WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
}

export interface AreaRow {
  id: number;
  code: string;
  name: string;
  system_id: string;
  level_id: string;
  geometry: unknown;
}

/** Areas of the tenant among the ids (without geometry). */
export function selectAreas(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<Omit<AreaRow, 'geometry'>[]> {
  return sql.query(
    `SELECT id, code, name, system_id, level_id FROM area WHERE tenant_id = $1 AND id = ANY($2::int[]) ORDER BY code`,
    [tenantId, [...ids]],
  );
}

/** One area with its geometry, or undefined. */
export async function selectArea(sql: Sql, tenantId: string, id: number) {
  const [row] = await sql.query<AreaRow>(
    `SELECT id, code, name, system_id, level_id, geometry FROM area WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return row;
}

/** The work areas of an organisation (ids). */
export async function selectWorkAreaIds(
  sql: Sql,
  tenantId: string,
  organisationId: string,
): Promise<number[]> {
  const rows = await sql.query<{ area_id: number }>(
    `SELECT area_id FROM network_organization_area WHERE tenant_id = $1 AND organization_id = $2 ORDER BY area_id`,
    [tenantId, organisationId],
  );
  return rows.map((r) => r.area_id);
}

/** Replaces the work areas of an organisation (inside the caller's transaction). */
export async function replaceWorkAreas(
  tx: Sql,
  tenantId: string,
  organisationId: string,
  areaIds: readonly number[],
): Promise<void> {
  await tx.query(
    `DELETE FROM network_organization_area WHERE tenant_id = $1 AND organization_id = $2`,
    [tenantId, organisationId],
  );
  if (areaIds.length === 0) return;
  await tx.query(
    `INSERT INTO network_organization_area (tenant_id, organization_id, area_id)
     SELECT $1, $2, x FROM unnest($3::int[]) AS x ON CONFLICT DO NOTHING`,
    [tenantId, organisationId, [...areaIds]],
  );
}

export interface ActorServiceRow {
  organisation_id: string;
  organisation_name: string;
  organisation_kind: string;
  service_id: string;
  service_name: string;
  service_type: string;
  type_name: string;
  location_name: string | null;
  street: string | null;
  lon: number | null;
  lat: number | null;
  in_area: boolean;
  places: number | null;
}

/**
 * Active services located in the area, or (candidates for "near") located inside the bounding box
 * around it; public ones only unless `internal`. One row per service and location.
 */
export function selectActorServices(
  sql: Sql,
  tenantId: string,
  areaId: number,
  opts: {
    internal: boolean;
    serviceType: string | null;
    box: [number, number, number, number] | null;
  },
): Promise<ActorServiceRow[]> {
  const box = opts.box ?? [0, 0, -1, -1];
  return sql.query<ActorServiceRow>(
    `SELECT o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
            s.id AS service_id, s.name AS service_name, s.service_type, t.name AS type_name,
            l.name AS location_name, l.street, l.lon, l.lat, (la.area_id IS NOT NULL) AS in_area,
            (SELECT c.value FROM directory_capacity c WHERE c.tenant_id = s.tenant_id AND c.service_id = s.id
              ORDER BY c.ref_date DESC LIMIT 1) AS places
       FROM directory_service s
       JOIN directory_organization o ON o.tenant_id = s.tenant_id AND o.id = s.organization_id
       JOIN directory_taxonomy_term t ON t.tenant_id = s.tenant_id AND t.code = s.service_type
       JOIN directory_service_at_location sal ON sal.tenant_id = s.tenant_id AND sal.service_id = s.id
       JOIN directory_location l ON l.tenant_id = sal.tenant_id AND l.id = sal.location_id
       LEFT JOIN directory_location_area la ON la.tenant_id = l.tenant_id AND la.location_id = l.id AND la.area_id = $2
      WHERE s.tenant_id = $1 AND s.status = 'active' AND ($3 OR (s.public AND o.public))
        AND ($4::text IS NULL OR s.service_type = $4)
        AND (la.area_id IS NOT NULL
             OR (l.lon BETWEEN $5 AND $7 AND l.lat BETWEEN $6 AND $8))
      ORDER BY o.name, s.name, l.name`,
    [tenantId, areaId, opts.internal, opts.serviceType, ...box],
  );
}

export interface ReasonRow {
  organisation_id: string;
  organisation_name: string;
  organisation_kind: string;
  reason: 'einzugsgebiet' | 'arbeitsgebiet' | 'gremium';
}

/** Organisations active in the area without a located service there: catchment, work area, body. */
export function selectOtherReasons(
  sql: Sql,
  tenantId: string,
  areaId: number,
  internal: boolean,
): Promise<ReasonRow[]> {
  return sql.query<ReasonRow>(
    `SELECT o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, r.reason
       FROM (SELECT s.organization_id AS org, 'einzugsgebiet' AS reason
               FROM directory_service_area sa
               JOIN directory_service s ON s.tenant_id = sa.tenant_id AND s.id = sa.service_id
              WHERE sa.tenant_id = $1 AND sa.area_id = $2 AND s.status = 'active' AND ($3 OR s.public)
             UNION
             SELECT organization_id, 'arbeitsgebiet' FROM network_organization_area
              WHERE tenant_id = $1 AND area_id = $2
             UNION
             SELECT m.organisation_id, 'gremium' FROM conference_member m
               JOIN conference_body_area ba ON ba.tenant_id = m.tenant_id AND ba.body_id = m.body_id
              WHERE m.tenant_id = $1 AND ba.area_id = $2 AND m.organisation_id IS NOT NULL
                AND (m.valid_to IS NULL OR m.valid_to >= current_date)) r
       JOIN directory_organization o ON o.tenant_id = $1 AND o.id = r.org
      WHERE $3 OR o.public
      ORDER BY o.name, r.reason`,
    [tenantId, areaId, internal],
  );
}

/** Conference bodies (networks, Gremien) that cover the area. */
export function selectAreaBodies(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<{ id: number; name: string; kind: string }[]> {
  return sql.query(
    `SELECT b.id, b.name, b.kind FROM conference_body b
       JOIN conference_body_area ba ON ba.tenant_id = b.tenant_id AND ba.body_id = b.id
      WHERE b.tenant_id = $1 AND ba.area_id = $2 ORDER BY b.name`,
    [tenantId, areaId],
  );
}

export interface MembershipRow {
  organisation_id: string;
  organisation_name: string;
  organisation_public: boolean;
  body_id: number;
  body_name: string;
  valid_from: string | null;
  valid_to: string | null;
}

/** Current memberships of organisations in bodies. */
export function selectMemberships(sql: Sql, tenantId: string): Promise<MembershipRow[]> {
  return sql.query<MembershipRow>(
    `SELECT o.id AS organisation_id, o.name AS organisation_name, o.public AS organisation_public,
            b.id AS body_id, b.name AS body_name,
            to_char(m.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(m.valid_to, 'YYYY-MM-DD') AS valid_to
       FROM conference_member m
       JOIN conference_body b ON b.tenant_id = m.tenant_id AND b.id = m.body_id
       JOIN directory_organization o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
      WHERE m.tenant_id = $1 AND (m.valid_to IS NULL OR m.valid_to >= current_date)
      ORDER BY b.name, o.name`,
    [tenantId],
  );
}

/** The Lebenslagen of each organisation's active services (from their taxonomy terms). */
export async function selectOrganisationDimensions(
  sql: Sql,
  tenantId: string,
  organisationIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const rows = await sql.query<{ organization_id: string; dimension: string }>(
    `SELECT DISTINCT s.organization_id, d AS dimension
       FROM directory_service s
       JOIN directory_taxonomy_term t ON t.tenant_id = s.tenant_id AND t.code = s.service_type,
            unnest(t.dimensions) AS d
      WHERE s.tenant_id = $1 AND s.organization_id = ANY($2::text[]) AND s.status = 'active'`,
    [tenantId, [...organisationIds]],
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.organization_id) ?? new Set<string>();
    set.add(r.dimension);
    out.set(r.organization_id, set);
  }
  return out;
}

/** Organisations active in an area by any reason (located service, catchment, work area, body). */
export async function selectOrganisationsInArea(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<Set<string>> {
  const rows = await sql.query<{ org: string }>(
    `SELECT s.organization_id AS org FROM directory_service s
       JOIN directory_service_at_location sal ON sal.tenant_id = s.tenant_id AND sal.service_id = s.id
       JOIN directory_location_area la ON la.tenant_id = sal.tenant_id AND la.location_id = sal.location_id
      WHERE s.tenant_id = $1 AND la.area_id = $2
     UNION
     SELECT s.organization_id FROM directory_service_area sa
       JOIN directory_service s ON s.tenant_id = sa.tenant_id AND s.id = sa.service_id
      WHERE sa.tenant_id = $1 AND sa.area_id = $2
     UNION
     SELECT organization_id FROM network_organization_area WHERE tenant_id = $1 AND area_id = $2
     UNION
     SELECT m.organisation_id FROM conference_member m
       JOIN conference_body_area ba ON ba.tenant_id = m.tenant_id AND ba.body_id = m.body_id
      WHERE m.tenant_id = $1 AND ba.area_id = $2 AND m.organisation_id IS NOT NULL`,
    [tenantId, areaId],
  );
  return new Set(rows.map((r) => r.org));
}
