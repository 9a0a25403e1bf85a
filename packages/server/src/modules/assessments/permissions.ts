// The permissions of the assessments module (issue 13 § 4, ADR 0036), plain data for the catalogue
// (access/permissions.ts).
export const permissions = {
  'assessments.read':
    'Einschätzungen vor Ort lesen: öffentliche für alle, verwaltungsinterne nur nach Anmeldung',
  'assessments.write':
    'Einschätzungen für die eigene Organisation abgeben, eigene ändern und zurückziehen (protokolliert)',
  'assessments.write_all':
    'Einschätzungen für alle Organisationen abgeben, alle ändern und zurückziehen (protokolliert)',
} as const;
