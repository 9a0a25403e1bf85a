// Policy of the alerts module: early warnings are internal (never public); rules belong to a
// department — owners edit them, 'alerts.rules_all' edits every rule.
import { mayEditAlertRule } from '@sozialraum/contracts/rules';
import { editorOf, type Principal, notOwnDepartment } from '../access/index.ts';
import { HttpError } from '../../http/errors.ts';

export { permissions } from './permissions.ts';

/**
 * Refuses unless the principal may edit rules of this department; the refusal names the rule's
 * department, the caller's own and „alerts.rules_all“ (ADR 0012).
 */
export function assertCanEditRule(principal: Principal, department: string, ruleId: string): void {
  if (mayEditAlertRule(editorOf(principal), department)) return;
  throw notOwnDepartment(
    principal,
    { label: `Die Regel „${ruleId}“`, department },
    'alerts.rules',
    'alerts.rules_all',
  );
}

/** True when the subscription goes to the principal's own address, or she has „alerts.rules_all“. */
export function ownsSubscription(principal: Principal, email: string): boolean {
  return (
    principal.permissions.has('alerts.rules_all') ||
    email.toLowerCase() === principal.name.toLowerCase()
  );
}

/**
 * Refuses a subscription for another address: subscriptions go to the caller's own address unless
 * the caller has „alerts.rules_all“ (ADR 0012: the refusal names it).
 */
export function assertOwnSubscription(
  principal: Principal,
  email: string,
  action: 'anlegen' | 'löschen',
): void {
  if (ownsSubscription(principal, email)) return;
  const who = principal.kind === 'token' ? 'Ihr API-Token darf' : 'Sie dürfen';
  throw new HttpError(
    403,
    'forbidden',
    action === 'anlegen'
      ? `Abonnements gehen an die eigene E-Mail-Adresse („${principal.name}“); für andere Adressen braucht es die Berechtigung „alerts.rules_all“.`
      : `${who} nur eigene Abonnements löschen; für fremde braucht es die Berechtigung „alerts.rules_all“.`,
    { missingPermission: 'alerts.rules_all', caller: principal.kind },
  );
}
