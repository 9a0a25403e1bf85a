// The people of the e2e journeys (created by global-setup in the server's database) and the demo
// indicator global-setup makes "verwaltungsintern". Plain constants: the journeys import them
// without pulling in server code.

/** Password of every e2e person (≥ 12 characters, not containing the address). */
export const E2E_PASSWORD = 'Sonnenblume-Kreuzberg-2026';

export interface E2ePerson {
  email: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
}

/** A planner of Sozialplanung: edits her department's indicators (the ewr_* demo indicators). */
export const PLANNER: E2ePerson = {
  email: 'paula.planer@berlin.example',
  displayName: 'Paula Planer',
  departmentId: 'sozialplanung',
  roles: ['department_planner'],
};

/** A planner of Stadtentwicklung: imports values into its MSS indicators (import journey). */
export const IMPORTER: E2ePerson = {
  email: 'ines.import@berlin.example',
  displayName: 'Ines Import',
  departmentId: 'stadtentwicklung',
  roles: ['department_planner'],
};

/** The administration: people, departments, roles, whole audit log. */
export const ADMIN: E2ePerson = {
  email: 'ada.admin@berlin.example',
  displayName: 'Ada Admin',
  departmentId: 'sozialplanung',
  roles: ['administrator'],
};

/**
 * A person of the Träger of „Kita F.A.I.R.play“ (role Träger): maintains only that Träger's entries
 * in the directory (global-setup links the Träger's directory organisation to this department).
 */
export const PROVIDER: E2ePerson = {
  email: 'theo.traeger@berlin.example',
  displayName: 'Theo Träger',
  departmentId: 'e2e-traeger-gfj',
  roles: ['provider'],
};

/** The directory organisation PROVIDER works for (name as in the Kita register). */
export const PROVIDER_ORGANISATION =
  'GFJ - gemeinnützige Gesellschaft für Familien- und Jugendhilfe mbH';

export const E2E_PEOPLE: readonly E2ePerson[] = [PLANNER, IMPORTER, ADMIN, PROVIDER];

/** A public demo indicator of Stadtentwicklung that global-setup turns "internal" (signed-in only). */
export const INTERNAL_INDICATOR = 'mss_k02';
