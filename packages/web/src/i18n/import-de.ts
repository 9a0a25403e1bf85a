// Texts of the import screen for tables as cities publish them (issue 9 § 2, § 6), German.
export const importDe = {
  impHeaderSwitch: 'Erste Zeile ist eine Überschrift',
  impHeaderDetected: 'Erkannt:',
  impHeaderByPerson: 'Von Ihnen festgelegt. Die Erkennung sagt:',
  impHeaderUsed: 'Die erste Zeile wurde als Überschrift gelesen',
  impHeaderNotUsed: 'Die erste Zeile wurde als Daten gelesen (keine Überschrift)',
  impByPerson: 'von Ihnen festgelegt',
  impByDetection: 'erkannt',
  impSeparators: 'Zahlenformat',
  impSeparatorsHint:
    'Nur ändern, wenn Zahlen falsch gelesen werden. Die Einstellung gilt für den nächsten Probelauf und den Import.',
  impThousands: 'Tausendertrennzeichen',
  impAsDetected: 'wie erkannt',
  impComma: 'Komma (,)',
  impDot: 'Punkt (.)',
  impNoThousands: 'keines',
  impSeparatorsReanalyse:
    'Die Datei wird mit dem gewählten Zahlenformat neu geprüft; die Zuordnung wird dabei neu vorgeschlagen.',
  impNumbersCaption: 'So werden die Zahlen der Vorschau gelesen',
  impNumbersRead: (text: string, value: string) => `„${text}“ → ${value}`,
  impNumbersNoNumber: 'keine Zahl',
  impNumbersInvalid: (n: string) => `${n} Zelle(n) der Vorschau sind keine Zahl`,
  impNumbersDecimals: (n: string) => `${n} Wert(e) mit Nachkommastellen`,
  impLabelContext: 'Kontext',
  impLabelContextHint: (column: string) =>
    `Gleichnamige Merkmale mit verschiedenem Eintrag in „${column}“ werden getrennt zugeordnet.`,
  impLabelFirstLine: (line: string) => `erstmals Zeile ${line}`,
  impTargetTable: 'Gebiete der Tabelle',
  impLevelNamesHint:
    'Namen werden mit den Gebieten dieser Ebene abgeglichen; abweichende Schreibweisen zeigt der Probelauf zur Prüfung.',
  impDatePerColumn: 'je Spalte (Jahre/Daten in den Überschriften)',
  impColumnDate: 'Stichtag',
  impColumnDateOf: (col: string) => `Stichtag der Spalte „${col}“`,
  impNoLabels:
    'Noch keine Merkmale: bitte die Merkmalsspalte wählen, deren Einträge die Indikatoren benennen.',
  impLabelsWholeFile: (n: string, rows: string) =>
    `alle ${n} Merkmale der ganzen Datei (${rows} Zeilen)`,
  impLabelsPreviewOnly:
    'nur die Merkmale der Vorschau; weitere Merkmale der Datei müssen eine vorhandene Kennung tragen',
  impSkipLabel: '— auslassen (gezählt) —',
  impSuggested: 'Vorschlag',
  impNewIndicators: 'Neue Indikatoren',
  impInternalNote:
    'Neue Indikatoren sind zunächst verwaltungsintern: sie erscheinen nicht auf der öffentlichen Karte. Veröffentlichen können Sie sie später unter „Indikator bearbeiten“.',
  impNewFromColumns: (cols: string) => `Neuer Indikator aus Spalte(n) „${cols}“`,
  impDefinition: 'Definition',
  impDefinitionHint: 'Was genau gezählt oder gemessen wird, Bezugsgröße, Stichtag (optional).',
  impLicenceHint: 'z. B. dl-de/by-2-0 oder CC BY 4.0',
  impAttributionHint: 'z. B. Amt für Statistik Berlin-Brandenburg',
  impRunSection: 'Probelauf und Import',
  impCheckFailed: (n: number) =>
    n === 1 ? 'Bitte eine Angabe ergänzen:' : `Bitte ${n} Angaben ergänzen:`,
  impDryRunAgain: 'Probelauf wiederholen',
  impDoneHint: 'Importiert. Für einen weiteren Import bitte eine neue Datei wählen.',
  impRowsRead: 'Zeilen gelesen',
  impValuesWritten: 'Werte geschrieben',
  impValuesToWrite: 'Werte zu schreiben',
  impFeaturesRead: 'Objekte gelesen',
  impAreasWritten: 'Gebiete geschrieben',
  impAreasToWrite: 'Gebiete zu schreiben',
  // a points run's count: an upload counts locations plus their count values per area, the demo's
  // runs only the locations — „Datensätze“ is true for both
  impPointsWritten: 'Datensätze geschrieben',
  // header of the history's column: runs of all kinds, each cell names its own count (impWrittenOf)
  impWritten: 'Geschrieben',
  impCheckRefused: 'Die Prüfung hat die Datei abgelehnt.',
  impDryRunRefused: 'Der Probelauf ist fehlgeschlagen – es wurde nichts gespeichert.',
  impRefusedSeeTable: 'Es wurde nichts importiert. Was nicht passt, steht in der Tabelle darunter.',
  impColumnDates: 'Stichtage je Spalte:',
  impNamesTitle: (n: number) =>
    n === 1 ? '1 Gebietsname anders geschrieben' : `${n} Gebietsnamen anders geschrieben`,
  impNamesHint:
    'Bitte prüfen: Übernommene Zuordnungen werden beim Import für diese Ebene gespeichert und bei der nächsten Datei wiedererkannt.',
  impNameInFile: 'Name in der Datei',
  impMatch: 'Zuordnung (Grund)',
  impConfidence: 'Sicherheit',
  impArea: 'Gebiet',
  impAccept: 'Übernehmen',
  impAreaFor: (name: string) => `Gebiet für „${name}“`,
  impAcceptFor: (name: string) => `Zuordnung für „${name}“ übernehmen`,
  impNoArea: '— kein Gebiet —',
  impAcceptAll: 'Alle Zuordnungen übernehmen',
  impAcceptedCount: (n: number, total: number) => `${n} von ${total} übernommen`,
  impNonAreaTitle: (count: number, n: string) =>
    count === 1 ? '1 Zeile ist kein Gebiet' : `${n} Zeilen sind keine Gebiete`,
  impNonAreaPreview: (groups: string) =>
    `In der Vorschau stehen Zeilen, die keine Gebiete sind (${groups}). Der Probelauf zählt sie und sagt, welche ausgelassen werden und wo Sie entscheiden.`,
  impSkipped: 'ausgelassen',
  impSkipNonArea: (count: number, n: string) =>
    count === 1
      ? 'Diese Zeile auslassen (im Bericht gezählt)'
      : `Diese ${n} Zeilen als Gruppe auslassen (im Bericht gezählt)`,
  impNonAreaAllSkipped: 'Sie werden ausgelassen und im Bericht gezählt.',
  impPlausibility: 'Zahlen und Plausibilität',
  impBlank: 'leer',
  impMissing: (count: number, n: string, detail: string) =>
    `${count === 1 ? '1 fehlender Wert' : `${n} fehlende Werte`} (${detail})`,
  impFootnotes: (n: string, marks: string) =>
    `${n} Werte mit Fußnotenzeichen gelesen (entfernt: ${marks})`,
  impDecimalsInCount: (ind: string, n: string, line: string, ex: string) =>
    `${ind} ist eine Anzahl, aber ${n} Werte haben Nachkommastellen (zuerst Zeile ${line}: „${ex}“).`,
  impThousandsInPercent: (col: string, n: string, ex: string) =>
    `Spalte „${col}“: ${n} Prozentwerte mit Tausendertrennzeichen (z. B. „${ex}“) – bitte das Zahlenformat prüfen.`,
  impMarkers:
    'Textkennzeichen in Zahlenspalten (werden nur mit Ihrer Zustimmung als fehlend importiert):',
  impFirstAt: (line: string, col: string) => `zuerst Zeile ${line}, Spalte „${col}“`,
  impAcceptMarkers: 'Textkennzeichen als fehlende Werte importieren',
  impZeroRows: (count: number, n: string, lines: string) =>
    `${count === 1 ? '1 Zeile enthält' : `${n} Zeilen enthalten`} nur 0 (${count === 1 ? 'Zeile' : 'Zeilen'} ${lines}) – oft Platzhalter für nicht bewertete Gebiete.`,
  impZeroAsMissing: 'Zeilen nur mit 0 als fehlende Werte importieren',
  impOverwriteTitle: 'Vorhandene Werte',
  impOverwriteSummary: (changed: string, unchanged: string, added: string) =>
    `${changed} werden überschrieben, ${unchanged} bleiben unverändert, ${added} kommen neu hinzu.`,
  impOverwriteExamples: (shown: string, total: string) =>
    `Überschriebene Werte (${shown} von ${total})`,
  impOld: 'bisher',
  impNew: 'neu',
  impMissingValue: 'fehlend',
  impSynonymsSaved: (n: number) =>
    n === 1
      ? '1 bestätigte Namenszuordnung wurde für diese Ebene gespeichert.'
      : `${n} bestätigte Namenszuordnungen wurden für diese Ebene gespeichert.`,
  impDuration: 'Dauer',
  impWho: 'Wer',
  impCopySha: (file: string) => `SHA-256 von ${file} kopieren`,
  impHistoryEmpty: 'Noch keine Importe.',
};
