// Texts of the area lifecycle on the profile page (Gebiet verwalten: auflösen, entfernen), German.
export const areasDe = {
  areaManage: 'Gebiet verwalten',
  areaRetiredSince: (date: string) =>
    `Aufgelöst zum ${date}: es bleibt mit seinen Werten erhalten, wird aber für spätere Stichtage nicht mehr zugeordnet.`,
  areaRetireDate: 'Auflösen zum (letzter gültiger Tag)',
  areaRetireHint: 'Das Gebiet bleibt mit seinen Werten erhalten und wird als „aufgelöst“ geführt.',
  areaRetireDateMissing: 'Bitte das Enddatum angeben (letzter Tag, an dem das Gebiet gilt).',
  areaRetire: 'Gebiet auflösen',
  areaRemove: 'Gebiet entfernen …',
  areaRemoveTitle: (label: string) => `${label} entfernen?`,
  areaRemoveWhat: 'Mit dem Gebiet werden endgültig entfernt:',
  areaRemoveHint:
    'Die Summen der übergeordneten Gebiete werden neu berechnet. Die Änderung wird im Protokoll festgehalten. Soll das Gebiet mit seinen Werten erhalten bleiben, lösen Sie es stattdessen auf.',
  areaRemoveConfirm: 'Endgültig entfernen',
  areaRemoveCancel: 'Abbrechen',
  areaRetiredNote: (date: string) => ` (aufgelöst ${date})`,
  areaUnreachable: 'Der Server ist nicht erreichbar. Bitte später erneut versuchen.',
  areaLineValues: (n: string, one: boolean, indicators: string) =>
    `${n} ${one ? 'Wert' : 'Werte'}${indicators ? ` (${indicators})` : ''}`,
  areaLinePoints: (n: string, one: boolean) =>
    `${n} ${one ? 'Standort-Zuordnung' : 'Standort-Zuordnungen'} (die Standorte selbst bleiben)`,
  areaLineAlerts: (n: string, one: boolean) => `${n} ${one ? 'Frühwarnung' : 'Frühwarnungen'}`,
  areaLineSubs: (n: string, one: boolean) => `${n} ${one ? 'Abo' : 'Abos'} für dieses Gebiet`,
  areaLineSynonyms: (n: string, one: boolean) =>
    `${n} gespeicherte ${one ? 'Schreibweise' : 'Schreibweisen'} des Namens`,
  missingRetire: (n: string) =>
    n === '1'
      ? 'Auflösen: das Gebiet bleibt mit seinen Werten erhalten und gilt bis zum Tag vor „gültig ab“ (ohne Angabe: bis heute)'
      : `Auflösen: die ${n} Gebiete bleiben mit ihren Werten erhalten und gelten bis zum Tag vor „gültig ab“ (ohne Angabe: bis heute)`,
  miniMapLabel: (name: string, n: number) =>
    `Lage von ${name} mit ${n === 1 ? 'einem Nachbargebiet' : `${n} Nachbargebieten`}`,
  miniMapNeighbour: (name: string) => `Nachbargebiet ${name} – Profil öffnen`,
  miniMapCaption: (level: string, n: number) =>
    `Lage im Stadtgebiet: das Gebiet (dunkel) und ${n === 1 ? 'ein umliegendes Gebiet' : `${n} umliegende Gebiete`} der Ebene ${level}.`,
  miniMapOpenMap: 'Auf der Karte zeigen',
};
