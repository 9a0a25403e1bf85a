// Policy of the monitoring module: everyone who may read indicators may read published indices;
// index definitions are edited by Sozialplanung and administrators.
export const permissions = {
  'monitoring.read': 'Indizes, Klassen, Erklärungen und ähnliche Gebiete lesen',
  'monitoring.edit': 'Indexdefinitionen anlegen und ändern',
} as const;

/**
 * An index is as visible as its least visible input: whoever may not read one of its indicators
 * does not see the index either (its contributions would reveal that indicator's values).
 */
export function indexReadable(
  inputIds: readonly string[],
  canRead: (indicatorId: string) => boolean,
): boolean {
  return inputIds.every(canRead);
}
