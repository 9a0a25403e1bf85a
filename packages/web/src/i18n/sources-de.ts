// Texts of the sources page (/quellen), German.
export const sourcesDe = {
  sourcesTitle: 'Quellen und Lizenzen',
  sourcesIntro:
    'Woher jede Zahl stammt: Herausgeber, Lizenz und die Namensnennung, die bei jeder Verwendung genannt werden muss.',
  sourcesEmpty: 'Noch keine Quellen – sie entstehen mit dem ersten Import.',
  sourcesLink: 'Alle Quellen und Lizenzen',
  sourceId: 'Kennung',
  sourceLicence: 'Lizenz',
  sourceLicenceUrl: 'Lizenztext (URL, optional)',
  sourceAttribution: 'Namensnennung',
  sourceNotes: 'Hinweise (optional)',
  sourceNotesLabel: 'Hinweise',
  sourceEditOf: (title: string) => `Quelle „${title}“ bearbeiten`,
  sourceSaved: 'Die Quelle ist gespeichert (im Protokoll vermerkt).',
  sourceEditHint:
    'Änderungen gelten für alle Indikatoren und Gebiete mit dieser Quelle und werden protokolliert. Importe ändern Quellen nie.',
  sourceRequired: (field: string) => `Bitte „${field}“ ausfüllen.`,
};
