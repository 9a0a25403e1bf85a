// Pure rules the server enforces and the web app shows before it asks: the password rule, the safe
// return path after sign-in, and who may edit a department's record. One copy for both sides; no
// zod here, so the web bundle takes these without the schemas.

/** One rule for a new password: a short German phrase (form hints) and the server's sentence. */
export interface PasswordRule {
  id: 'min_length' | 'max_length' | 'email_name' | 'distinct_chars';
  /** Completes „Das Passwort muss …“ in the forms' lists, e.g. „mindestens 12 Zeichen“. */
  short: string;
  /** The server's refusal. */
  sentence: string;
}

const emailName = (email: string | null | undefined): string =>
  (email?.split('@')[0] ?? '').toLowerCase();

/**
 * The rules a new password breaks (BSI/NIST: length over composition rules): at least 12 and at
 * most 256 characters, not the e-mail address's name, at least 5 different characters. In this
 * order; the server refuses with the first.
 */
export function passwordRuleBreaks(password: string, email?: string | null): PasswordRule[] {
  const out: PasswordRule[] = [];
  if (password.length < 12)
    out.push({
      id: 'min_length',
      short: 'mindestens 12 Zeichen',
      sentence: 'Das Passwort muss mindestens 12 Zeichen lang sein.',
    });
  if (password.length > 256)
    out.push({
      id: 'max_length',
      short: 'höchstens 256 Zeichen',
      sentence: 'Das Passwort darf höchstens 256 Zeichen lang sein.',
    });
  const name = emailName(email);
  if (name.length > 0 && password.toLowerCase().includes(name))
    out.push({
      id: 'email_name',
      short: 'nicht den Namen der E-Mail-Adresse enthalten',
      sentence: 'Das Passwort darf den Namen der E-Mail-Adresse nicht enthalten.',
    });
  if (new Set(password).size < 5)
    out.push({
      id: 'distinct_chars',
      short: 'mindestens 5 verschiedene Zeichen',
      sentence: 'Das Passwort besteht aus zu wenigen verschiedenen Zeichen.',
    });
  return out;
}

/** Longest return path kept (longer ones are cut). */
export const RETURN_PATH_MAX_CHARS = 500;

/**
 * Whether `path` may be where the app goes after sign-in: an in-app path — never another site
 * ('//host', 'https:', a backslash), never the API, no control characters, and never back to the
 * sign-in or password pages.
 */
export function isSafeReturnPath(path: string | null | undefined): path is string {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return false;
  if (path.startsWith('/api/') || /[\u0000-\u001f\u007f]/.test(path)) return false;
  return !/^\/(anmelden|passwort)(\/|\?|#|$)/.test(path);
}

/** Who asks, as far as the edit rules need: the permissions held and the own department. */
export interface Editor {
  holds: (permission: string) => boolean;
  departmentId: string | null;
}

/**
 * The department rule of ADR 0012: `all` edits every record; `own` edits the records of the own
 * department (a record without a department belongs to nobody's).
 */
export function mayEditOwned(
  who: Editor,
  department: string | null,
  own: string,
  all: string,
): boolean {
  if (who.holds(all)) return true;
  return who.holds(own) && department !== null && department === who.departmentId;
}

/** Whether someone may change an indicator: indicators.edit_all, or indicators.edit for the own department's. */
export const mayEditIndicator = (who: Editor, department: string | null): boolean =>
  mayEditOwned(who, department, 'indicators.edit', 'indicators.edit_all');

/** Whether someone may change an alert rule: alerts.rules_all, or alerts.rules for the own department's. */
export const mayEditAlertRule = (who: Editor, department: string | null): boolean =>
  mayEditOwned(who, department, 'alerts.rules', 'alerts.rules_all');
