// Who may do what with a body (issue 14 § 1): everyone reads bodies, meetings, accepted agendas and
// approved minutes; the organiser department (or whoever holds conferences.organise_all, e.g. the
// Sozialplanung) organises; current members also see proposals, drafts and the evidence.
import type { Principal } from '../access/index.ts';

export { permissions } from './permissions.ts';

/** True when the principal organises this body. */
export function canOrganise(
  auth: Principal,
  body: { organiser_department_id: string | null },
): boolean {
  if (auth.permissions.has('conferences.organise_all')) return true;
  return (
    auth.permissions.has('conferences.organise') &&
    auth.departmentId !== null &&
    auth.departmentId === body.organiser_department_id
  );
}

/** True when the principal may create a body organised by this department. */
export function canOrganiseFor(auth: Principal, departmentId: string | null): boolean {
  return canOrganise(auth, { organiser_department_id: departmentId });
}
