// Policy of the assessments module (issue 13 § 4, ADR 0036). An assessment is internal (signed-in
// people and API tokens) or public (everyone, without the author's name). People of an organisation
// write with 'assessments.write' for the department record they belong to (their organisation);
// planners with 'assessments.write_all' for every organisation. An assessment is changed or withdrawn
// by its author (while she still may write for its organisation) or by a holder of write_all.
import { mayEditOwned } from '@sozialraum/contracts/rules';
import { forbidden } from '../../http/errors.ts';
import { editorOf, type Principal } from '../access/index.ts';

export { permissions } from './permissions.ts';

/** True when the principal may read an assessment of this visibility. */
export function canReadAssessment(principal: Principal, visibility: string): boolean {
  if (!principal.permissions.has('assessments.read')) return false;
  return visibility === 'public' || principal.kind !== 'anonymous';
}

/** True when the principal may write assessments in the name of this organisation. */
export function canWriteFor(principal: Principal, organisationId: string): boolean {
  return mayEditOwned(
    editorOf(principal),
    organisationId,
    'assessments.write',
    'assessments.write_all',
  );
}

/** Refuses unless the principal may write for the organisation (names it, ADR 0012). */
export function assertCanWriteFor(
  principal: Principal,
  organisation: { id: string; name: string },
): void {
  if (canWriteFor(principal, organisation.id)) return;
  throw forbidden(
    `Einschätzungen für „${organisation.name}“ darf nur abgeben, wer für diese Organisation arbeitet ` +
      '(Berechtigung „assessments.write“) oder die Berechtigung „assessments.write_all“ hat.',
  );
}

/** True when the principal may change or withdraw this assessment. */
export function canChangeAssessment(
  principal: Principal,
  row: { author_user_id: number | null; organisation_id: string },
): boolean {
  if (principal.permissions.has('assessments.write_all')) return true;
  return (
    principal.userId !== null &&
    row.author_user_id === principal.userId &&
    canWriteFor(principal, row.organisation_id)
  );
}
