// The tenant's measures as one tree (issue 14 § 2): rows, areas, milestones and goals loaded
// together, progress rolled up (core) and goals judged against their target lines. Reads only.
import {
  evaluateGoal,
  measureSignals,
  rollUpProgress,
  type GoalEvaluation,
  type MeasureSignalFact,
  type MeasureStatus,
} from '@sozialraum/core';
import type { MeasureSummary } from '@sozialraum/contracts/measures';
import type { Dimension } from '@sozialraum/contracts/enums';
import type { Sql } from '../../db/db.ts';
import type { Principal } from '../access/index.ts';
import { canReadIndicator, getTenantCatalogue, type Catalogue } from '../indicators/index.ts';
import { canReadMeasure } from './policy.ts';
import {
  selectGoals,
  selectGoalValues,
  selectMeasureAreas,
  selectMeasures,
  selectMilestones,
  type GoalRow,
  type MeasureAreaRow,
  type MeasureRow,
  type MilestoneRow,
} from './store.ts';

/** A goal with its judgement on the stored values. */
export interface JudgedGoal {
  row: GoalRow;
  indicatorName: string;
  evaluation: GoalEvaluation;
}

/** One measure with everything the answers need. */
export interface LoadedMeasure {
  row: MeasureRow;
  areas: MeasureAreaRow[];
  milestones: MilestoneRow[];
  goals: JudgedGoal[];
  progress: number;
  children: number[];
}

export interface MeasureTree {
  byId: Map<number, LoadedMeasure>;
  catalogue: Catalogue;
  today: string;
}

/** Today's date in UTC (the server's clock; core is handed it). */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

function groupBy<T>(rows: readonly T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

/** Loads the tenant's measures, rolls progress up and judges their goals. */
export async function loadMeasureTree(
  sql: Sql,
  tenantId: string,
  today = todayIso(),
): Promise<MeasureTree> {
  const [rows, areas, milestones, goals, values, catalogue] = await Promise.all([
    selectMeasures(sql, tenantId),
    selectMeasureAreas(sql, tenantId),
    selectMilestones(sql, tenantId),
    selectGoals(sql, tenantId),
    selectGoalValues(sql, tenantId),
    getTenantCatalogue(sql, tenantId),
  ]);
  const areasBy = groupBy(areas, (a) => a.measure_id);
  const milestonesBy = groupBy(milestones, (m) => m.measure_id);
  const goalsBy = groupBy(goals, (g) => g.measure_id);
  const series = new Map<string, { date: string; value: number | null }[]>();
  for (const v of values) {
    const k = `${v.indicator_id}\u0000${v.area_id}`;
    let list = series.get(k);
    if (!list) series.set(k, (list = []));
    list.push({ date: v.ref_date, value: v.value });
  }
  const progress = rollUpProgress(
    rows.map((r) => ({
      id: String(r.id),
      parentId: r.parent_id === null ? null : String(r.parent_id),
      weight: r.weight,
      status: r.status as MeasureStatus,
      progress: r.progress,
      milestones: milestonesBy.get(r.id) ?? [],
    })),
  );
  const byId = new Map<number, LoadedMeasure>();
  for (const r of rows)
    byId.set(r.id, {
      row: r,
      areas: areasBy.get(r.id) ?? [],
      milestones: milestonesBy.get(r.id) ?? [],
      goals: (goalsBy.get(r.id) ?? []).map((g) => ({
        row: g,
        indicatorName: catalogue.byId.get(g.indicator_id)?.nameDe ?? g.indicator_id,
        evaluation: evaluateGoal({
          baseline: { date: g.baseline_date, value: g.baseline_value },
          target: { date: g.target_date, value: g.target_value },
          actual: series.get(`${g.indicator_id}\u0000${g.area_id}`) ?? [],
        }),
      })),
      progress: progress.get(String(r.id)) ?? 0,
      children: [],
    });
  for (const m of byId.values())
    if (m.row.parent_id !== null) byId.get(m.row.parent_id)?.children.push(m.row.id);
  return { byId, catalogue, today };
}

/** The goals of a measure whose indicators this principal may read (all when principal is null). */
export function readableGoals(
  tree: MeasureTree,
  m: LoadedMeasure,
  principal: Principal | null,
): JudgedGoal[] {
  if (!principal) return m.goals;
  return m.goals.filter((g) => {
    const ind = tree.catalogue.byId.get(g.row.indicator_id);
    return ind !== undefined && canReadIndicator(principal, ind);
  });
}

/** The signals of a measure, from the goals this principal may read. */
export function signalsOf(
  tree: MeasureTree,
  m: LoadedMeasure,
  principal: Principal | null,
): MeasureSignalFact[] {
  return measureSignals({
    status: m.row.status as MeasureStatus,
    end: m.row.end_date,
    today: tree.today,
    goals: readableGoals(tree, m, principal).map((g) => ({
      indicatorName: g.indicatorName,
      evaluation: g.evaluation,
      targetDate: g.row.target_date,
    })),
  });
}

/** True when the principal may read the measure. */
export const readable = (principal: Principal, m: LoadedMeasure): boolean =>
  canReadMeasure(principal, m.row.visibility);

/** The web address of a measure's page. */
export const measureHref = (id: number | string): string => `/massnahmen/${id}`;

/**
 * Where the map puts the measure's marker: its point (or a line's first point), else the mean of
 * its areas' box centres; null without either.
 */
export function markerOf(m: LoadedMeasure): [number, number] | null {
  const g = m.row.geometry as { type?: string; coordinates?: unknown } | null;
  if (g?.type === 'Point') return g.coordinates as [number, number];
  if (g?.type === 'LineString') return (g.coordinates as [number, number][])[0] ?? null;
  const centres = m.areas
    .map((a) => a.bbox)
    .filter((b): b is number[] => Array.isArray(b) && b.length === 4)
    .map((b) => [(b[0]! + b[2]!) / 2, (b[1]! + b[3]!) / 2] as const);
  if (centres.length === 0) return null;
  const mean = (i: 0 | 1) => centres.reduce((s, c) => s + c[i], 0) / centres.length;
  return [mean(0), mean(1)];
}

/** The list entry of a measure. */
export function toSummary(
  tree: MeasureTree,
  m: LoadedMeasure,
  principal: Principal | null,
): MeasureSummary {
  const r = m.row;
  return {
    id: String(r.id),
    title: r.title,
    status: r.status as MeasureStatus,
    visibility: r.visibility as 'public' | 'internal',
    departmentId: r.department_id,
    departmentName: r.department_name,
    areas: m.areas.map((a) => ({ id: a.area_id, name: a.name, code: a.code })),
    lebenslagen: r.lebenslagen as Dimension[],
    start: r.start_date,
    end: r.end_date,
    parentId: r.parent_id === null ? null : String(r.parent_id),
    progress: Math.round(m.progress * 10) / 10,
    hasGeometry: r.geometry !== null,
    citywide: r.citywide,
    geometry: (r.geometry ?? null) as MeasureSummary['geometry'],
    marker: markerOf(m),
    origin: originFor(r, principal),
    signals: signalsOf(tree, m, principal),
  };
}

/**
 * The origin as this reader may see it. Early warnings are internal (ADR 0040): a public measure
 * made from one names, to readers without „alerts.read“, neither the alert's area and indicator nor
 * a link into the feed — only that it came from an early warning (issue 14 § 2, trace both ways).
 */
function originFor(r: MeasureRow, principal: Principal | null): MeasureSummary['origin'] {
  if (!r.origin_kind || !r.origin_id) return null;
  if (r.origin_kind === 'alert' && principal && !principal.permissions.has('alerts.read'))
    return { kind: 'alert', id: r.origin_id, label: 'verwaltungsintern', href: null };
  return { kind: r.origin_kind, id: r.origin_id, label: r.origin_label ?? '', href: r.origin_href };
}
