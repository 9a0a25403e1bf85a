// SQL of departments and roles (service-roles.ts). The built-in roles and the permission catalogue
// are brought up to date in store.ts (syncAccessData).
import type { Sql } from '../../db/db.ts';

export interface DepartmentRow {
  id: string;
  name: string;
  kind: 'department' | 'organisation';
  org_type: string | null;
}

/** The tenant's departments and organisations, by kind and name. */
export function selectDepartments(db: Sql, tenantId: string): Promise<DepartmentRow[]> {
  return db.query<DepartmentRow>(
    'SELECT id, name, kind, org_type FROM department WHERE tenant_id = $1 ORDER BY kind, name',
    [tenantId],
  );
}

/** One department as recorded in the audit log, or undefined for an unknown id. */
export async function selectDepartment(
  tx: Sql,
  tenantId: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const [row] = await tx.query<Record<string, unknown>>(
    'SELECT id, name, kind, org_type FROM department WHERE tenant_id = $1 AND id = $2',
    [tenantId, id],
  );
  return row;
}

/** Creates or replaces a department. */
export async function upsertDepartment(
  tx: Sql,
  tenantId: string,
  d: { id: string; name: string; kind: 'department' | 'organisation'; orgType: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO department (tenant_id, id, name, kind, org_type) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, kind = excluded.kind, org_type = excluded.org_type`,
    [tenantId, d.id, d.name, d.kind, d.orgType],
  );
}

export interface RoleRow {
  id: string;
  name_de: string;
  description_de: string;
  builtin: boolean;
  permissions: string[];
}

/** The tenant's roles with their permissions, built-in ones first. */
export function selectRoles(db: Sql, tenantId: string): Promise<RoleRow[]> {
  return db.query<RoleRow>(
    `SELECT r.id, r.name_de, r.description_de, r.builtin,
            coalesce(array_agg(p.permission_id ORDER BY p.permission_id) FILTER (WHERE p.permission_id IS NOT NULL), '{}') AS permissions
       FROM role r LEFT JOIN role_permission p ON p.tenant_id = r.tenant_id AND p.role_id = r.id
      WHERE r.tenant_id = $1
      GROUP BY r.id, r.name_de, r.description_de, r.builtin
      ORDER BY r.builtin DESC, r.id`,
    [tenantId],
  );
}

/** Creates or renames a tenant's own role (never a built-in one: builtin stays false). */
export async function upsertOwnRole(
  tx: Sql,
  tenantId: string,
  r: { id: string; nameDe: string; descriptionDe: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO role (tenant_id, id, name_de, description_de, builtin) VALUES ($1, $2, $3, $4, false)
     ON CONFLICT (tenant_id, id) DO UPDATE SET name_de = excluded.name_de, description_de = excluded.description_de`,
    [tenantId, r.id, r.nameDe, r.descriptionDe],
  );
}

/** Replaces the permissions of a role. */
export async function replaceRolePermissions(
  tx: Sql,
  tenantId: string,
  roleId: string,
  permissions: string[],
): Promise<void> {
  await tx.query('DELETE FROM role_permission WHERE tenant_id = $1 AND role_id = $2', [
    tenantId,
    roleId,
  ]);
  await tx.query(
    `INSERT INTO role_permission (tenant_id, role_id, permission_id) SELECT $1, $2, p FROM unnest($3::text[]) AS p`,
    [tenantId, roleId, permissions],
  );
}
