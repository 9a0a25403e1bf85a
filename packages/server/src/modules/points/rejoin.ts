// Re-joining stored point datasets (Standorte) to the areas as they are now: an areas import that
// changes geometries or adds areas calls this in its own transaction, so the assignments (point_area)
// and the count indicators per area never go stale (ADR 0017, superseding ADR 0009's consequence).
// Counts are written at the dataset's Stichtag, as its import wrote them.
import { joinPointsToAreas, type NumberFormat } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { recomputeDerivedFrom, upsertObservations } from '../ingest/index.ts';
import { capacityOf } from './import-read.ts';
import { countObservations } from './import-service.ts';
import { insertPointAreas, selectLevelsWithAreas } from './import-store.ts';
import {
  deletePointAreas,
  selectPointAreas,
  selectRejoinDatasets,
  selectRejoinPoints,
  type RejoinDatasetRow,
} from './rejoin-store.ts';

export interface RejoinedDataset {
  datasetId: string;
  nameDe: string;
  points: number;
  /** Assignments (point × level) added or removed by the re-join. */
  changed: number;
  observationsWritten: number;
}

/** Joins one dataset again; returns what changed. */
async function rejoinOne(
  tx: Sql,
  tenantId: string,
  d: RejoinDatasetRow,
  importId: number | null,
): Promise<RejoinedDataset> {
  const points = await selectRejoinPoints(tx, tenantId, d.id);
  const levels = await selectLevelsWithAreas(tx, tenantId, d.reference_date);
  const format: NumberFormat = d.number_format ?? { decimal: '.', thousands: null };
  const weights = d.capacity_column
    ? points.map((p) => {
        const v = capacityOf((p.properties as Record<string, unknown>)[d.capacity_column!], format);
        return v === null || Number.isNaN(v) ? null : v;
      })
    : undefined;
  const join = joinPointsToAreas(points, levels, weights);
  const next = join.levels.flatMap((l) =>
    l.areaOf.flatMap((a, i) => (a === null ? [] : [{ featureId: points[i]!.id, areaId: a }])),
  );
  const before = await selectPointAreas(tx, tenantId, d.id);
  const key = (f: string, a: number) => `${f}\u0000${a}`;
  const had = new Set(before.map((r) => key(r.feature_id, r.area_id)));
  const has = new Set(next.map((r) => key(r.featureId, r.areaId)));
  const changed =
    [...has].filter((k) => !had.has(k)).length + [...had].filter((k) => !has.has(k)).length;
  if (changed > 0) {
    await deletePointAreas(tx, tenantId, d.id);
    await insertPointAreas(tx, tenantId, d.id, next);
  }
  const capacityId = d.capacity_column ? d.capacity_indicator_id : null;
  const observations = countObservations(
    levels,
    join,
    d.count_indicator_id,
    capacityId,
    d.reference_date,
  );
  const written = await upsertObservations(tx, tenantId, observations, importId);
  const indicators = [d.count_indicator_id, capacityId].filter((x): x is string => x !== null);
  if (written > 0 && indicators.length) await recomputeDerivedFrom(tx, tenantId, indicators);
  return {
    datasetId: d.id,
    nameDe: d.name_de,
    points: points.length,
    changed,
    observationsWritten: written,
  };
}

/**
 * Joins every point dataset of the tenant (or one) again to the areas valid at its Stichtag, replaces
 * the assignments where they changed and writes the counts again (new areas get theirs, 0 included).
 */
export async function rejoinPointDatasets(
  tx: Sql,
  tenantId: string,
  opts: { importId?: number | null; datasetId?: string } = {},
): Promise<RejoinedDataset[]> {
  const out: RejoinedDataset[] = [];
  for (const d of await selectRejoinDatasets(tx, tenantId, opts.datasetId))
    out.push(await rejoinOne(tx, tenantId, d, opts.importId ?? null));
  return out;
}

/** A German line for the areas import's report, or null when nothing changed. */
export function rejoinMessage(rejoined: readonly RejoinedDataset[]): string | null {
  const touched = rejoined.filter((r) => r.changed > 0 || r.observationsWritten > 0);
  if (touched.length === 0) return null;
  const n = (x: number) => x.toLocaleString('de-DE');
  return `Standorte den geänderten Gebieten neu zugeordnet: ${touched
    .map(
      (r) =>
        `„${r.nameDe}“ (${n(r.changed)} ${r.changed === 1 ? 'Zuordnung' : 'Zuordnungen'} geändert, ${n(r.observationsWritten)} ${r.observationsWritten === 1 ? 'Zählwert' : 'Zählwerte'} geschrieben)`,
    )
    .join(', ')}.`;
}
