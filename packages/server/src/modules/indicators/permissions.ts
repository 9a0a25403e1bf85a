// The permissions of the indicators module, plain data for the catalogue (access/permissions.ts). They live
// apart from policy.ts, which imports the access door: the catalogue importing policy.ts would close
// an evaluation cycle (access door → catalogue → policy → access door), see ADR 0028.
export const permissions = {
  'indicators.read': 'Indikatoren, Werte und Gebietsprofile lesen (im Rahmen der Sichtbarkeit)',
  'indicators.read_all': 'Auch abteilungsinterne Indikatoren anderer Abteilungen lesen',
  'indicators.edit':
    'Metadaten, Sichtbarkeit und Freigaben der Indikatoren der eigenen Abteilung ändern',
  'indicators.edit_all': 'Indikatoren aller Abteilungen ändern',
} as const;
