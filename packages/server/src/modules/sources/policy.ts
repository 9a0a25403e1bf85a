// Policy of the sources module: every source with its licence is readable by everyone who may read
// the data it backs (attribution must always be shown). Sources are shared by every department's
// indicators, so changing one is its own permission (an import only references or adds sources).
export const permissions = {
  'sources.read': 'Datenquellen mit Lizenz und Namensnennung lesen',
  'sources.edit': 'Datenquellen ändern (Titel, Herausgeber, Lizenz, Namensnennung; protokolliert)',
} as const;
