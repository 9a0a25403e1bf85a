// Policy of the actor network (issue 12 § 2). Reading is public for public organisations; a provider
// (role Träger) records cooperations and work areas of its own organisation only; Sozialplanung and
// data stewards record them for all (docs/adr/0037-network-and-supply.md).
import type { Principal } from '../access/index.ts';

export const permissions = {
  'network.read':
    'Akteursnetz lesen: wer ist wo aktiv, wer arbeitet mit wem (ohne Anmeldung öffentliche Einträge)',
  'network.edit_own':
    'Kooperationen und Arbeitsgebiete der eigenen Organisation eintragen (Träger)',
  'network.edit_all': 'Kooperationen und Arbeitsgebiete aller Organisationen pflegen',
} as const;

/**
 * Whether the principal may record network facts of an organisation: with network.edit_all any; with
 * network.edit_own only the organisation linked to the principal's own department record.
 */
export function canEditNetworkOf(
  principal: Principal,
  organisation: { departmentId: string | null },
): boolean {
  if (principal.permissions.has('network.edit_all')) return true;
  return (
    principal.permissions.has('network.edit_own') &&
    principal.departmentId !== null &&
    organisation.departmentId === principal.departmentId
  );
}

/** Whether the principal sees organisations and services that are not public (signed in). */
export function seesInternal(principal: Principal): boolean {
  return principal.kind !== 'anonymous';
}
