// Alerts of some areas since a date, as the person asking may see them — for the agenda builder of
// Sozialraumkonferenzen (issue 14 § 1), which proposes new warnings in a body's areas.
import type { Sql } from '../../db/db.ts';
import type { Principal } from '../access/index.ts';
import { listAlerts, type AlertItem } from './store.ts';
import { alertReader, alertVisible, filterVisible } from './visibility.ts';

/** Visible alerts of these areas created after `since` (all when null), newest first. */
export async function listAlertsInAreas(
  sql: Sql,
  auth: Principal,
  areaIds: readonly number[],
  since: string | null,
): Promise<AlertItem[]> {
  const reader = await alertReader(sql, auth);
  const out: AlertItem[] = [];
  for (const area of areaIds) {
    const items = await listAlerts(sql, auth.tenantId, { area });
    out.push(...items.filter((a) => since === null || a.createdAt > since));
  }
  return filterVisible(out, (a) => alertVisible(a, reader));
}

/**
 * One alert as the person asking may see it, or null (unknown, or about an indicator or index she
 * may not read) — for a measure created from an alert (issue 14 § 2, „Woher kommt das?“).
 */
export async function getVisibleAlert(
  sql: Sql,
  auth: Principal,
  id: number,
): Promise<AlertItem | null> {
  if (!auth.permissions.has('alerts.read')) return null;
  const [alert] = await listAlerts(sql, auth.tenantId, { id });
  if (!alert || !(await alertVisible(alert, await alertReader(sql, auth)))) return null;
  return alert;
}

/**
 * The alerts among `ids` the person asking may see, by id (one reader for all) — for the trace of
 * Sozialraumkonferenzen and measures (issue 14 § 2): an alert she may not see is named without its text.
 */
export async function getVisibleAlerts(
  sql: Sql,
  auth: Principal,
  ids: readonly number[],
): Promise<Map<number, AlertItem>> {
  const out = new Map<number, AlertItem>();
  if (!auth.permissions.has('alerts.read')) return out;
  const reader = await alertReader(sql, auth);
  for (const id of new Set(ids)) {
    const [alert] = await listAlerts(sql, auth.tenantId, { id });
    if (alert && (await alertVisible(alert, reader))) out.set(id, alert);
  }
  return out;
}
