// German texts of the trace (issue 14 § 2): „Woher kommt das?“ and „Was ist daraus geworden?“.
export const traceDe = {
  trOrigin: 'Woher kommt das?',
  trOutcome: 'Was ist daraus geworden?',
  trKindAlert: 'Frühwarnung',
  trKindSignal: 'Anlass',
  trKindAgendaItem: 'Tagesordnungspunkt',
  trKindDecision: 'Beschluss',
  trKindMeasure: 'Maßnahme',
  trItemProposed: 'vorgeschlagen',
  trItemAccepted: 'behandelt',
  trItemOnAgenda: 'auf der Tagesordnung',
  trItemNotTreated: 'nicht behandelt',
  trItemMerged: 'zusammengelegt',
  trWithheld: 'nicht öffentlich',
  trMeeting: (title: string, when: string) => `${title} am ${when}`,
  trMergedInto: 'zusammengelegt mit',
  trMeasureDeleted: (when: string) => `gelöscht am ${when}`,
  trGoal: (indicator: string, area: string, value: string, date: string) =>
    `Ziel: ${indicator} in ${area} – ${value} bis ${date}`,
  trNothingYet: 'Noch nichts: auf keiner Tagesordnung, keine Maßnahme.',
  trNoMeasureYet: 'Noch keine Maßnahme.',
  trWithoutMeeting:
    'Ohne Konferenz beschlossen. Diese Maßnahme kommt aus keiner Sitzung und keiner Frühwarnung – das ist erlaubt.',
  trWithoutMeetingShort: 'ohne Sitzung und ohne Frühwarnung angelegt',
  trGoalsOfMeasure: (title: string) => `Ziele der Maßnahme „${title}“`,
  trLoading: 'Verfolgung wird geladen …',
};
