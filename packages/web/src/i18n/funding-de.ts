// Texts of funding (/foerderung) and effect (/wirkung), German.
export const fundingDe = {
  navFunding: 'Förderung',
  fundingToEffect: 'Wirkung einer Maßnahme schätzen',
  navEffect: 'Wirkung',
  fundingTitle: 'Förderprogramme',
  fundingIntro:
    'Programme von EU, Bund und Ländern mit dem, was öffentlich belegt ist – jede Angabe mit Quelle und Prüfdatum. Unbekanntes bleibt leer.',
  fundingLevel: 'Ebene',
  fundingPeriod: 'Laufzeit',
  fundingAreas: 'Fördergebiete',
  fundingAreaCount: (n: number) => (n === 1 ? '1 Gebiet' : `${n} Gebiete`),
  fundingEnded: 'beendet',
  fundingOpenEnd: 'offen',
  fundingUnknown: 'nicht veröffentlicht',
  fundingAreaTypes: 'Förderfähige Gebiete',
  fundingCoFinancing: 'Kofinanzierung',
  fundingFixedShares: 'Feste Anteile',
  fundingReporting: 'Berichtspflichten',
  fundingSources: 'Quellen',
  fundingChecked: (d: string) => `geprüft am ${d}`,
  fundingNoAreas: 'Für dieses Programm sind in der Kommune noch keine Fördergebiete festgelegt.',
  fundingValid: (from: string, to: string) => `gültig ${from} bis ${to}`,
  fundingMoney: 'Mittel je Jahr',
  fundingYear: 'Jahr',
  fundingPlanned: 'geplant',
  fundingApproved: 'bewilligt',
  fundingSpent: 'verausgabt',
  fundingNoMoney: 'Noch keine Mittel erfasst.',
  fundingMoneyHidden: 'Die Mittel sehen angemeldete Mitarbeitende.',
  fundingSpentOver: 'mehr verausgabt als bewilligt',
  fundingProblems: 'Auffälligkeiten',
  fundingBack: 'Alle Förderprogramme',
  fundingImportTitle: 'Mittel importieren',
  fundingImportHint:
    'CSV oder XLSX: Programm; Gebiet (Schlüssel oder „alle“); Jahr; Art (geplant, bewilligt, verausgabt); dann Quelle + Betrag oder Spalten Gesamt, Bund, Land, Kommune. Beträge wie 1.234,56 €. Alles oder nichts.',
  fundingImportFile: 'Datei mit Fördermitteln',
  fundingImportCheck: 'Prüfen',
  fundingImportRun: 'Importieren',
  fundingImportDone: (n: number) => `${n} Beträge importiert.`,
  fundingImportOk: (n: number) => `Geprüft: ${n} Zeilen ohne Probleme.`,
  fundingImportIssue: (file: string, line: number, column: number) =>
    `${file}, Zeile ${line}${column > 0 ? `, Spalte ${column}` : ''}`,
  fundingLevels: (k: string): string =>
    (
      ({
        eu: 'EU',
        bund: 'Bund',
        land: 'Land',
        kommune: 'Kommune',
        stiftung: 'Stiftung/Träger',
      }) as Record<string, string>
    )[k] ?? k,
  fundingSourceNames: (k: string): string =>
    (
      ({
        eu: 'EU',
        bund: 'Bund',
        land: 'Land',
        kommune: 'Kommune',
        stiftung: 'Stiftung',
        traeger: 'Träger/Dritte',
        total: 'Gesamt',
      }) as Record<string, string>
    )[k] ?? k,
  effectTitle: 'Wirkung schätzen',
  effectIntro:
    'Wie hat sich ein Indikator in den Maßnahmengebieten seit Beginn verändert – verglichen mit ähnlichen Gebieten ohne Maßnahme (Differenz-von-Differenzen)?',
  effectIndicator: 'Indikator',
  effectLevel: 'Ebene',
  effectAreas: 'Maßnahmengebiete',
  effectAreaFilter: 'Gebiete filtern',
  effectChosen: (n: number) => `${n} gewählt`,
  effectStart: 'Beginn der Maßnahme',
  effectRun: 'Schätzen',
  effectChoose: 'Indikator, Gebiete und Beginn wählen.',
  effectSentence: (name: string, est: string, lo: string, hi: string, years: string) =>
    `${name} in den Maßnahmengebieten ${est} gegenüber vergleichbaren Gebieten (95 %: ${lo} bis ${hi}), ${years}`,
  effectVerdict: (k: string): string =>
    (
      ({
        effect: 'Das Intervall schließt 0 aus: eine Veränderung ist erkennbar.',
        'no-clear-effect': 'Das Intervall enthält 0: keine klare Veränderung erkennbar.',
        'not-measurable': 'Nicht messbar',
      }) as Record<string, string>
    )[k] ?? k,
  effectPValue: (p: string) => `Placebo-p-Wert ${p}`,
  effectPreTrend: 'Vortrend',
  effectPreTrendStatus: (k: string): string =>
    (
      ({
        ok: 'unauffällig: die Lücke im Vorzeitraum liegt in der Streuung der Placebos',
        diverging:
          'auffällig: Maßnahmen- und Vergleichsgebiete liefen schon vor Beginn auseinander',
        'not-testable':
          'nicht prüfbar (weniger als 3 Zeitpunkte vor Beginn; Trend nur abgeglichen)',
      }) as Record<string, string>
    )[k] ?? k,
  effectChart: 'Mittelwerte über die Zeit',
  effectTreated: 'Maßnahmengebiete',
  effectComparison: 'Vergleichsgebiete',
  effectStartLine: 'Beginn',
  effectComparisons: 'Vergleichsgebiete und warum',
  effectArea: 'Gebiet',
  effectMatchedTo: 'ähnlich zu',
  effectDistance: 'Abstand',
  effectPreLevel: 'Niveau vorher',
  effectTrend: 'Trend je Jahr',
  effectChange: 'Veränderung',
  effectWithoutData: (names: string) => `Ohne ausreichende Daten: ${names}`,
  effectMethod: (b: number, pool: number) =>
    `Vergleichsgebiete: nächste Nachbarn nach Niveau und Trend im Vorzeitraum (gleiche Ebene, ohne Maßnahme; Pool ${pool} Gebiete). 95-%-Intervall aus ${b} Placebo-Maßnahmen im Pool (fester Seed). Methode: docs/methods/difference-in-differences.md.`,
};
