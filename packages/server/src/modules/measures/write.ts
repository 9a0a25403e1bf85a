// Creating and changing measures (issue 14 § 2, ADR 0032). Every id the body names is checked
// against the caller's rights before anything is written: the department (own unless
// measures.edit_all), organisations and areas of the tenant, a parent the caller may change (and
// no cycle), indicators she may read, baselines found in the data. Each change writes its audit
// entry in the same transaction.
import { formatDate, positionsOutsideAreas, wouldCycle, type AreaGeometry } from '@sozialraum/core';
import type { MeasureBody } from '@sozialraum/contracts/measures';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import { getVisibleAlert } from '../alerts/index.ts';
import { diffRecords, writeAudit, type AuditActor } from '../audit/index.ts';
import { canReadIndicator, getSeries } from '../indicators/index.ts';
import { loadMeasureTree, readable, todayIso, type MeasureTree } from './load.ts';
import { assertCanEditMeasure } from './policy.ts';
import {
  deleteMeasureRow,
  insertMeasure,
  replaceMeasureParts,
  selectAreaGeometries,
  selectAreasByIds,
  selectDepartmentRecords,
  selectFundingOnMeasure,
  updateMeasureRow,
  type MeasureWrite,
} from './store.ts';

/** A goal ready to store: its baseline as found in the data. */
interface CheckedGoal {
  indicatorId: string;
  areaId: number;
  baseline: { date: string; value: number };
  target: { date: string; value: number };
}

/** Who changes, for rights and audit. */
export interface ChangeContext {
  principal: Principal;
  actor: AuditActor;
}

const label = (title: string) => `Die Maßnahme „${title}“`;

async function checkDepartments(
  tx: Sql,
  principal: Principal,
  body: Pick<MeasureBody, 'departmentId' | 'organisationIds' | 'title'>,
): Promise<void> {
  const records = new Map(
    (await selectDepartmentRecords(tx, principal.tenantId)).map((d) => [d.id, d]),
  );
  if (body.departmentId !== null && records.get(body.departmentId)?.kind !== 'department')
    throw badRequest(`Die Abteilung „${body.departmentId}“ gibt es nicht.`);
  for (const o of body.organisationIds)
    if (records.get(o)?.kind !== 'organisation')
      throw badRequest(`Die Organisation „${o}“ gibt es nicht.`);
  assertCanEditMeasure(principal, body.departmentId, label(body.title));
}

async function checkAreas(tx: Sql, tenantId: string, ids: readonly number[]): Promise<void> {
  const unique = [...new Set(ids)];
  const found = new Set((await selectAreasByIds(tx, tenantId, unique)).map((a) => a.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw badRequest(`Gebiete mit diesen Kennungen gibt es nicht: ${missing.join(', ')}.`, {
      missingAreaIds: missing,
    });
}

const isAreaGeometry = (g: unknown): g is AreaGeometry =>
  typeof g === 'object' &&
  g !== null &&
  ['Polygon', 'MultiPolygon'].includes((g as { type?: unknown }).type as string);

/** A point or line must lie inside the measure's areas (when it has areas with outlines). */
async function checkLocation(tx: Sql, tenantId: string, body: MeasureBody): Promise<void> {
  if (body.geometry === null || body.areaIds.length === 0) return;
  const rows = await selectAreaGeometries(tx, tenantId, [...new Set(body.areaIds)]);
  const outlines = rows.map((r) => r.geometry).filter(isAreaGeometry);
  if (outlines.length === 0) return;
  const outside = positionsOutsideAreas(body.geometry, outlines);
  if (outside.length === 0) return;
  const where = outside
    .slice(0, 3)
    .map((o) => `Punkt ${o.index + 1} (${o.position[0]}, ${o.position[1]})`)
    .join(', ');
  throw badRequest(
    `Der Ort der Maßnahme liegt außerhalb ihrer Gebiete (${rows.map((r) => r.name).join(', ')}): ${where}. Setzen Sie ihn innerhalb der Gebiete oder nehmen Sie das Gebiet dazu.`,
    { outside: outside.map((o) => o.index) },
  );
}

/** The origin of a measure created from an alert the caller may read; 400 otherwise. */
async function alertOrigin(
  tx: Sql,
  principal: Principal,
  alertId: string | null,
): Promise<MeasureOrigin> {
  if (alertId === null) return null;
  const alert = await getVisibleAlert(tx, principal, Number(alertId));
  if (!alert) throw badRequest(`Die Frühwarnung ${alertId} gibt es nicht.`);
  return {
    kind: 'alert',
    id: String(alert.id),
    label: `${alert.area.name}: ${alert.indicator?.name ?? alert.ruleName} (${formatDate(alert.refDate)})`,
    href: `/hinweise#hinweis-${alert.id}`,
  };
}

function checkParent(
  tree: MeasureTree,
  principal: Principal,
  id: number | null,
  parentId: string | null,
): number | null {
  if (parentId === null) return null;
  const parent = tree.byId.get(Number(parentId));
  if (!parent || !readable(principal, parent))
    throw badRequest(`Die übergeordnete Maßnahme ${parentId} gibt es nicht.`);
  assertCanEditMeasure(
    principal,
    parent.row.department_id,
    `Die übergeordnete Maßnahme „${parent.row.title}“`,
  );
  if (id !== null) {
    const parents = new Map(
      [...tree.byId].map(([k, m]) => [
        String(k),
        m.row.parent_id === null ? null : String(m.row.parent_id),
      ]),
    );
    if (wouldCycle(String(id), parentId, parents))
      throw badRequest('Eine Maßnahme kann nicht Teil ihrer eigenen Teilmaßnahmen sein.');
  }
  return parent.row.id;
}

/**
 * The goals with their baselines from the data (the values this principal sees): the value on the
 * given baseline date, or the latest at or before the measure's start (today without a start). A
 * goal whose earlier version had the same indicator and area and no new baseline date keeps its
 * stored baseline, so later data do not move it.
 */
async function checkGoals(
  tx: Sql,
  tree: MeasureTree,
  principal: Principal,
  body: MeasureBody,
  previous: readonly CheckedGoal[],
): Promise<CheckedGoal[]> {
  const out: CheckedGoal[] = [];
  for (const g of body.goals) {
    const ind = tree.catalogue.byId.get(g.indicatorId);
    if (!ind || !canReadIndicator(principal, ind))
      throw badRequest(`Den Indikator „${g.indicatorId}“ gibt es nicht.`);
    // a city-wide measure has no areas of its own: its goals may name any area of the city
    // (e.g. each Bezirk it is meant to move); the area must exist (ADR 0046)
    if (body.citywide && (await selectAreasByIds(tx, principal.tenantId, [g.areaId])).length === 0)
      throw badRequest(`Das Gebiet ${g.areaId} des Ziels zu „${ind.nameDe}“ gibt es nicht.`);
    if (!body.citywide && !body.areaIds.includes(g.areaId))
      throw badRequest(
        `Das Ziel zu „${ind.nameDe}“ liegt in einem Gebiet (${g.areaId}), das nicht zur Maßnahme gehört.`,
      );
    const kept = previous.find(
      (p) => p.indicatorId === g.indicatorId && p.areaId === g.areaId && g.baselineDate === null,
    );
    const baseline = kept?.baseline ?? (await findBaseline(tx, principal, body, g, ind.nameDe));
    if (g.targetDate <= baseline.date)
      throw badRequest(
        `Das Zieldatum für „${ind.nameDe}“ muss nach dem Ausgangswert (${baseline.date}) liegen.`,
      );
    out.push({
      indicatorId: g.indicatorId,
      areaId: g.areaId,
      baseline,
      target: { date: g.targetDate, value: g.targetValue },
    });
  }
  return out;
}

async function findBaseline(
  tx: Sql,
  principal: Principal,
  body: MeasureBody,
  g: MeasureBody['goals'][number],
  name: string,
): Promise<{ date: string; value: number }> {
  const series = await getSeries(tx, principal, g.areaId, g.indicatorId);
  const until = g.baselineDate ?? body.start ?? todayIso();
  const candidates = series.filter(
    (p) => p.value !== null && (g.baselineDate ? p.date === g.baselineDate : p.date <= until),
  );
  const last = candidates.at(-1);
  if (!last || last.value === null)
    throw badRequest(
      g.baselineDate
        ? `Für „${name}“ gibt es in diesem Gebiet zum ${g.baselineDate} keinen (sichtbaren) Wert als Ausgangswert.`
        : `Für „${name}“ gibt es in diesem Gebiet bis ${until} keinen (sichtbaren) Wert als Ausgangswert.`,
    );
  return { date: last.date, value: last.value };
}

const toWrite = (body: MeasureBody, parentId: number | null): MeasureWrite => ({
  title: body.title,
  description: body.description,
  status: body.status,
  visibility: body.visibility,
  departmentId: body.departmentId,
  organisationIds: body.organisationIds,
  lebenslagen: body.lebenslagen,
  targetGroups: body.targetGroups,
  start: body.start,
  end: body.end,
  parentId,
  weight: body.weight,
  progress: body.progress,
  geometry: body.geometry,
  citywide: body.citywide,
});

/** Origin of a measure: the decision (or other record) it came from; null = without a conference. */
export type MeasureOrigin = { kind: string; id: string; label: string; href: string | null } | null;

/** Creates a measure in the caller's transaction after checking every id it names; audited. */
export async function insertCheckedMeasure(
  tx: Sql,
  ctx: ChangeContext,
  body: MeasureBody,
  origin: MeasureOrigin,
): Promise<{ id: string }> {
  const tenantId = ctx.principal.tenantId;
  await checkDepartments(tx, ctx.principal, body);
  await checkAreas(tx, tenantId, body.areaIds);
  await checkLocation(tx, tenantId, body);
  const tree = await loadMeasureTree(tx, tenantId);
  const parentId = checkParent(tree, ctx.principal, null, body.parentId);
  const goals = await checkGoals(tx, tree, ctx.principal, body, []);
  const write = toWrite(body, parentId);
  const id = await insertMeasure(tx, tenantId, write, origin, ctx.actor.actor);
  const parts = { areaIds: body.areaIds, milestones: body.milestones, goals };
  await replaceMeasureParts(tx, tenantId, id, parts);
  await writeAudit(tx, tenantId, {
    actor: ctx.actor,
    action: 'measures.create',
    entity: 'measure',
    entityId: String(id),
    detail: { ...write, ...parts, origin },
  });
  return { id: String(id) };
}

/** POST /api/measures: a measure decided without a conference (origin null, or the alert named). */
export async function createMeasureFromBody(
  db: Db,
  ctx: ChangeContext,
  body: MeasureBody,
): Promise<{ id: string }> {
  const created = await db.transaction(async (tx) =>
    insertCheckedMeasure(tx, ctx, body, await alertOrigin(tx, ctx.principal, body.alertId)),
  );
  return changed(created);
}

/**
 * After a committed change: prepared answers that read measures or the money booked on them
 * (the transparency view, effect estimates) are made again (http/prepared.ts).
 */
function changed<T>(result: T): T {
  bumpDataVersion();
  return result;
}

/** PUT /api/measures/:id: replaces the measure (old and new department must be the caller's). */
export async function updateMeasure(
  db: Db,
  ctx: ChangeContext,
  id: number,
  body: MeasureBody,
): Promise<{ id: string }> {
  const tenantId = ctx.principal.tenantId;
  return changed(
    await db.transaction(async (tx) => {
      const tree = await loadMeasureTree(tx, tenantId);
      const current = tree.byId.get(id);
      if (!current || !readable(ctx.principal, current))
        throw notFound(`Die Maßnahme ${id} gibt es nicht.`);
      assertCanEditMeasure(ctx.principal, current.row.department_id, label(current.row.title));
      await checkDepartments(tx, ctx.principal, body);
      await checkAreas(tx, tenantId, body.areaIds);
      await checkLocation(tx, tenantId, body);
      const parentId = checkParent(tree, ctx.principal, id, body.parentId);
      const previous: CheckedGoal[] = current.goals.map(({ row: g }) => ({
        indicatorId: g.indicator_id,
        areaId: g.area_id,
        baseline: { date: g.baseline_date, value: g.baseline_value },
        target: { date: g.target_date, value: g.target_value },
      }));
      const goals = await checkGoals(tx, tree, ctx.principal, body, previous);
      const write = toWrite(body, parentId);
      const before = {
        ...toWrite(
          {
            ...body,
            title: current.row.title,
            description: current.row.description,
            status: current.row.status as MeasureBody['status'],
            visibility: current.row.visibility as MeasureBody['visibility'],
            departmentId: current.row.department_id,
            organisationIds: current.row.organisation_ids,
            lebenslagen: current.row.lebenslagen as MeasureBody['lebenslagen'],
            targetGroups: current.row.target_groups,
            start: current.row.start_date,
            end: current.row.end_date,
            weight: current.row.weight,
            progress: current.row.progress,
            geometry: current.row.geometry as MeasureBody['geometry'],
            citywide: current.row.citywide,
          },
          current.row.parent_id,
        ),
        areaIds: current.areas.map((a) => a.area_id).sort((a, b) => a - b),
        milestones: current.milestones.map((m) => ({
          title: m.title,
          dueDate: m.due_date,
          weight: m.weight,
          done: m.done,
        })),
        goals: previous,
      };
      const areaIds = [...new Set(body.areaIds)].sort((a, b) => a - b);
      const parts = { areaIds, milestones: body.milestones, goals };
      await updateMeasureRow(tx, tenantId, id, write);
      await replaceMeasureParts(tx, tenantId, id, parts);
      await writeAudit(tx, tenantId, {
        actor: ctx.actor,
        action: 'measures.update',
        entity: 'measure',
        entityId: String(id),
        detail: { changes: diffRecords(before, { ...write, ...parts }) },
      });
      return { id: String(id) };
    }),
  );
}

/**
 * DELETE /api/measures/:id: removes a measure with its areas, milestones and goals (audited with
 * what it was). Refused with 409 and a message saying what to do while money is booked on it
 * (funding_entry.measure_id RESTRICTs) or while it has sub-measures.
 */
export async function deleteMeasure(
  db: Db,
  ctx: ChangeContext,
  id: number,
): Promise<{ deleted: string }> {
  const tenantId = ctx.principal.tenantId;
  return changed(
    await db.transaction(async (tx) => {
      const tree = await loadMeasureTree(tx, tenantId);
      const current = tree.byId.get(id);
      if (!current || !readable(ctx.principal, current))
        throw notFound(`Die Maßnahme ${id} gibt es nicht.`);
      const title = current.row.title;
      assertCanEditMeasure(ctx.principal, current.row.department_id, label(title));
      const money = await selectFundingOnMeasure(tx, tenantId, id);
      if (money.entries > 0)
        throw conflict(
          `Die Maßnahme „${title}“ kann nicht gelöscht werden: auf ihr ist Geld gebucht (${money.entries} ${money.entries === 1 ? 'Eintrag' : 'Einträge'}, ${money.years.join(', ')}). Buchen Sie die Einträge unter „Förderung“ um oder löschen Sie sie zuerst; es wurde nichts gelöscht.`,
        );
      if (current.children.length > 0)
        throw conflict(
          `Die Maßnahme „${title}“ kann nicht gelöscht werden: sie hat ${current.children.length} Teilmaßnahme(n). Ordnen Sie diese zuerst einer anderen Maßnahme zu oder löschen Sie sie; es wurde nichts gelöscht.`,
        );
      await deleteMeasureRow(tx, tenantId, id);
      await writeAudit(tx, tenantId, {
        actor: ctx.actor,
        action: 'measures.delete',
        entity: 'measure',
        entityId: String(id),
        detail: {
          title,
          departmentId: current.row.department_id,
          areaIds: current.areas.map((a) => a.area_id),
          origin: current.row.origin_kind
            ? { kind: current.row.origin_kind, id: current.row.origin_id }
            : null,
          goals: current.goals.length,
          milestones: current.milestones.length,
        },
      });
      return { deleted: String(id) };
    }),
  );
}
