// What an HSDS import changed of the services that were there before (ADR 0061): each service is
// read before and after the import's writes, in the same transaction, as the field snapshot a manual
// edit records (service-edit.ts) plus its places' opening hours, and compared field by field
// (diffRecords, as the Verlauf compares a manual edit's before/after). Bounded, so one import of a
// whole directory keeps a small audit entry: at most IMPORT_DIFF_LIMITS.fields fields per service and
// .services services, each with a count of what was left out; long texts and lists are cut.
import { groupBy } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { diffRecords } from '../audit/index.ts';
import {
  selectSals,
  selectSchedules,
  selectServiceExtras,
  selectServicesByIds,
} from './read-store.ts';
import { costOptionOf, intervalOf, serviceSnapshot } from './service.ts';

export const IMPORT_DIFF_LIMITS = {
  /** fields recorded per service; the rest counted in moreFields */
  fields: 20,
  /** services recorded per import entry; the rest counted in moreServices */
  services: 200,
  /** characters kept of a text value (cut with „…“) */
  textChars: 300,
  /** items kept of a list value (the rest dropped; the count of all kept as a last item) */
  listItems: 30,
} as const;

/** Key of a place's opening hours in a snapshot: `schedules:<location id>`. */
export const PLACE_HOURS_PREFIX = 'schedules:';

type Snapshot = Record<string, unknown>;

/** The changed fields of one service, old → new; moreFields counts those left out. */
export interface ServiceImportChange {
  changes: Record<string, { before: unknown; after: unknown }>;
  moreFields: number;
}

/** The audit detail's part about changed services. */
export interface ImportChanges {
  serviceChanges: Record<string, ServiceImportChange>;
  moreServices: number;
}

/** A stable order of rows whose ids come from the file (hours: by weekday, then time, as JSON). */
const byJson = (a: unknown, b: unknown) => {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The snapshots of these services (fields, places, contacts, own hours, costs and each place's
 * hours), in a few queries for all of them.
 */
export async function importSnapshots(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, Snapshot>> {
  const out = new Map<string, Snapshot>();
  if (ids.length === 0) return out;
  const [services, links, extras] = await Promise.all([
    selectServicesByIds(sql, tenantId, ids),
    selectSals(sql, tenantId, { serviceIds: ids }),
    selectServiceExtras(sql, tenantId, ids),
  ]);
  const hours = await selectSchedules(
    sql,
    tenantId,
    links.map((l) => l.id),
  );
  // grouped once: a whole directory's import reads thousands of services
  const linksOf = groupBy(links, (l) => l.service_id);
  const contactsOf = groupBy(extras.contacts, (c) => c.service_id);
  const schedulesOf = groupBy(extras.schedules, (x) => x.service_id);
  const costsOf = groupBy(extras.costs, (c) => c.service_id);
  const hoursOf = groupBy(hours, (h) => h.service_at_location_id);
  for (const s of services) {
    const own = linksOf.get(s.id) ?? [];
    const snap: Snapshot = {
      ...serviceSnapshot(
        s,
        own.map((l) => l.location_id),
      ),
      // contact ids come from the file: compared by what they say, in a stable order
      contacts: (contactsOf.get(s.id) ?? [])
        .map((c) => ({ name: c.name, title: c.title, email: c.email, phone: c.phone }))
        .sort(byJson),
      serviceSchedules: (schedulesOf.get(s.id) ?? []).map(intervalOf).sort(byJson),
      costOptions: (costsOf.get(s.id) ?? []).map(costOptionOf).sort(byJson),
    };
    for (const l of own)
      snap[`${PLACE_HOURS_PREFIX}${l.location_id}`] = (hoursOf.get(l.id) ?? [])
        .map(intervalOf)
        .sort(byJson);
    out.set(s.id, snap);
  }
  return out;
}

/** A value as kept in the entry: long texts cut, long lists shortened. */
function bounded(v: unknown): unknown {
  const { textChars, listItems } = IMPORT_DIFF_LIMITS;
  if (typeof v === 'string') return v.length > textChars ? `${v.slice(0, textChars)}…` : v;
  if (Array.isArray(v))
    return v.length > listItems
      ? [...v.slice(0, listItems).map(bounded), `… ${v.length - listItems} weitere`]
      : v.map(bounded);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bounded(x)]));
  return v;
}

/**
 * The changes between the snapshots before and after the import, services in the order given;
 * services without a change are left out, and so is a service no longer there afterwards.
 */
export function importChanges(
  order: readonly string[],
  before: Map<string, Snapshot>,
  after: Map<string, Snapshot>,
): ImportChanges {
  const { fields, services } = IMPORT_DIFF_LIMITS;
  const serviceChanges: Record<string, ServiceImportChange> = {};
  let recorded = 0;
  let moreServices = 0;
  for (const id of order) {
    const b = before.get(id);
    const a = after.get(id);
    if (!b || !a) continue;
    const diff = Object.entries(diffRecords(b, a));
    if (diff.length === 0) continue;
    if (recorded >= services) {
      moreServices++;
      continue;
    }
    recorded++;
    serviceChanges[id] = {
      changes: Object.fromEntries(
        diff
          .slice(0, fields)
          .map(([k, d]) => [k, { before: bounded(d.before), after: bounded(d.after) }]),
      ),
      moreFields: Math.max(0, diff.length - fields),
    };
  }
  return { serviceChanges, moreServices };
}
