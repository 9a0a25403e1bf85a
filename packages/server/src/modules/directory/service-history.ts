// The Verlauf of a service (issue 12 § 1: "changes are audited and visible in the Verlauf"): the
// audit entries of the service itself (fields, own hours, costs, places, capacities), of its
// service-at-location links (place hours) and of its organisation's work areas, newest first. Read
// by the people who maintain the service (directory.edit_own of its organisation, edit_all) and by
// audit readers; everyone else signed in gets 403, visitors 401 (ADR 0055).
import type { ServiceHistory } from '@sozialraum/contracts/directory-edit';
import type { Sql } from '../../db/db.ts';
import { forbidden, notFound, unauthorized } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { diffRecords, listEntriesAbout } from '../audit/index.ts';
import { canReadServiceHistory } from './policy.ts';
import { selectAreaRefs } from './edit-store.ts';
import { PLACE_HOURS_PREFIX } from './import-changes.ts';
import {
  selectLocationsByIds,
  selectOrganisationsByIds,
  selectServicesByIds,
} from './read-store.ts';

type Change = ServiceHistory['entries'][number]['changes'][number];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Entries per page of the Verlauf. */
export const HISTORY_PAGE = 200;

/** Fields of an entry's detail that say whose entry it is, not what changed. */
const CONTEXT_KEYS = new Set(['organisation', 'serviceId']);

/**
 * An HSDS import's rows for one service: the files it came from, then the service's changed
 * fields old → new as the import recorded them (import-changes.ts; none for a service it created
 * or left as it was), and how many more fields changed than were recorded.
 */
function importChangesOf(detail: Record<string, unknown>, serviceId: string | null): Change[] {
  const files: Change = { field: 'hsdsFiles', before: null, after: detail.files ?? null };
  const all = detail.serviceChanges;
  const mine = serviceId !== null && isRecord(all) ? all[serviceId] : undefined;
  if (!isRecord(mine) || !isRecord(mine.changes)) return [files];
  const rows: Change[] = Object.entries(mine.changes).map(([field, d]) => ({
    field,
    before: isRecord(d) ? (d.before ?? null) : null,
    after: isRecord(d) ? (d.after ?? null) : null,
  }));
  if (typeof mine.moreFields === 'number' && mine.moreFields > 0)
    rows.push({ field: 'moreFields', before: null, after: mine.moreFields });
  return [files, ...rows];
}

/**
 * What an audit detail says changed, as field/before/after rows: a before/after snapshot pair is
 * compared field by field; a field holding {before, after} is one change; other fields are values
 * set (before null). Work areas keep their before/after lists under the field „workAreas“. An
 * import's entry is read for the service whose Verlauf it is.
 */
export function changesOf(
  entity: string,
  detail: unknown,
  serviceId: string | null = null,
): Change[] {
  if (!isRecord(detail)) return [];
  if (entity === 'directory') return importChangesOf(detail, serviceId);
  const { before, after } = detail;
  if (isRecord(before) || isRecord(after)) {
    const diff = diffRecords(isRecord(before) ? before : null, isRecord(after) ? after : null);
    return Object.entries(diff).map(([field, d]) => ({ field, ...d }));
  }
  if (Array.isArray(before) || Array.isArray(after))
    return [
      { field: entity === 'network_organization_area' ? 'workAreas' : 'value', before, after },
    ];
  return Object.entries(detail)
    .filter(([k]) => !CONTEXT_KEYS.has(k))
    .map(([field, v]) =>
      isRecord(v) && 'after' in v
        ? { field, before: v.before ?? null, after: v.after ?? null }
        : { field, before: null, after: v ?? null },
    );
}

const ID_FIELDS = {
  organisationId: 'organisation',
  locationIds: 'location',
  areaIds: 'area',
  workAreas: 'area',
} as const;

/** Replaces the ids in organisation, place and area fields by names (ids no longer known stay). */
async function named(sql: Sql, tenantId: string, changes: Change[][]): Promise<Change[][]> {
  const ids = {
    organisation: new Set<string>(),
    location: new Set<string>(),
    area: new Set<number>(),
  };
  const each = (v: unknown, f: (x: string | number) => void) =>
    (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]).forEach((x) => {
      if (typeof x === 'string' || typeof x === 'number') f(x);
    });
  for (const c of changes.flat()) {
    if (c.field.startsWith(PLACE_HOURS_PREFIX))
      ids.location.add(c.field.slice(PLACE_HOURS_PREFIX.length));
    const kind = ID_FIELDS[c.field as keyof typeof ID_FIELDS];
    if (!kind) continue;
    for (const v of [c.before, c.after])
      each(v, (x) => (kind === 'area' ? ids.area.add(Number(x)) : ids[kind].add(String(x))));
  }
  const [orgs, locations, areas] = await Promise.all([
    selectOrganisationsByIds(sql, tenantId, [...ids.organisation]),
    selectLocationsByIds(sql, tenantId, [...ids.location]),
    selectAreaRefs(sql, tenantId, [...ids.area].filter(Number.isInteger)),
  ]);
  const names = new Map<string, string>([
    ...orgs.map((o) => [`organisation:${o.id}`, o.name] as const),
    ...locations.map((l) => [`location:${l.id}`, l.name] as const),
    ...areas.map((a) => [`area:${a.id}`, a.name] as const),
  ]);
  const rename = (kind: string, v: unknown): unknown =>
    Array.isArray(v)
      ? v.map((x) => rename(kind, x))
      : typeof v === 'string' || typeof v === 'number'
        ? (names.get(`${kind}:${v}`) ?? v)
        : v;
  // a place's hours (from an import) are named by the place: `schedules:Treff Wedding`
  const placeHours = (field: string) =>
    field.startsWith(PLACE_HOURS_PREFIX)
      ? `${PLACE_HOURS_PREFIX}${rename('location', field.slice(PLACE_HOURS_PREFIX.length))}`
      : field;
  return changes.map((list) =>
    list.map((c) => {
      if (c.field.startsWith(PLACE_HOURS_PREFIX)) return { ...c, field: placeHours(c.field) };
      const kind = ID_FIELDS[c.field as keyof typeof ID_FIELDS];
      return kind ? { ...c, before: rename(kind, c.before), after: rename(kind, c.after) } : c;
    }),
  );
}

/** The history of one service, newest first; 404 unknown, 401 visitors, 403 without the right. */
export async function getServiceHistory(
  sql: Sql,
  principal: Principal,
  serviceId: string,
  before: number | null = null,
): Promise<ServiceHistory> {
  if (principal.kind === 'anonymous') throw unauthorized();
  const t = principal.tenantId;
  const [s] = await selectServicesByIds(sql, t, [serviceId]);
  const [org] = s ? await selectOrganisationsByIds(sql, t, [s.organization_id]) : [];
  if (!s || !org) throw notFound(`Das Angebot „${serviceId}“ gibt es nicht.`);
  if (!canReadServiceHistory(principal, { departmentId: org.department_id }))
    throw forbidden(
      `Den Verlauf dieses Angebots sehen die Organisation „${org.name}“, die Datenverantwortung und wer das Protokoll lesen darf.`,
    );
  const found = await listEntriesAbout(
    sql,
    t,
    {
      records: [
        { entity: 'directory_service', entityId: serviceId },
        { entity: 'network_organization_area', entityId: org.id },
      ],
      mentions: [{ entity: 'service_at_location', key: 'serviceId', value: serviceId }],
      listed: [{ entity: 'directory', key: 'serviceIds', value: serviceId }],
    },
    HISTORY_PAGE + 1,
    before,
  );
  const more = found.length > HISTORY_PAGE;
  const entries = found.slice(0, HISTORY_PAGE);
  const changes = await named(
    sql,
    t,
    entries.map((e) => changesOf(e.entity, e.detail, serviceId)),
  );
  return {
    serviceId,
    name: s.name,
    more,
    entries: entries.map((e, i) => ({
      id: e.id,
      at: e.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      changes: changes[i]!,
    })),
  };
}
