// The permissions of the alerts module, plain data for the catalogue (access/permissions.ts). They live
// apart from policy.ts, which imports the access door: the catalogue importing policy.ts would close
// an evaluation cycle (access door → catalogue → policy → access door), see ADR 0028.
export const permissions = {
  'alerts.read': 'Frühwarnungen lesen',
  'alerts.subscribe': 'Frühwarnungen abonnieren (eigene Abonnements)',
  'alerts.handle': 'Status von Frühwarnungen ändern (gesehen, besprochen, geschlossen)',
  'alerts.rules': 'Regeln der eigenen Abteilung anlegen und ändern',
  'alerts.rules_all': 'Regeln aller Abteilungen anlegen und ändern',
  'alerts.detect': 'Erkennung von Frühwarnungen auslösen',
} as const;
