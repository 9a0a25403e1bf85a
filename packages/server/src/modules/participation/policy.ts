// Policy of the participation module (issue 13). Everyone — without an account — may read public
// reports and submit, support and flag them (the tenant's 'anonymous' role holds read and submit);
// moderators work the queue and hide or show reports; the administration answers publicly and sets
// the status; configuring the portal is the administration's.
export const permissions = {
  'participation.read': 'Öffentliche Hinweise und Ideen der Beteiligung lesen',
  'participation.submit':
    'Hinweise und Ideen einreichen, unterstützen und melden (auch ohne Anmeldung)',
  'participation.moderate':
    'Beteiligung moderieren: Warteschlange, Beiträge aus- und einblenden (mit Grund, protokolliert)',
  'participation.answer':
    'Auf Hinweise öffentlich antworten und ihren Bearbeitungsstand setzen (protokolliert)',
  'participation.configure':
    'Beteiligung einrichten: Datenschutzhinweis, Schwelle für automatisches Ausblenden, Rechenaufwand',
} as const;
