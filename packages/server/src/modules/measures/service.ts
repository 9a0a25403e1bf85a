// Reading measures (issue 14 § 2): the list with filters, one measure with its goals' actual course
// (values as this reader may see them, disclosure control applied), its history, the form's options,
// and what the doors give other modules (signals, an area's measures, a measure for effect analysis).
import type {
  MeasureDetail,
  MeasureOptions,
  MeasureSignalItem,
  MeasureSummary,
} from '@sozialraum/contracts/measures';
import { evaluateGoal } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { getSeries } from '../indicators/index.ts';
import {
  loadMeasureTree,
  measureHref,
  readable,
  readableGoals,
  signalsOf,
  toSummary,
  type LoadedMeasure,
  type MeasureTree,
} from './load.ts';
import { canEditMeasure, canReadMeasure } from './policy.ts';
import {
  selectAreasByIds,
  selectDepartmentRecords,
  selectMeasureDeletions,
  selectMeasureHistory,
  selectMeasureVisibility,
} from './store.ts';

/** Filters of the list. */
export interface MeasureFilter {
  area?: number | undefined;
  lebenslage?: string | undefined;
  department?: string | undefined;
  status?: string | undefined;
  /** 'true': only city-wide measures; 'false': only those with areas or a location. */
  citywide?: 'true' | 'false' | undefined;
}

const matches = (m: LoadedMeasure, f: MeasureFilter): boolean =>
  (f.area === undefined || m.areas.some((a) => a.area_id === f.area)) &&
  (f.lebenslage === undefined || m.row.lebenslagen.includes(f.lebenslage)) &&
  (f.department === undefined || m.row.department_id === f.department) &&
  (f.status === undefined || m.row.status === f.status) &&
  (f.citywide === undefined || m.row.citywide === (f.citywide === 'true'));

/** The measures this principal may read, filtered. */
export async function listMeasures(
  sql: Sql,
  principal: Principal,
  filter: MeasureFilter,
): Promise<MeasureSummary[]> {
  const tree = await loadMeasureTree(sql, principal.tenantId);
  return [...tree.byId.values()]
    .filter((m) => readable(principal, m) && matches(m, filter))
    .map((m) => toSummary(tree, m, principal));
}

async function goalsWithCourse(
  sql: Sql,
  tree: MeasureTree,
  m: LoadedMeasure,
  principal: Principal,
): Promise<MeasureDetail['goals']> {
  const out: MeasureDetail['goals'] = [];
  const goals = readableGoals(tree, m, principal);
  // a city-wide measure's goals lie in areas that are not its own: their names looked up once
  const names = new Map(m.areas.map((a) => [a.area_id, a.name]));
  const missing = goals.map((g) => g.row.area_id).filter((id) => !names.has(id));
  if (missing.length > 0)
    for (const a of await selectAreasByIds(sql, principal.tenantId, missing))
      names.set(a.id, a.name);
  for (const g of goals) {
    const ind = tree.catalogue.byId.get(g.row.indicator_id)!;
    const actual = (await getSeries(sql, principal, g.row.area_id, g.row.indicator_id)).map(
      (p) => ({ date: p.date, value: p.value }),
    );
    const baseline = { date: g.row.baseline_date, value: g.row.baseline_value };
    const target = { date: g.row.target_date, value: g.row.target_value };
    const e = evaluateGoal({ baseline, target, actual });
    out.push({
      indicatorId: ind.id,
      indicatorName: ind.nameDe,
      unit: ind.unit,
      decimals: ind.decimals,
      areaId: g.row.area_id,
      areaName: names.get(g.row.area_id) ?? String(g.row.area_id),
      baseline,
      target,
      actual,
      status: e.status,
      latest: e.latest,
      expected: e.expected,
      tolerance: e.tolerance,
    });
  }
  return out;
}

async function historyOf(
  sql: Sql,
  principal: Principal,
  id: number,
): Promise<MeasureDetail['history']> {
  const rows = await selectMeasureHistory(sql, principal.tenantId, id);
  return rows.map((r) => {
    const detail = (r.detail ?? {}) as { changes?: Record<string, unknown> };
    return {
      at: new Date(r.at).toISOString(),
      action: r.action,
      // people's names only for signed-in readers (a public measure's history is public)
      actor: principal.kind === 'anonymous' ? null : r.actor,
      fields: Object.keys(detail.changes ?? {}),
    };
  });
}

/** One measure with goals, milestones, children and history; 404 when unknown or not readable. */
export async function getMeasure(
  sql: Sql,
  principal: Principal,
  id: number,
): Promise<MeasureDetail> {
  const tree = await loadMeasureTree(sql, principal.tenantId);
  const m = tree.byId.get(id);
  if (!m || !readable(principal, m)) throw notFound(`Die Maßnahme ${id} gibt es nicht.`);
  const records = new Map(
    (await selectDepartmentRecords(sql, principal.tenantId)).map((d) => [d.id, d.name]),
  );
  const parent = m.row.parent_id === null ? undefined : tree.byId.get(m.row.parent_id);
  const goals = await goalsWithCourse(sql, tree, m, principal);
  return {
    ...toSummary(tree, m, principal),
    description: m.row.description,
    organisations: m.row.organisation_ids.map((o) => ({ id: o, name: records.get(o) ?? o })),
    targetGroups: m.row.target_groups,
    weight: m.row.weight,
    enteredProgress: m.row.progress,
    milestones: m.milestones.map((s) => ({
      title: s.title,
      dueDate: s.due_date,
      weight: s.weight,
      done: s.done,
    })),
    goals,
    hiddenGoals: m.goals.length - goals.length,
    parent:
      parent && readable(principal, parent)
        ? { id: String(parent.row.id), title: parent.row.title }
        : null,
    children: m.children
      .map((c) => tree.byId.get(c)!)
      .filter((c) => readable(principal, c))
      .map((c) => ({
        id: String(c.row.id),
        title: c.row.title,
        status: toSummary(tree, c, principal).status,
        progress: Math.round(c.progress * 10) / 10,
      })),
    history: await historyOf(sql, principal, id),
    canEdit: canEditMeasure(principal, m.row.department_id),
  };
}

/** What the form offers: departments, organisations, editable departments, possible parents. */
export async function getMeasureOptions(sql: Sql, principal: Principal): Promise<MeasureOptions> {
  const [records, tree] = await Promise.all([
    selectDepartmentRecords(sql, principal.tenantId),
    loadMeasureTree(sql, principal.tenantId),
  ]);
  const departments = records.filter((d) => d.kind === 'department');
  const all = principal.permissions.has('measures.edit_all');
  return {
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    organisations: records
      .filter((d) => d.kind === 'organisation')
      .map((d) => ({ id: d.id, name: d.name })),
    editableDepartments: all
      ? ['*']
      : departments.filter((d) => canEditMeasure(principal, d.id)).map((d) => d.id),
    parents: [...tree.byId.values()]
      .filter((m) => readable(principal, m) && canEditMeasure(principal, m.row.department_id))
      .map((m) => ({ id: String(m.row.id), title: m.row.title })),
  };
}

/** A signal of a measure for the alert feed and the agenda builder (door shape, ADR 0032). */
export interface MeasureSignal {
  measureId: string;
  title: string;
  areaIds: string[];
  kind: 'overdue' | 'off_target';
  /** A German sentence. */
  detail: string;
  /** ISO date since when the signal holds. */
  since: string;
  /** '/massnahmen/<id>' */
  href: string;
}

/**
 * Overdue and off-target measures of these areas (all areas when the list is empty) whose signal
 * holds since `since` or later (all when null). For staff tools: judged on all goals and stored
 * values, without a reader's visibility — callers show them to signed-in staff only.
 */
export async function listMeasureSignals(
  db: Sql,
  tenantId: string,
  areaIds: readonly string[],
  since: string | null,
): Promise<MeasureSignal[]> {
  const tree = await loadMeasureTree(db, tenantId);
  const wanted = new Set(areaIds.map(String));
  const out: MeasureSignal[] = [];
  for (const m of tree.byId.values()) {
    const ids = m.areas.map((a) => String(a.area_id));
    if (wanted.size > 0 && !ids.some((id) => wanted.has(id))) continue;
    for (const s of signalsOf(tree, m, null))
      if (since === null || s.since >= since)
        out.push({
          measureId: String(m.row.id),
          title: m.row.title,
          areaIds: ids,
          kind: s.kind,
          detail: s.detail,
          since: s.since,
          href: measureHref(m.row.id),
        });
  }
  return out;
}

/**
 * The signals (overdue, off target) of the measures this principal may read, judged on the goals
 * she may read — for the alert feed next to the indicator alerts. Oldest signal first.
 */
export async function listReadableMeasureSignals(
  db: Sql,
  principal: Principal,
): Promise<MeasureSignalItem[]> {
  const tree = await loadMeasureTree(db, principal.tenantId);
  const out: MeasureSignalItem[] = [];
  for (const m of tree.byId.values()) {
    if (!readable(principal, m)) continue;
    for (const s of signalsOf(tree, m, principal))
      out.push({
        measureId: String(m.row.id),
        title: m.row.title,
        kind: s.kind,
        detail: s.detail,
        since: s.since,
        href: measureHref(m.row.id),
        areas: m.areas.map((a) => ({ id: a.area_id, name: a.name, code: a.code })),
        citywide: m.row.citywide,
      });
  }
  return out.sort((a, b) => a.since.localeCompare(b.since) || a.title.localeCompare(b.title));
}

/** The measures in one area this principal may read (the area profile's card). */
export async function listMeasuresForArea(
  db: Sql,
  tenantId: string,
  areaId: string,
  principal: Principal,
): Promise<Array<{ id: string; title: string; status: string; progress: number; href: string }>> {
  const tree = await loadMeasureTree(db, tenantId);
  return [...tree.byId.values()]
    .filter((m) => readable(principal, m) && m.areas.some((a) => String(a.area_id) === areaId))
    .map((m) => ({
      id: String(m.row.id),
      title: m.row.title,
      status: m.row.status,
      progress: Math.round(m.progress * 10) / 10,
      href: measureHref(m.row.id),
    }));
}

/**
 * The measures in one area this principal may read that have a start, with their areas and the
 * indicators of their readable goals (once each) — what the profile asks the effect estimate for.
 * One load of the measure tree for all of them.
 */
export async function listEffectRequestsForArea(
  db: Sql,
  principal: Principal,
  areaId: number,
): Promise<
  Array<{ id: number; title: string; start: string; areaIds: number[]; indicatorIds: string[] }>
> {
  const tree = await loadMeasureTree(db, principal.tenantId);
  return [...tree.byId.values()]
    .filter(
      (m) =>
        readable(principal, m) && m.row.start_date && m.areas.some((a) => a.area_id === areaId),
    )
    .sort((a, b) => a.row.id - b.row.id)
    .map((m) => ({
      id: m.row.id,
      title: m.row.title,
      start: m.row.start_date!,
      areaIds: m.areas.map((a) => a.area_id),
      indicatorIds: [...new Set(readableGoals(tree, m, principal).map((g) => g.row.indicator_id))],
    }));
}

/** What the effect analysis needs of a measure: areas, their level, start and goals. */
export interface MeasureForEffect {
  id: string;
  title: string;
  areaIds: string[];
  /** The level of the measure's areas when they share one. */
  areaLevel?: string;
  start: string | null;
  end: string | null;
  goals: Array<{
    indicatorId: string;
    areaId: string;
    baseline: { date: string; value: number };
    target: { date: string; value: number };
  }>;
}

/** A measure for the effect analysis, or null when unknown or not readable by this principal. */
export async function getMeasureForEffect(
  db: Sql,
  tenantId: string,
  id: string,
  principal: Principal,
): Promise<MeasureForEffect | null> {
  if (!/^\d{1,9}$/.test(id)) return null;
  const tree = await loadMeasureTree(db, tenantId);
  const m = tree.byId.get(Number(id));
  if (!m || !readable(principal, m)) return null;
  const levels = new Set(m.areas.map((a) => a.level_id));
  return {
    id,
    title: m.row.title,
    areaIds: m.areas.map((a) => String(a.area_id)),
    ...(levels.size === 1 ? { areaLevel: [...levels][0]! } : {}),
    start: m.row.start_date,
    end: m.row.end_date,
    goals: readableGoals(tree, m, principal).map(({ row: g }) => ({
      indicatorId: g.indicator_id,
      areaId: String(g.area_id),
      baseline: { date: g.baseline_date, value: g.baseline_value },
      target: { date: g.target_date, value: g.target_value },
    })),
  };
}

/** A measure as other modules name it: id, title, status and its readable goals. */
export interface MeasureRef {
  id: number;
  title: string;
  status: string;
  goals: Array<{
    indicatorId: string;
    indicatorName: string;
    areaId: number;
    unit: string | null;
    decimals: number | null;
    baseline: { date: string; value: number };
    target: { date: string; value: number };
  }>;
}

/** True when the measure exists in the principal's tenant and the principal may read it. */
export async function isMeasureReadable(
  sql: Sql,
  principal: Principal,
  id: number,
): Promise<boolean> {
  const [row] = await selectMeasureVisibility(sql, principal.tenantId, id);
  return row !== undefined && canReadMeasure(principal, row.visibility);
}

/** The measures this principal may read (for resolving ids/titles and for the programme page). */
export async function listMeasureRefs(sql: Sql, principal: Principal): Promise<MeasureRef[]> {
  const tree = await loadMeasureTree(sql, principal.tenantId);
  return [...tree.byId.values()]
    .filter((m) => readable(principal, m))
    .map((m) => ({
      id: m.row.id,
      title: m.row.title,
      status: m.row.status,
      goals: readableGoals(tree, m, principal).map((g) => {
        const ind = tree.catalogue.byId.get(g.row.indicator_id);
        return {
          indicatorId: g.row.indicator_id,
          indicatorName: g.indicatorName,
          areaId: g.row.area_id,
          unit: ind?.unit ?? null,
          decimals: ind?.decimals ?? null,
          baseline: { date: g.row.baseline_date, value: g.row.baseline_value },
          target: { date: g.row.target_date, value: g.row.target_value },
        };
      }),
    }));
}

/** Deleted measures among `ids`: id → the instant of deletion (ISO), from the audit log. */
export async function listDeletedMeasures(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id) => /^\d{1,9}$/.test(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await selectMeasureDeletions(sql, tenantId, wanted);
  return new Map(rows.map((r) => [r.entity_id, new Date(r.at).toISOString()]));
}

/** A measure as the trace names it (issue 14 § 2, „trace both ways“); title and goals only when readable. */
export interface MeasureLink {
  id: string;
  readable: boolean;
  title: string;
  status: string;
  origin: { kind: string; id: string } | null;
  goals: Array<{
    indicatorId: string;
    indicatorName: string;
    unit: string | null;
    decimals: number | null;
    areaId: number;
    areaName: string;
    baseline: { date: string; value: number };
    target: { date: string; value: number };
  }>;
}

/**
 * Every measure of the tenant with its origin, and whether this principal may read it — the trace
 * shows a measure it may not read without its title. Goals: only those on readable indicators.
 */
export async function listMeasureLinks(
  sql: Sql,
  principal: Principal,
): Promise<Map<string, MeasureLink>> {
  const tree = await loadMeasureTree(sql, principal.tenantId);
  const names = new Map<number, string>();
  for (const m of tree.byId.values()) for (const a of m.areas) names.set(a.area_id, a.name);
  const goalsOf = (m: LoadedMeasure) =>
    readable(principal, m) ? readableGoals(tree, m, principal) : [];
  const missing = [...tree.byId.values()]
    .flatMap((m) => goalsOf(m).map((g) => g.row.area_id))
    .filter((id) => !names.has(id));
  if (missing.length > 0)
    for (const a of await selectAreasByIds(sql, principal.tenantId, [...new Set(missing)]))
      names.set(a.id, a.name);
  const out = new Map<string, MeasureLink>();
  for (const m of tree.byId.values()) {
    const ok = readable(principal, m);
    out.set(String(m.row.id), {
      id: String(m.row.id),
      readable: ok,
      title: ok ? m.row.title : '',
      status: m.row.status,
      origin:
        m.row.origin_kind && m.row.origin_id
          ? { kind: m.row.origin_kind, id: m.row.origin_id }
          : null,
      goals: goalsOf(m).map((g) => {
        const ind = tree.catalogue.byId.get(g.row.indicator_id);
        return {
          indicatorId: g.row.indicator_id,
          indicatorName: g.indicatorName,
          unit: ind?.unit ?? null,
          decimals: ind?.decimals ?? null,
          areaId: g.row.area_id,
          areaName: names.get(g.row.area_id) ?? String(g.row.area_id),
          baseline: { date: g.row.baseline_date, value: g.row.baseline_value },
          target: { date: g.row.target_date, value: g.row.target_value },
        };
      }),
    });
  }
  return out;
}
