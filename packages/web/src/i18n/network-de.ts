// Texts of supply against need (/versorgung), the actor network (/netzwerk) and "Wer ist hier aktiv?"
// on the area profile, German.
export const networkDe = {
  supplyTitle: 'Versorgung gegen Bedarf',
  supplyIntro:
    'Plätze und Einrichtungen aus dem Angebotsverzeichnis je Zielbevölkerung, die Lücke zum Wert der ganzen Stadt und die Erreichbarkeit zu Fuß.',
  supplyType: 'Angebotsart',
  supplyDistance: 'Gehentfernung',
  supplyDistanceOption: (m: number) => (m >= 1000 ? `${m / 1000} km` : `${m} m`),
  supplyMeasure: (measure: 'places' | 'facilities', per: string, target: string) =>
    `${measure === 'places' ? 'Plätze' : 'Einrichtungen'} je ${per} ${target}`,
  supplyTargetAll: 'Einwohnende',
  supplySetup: 'Einrichten: Zielbevölkerung und Indikator',
  supplyTargetHeading: (name: string) => `Zielbevölkerung: ${name}`,
  supplyTargetHint:
    'Die Zielbevölkerung ist die Summe der gewählten Bevölkerungsindikatoren (Anzahlen je Gebiet), z. B. „6 bis unter 15“ + „15 bis unter 18“ für 6- bis 17-Jährige.',
  supplyTargetIndicators: 'Bevölkerungsindikatoren',
  supplyTargetSave: 'Zielbevölkerung speichern',
  supplyTargetSaved: 'Die Zielbevölkerung ist gespeichert.',
  supplyResidents: 'Einwohnende insgesamt',
  supplyResidentsNone: '– nicht festgelegt –',
  supplyResidentsHint:
    'Der Zählindikator aller Einwohnenden eines Gebiets, für alle Angebotsarten: Nenner des Bedarfs „Anteil der Zielbevölkerung“ und Grundlage der Regel, dass unter der Mindestzahl an Einwohnenden kein Index veröffentlicht wird. Ohne Festlegung wird kein Index veröffentlicht.',
  supplyResidentsSave: 'Einwohnende insgesamt speichern',
  supplyResidentsSaved: (name: string) =>
    `Gespeichert: „${name}“ zählt die Einwohnenden insgesamt.`,
  supplyResidentsRemoved: 'Die Festlegung ist entfernt.',
  supplyIndicatorHeading: 'Als Indikator im Katalog',
  supplyIndicatorNone: 'Noch nicht als Indikator gespeichert.',
  supplyIndicatorState: (refDate: string, stand: string, computed: string) =>
    `Gespeichert mit Bevölkerung zum Stichtag ${refDate} und Angebotsverzeichnis Stand ${stand} (berechnet am ${computed}).`,
  supplyIndicatorOnMap: 'Auf der Karte zeigen',
  supplyIndicatorHint:
    'Zählt nur öffentliche Einträge und öffentliche Bevölkerungszahlen, auf allen Ebenen. Nach Änderungen im Verzeichnis oder neuer Bevölkerung erneut berechnen.',
  supplyIndicatorStore: 'Als Indikator speichern',
  supplyIndicatorRefresh: 'Neu berechnen',
  supplyIndicatorStored: (name: string, n: number, date: string) =>
    `Gespeichert: „${name}“, ${n} Gebietswerte zum Stichtag ${date}.`,
  supplyTarget: (min: number, max: number | null) =>
    max === null
      ? `Personen ab ${min} Jahren`
      : min === 0
        ? `Kinder unter ${max} Jahren`
        : `Personen von ${min} bis unter ${max} Jahren`,
  supplyCity: 'Stadtwert',
  supplyMap: 'Karte der Versorgung',
  supplyMapLabel: (type: string) => `Karte: ${type} je Gebiet, dunkler = weniger Versorgung`,
  supplyNoData: 'keine Angabe',
  supplyTable: 'Versorgung je Gebiet',
  supplyArea: 'Gebiet',
  supplyFacilities: 'Einrichtungen',
  supplyPlaces: 'Plätze',
  supplyPopulation: 'Zielbevölkerung',
  supplyRatio: 'Versorgung',
  supplyGap: 'Lücke zum Stadtwert',
  supplyReach: 'in Gehentfernung',
  supplyMeanDistance: 'mittlere Entfernung',
  supplyLargestGaps: 'Größte Lücken',
  supplyLargestGapsNone: 'Kein Gebiet liegt unter dem Stadtwert.',
  supplyGapText: (gap: string, measure: 'places' | 'facilities') =>
    `es fehlen ${gap} ${measure === 'places' ? 'Plätze' : 'Einrichtungen'} zum Stadtwert`,
  supplyMethod: 'Methode',
  supplyProvenance: 'Herkunft',
  supplyLicences: 'Lizenzen',
  supplyEmpty: 'Für diese Angebotsart fehlen Bevölkerungszahlen der Zielgruppe.',
  supplyShowAll: (n: number) => `Alle ${n} Gebiete zeigen`,
  supplyToNetwork: 'Akteursnetz ansehen',
  supplyWhoIsActive: 'Wer ist hier aktiv?',
  networkTitle: 'Akteursnetz',
  networkIntro:
    'Wer arbeitet mit wem: Kooperationen zwischen Organisationen und ihre Mitgliedschaften in Gremien und Netzwerken (Stadtteilkonferenz, AG nach § 78 SGB VIII, Kiezrunden).',
  networkDimension: 'Lebenslage',
  networkAllDimensions: 'alle Lebenslagen',
  networkArea: 'Gebiet (Name oder Schlüssel)',
  networkAreaUnknown: 'Dieses Gebiet gibt es nicht: bitte aus der Liste wählen.',
  networkAreaHint: 'nur Akteure, die im Gebiet aktiv sind; leer = alle',
  networkApply: 'Filtern',
  networkExportGraphml: 'GraphML herunterladen',
  networkExportCsv: 'CSV herunterladen',
  networkEmpty:
    'Noch keine Kooperationen oder Mitgliedschaften für diese Auswahl. Träger tragen Kooperationen ihrer Organisation ein; Mitgliedschaften kommen aus den Gremien.',
  networkGraphLabel: (nodes: number, edges: number) =>
    `Netzwerkbild: ${nodes} Akteure und Gremien, ${edges} Verbindungen`,
  networkEdges: 'Verbindungen',
  networkFrom: 'Akteur',
  networkTo: 'mit',
  networkKind: 'Art',
  networkPeriod: 'Zeitraum',
  networkLinkKinds: (k: string) =>
    ({
      kooperationsvertrag: 'Kooperationsvertrag',
      projekt: 'Gemeinsames Projekt',
      verweisung: 'Verweisung / Lotsenfunktion',
      fachaustausch: 'Fachaustausch',
      traegerverbund: 'Trägerverbund',
      sonstige: 'Sonstige Zusammenarbeit',
      mitgliedschaft: 'Mitgliedschaft',
    })[k] ?? k,
  networkBody: 'Gremium',
  networkOrganisation: 'Organisation',
  actorsTitle: 'Wer ist hier aktiv?',
  actorsIntro:
    'Organisationen mit Angeboten im Gebiet, mit Einzugs- oder Arbeitsgebiet hier oder in einem Gremium des Gebiets.',
  actorsType: 'Angebotsart',
  actorsAllTypes: 'alle Angebotsarten',
  actorsNear: 'auch in der Nähe',
  actorsNearOption: (m: number) => (m === 0 ? 'nur im Gebiet' : `bis ${m} m vom Gebietsrand`),
  actorsEmpty: 'Im Angebotsverzeichnis ist hier niemand eingetragen.',
  actorsReasons: (r: string) =>
    ({
      standort: 'Standort im Gebiet',
      einzugsgebiet: 'Einzugsgebiet',
      arbeitsgebiet: 'Arbeitsgebiet',
      gremium: 'Gremium des Gebiets',
    })[r] ?? r,
  actorsNearby: 'in der Nähe',
  actorsDistance: (m: string) => `${m} m vom Gebietsschwerpunkt (Luftlinie)`,
  actorsPlaces: (n: string) => `${n} Plätze`,
  actorsOnMap: 'Auf der Karte zeigen',
  actorsBodies: 'Gremien des Gebiets',
  actorsCount: (n: number) => (n === 1 ? '1 Organisation' : `${n} Organisationen`),
  linkAdd: 'Kooperation eintragen',
  linkOwn: 'Eigene Organisation',
  linkPartner: 'Partnerorganisation',
  linkSearch: 'Name des Angebots oder Trägers',
  linkFind: 'Suchen',
  linkFrom: 'seit',
  linkSave: 'Kooperation speichern',
  linkSaved: 'Die Kooperation ist eingetragen.',
  gapsTitle: 'Lücken: hoher Bedarf, kein Angebot',
  gapsIntro:
    'Gebiete mit hohem Bedarf, in denen kein Angebot der gewählten Art arbeitet – weder mit einem Ort dort noch als Arbeitsgebiet seiner Organisation.',
  gapsNeed: 'Bedarf',
  gapsNeedTargetShare: 'Anteil der Zielbevölkerung an allen Einwohnenden',
  gapsNeedStatusIndex: 'Statusindex (MSS)',
  gapsThreshold: 'Schwelle',
  gapsThresholdHint: (unit: 'share' | 'index'): string =>
    unit === 'share'
      ? 'Anteil in Prozent; leer = oberstes Fünftel der Gebiete'
      : 'Indexwert; leer = oberstes Fünftel der Gebiete',
  gapsThresholdInvalid: (unit: 'share' | 'index', sent: string): string =>
    `${unit === 'share' ? 'eine Zahl von 0 bis 100 (Prozent)' : 'eine Zahl von −100 bis 100'} erwartet, erhalten „${sent}“`,
  gapsApply: 'Anwenden',
  gapsHeadline: (n: string, high: string, considered: string, threshold: string) =>
    `${n} von ${high} Gebieten mit hohem Bedarf (ab ${threshold}; ${considered} Gebiete mit Angabe) haben kein Angebot.`,
  gapsRuleTop: 'oberstes Fünftel',
  gapsNone: 'Kein Gebiet mit hohem Bedarf ist ohne Angebot dieser Art.',
  gapsNeedValue: 'Bedarf',
  gapsClass: 'Klasse',
  gapsNearest: 'Nächstes Angebot',
  gapsDistance: 'Entfernung (Luftlinie)',
  gapsNoNearest: 'kein Angebot mit Ort',
  gapsCsv: 'Lücken als CSV',
  gapsCsvCode: 'Schlüssel',
  gapsCsvDistance: 'Entfernung_m',
  gapsMapLegend: 'Lücke (hoher Bedarf, kein Angebot)',
  gapsRule: 'Was zählt',
};
