// Policy of the surveys module (issue 13 § 3, ADR 0038). Everyone — without an account — may read
// open surveys and answer them (the tenant's 'anonymous' role holds surveys.read and
// surveys.answer); a survey for signed-in people refuses anonymous answers. Results are public once
// the survey is closed and its results are released (the default); planners (surveys.edit) see
// them at any time, export the answers and turn results into indicators.
import type { Principal } from '../access/index.ts';

export const permissions = {
  'surveys.read': 'Offene Befragungen und freigegebene Ergebnisse lesen',
  'surveys.answer': 'An offenen Befragungen teilnehmen (auch ohne Anmeldung)',
  'surveys.edit':
    'Befragungen anlegen, ändern, öffnen und schließen; Ergebnisse jederzeit sehen, Antworten exportieren, Ergebnisse als Indikator übernehmen',
} as const;

/** Whether the principal may see a survey's results now. */
export function mayReadResults(
  principal: Principal,
  survey: { status: string; results_public: boolean },
): boolean {
  if (principal.permissions.has('surveys.edit')) return true;
  return survey.status === 'closed' && survey.results_public;
}

/** Whether the principal may answer a survey of this access kind. */
export function mayAnswer(principal: Principal, access: string): boolean {
  return access === 'anonymous' || principal.kind !== 'anonymous';
}
