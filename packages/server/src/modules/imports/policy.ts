// Policy of the imports module: running an import writes data; the history shows file names and
// actors and is internal. Values imported into an existing indicator need the right to edit it
// (checked by the service with the indicators policy).
export const permissions = {
  'imports.run': 'Dateien importieren (Gebiete, Indikatorwerte, Standorte)',
  'imports.read': 'Importverlauf lesen',
} as const;
