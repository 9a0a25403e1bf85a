// The permissions of the conferences module, plain data for the catalogue (access/permissions.ts);
// apart from policy.ts, which imports the access door (see alerts/permissions.ts, ADR 0028).
export const permissions = {
  'conferences.read':
    'Gremien, Sitzungen, Tagesordnungen und freigegebene Protokolle lesen (auch ohne Anmeldung)',
  'conferences.participate':
    'Zu Sitzungen der eigenen Gremien anmelden und den persönlichen Kalender abonnieren',
  'conferences.organise':
    'Gremien der eigenen Abteilung organisieren: Mitglieder, Sitzungen, Tagesordnung, Protokoll, Beschlüsse',
  'conferences.organise_all': 'Gremien aller Abteilungen organisieren',
} as const;
