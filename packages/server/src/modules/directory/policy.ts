// Policy of the service directory (issue 12). Reading is public for public entries. A provider
// (role Träger) maintains only the entries of the organisation its department record stands for;
// data stewards and administrators maintain all (docs/adr/0030-directory-organisations-and-taxonomy.md).
import type { Principal } from '../access/index.ts';

export const permissions = {
  'directory.read': 'Angebotsverzeichnis lesen (ohne Anmeldung nur öffentliche Einträge)',
  'directory.edit_own':
    'Eigene Angebote pflegen: Öffnungszeiten, Plätze und Orte der Organisation, für die man arbeitet (Träger)',
  'directory.edit_all': 'Alle Einträge des Angebotsverzeichnisses pflegen, Organisationen zuordnen',
} as const;

/** Whether the principal sees entries that are not public (everyone signed in; visitors do not). */
export function seesInternalEntries(principal: Principal): boolean {
  return principal.kind !== 'anonymous';
}

/**
 * Whether the principal may change the entries of an organisation: with directory.edit_all any; with
 * directory.edit_own only an organisation linked to the principal's own department record.
 */
export function canEditOrganisation(
  principal: Principal,
  organisation: { departmentId: string | null },
): boolean {
  if (principal.permissions.has('directory.edit_all')) return true;
  return (
    principal.permissions.has('directory.edit_own') &&
    principal.departmentId !== null &&
    organisation.departmentId === principal.departmentId
  );
}

/**
 * Whether the principal may read a service's Verlauf: whoever may edit it, and audit readers
 * (audit.read, audit.read_all), as the service directory is not a department's record (ADR 0055).
 */
export function canReadServiceHistory(
  principal: Principal,
  organisation: { departmentId: string | null },
): boolean {
  return (
    principal.permissions.has('audit.read') ||
    principal.permissions.has('audit.read_all') ||
    canEditOrganisation(principal, organisation)
  );
}
