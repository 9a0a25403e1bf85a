// Maintaining directory organisations: linking one to the department record (kind organisation)
// whose people maintain its entries (role Träger), and making it public or not. directory.edit_all
// only; audited with before and after in the same transaction (docs/adr/0030-…).
import { ORGANISATION_KIND_LABELS, type OrganisationKind } from '@sozialraum/core';
import type { Db } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import { validationError } from '../../http/route.ts';
import type { Principal } from '../access/index.ts';
import { signalChange } from '../changes/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { selectOrganisationsByIds } from './read-store.ts';
import { organisationDepartmentExists, updateOrganisation, type OrganisationRow } from './store.ts';

function shape(o: OrganisationRow) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    kindLabel: ORGANISATION_KIND_LABELS[o.kind as OrganisationKind] ?? o.kind,
    spitzenverband: o.spitzenverband,
    departmentId: o.department_id,
    public: o.public,
  };
}

/** Changes the maintaining department and/or the public flag of an organisation. */
export async function patchOrganisation(
  db: Db,
  principal: Principal,
  id: string,
  patch: { departmentId?: string | null | undefined; public?: boolean | undefined },
  actor: AuditActor,
) {
  const t = principal.tenantId;
  const result = await db.transaction(async (tx) => {
    const [before] = await selectOrganisationsByIds(tx, t, [id]);
    if (!before) throw notFound(`Die Organisation „${id}“ gibt es nicht.`);
    if (patch.departmentId && !(await organisationDepartmentExists(tx, t, patch.departmentId))) {
      throw validationError([
        {
          in: 'body',
          field: 'departmentId',
          reason: `Eine Organisation „${patch.departmentId}“ gibt es in der Verwaltung nicht (Abteilungen und Organisationen, Art „Organisation“).`,
        },
      ]);
    }
    await updateOrganisation(tx, t, id, patch);
    const [after] = await selectOrganisationsByIds(tx, t, [id]);
    await writeAudit(tx, t, {
      actor,
      action: 'directory.organisation',
      entity: 'directory_organization',
      entityId: id,
      detail: {
        departmentId: { before: before.department_id, after: after!.department_id },
        public: { before: before.public, after: after!.public },
      },
    });
    return shape(after!);
  });
  // public or not changes what visitors' supply answers count: no prepared answer outlives it
  bumpDataVersion();
  signalChange(db, t, 'directory');
  return result;
}
