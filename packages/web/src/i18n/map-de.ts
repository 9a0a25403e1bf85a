// Texts of the map's notices and orientation aids (issue 11: never the wrong thing silently, area
// search, the list of visible areas, the city value's wording), German.
export const mapDe = {
  unknownIndicator: (id: string) =>
    `Der Indikator „${id}“ ist nicht bekannt oder für Sie nicht sichtbar – es wird nichts eingefärbt.`,
  chooseStartIndicator: 'Einen verfügbaren Indikator zeigen',
  indicatorNotOnLevel: (level: string) =>
    `Dieser Indikator liegt auf der Ebene ${level} nicht vor – die Karte bleibt deshalb leer.`,
  indicatorNowhere: 'Für diesen Indikator liegen noch keine Werte vor.',
  switchToLevel: (level: string, system: string) => `Zur Ebene ${level} (${system}) wechseln`,
  dateNotAvailable: (date: string) =>
    `Für den Stichtag ${date} liegen zu diesem Indikator auf dieser Ebene keine Werte vor.`,
  showNearestDate: (date: string) => `Nächstgelegenen Stichtag zeigen (${date})`,
  areaRetiredShort: 'aufgelöst',
  areaSearch: 'Gebiet suchen',
  areaSearchPlaceholder: 'Name oder Schlüssel',
  areaSearchNone: 'Kein Gebiet gefunden',
  areaSearchHint: 'Gebiete aller Ebenen nach Name oder Schlüssel; Eingabe öffnet das Profil.',
  visibleAreas: 'Gebiete im Kartenausschnitt',
  visibleAreasHint: 'Mit Tab durch die sichtbaren Gebiete; Eingabe öffnet das Profil.',
  visibleAreasMore: (n: number) =>
    `Die ersten ${n} nach Namen – vergrößern Sie die Karte, um die übrigen zu erreichen.`,
  visibleAreasCount: (n: number) =>
    n === 1 ? '1 Gebiet im Ausschnitt' : `${n} Gebiete im Ausschnitt`,
  profNotable: 'Auffällig',
  profNotableHint:
    'Werte unter den höchsten oder niedrigsten zehn Prozent der Gebiete dieser Ebene (ohne Anzahlen und Klassen).',
  profNotableHigher: (pct: number) => `höher als in ${pct} % der übrigen Gebiete`,
  profNotableLower: (pct: number) => `niedriger als in ${pct} % der übrigen Gebiete`,
  profNotableReading: (reading: string) =>
    reading === 'unfavourable' ? 'ungünstig' : reading === 'favourable' ? 'günstig' : '',
  profNoValues: (n: number) =>
    n === 1
      ? '1 Indikator ohne Wert zu diesem Stichtag:'
      : `${n} Indikatoren ohne Wert zu diesem Stichtag:`,
  mapChunkFailed:
    'Die interaktive Karte konnte nicht geladen werden; das Bild zeigt die Gebiete ohne Bedienung.',
  mapReload: 'Seite neu laden',
};
