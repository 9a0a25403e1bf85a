// Policy of statistical disclosure control: unsuppressed values are for people with the right
// permission; thresholds are configured by Sozialplanung and administrators.
export const permissions = {
  'disclosure.unsuppressed': 'Werte ohne Geheimhaltung sehen (kleine Fallzahlen)',
  'disclosure.configure': 'Schwellen der Geheimhaltung einstellen',
} as const;
