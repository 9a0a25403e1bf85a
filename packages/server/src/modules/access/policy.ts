// Policy of the access module itself: one's own account, and the administration of people,
// departments, roles and tokens of the tenant.
export const permissions = {
  'account.self': 'Eigenes Konto: Profil, Passwort, eigene API-Token',
  'access.users': 'Personen anlegen, Rollen und Abteilung zuweisen, sperren',
  'access.departments': 'Abteilungen und Organisationen anlegen und ändern',
  'access.roles': 'Rollen und ihre Berechtigungen ändern',
} as const;
