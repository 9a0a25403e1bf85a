// Policy of the sources module: every source with its licence is readable by everyone who may read
// the data it backs (attribution must always be shown).
export const permissions = {
  'sources.read': 'Datenquellen mit Lizenz und Namensnennung lesen',
} as const;
