// Departments and roles (roles are data per tenant; built-in roles follow permissions.ts).
// Every change is written with its audit entry in one transaction.
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { diffRecords, writeAudit, type AuditActor } from '../audit/index.ts';
import type { AccessControl } from './access-control.ts';
import { ALL_PERMISSIONS, BUILTIN_ROLES } from './permissions.ts';
import {
  replaceRolePermissions,
  selectDepartment,
  selectDepartments,
  selectRoles,
  upsertDepartment,
  upsertOwnRole,
} from './store-roles.ts';

export interface Department {
  id: string;
  name: string;
  kind: 'department' | 'organisation';
  orgType: string | null;
}

export async function listDepartments(db: Sql, tenantId: string): Promise<Department[]> {
  const rows = await selectDepartments(db, tenantId);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, orgType: r.org_type }));
}

export async function saveDepartment(
  db: Db,
  tenantId: string,
  dept: Department,
  actor: AuditActor,
  mode: 'create' | 'update',
): Promise<Department> {
  return db.transaction(async (tx) => {
    const before = await selectDepartment(tx, tenantId, dept.id);
    if (mode === 'create' && before) throw conflict(`Die Abteilung „${dept.id}“ gibt es schon.`);
    if (mode === 'update' && !before) throw notFound(`Die Abteilung „${dept.id}“ gibt es nicht.`);
    await upsertDepartment(tx, tenantId, { ...dept, name: dept.name.trim() });
    const after = { id: dept.id, name: dept.name.trim(), kind: dept.kind, org_type: dept.orgType };
    await writeAudit(tx, tenantId, {
      actor,
      action: mode === 'create' ? 'access.department_created' : 'access.department_updated',
      entity: 'department',
      entityId: dept.id,
      detail: diffRecords(before ?? null, after),
    });
    return dept;
  });
}

export interface Role {
  id: string;
  nameDe: string;
  descriptionDe: string;
  builtin: boolean;
  permissions: string[];
}

export async function listRoles(db: Sql, tenantId: string): Promise<Role[]> {
  const rows = await selectRoles(db, tenantId);
  const order = new Map(BUILTIN_ROLES.map((r, i) => [r.id, i]));
  return rows
    .map((r) => ({
      id: r.id,
      nameDe: r.name_de,
      descriptionDe: r.description_de,
      builtin: r.builtin,
      permissions: r.permissions,
    }))
    .sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99) || a.id.localeCompare(b.id));
}

/** Creates or replaces a tenant's own role; built-in roles follow the code and are not edited. */
export async function saveRole(
  db: Db,
  access: AccessControl,
  tenantId: string,
  role: Omit<Role, 'builtin'>,
  actor: AuditActor,
): Promise<Role> {
  const unknown = role.permissions.filter((p) => !(ALL_PERMISSIONS as string[]).includes(p));
  if (unknown.length)
    throw badRequest(`Unbekannte Berechtigung: ${unknown.join(', ')}.`, [
      { in: 'body', field: 'permissions', reason: 'unbekannt' },
    ]);
  const result = await db.transaction(async (tx) => {
    const before = (await listRoles(tx, tenantId)).find((r) => r.id === role.id);
    if (before?.builtin)
      throw forbidden(
        `„${before.nameDe}“ ist eine eingebaute Rolle und folgt den Vorgaben der Software; legen Sie eine eigene Rolle an.`,
      );
    await upsertOwnRole(tx, tenantId, role);
    await replaceRolePermissions(tx, tenantId, role.id, [...new Set(role.permissions)]);
    const after = { ...role, builtin: false, permissions: [...new Set(role.permissions)].sort() };
    await writeAudit(tx, tenantId, {
      actor,
      action: before ? 'access.role_updated' : 'access.role_created',
      entity: 'role',
      entityId: role.id,
      detail: diffRecords(before ? { ...before } : null, { ...after }),
    });
    return after;
  });
  access.invalidateRoles(tenantId);
  return result;
}
