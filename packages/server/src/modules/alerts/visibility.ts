// What of the early warnings a person may see (issue 8 § 3): a rule, an alert or a detection outcome
// is visible only when every indicator and index it names is readable by her. Anything else answers
// as if it did not exist — the same words for "unknown" and "not yours".
import type { Sql } from '../../db/db.ts';
import type { Principal } from '../access/index.ts';
import { getTenantCatalogue, canReadIndicator } from '../indicators/index.ts';
import { canReadIndex } from '../monitoring/index.ts';
import type { AlertItem, AlertRule } from './store.ts';

/** Readability tests of one principal, for one request. */
export interface AlertReader {
  /** May she read this indicator? False for ids the tenant does not have. */
  indicator(id: string): boolean;
  /** May she read this index? False for unknown ids. */
  index(id: string): Promise<boolean>;
}

/** The readability tests for this principal. */
export async function alertReader(sql: Sql, auth: Principal): Promise<AlertReader> {
  const catalogue = await getTenantCatalogue(sql, auth.tenantId);
  const indices = new Map<string, Promise<boolean>>();
  return {
    indicator: (id) => {
      const ind = catalogue.byId.get(id);
      return ind !== undefined && canReadIndicator(auth, ind);
    },
    index: (id) => {
      let known = indices.get(id);
      if (!known) indices.set(id, (known = canReadIndex(sql, auth, id)));
      return known;
    },
  };
}

const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** True when every indicator or index the rule names is readable. */
export async function ruleVisible(rule: AlertRule, reader: AlertReader): Promise<boolean> {
  // counts of reports and assessments name no indicator or index: every alerts reader sees them
  if (rule.kind === 'participation_signal') return true;
  if (rule.kind === 'indicator_change')
    return stringList(rule.params.indicatorIds).every((id) => reader.indicator(id));
  const indexId = rule.params.indexId;
  return typeof indexId === 'string' && (await reader.index(indexId));
}

/** True when the alert's indicator or index is readable. */
export async function alertVisible(alert: AlertItem, reader: AlertReader): Promise<boolean> {
  if (alert.indicator && !reader.indicator(alert.indicator.id)) return false;
  if (alert.indexId && !(await reader.index(alert.indexId))) return false;
  return true;
}

/** The items that pass an async test, in order. */
export async function filterVisible<T>(
  items: readonly T[],
  visible: (item: T) => Promise<boolean>,
): Promise<T[]> {
  const keep = await Promise.all(items.map(visible));
  return items.filter((_, i) => keep[i]);
}
