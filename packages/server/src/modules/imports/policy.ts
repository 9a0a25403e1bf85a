// Policy of the imports module: running an import writes data; the history shows file names and
// actors and is internal. Values imported into an existing indicator need the right to edit it
// (checked by the service with the indicators policy).
export const permissions = {
  'imports.run': 'Indikatorwerte importieren (in Indikatoren der eigenen Abteilung)',
  'imports.areas':
    'Gebietssysteme und Geometrien importieren (gemeinsame Grundlage aller Abteilungen)',
  'imports.read': 'Importverlauf lesen',
} as const;
