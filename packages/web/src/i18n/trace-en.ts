// English texts of the trace (issue 14 § 2).
import type { traceDe } from './trace-de.ts';

export const traceEn: typeof traceDe = {
  trOrigin: 'Where does this come from?',
  trOutcome: 'What became of it?',
  trKindAlert: 'Early warning',
  trKindSignal: 'Occasion',
  trKindAgendaItem: 'Agenda item',
  trKindDecision: 'Decision',
  trKindMeasure: 'Measure',
  trItemProposed: 'proposed',
  trItemAccepted: 'dealt with',
  trItemOnAgenda: 'on the agenda',
  trItemNotTreated: 'not dealt with',
  trItemMerged: 'merged',
  trWithheld: 'not public',
  trMeeting: (title: string, when: string) => `${title} on ${when}`,
  trMergedInto: 'merged into',
  trMeasureDeleted: (when: string) => `deleted on ${when}`,
  trGoal: (indicator: string, area: string, value: string, date: string) =>
    `Goal: ${indicator} in ${area} – ${value} by ${date}`,
  trNothingYet: 'Nothing yet: on no agenda, no measure.',
  trNoMeasureYet: 'No measure yet.',
  trWithoutMeeting:
    'Decided without a conference. This measure comes from no meeting and no early warning – which is allowed.',
  trWithoutMeetingShort: 'created without a meeting or early warning',
  trGoalsOfMeasure: (title: string) => `Goals of the measure “${title}”`,
  trLoading: 'Loading the trace …',
};
