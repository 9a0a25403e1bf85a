// Area lifecycle outside a re-import (issue 9 § 3): an area is retired (it stays with its values and
// gets an end date: "aufgelöst") or removed (with its values, point assignments, alerts and
// subscriptions) after a preview that names exactly what goes and a confirmation that repeats those
// counts. Both are audited in the same transaction; a removal recomputes the upper levels' sums.
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, conflict, HttpError, notFound } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { recomputeAggregates, recomputeDerived } from '../ingest/index.ts';
import { invalidateCatalogueCache } from '../indicators/index.ts';
import { invalidateGeometryCache } from './service.ts';
import {
  countAreaRemoval,
  countChildrenValidAfter,
  countValuesAfter,
  deleteAggregatedValues,
  deleteAreaWithValues,
  selectAncestorIds,
  selectAreaBase,
  selectAreaIndicatorCounts,
  selectAreaIndicatorIds,
  selectSiblingIndicatorsAfter,
  setAreaValidTo,
  type AreaBaseRow,
} from './store-lifecycle.ts';

/** What a removal takes with it; the confirmation repeats these counts. */
export interface RemovalCounts {
  values: number;
  pointAssignments: number;
  alerts: number;
  subscriptions: number;
  synonyms: number;
}

export interface RemovalPreview {
  area: { id: number; code: string; name: string; systemId: string; levelId: string };
  counts: RemovalCounts;
  /** Indicators whose values go, at most 20, by number of values. */
  indicators: { id: string; nameDe: string; values: number }[];
  /** Areas of a lower level that belong to this one: while there are any, removal is refused. */
  children: number;
  removable: boolean;
  message: string;
}

async function requireArea(sql: Sql, tenantId: string, areaId: number): Promise<AreaBaseRow> {
  const a = await selectAreaBase(sql, tenantId, areaId);
  if (!a) throw notFound(`Das Gebiet mit der Kennung ${areaId} gibt es nicht.`);
  return a;
}

const n = (x: number) => x.toLocaleString('de-DE');
const de = (iso: string) => iso.split('-').reverse().join('.');
const label = (a: AreaBaseRow) => `${a.code} ${a.name}`;
/** "1 Wert", "5 Werten" (dative after "mit"). */
const of = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

/** Counts what would go with the area. Reads only. */
export async function previewAreaRemoval(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<RemovalPreview> {
  const a = await requireArea(sql, tenantId, areaId);
  const { children, ...counts } = await countAreaRemoval(sql, tenantId, areaId);
  const indicators = await selectAreaIndicatorCounts(sql, tenantId, areaId);
  const removable = children === 0;
  const message = removable
    ? `Entfernt würden das Gebiet ${label(a)} mit ${of(counts.values, 'Wert', 'Werten')}, ${of(counts.pointAssignments, 'Standort-Zuordnung', 'Standort-Zuordnungen')}, ${of(counts.alerts, 'Frühwarnung', 'Frühwarnungen')} und ${of(counts.subscriptions, 'Abo', 'Abos')}.`
    : `${label(a)} kann nicht entfernt werden: ${n(children)} Gebiete einer unteren Ebene gehören zu ihm – bitte zuerst diese entfernen oder die untere Ebene neu einlesen.`;
  return {
    area: { id: a.id, code: a.code, name: a.name, systemId: a.system_id, levelId: a.level_id },
    counts,
    indicators: indicators.map((i) => ({ id: i.id, nameDe: i.name_de, values: i.values })),
    children,
    removable,
    message,
  };
}

const COUNT_NAMES: Record<keyof RemovalCounts, string> = {
  values: 'Werte',
  pointAssignments: 'Standort-Zuordnungen',
  alerts: 'Frühwarnungen',
  subscriptions: 'Abos',
  synonyms: 'Schreibweisen',
};

/**
 * Removes the area after the person confirmed the preview's counts: if anything changed since (a
 * new import, an alert), 409 with the new counts — she confirms again. Upper levels are summed again.
 */
export async function removeArea(
  db: Db,
  tenantId: string,
  areaId: number,
  confirm: Omit<RemovalCounts, 'synonyms'> & { synonyms?: number | undefined },
  actor: AuditActor,
): Promise<RemovalPreview> {
  const result = await db.transaction(async (tx) => {
    const preview = await previewAreaRemoval(tx, tenantId, areaId);
    if (!preview.removable) throw new HttpError(409, 'conflict', preview.message, preview);
    const differs = (Object.keys(COUNT_NAMES) as (keyof RemovalCounts)[]).filter(
      (k) => confirm[k] !== undefined && confirm[k] !== preview.counts[k],
    );
    if (differs.length)
      throw new HttpError(
        409,
        'conflict',
        `Seit der Vorschau hat sich geändert, was mit dem Gebiet entfernt würde (${differs
          .map(
            (k) => `${COUNT_NAMES[k]}: bestätigt ${n(confirm[k]!)}, jetzt ${n(preview.counts[k])}`,
          )
          .join('; ')}). Bitte die neue Vorschau prüfen und erneut bestätigen.`,
        preview,
      );
    const touched = preview.indicators.length
      ? await selectAreaIndicatorIds(tx, tenantId, areaId)
      : [];
    const ancestors = await selectAncestorIds(tx, tenantId, areaId);
    // point_area and area_name_synonym go with the area (ON DELETE CASCADE)
    await deleteAreaWithValues(tx, tenantId, areaId, `Das Gebiet ${preview.area.code}`);
    if (touched.length) {
      // the ancestors' sums are built again from what is left (where nothing is left, none remains)
      await deleteAggregatedValues(tx, tenantId, touched, ancestors);
      await recomputeAggregates(tx, tenantId, touched);
      await recomputeDerived(tx, tenantId);
    }
    await writeAudit(tx, tenantId, {
      action: 'areas.remove',
      entity: 'area',
      entityId: String(areaId),
      detail: {
        code: preview.area.code,
        name: preview.area.name,
        systemId: preview.area.systemId,
        levelId: preview.area.levelId,
        removed: preview.counts,
        indicators: touched,
      },
      actor,
    });
    return { ...preview, message: `Entfernt: ${preview.message.replace(/^Entfernt würden /, '')}` };
  });
  invalidateCatalogueCache();
  invalidateGeometryCache();
  return result;
}

export interface RetireResult {
  area: { id: number; code: string; name: string; validFrom: string | null; validTo: string };
  message: string;
}

/**
 * Retires the area: it keeps its values and gets the end date (valid_to); from the day after, it is
 * no longer joined by point imports nor counted as a child by the aggregation. Refused while values
 * after the end date or still valid children exist (they would become orphans of a dissolved area).
 */
export async function retireArea(
  db: Db,
  tenantId: string,
  areaId: number,
  validTo: string,
  actor: AuditActor,
): Promise<RetireResult> {
  const result = await db.transaction(async (tx) => {
    const a = await requireArea(tx, tenantId, areaId);
    if (a.valid_to !== null)
      throw conflict(`${label(a)} ist bereits aufgelöst (seit ${de(a.valid_to)}).`);
    if (a.valid_from !== null && validTo < a.valid_from)
      throw badRequest(
        `Das Enddatum ${de(validTo)} liegt vor dem Beginn des Gebiets (${de(a.valid_from)}).`,
      );
    const later = await countValuesAfter(tx, tenantId, areaId, validTo);
    if (later.n > 0)
      throw conflict(
        `${label(a)} hat ${n(later.n)} Werte nach dem ${de(validTo)} (zuletzt ${de(later.last!)}). Bitte ein späteres Enddatum wählen oder das Gebiet entfernen.`,
      );
    const kids = await countChildrenValidAfter(tx, tenantId, areaId, validTo);
    if (kids > 0)
      throw conflict(
        `${label(a)} hat ${n(kids)} untergeordnete Gebiete, die nach dem ${de(validTo)} noch gelten – bitte zuerst diese auflösen.`,
      );
    await setAreaValidTo(tx, tenantId, areaId, validTo);
    // the parent's sums after the end date no longer wait for this area
    const siblings = await selectSiblingIndicatorsAfter(tx, tenantId, areaId, validTo);
    if (siblings.length) await recomputeAggregates(tx, tenantId, siblings);
    await writeAudit(tx, tenantId, {
      action: 'areas.retire',
      entity: 'area',
      entityId: String(areaId),
      detail: {
        code: a.code,
        name: a.name,
        systemId: a.system_id,
        levelId: a.level_id,
        before: { validTo: null },
        after: { validTo },
      },
      actor,
    });
    return {
      area: { id: a.id, code: a.code, name: a.name, validFrom: a.valid_from, validTo },
      message: `${label(a)} ist aufgelöst zum ${de(validTo)}; seine Werte bleiben erhalten.`,
    };
  });
  invalidateCatalogueCache();
  invalidateGeometryCache();
  return result;
}
