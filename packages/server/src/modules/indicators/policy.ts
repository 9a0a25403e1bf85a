// Policy of the indicators module. A department owns its indicators and decides who reads them:
// 'public' (everyone, also without sign-in), 'internal' (every signed-in person of the tenant) or
// 'department' (the owning department, departments it shared the indicator with, and holders of
// 'indicators.read_all'). Owners edit with 'indicators.edit'; 'indicators.edit_all' edits any.
import { mayEditIndicator } from '@sozialraum/contracts/rules';
import { editorOf, type Principal } from '../access/index.ts';
import { forbidden } from '../../http/errors.ts';

export { permissions } from './permissions.ts';

export type Visibility = 'public' | 'internal' | 'department';

/** What decides whether someone may read an indicator. */
export interface ReadableIndicator {
  visibility: Visibility;
  department: string;
  sharedWith: readonly string[];
}

/** True when the principal may read this indicator (its metadata and values). */
export function canReadIndicator(principal: Principal, ind: ReadableIndicator): boolean {
  if (!principal.permissions.has('indicators.read')) return false;
  if (ind.visibility === 'public') return true;
  if (principal.kind === 'anonymous') return false; // without sign-in: public only
  if (ind.visibility === 'internal') return true;
  if (principal.permissions.has('indicators.read_all')) return true;
  const dept = principal.departmentId;
  return dept !== null && (dept === ind.department || ind.sharedWith.includes(dept));
}

/**
 * The reader's visibility class: two principals of the same class may read exactly the same
 * indicators and see the same cells (with or without disclosure control), so prepared answers are
 * shared within a class and never across. Built from exactly what canReadIndicator and
 * seesUnsuppressed look at; change it together with them (policy.test.ts checks they agree).
 */
export function readerClass(principal: Principal): string {
  const cells = principal.permissions.has('disclosure.unsuppressed') ? 'unsuppressed' : 'protected';
  if (!principal.permissions.has('indicators.read')) return `none/${cells}`;
  if (principal.kind === 'anonymous') return `public/${cells}`;
  if (principal.permissions.has('indicators.read_all')) return `all/${cells}`;
  // JSON keeps a null department apart from one named "null"
  return `department:${JSON.stringify(principal.departmentId)}/${cells}`;
}

/** True when the principal may change this indicator. */
export function canEditIndicator(principal: Principal, department: string): boolean {
  return mayEditIndicator(editorOf(principal), department);
}

/** Refuses unless the principal may change this indicator. */
export function assertCanEditIndicator(principal: Principal, department: string, id: string): void {
  if (canEditIndicator(principal, department)) return;
  const who = principal.kind === 'token' ? 'Ihr API-Token darf' : 'Sie dürfen';
  if (!principal.permissions.has('indicators.edit'))
    throw forbidden(
      principal.kind === 'token'
        ? `Ihr API-Token hat die Berechtigung „indicators.edit“ nicht; den Indikator „${id}“ darf er nicht ändern.`
        : `Ihnen fehlt die Berechtigung „indicators.edit“; den Indikator „${id}“ dürfen Sie nicht ändern.`,
    );
  const own = principal.departmentId
    ? `${who} nur für die Abteilung „${principal.departmentId}“ schreiben`
    : `${who} für keine Abteilung schreiben`;
  throw forbidden(
    `Der Indikator „${id}“ gehört zur Abteilung „${department}“; ${own} (für alle Abteilungen braucht es „indicators.edit_all“).`,
  );
}
