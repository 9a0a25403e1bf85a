// Policy of the monitoring module: everyone who may read indicators may read published indices;
// index definitions are edited by Sozialplanung and administrators.
export const permissions = {
  'monitoring.read': 'Indizes, Klassen, Erklärungen und ähnliche Gebiete lesen',
  'monitoring.edit': 'Indexdefinitionen anlegen und ändern',
} as const;
