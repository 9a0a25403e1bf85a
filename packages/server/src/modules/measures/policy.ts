// Policy of the measures module (issue 14 § 2, ADR 0032). A measure is public (everyone, also
// without sign-in) or internal (signed-in people and API tokens of the tenant). The responsible
// department's planners change it with 'measures.edit'; 'measures.edit_all' changes every measure
// (a measure without a department belongs to nobody's, as in ADR 0012).
import { mayEditOwned } from '@sozialraum/contracts/rules';
import { forbidden } from '../../http/errors.ts';
import { editorOf, notOwnDepartment, type Principal } from '../access/index.ts';

export { permissions } from './permissions.ts';

/** True when the principal may read a measure of this visibility. */
export function canReadMeasure(principal: Principal, visibility: string): boolean {
  if (!principal.permissions.has('measures.read')) return false;
  return visibility === 'public' || principal.kind !== 'anonymous';
}

/** True when the principal may change measures of this department. */
export function canEditMeasure(principal: Principal, department: string | null): boolean {
  return mayEditOwned(editorOf(principal), department, 'measures.edit', 'measures.edit_all');
}

/** Refuses unless the principal may change measures of this department (names both, ADR 0012). */
export function assertCanEditMeasure(
  principal: Principal,
  department: string | null,
  label: string,
): void {
  if (canEditMeasure(principal, department)) return;
  if (department === null && principal.permissions.has('measures.edit'))
    throw forbidden(
      `${label} ist keiner Abteilung zugeordnet; das darf nur, wer die Berechtigung „measures.edit_all“ hat.`,
    );
  throw notOwnDepartment(
    principal,
    { label, department: department ?? '–' },
    'measures.edit',
    'measures.edit_all',
  );
}
