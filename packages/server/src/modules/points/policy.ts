// Policy of the points module (service locations).
export const permissions = {
  'points.read': 'Standorte (Punktdatensätze) lesen',
  'points.import':
    'Standorte importieren (Punktdatensätze mit Zuordnung zu Gebieten und Zählindikatoren)',
} as const;
