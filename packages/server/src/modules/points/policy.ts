// Policy of the points module (service locations).
export const permissions = {
  'points.read': 'Standorte (Punktdatensätze) lesen',
} as const;
