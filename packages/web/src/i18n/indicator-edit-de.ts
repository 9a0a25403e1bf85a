// Texts of "Indikator bearbeiten" (every metadata field) and of binding an index to other
// indicators, German.
export const indicatorEditDe = {
  editSource: 'Quelle',
  editSourceHint:
    'Lizenz und Namensnennung gehören zur Quelle und gelten für alle Indikatoren mit dieser Quelle.',
  editSourceLicence: (licence: string, attribution: string) =>
    `Lizenz: ${licence} · Namensnennung: ${attribution}`,
  editSourceLink: 'Lizenz und Namensnennung der Quellen bearbeiten',
  editSourcesUnavailable:
    'Die Liste der Quellen ließ sich nicht laden; die Quelle bleibt unverändert.',
  editUnitHintCount: 'Eine Anzahl wird über Gebiete summiert; ihre Einheit bleibt „Anzahl“.',
  editUnitHintShare:
    'Ein Anteil (Zähler / Nenner) kann nur Einheiten gleicher Skala tragen; die Werte werden nicht umgerechnet.',
  editUnitHintValue: 'Die Einheit benennt die gespeicherten Werte; sie werden nicht umgerechnet.',
  editUnitKind: 'Diese Einheit passt nicht zu den gespeicherten Werten.',
  editDecimalsRange: 'Bitte 0 bis 6 Nachkommastellen wählen.',
  editChooseSource: 'Bitte eine Quelle wählen.',
  editErrors: (n: number) =>
    n === 1 ? 'Bitte das markierte Feld prüfen.' : `Bitte die ${n} markierten Felder prüfen.`,
  editSaved: (n: number) =>
    n === 1
      ? '1 Änderung gespeichert und im Protokoll vermerkt.'
      : `${n} Änderungen gespeichert und im Protokoll vermerkt.`,

  bindTitle: 'An andere Indikatoren binden',
  bindIntro:
    'Dieselbe Methode mit anderen Indikatoren rechnen, z. B. mit den Eingängen einer neuen Ausgabe. Jeder Eingang braucht einen Indikator; es entsteht ein neuer Index, die Vorlage bleibt unverändert.',
  bindOpen: 'An andere Indikatoren binden …',
  bindNewId: 'Kennung des neuen Index',
  bindNewIdHint: 'Kleinbuchstaben, Ziffern, - und _, z. B. mss-2023',
  bindNewLabel: 'Name des neuen Index',
  bindInputs: 'Eingänge und Indikatoren',
  bindInput: 'Eingang',
  bindPart: (part: string) => (part === 'dynamics' ? 'Dynamik' : 'Status'),
  bindIndicator: 'Indikator',
  bindChoose: '– Indikator wählen –',
  bindSuggested: 'vorgeschlagen (ähnlicher Name)',
  bindMissing: 'Bitte einen Indikator wählen.',
  bindTwice: 'Dieser Indikator ist schon einem anderen Eingang zugeordnet.',
  bindIdInvalid: 'Nur Kleinbuchstaben, Ziffern, - und _ (höchstens 63 Zeichen).',
  bindPreview: 'Vorschau',
  bindPreviewTitle: 'Das entsteht',
  bindPreviewLine: (id: string, label: string, n: number) =>
    `Neuer Index „${label}“ (${id}) mit ${n} Indikatoren, Version 1.`,
  bindWarnings: 'Bitte prüfen',
  bindNoWarnings: 'Richtung und Einheit passen zu allen Eingängen.',
  bindSave: 'Index anlegen',
  bindSaving: 'Wird angelegt …',
  bindSaved: (label: string) => `Der Index „${label}“ ist angelegt (im Protokoll vermerkt).`,
  bindShow: 'Neuen Index zeigen',
  bindCancel: 'Abbrechen',
};
