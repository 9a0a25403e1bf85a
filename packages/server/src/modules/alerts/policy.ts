// Policy of the alerts module: early warnings are internal (never public); rules belong to a
// department — owners edit them, 'alerts.rules_all' edits every rule.
import type { Principal } from '../access/principal.ts';
import { forbidden } from '../../http/errors.ts';

export const permissions = {
  'alerts.read': 'Frühwarnungen lesen',
  'alerts.subscribe': 'Frühwarnungen abonnieren (eigene Abonnements)',
  'alerts.handle': 'Status von Frühwarnungen ändern (gesehen, besprochen, geschlossen)',
  'alerts.rules': 'Regeln der eigenen Abteilung anlegen und ändern',
  'alerts.rules_all': 'Regeln aller Abteilungen anlegen und ändern',
  'alerts.detect': 'Erkennung von Frühwarnungen auslösen',
} as const;

/** Refuses unless the principal may edit rules of this department. */
export function assertCanEditRule(principal: Principal, department: string): void {
  if (principal.permissions.has('alerts.rules_all')) return;
  if (principal.permissions.has('alerts.rules') && principal.departmentId === department) return;
  throw forbidden(
    `Diese Regel gehört der Abteilung „${department}“; Regeln ändern darf nur die eigene Abteilung.`,
  );
}
