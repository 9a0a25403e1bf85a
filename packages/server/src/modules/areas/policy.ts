// Policy of the areas module: area systems, levels, areas and map geometry are public reference data.
export const permissions = {
  'areas.read': 'Gebietssysteme, Gebiete und Kartengeometrie lesen',
} as const;
