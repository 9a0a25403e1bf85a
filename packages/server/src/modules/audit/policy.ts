// Policy of the audit log: owners read the history of their department's records; administrators
// read and export the whole log of their tenant.
export const permissions = {
  'audit.read': 'Änderungsprotokoll der eigenen Abteilung lesen',
  'audit.read_all': 'Ganzes Änderungsprotokoll des Mandanten lesen und exportieren',
} as const;
