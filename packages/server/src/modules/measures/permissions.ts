// The permissions of the measures module (issue 14 § 2), plain data for the catalogue
// (access/permissions.ts); apart from policy.ts, which imports the access door (ADR 0028).
export const permissions = {
  'measures.read': 'Maßnahmen lesen: öffentliche für alle, verwaltungsinterne nur nach Anmeldung',
  'measures.edit': 'Maßnahmen der eigenen Abteilung anlegen und ändern (protokolliert)',
  'measures.edit_all': 'Maßnahmen aller Abteilungen anlegen und ändern (protokolliert)',
} as const;
