// SQL of the conferences module (migrations 0025, 0026): bodies, members, meetings, attendance,
// agenda items, minutes, decisions and calendar feed tokens. Every query is scoped by the tenant.
import type { Sql } from '../../db/db.ts';

export interface BodyRow {
  id: number;
  kind: string;
  name: string;
  description: string;
  organiser_department_id: string | null;
  area_ids: number[];
  area_names: string[];
  created_at: Date;
  modified_at: Date;
}

const BODY_COLUMNS = `b.id, b.kind, b.name, b.description, b.organiser_department_id, b.created_at, b.modified_at,
  coalesce((SELECT array_agg(ba.area_id ORDER BY a.name) FROM conference_body_area ba
     JOIN area a ON a.tenant_id = ba.tenant_id AND a.id = ba.area_id
    WHERE ba.tenant_id = b.tenant_id AND ba.body_id = b.id), '{}') AS area_ids,
  coalesce((SELECT array_agg(a.name ORDER BY a.name) FROM conference_body_area ba
     JOIN area a ON a.tenant_id = ba.tenant_id AND a.id = ba.area_id
    WHERE ba.tenant_id = b.tenant_id AND ba.body_id = b.id), '{}') AS area_names`;

/** All bodies of the tenant (modified since, when given), by name. */
export async function selectBodies(
  sql: Sql,
  tenantId: string,
  modifiedSince?: string | null,
): Promise<BodyRow[]> {
  return sql.query<BodyRow>(
    `SELECT ${BODY_COLUMNS} FROM conference_body b
      WHERE b.tenant_id = $1 AND ($2::timestamptz IS NULL OR b.modified_at >= $2)
      ORDER BY b.name, b.id`,
    [tenantId, modifiedSince ?? null],
  );
}

/** One body, or undefined. */
export async function selectBody(sql: Sql, tenantId: string, id: number) {
  const [row] = await sql.query<BodyRow>(
    `SELECT ${BODY_COLUMNS} FROM conference_body b WHERE b.tenant_id = $1 AND b.id = $2`,
    [tenantId, id],
  );
  return row;
}

export interface BodyValues {
  kind: string;
  name: string;
  description: string;
  organiserDepartmentId: string | null;
}

/** Inserts a body; returns its id. */
export async function insertBody(sql: Sql, tenantId: string, v: BodyValues): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO conference_body (tenant_id, kind, name, description, organiser_department_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [tenantId, v.kind, v.name, v.description, v.organiserDepartmentId],
  );
  return row!.id;
}

/** Overwrites a body's fields. */
export async function updateBody(sql: Sql, tenantId: string, id: number, v: BodyValues) {
  await sql.query(
    `UPDATE conference_body SET kind = $3, name = $4, description = $5, organiser_department_id = $6,
            modified_at = now() WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, v.kind, v.name, v.description, v.organiserDepartmentId],
  );
}

/** Replaces the areas of a body. */
export async function replaceBodyAreas(sql: Sql, tenantId: string, id: number, areaIds: number[]) {
  await sql.query(`DELETE FROM conference_body_area WHERE tenant_id = $1 AND body_id = $2`, [
    tenantId,
    id,
  ]);
  for (const areaId of areaIds)
    await sql.query(
      `INSERT INTO conference_body_area (tenant_id, body_id, area_id) VALUES ($1, $2, $3)`,
      [tenantId, id, areaId],
    );
}

/** The ids among these that are areas of the tenant. */
export async function selectExistingAreaIds(sql: Sql, tenantId: string, ids: number[]) {
  const rows = await sql.query<{ id: number }>(
    `SELECT id FROM area WHERE tenant_id = $1 AND id = ANY($2::int[])`,
    [tenantId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** The body's areas and every area below them (an alert or report in a Planungsraum counts). */
export async function selectAreasWithin(sql: Sql, tenantId: string, areaIds: number[]) {
  const rows = await sql.query<{ id: number }>(
    `WITH RECURSIVE below(id) AS (
       SELECT id FROM area WHERE tenant_id = $1 AND id = ANY($2::int[])
       UNION SELECT a.id FROM area a JOIN below ON a.parent_id = below.id WHERE a.tenant_id = $1)
     SELECT id FROM below`,
    [tenantId, areaIds],
  );
  return rows.map((r) => r.id);
}

/** True when the department exists in the tenant. */
export async function departmentExists(sql: Sql, tenantId: string, id: string) {
  const rows = await sql.query(`SELECT 1 FROM department WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
  return rows.length === 1;
}

export interface MemberRow {
  id: number;
  body_id: number;
  user_id: number | null;
  organisation_id: string | null;
  name: string;
  email: string | null;
  role: string;
  valid_from: Date | string;
  valid_to: Date | string | null;
  modified_at: Date;
  /** The person consented to her name being published (migration 0034). */
  name_public: boolean;
  /** Her account belongs to an administration department: staff acting in office. */
  in_office: boolean;
  /** A member organisation listed publicly in the directory (false for persons). */
  organisation_public: boolean;
  organisation_website: string | null;
}

const MEMBER_SELECT = `SELECT m.id, m.body_id, m.user_id, m.organisation_id, m.role, m.valid_from, m.valid_to,
    m.modified_at, coalesce(u.display_name, o.name, '') AS name, coalesce(u.email, o.email) AS email,
    m.name_public, coalesce(d.kind = 'department', false) AS in_office,
    coalesce(o.public, false) AS organisation_public, o.website AS organisation_website
  FROM conference_member m
  LEFT JOIN app_user u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
  LEFT JOIN department d ON d.tenant_id = u.tenant_id AND d.id = u.department_id
  LEFT JOIN directory_organization o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id`;

/** Members of a body (all bodies when bodyId is null), by role and name. */
export async function selectMembers(
  sql: Sql,
  tenantId: string,
  bodyId: number | null,
  modifiedSince?: string | null,
) {
  return sql.query<MemberRow>(
    `${MEMBER_SELECT} WHERE m.tenant_id = $1 AND ($2::int IS NULL OR m.body_id = $2)
       AND ($3::timestamptz IS NULL OR m.modified_at >= $3)
     ORDER BY m.body_id, m.role, name, m.id`,
    [tenantId, bodyId, modifiedSince ?? null],
  );
}

/** True when the person is a member of the body today (within her period). */
export async function isCurrentMember(sql: Sql, tenantId: string, bodyId: number, userId: number) {
  const rows = await sql.query(
    `SELECT 1 FROM conference_member WHERE tenant_id = $1 AND body_id = $2 AND user_id = $3
        AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)`,
    [tenantId, bodyId, userId],
  );
  return rows.length > 0;
}

/** Ids of the bodies the person belongs to today. */
export async function selectBodiesOfUser(sql: Sql, tenantId: string, userId: number) {
  const rows = await sql.query<{ body_id: number }>(
    `SELECT DISTINCT body_id FROM conference_member WHERE tenant_id = $1 AND user_id = $2
        AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)`,
    [tenantId, userId],
  );
  return rows.map((r) => r.body_id);
}

/** Inserts a member; returns the id. */
export async function insertMember(
  sql: Sql,
  tenantId: string,
  bodyId: number,
  m: {
    userId: number | null;
    organisationId: string | null;
    role: string;
    validFrom: string;
    validTo: string | null;
    namePublic: boolean;
  },
) {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO conference_member (tenant_id, body_id, user_id, organisation_id, role, valid_from, valid_to, name_public)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [tenantId, bodyId, m.userId, m.organisationId, m.role, m.validFrom, m.validTo, m.namePublic],
  );
  return row!.id;
}

/** Deletes a member of a body; false when there was none. */
export async function deleteMember(sql: Sql, tenantId: string, bodyId: number, id: number) {
  const rows = await sql.query(
    `DELETE FROM conference_member WHERE tenant_id = $1 AND body_id = $2 AND id = $3 RETURNING id`,
    [tenantId, bodyId, id],
  );
  return rows.length === 1;
}

/** Records whether a member consented to her name being published; false when there is none. */
export async function updateMemberConsent(
  sql: Sql,
  tenantId: string,
  bodyId: number,
  id: number,
  namePublic: boolean,
) {
  const rows = await sql.query(
    `UPDATE conference_member SET name_public = $4, modified_at = now()
      WHERE tenant_id = $1 AND body_id = $2 AND id = $3 RETURNING id`,
    [tenantId, bodyId, id, namePublic],
  );
  return rows.length === 1;
}

/** True when the user is an active account of the tenant. */
export async function userExists(sql: Sql, tenantId: string, id: number) {
  const rows = await sql.query(`SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
  return rows.length === 1;
}

/** Active people and directory organisations whose name contains the text (at most 10 each). */
export async function selectMemberCandidates(sql: Sql, tenantId: string, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const people = await sql.query<{ id: number; name: string; department: string | null }>(
    `SELECT u.id, u.display_name AS name, d.name AS department
       FROM app_user u
       LEFT JOIN department d ON d.tenant_id = u.tenant_id AND d.id = u.department_id
      WHERE u.tenant_id = $1 AND u.active AND u.display_name ILIKE $2
      ORDER BY u.display_name, u.id LIMIT 10`,
    [tenantId, pattern],
  );
  const organisations = await sql.query<{ id: string; name: string; kind: string }>(
    `SELECT id, name, kind FROM directory_organization
      WHERE tenant_id = $1 AND name ILIKE $2 ORDER BY name, id LIMIT 10`,
    [tenantId, pattern],
  );
  return { people, organisations };
}

/** True when the organisation is in the tenant's directory. */
export async function organisationExists(sql: Sql, tenantId: string, id: string) {
  const rows = await sql.query(
    `SELECT 1 FROM directory_organization WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return rows.length === 1;
}

/** Name, AGS and creation time of the tenant (the OParl Body). */
export async function selectTenantInfo(sql: Sql, tenantId: string) {
  const [row] = await sql.query<{ name: string; ags: string; created_at: Date }>(
    `SELECT name, ags, created_at FROM tenant WHERE id = $1`,
    [tenantId],
  );
  return row;
}
