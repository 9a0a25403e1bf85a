// Texts of the transparency view (/foerderung/transparenz) and the money per measure, German.
export const transparencyDe = {
  trLink: 'Transparenz: Wohin fließt das Geld – gemessen am Bedarf?',
  trTitle: 'Transparenz der Fördermittel',
  trIntro:
    'Fördermittel je Gebiet und je Einwohner/in, gegenübergestellt dem Bedarf (Statusindex oder ein Indikator). Hoher Bedarf heißt: über dem Median der Gebiete; wenig Geld: höchstens der Median je Einwohner/in.',
  trYear: 'Jahr',
  trNeed: 'Bedarf',
  trNeedIndex: 'Statusindex (MSS)',
  trKind: 'Art der Mittel',
  trLevel: 'Ebene',
  trMap: 'Karte: Euro je Einwohner/in',
  trMapLabel: (year: string) => `Karte der Fördermittel je Einwohner/in ${year}`,
  trScatter: 'Euro je Einwohner/in gegen Bedarf',
  trScatterLabel: (n: number) =>
    `Streudiagramm: ${n} Gebiete, Euro je Einwohner/in (waagerecht) gegen Bedarf (senkrecht); gestrichelt die Mediane`,
  trScatterX: 'Euro je Einwohner/in',
  trMedian: 'Median',
  trUnderfunded: 'Hoher Bedarf, wenig Geld',
  trOverfunded: 'Geringer Bedarf, viel Geld',
  trNoGaps: 'Keine Gebiete in dieser Gruppe.',
  trAll: 'Alle Gebiete',
  trArea: 'Gebiet',
  trResidents: 'Einwohner/innen',
  trMoney: 'Fördermittel',
  trPerResident: '€ je Einw.',
  trQuadrant: 'Einordnung',
  trQuadrants: (k: string | null): string =>
    k === null
      ? '–'
      : ((
          {
            high_need_little_money: 'hoher Bedarf, wenig Geld',
            high_need_much_money: 'hoher Bedarf, viel Geld',
            low_need_little_money: 'geringer Bedarf, wenig Geld',
            low_need_much_money: 'geringer Bedarf, viel Geld',
          } as Record<string, string>
        )[k] ?? k),
  trExportCsv: 'CSV herunterladen',
  trExportXlsx: 'XLSX herunterladen',
  trProvenance: 'Woher kommt das?',
  trMethod: 'Methode',
  trLicence: 'Lizenz',
  trNoMoney: 'Für dieses Jahr sind noch keine Fördermittel erfasst.',
  trNoYears:
    'Noch keine Fördermittel erfasst. Mittel werden auf der Seite „Förderprogramme“ importiert.',
  trWholeProgramme: (s: string) =>
    `${s} nicht verteilt (Programm ohne Fördergebiet im Jahr oder Gebiete ohne Einwohnerzahl)`,
  trOtherLevel: (s: string) => `${s} auf Gebieten anderer Gebietssysteme (nicht zuzuordnen)`,
  trDetailTotals: 'Öffentliche Ansicht: nur Summen je Gebiet.',
  trBridge: 'Andere Gebietssysteme',
  trBridgeArea: 'nach Flächenanteil',
  trBridgeResidents: 'nach Einwohneranteil',
  trAllocBridged: (s: string, systems: readonly string[]) =>
    `${s} von Gebieten anderer Gebietssysteme (${systems.join(', ')}) nach ihrer Überschneidung übertragen`,
  trAllocOutside: (s: string) =>
    `${s} von Gebieten anderer Gebietssysteme liegen außerhalb aller Gebiete der Ebene (nicht übertragen)`,
  trResidentsByYear:
    'Einwohnerzahlen je Buchungsjahr (verteilt und geteilt wird nach denen des Jahres)',
  trResidentsYear: (year: number, date: string) => `${year}: Stichtag ${date}`,
  trResidentsFallback: (year: number, date: string) =>
    `${year}: kein Stichtag bis Ende ${year}, der nächstgelegene (${date}) steht ein`,
  trResidentsNone: (year: number) => `${year}: keine Einwohnerzahlen, nicht verteilt`,
  trSeries: 'Verlauf',
  trMeasures: 'Geförderte Maßnahmen',
  trNoMeasures: 'Keine Mittel auf Maßnahmen gebucht.',
  trGoals: 'Ziele und Indikatoren',
  trFinancing: 'Finanzierung',
  trNoFinancing: 'Für diese Maßnahme sind keine Fördermittel gebucht.',
  trPublicDetail: 'Öffentlich sichtbar',
  trPublicNone: 'nichts',
  trPublicTotals: 'Summen je Gebiet',
  trPublicByProgramme: 'auch je Programm und Quelle',
  trSource: 'Quelle',
  trSettings: 'Einstellungen der Transparenz',
  trResidentsIndicator: 'Einwohnerindikator (für „je Einwohner/in“)',
  trResidentsAuto: 'automatisch: erster Zählindikator der Demografie',
  trResidentsHelp:
    'Der Einwohnerindikator teilt die Mittel je Einwohner/in und gewichtet das Verteilen von Mitteln gröberer Gebiete. Änderungen werden protokolliert.',
  trSeriesNone: 'Für dieses Gebiet sind keine Mittel gebucht.',
  trSeriesCaption: (area: string) => `Fördermittel je Haushaltsjahr: ${area}`,
  trSeriesLabel: (area: string) =>
    `Säulendiagramm der Fördermittel je Haushaltsjahr für ${area}; die Werte stehen in der Tabelle darunter`,
  trSeriesTable: 'Werte als Tabelle',
  trAllocation: 'Wie die Summen entstehen',
  trAllocationRule:
    'Mittel auf feineren Gebieten (z. B. Planungsräumen) werden zur gewählten Ebene aufsummiert. Mittel auf gröberen Gebieten (z. B. einem Bezirk) und auf ganzen Programmgebieten werden nach dem Anteil der Einwohner/innen auf die Gebiete verteilt, cent-genau. Je Einwohner/in zählt die Einwohnerzahl des Gebiets selbst.',
  trAllocOwn: (s: string, level: string) => `${s} direkt auf Gebieten der Ebene „${level}“ gebucht`,
  trAllocRolledUp: (s: string) => `${s} aus feineren Gebieten aufsummiert`,
  trAllocSpread: (s: string) => `${s} nach Einwohneranteil verteilt`,
  trToProgrammes: 'Zu den Förderprogrammen',
  trGoalIndicator: 'Indikator',
  trGoalBaseline: 'Ausgangswert',
  trGoalLatest: 'Aktuell',
  trGoalTarget: 'Ziel',
  trGoalTrend: 'Trend',
  trGoalStatus: 'Einordnung',
  trTrendWord: (d: string): string =>
    ({ up: 'steigend', down: 'fallend', flat: 'gleichbleibend' })[d] ?? d,
  trTrendToward: (toward: boolean): string => (toward ? 'zum Ziel hin' : 'vom Ziel weg'),
  trAreaCard: 'Förderung und Wirkung',
  trAreaProgrammes: 'Fördergebiet von',
  trAreaVia: (via: string): string =>
    via === 'coarser' ? 'über ein größeres Gebiet' : 'in einem Teilgebiet',
  trAreaMoney: (year: string, total: string, per: string) =>
    `Bewilligte Mittel ${year}: ${total} (${per} je Einwohner/in), einschließlich der nach Einwohneranteil verteilten Mittel.`,
  trAreaEffectsMore: (n: number) =>
    n === 1
      ? 'Eine weitere Wirkungsschätzung steht auf der Maßnahmenseite.'
      : `${n} weitere Wirkungsschätzungen stehen auf den Maßnahmenseiten.`,
};
