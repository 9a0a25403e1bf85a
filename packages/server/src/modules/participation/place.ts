// Where a report's point lies: inside the municipality (any current top-level area) and in which
// finest current area. The geometry work is core's point locator (ADR 0003); the areas are read
// once a minute per tenant, since a report portal asks this for every submission.
import { bboxOf, createPointLocator, type AreaGeometry, type PointLocator } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { selectCurrentAreas } from './store.ts';

interface TenantPlaces {
  loadedAt: number;
  top: PointLocator;
  finest: { locator: PointLocator; ids: number[] };
  bbox: [number, number, number, number] | null;
}

const CACHE_MS = 60_000;
// Keyed by the database object first, so test apps on different databases never share entries.
let cache = new WeakMap<object, Map<string, TenantPlaces>>();

async function load(sql: Sql, tenantId: string): Promise<TenantPlaces> {
  const rows = await selectCurrentAreas(sql, tenantId);
  const top = rows.filter((r) => r.top);
  const maxDepth = Math.max(-1, ...rows.map((r) => r.depth));
  const finest = rows.filter((r) => r.depth === maxDepth);
  let bbox: TenantPlaces['bbox'] = null;
  for (const r of top) {
    const b = bboxOf(r.geometry as AreaGeometry);
    if (!b) continue;
    bbox = bbox
      ? [
          Math.min(bbox[0], b[0]),
          Math.min(bbox[1], b[1]),
          Math.max(bbox[2], b[2]),
          Math.max(bbox[3], b[3]),
        ]
      : [b[0], b[1], b[2], b[3]];
  }
  return {
    loadedAt: Date.now(),
    top: createPointLocator(top.map((r) => ({ geometry: r.geometry as AreaGeometry }))),
    finest: {
      locator: createPointLocator(finest.map((r) => ({ geometry: r.geometry as AreaGeometry }))),
      ids: finest.map((r) => r.id),
    },
    bbox,
  };
}

async function placesOf(sql: Sql, tenantId: string): Promise<TenantPlaces> {
  let perDb = cache.get(sql);
  if (!perDb) cache.set(sql, (perDb = new Map()));
  const hit = perDb.get(tenantId);
  if (hit && Date.now() - hit.loadedAt < CACHE_MS) return hit;
  const fresh = await load(sql, tenantId);
  perDb.set(tenantId, fresh);
  return fresh;
}

/** Forgets the cached areas (tests that change areas; an area import could call it too). */
export function forgetPlaces(): void {
  cache = new WeakMap();
}

/** The municipality's bounding box, or null without areas. */
export async function municipalityBbox(sql: Sql, tenantId: string): Promise<TenantPlaces['bbox']> {
  return (await placesOf(sql, tenantId)).bbox;
}

/**
 * Places a point (WGS84 lon/lat): null when it lies outside every current top-level area of the
 * tenant, else the id of the finest current area containing it (null on a gap between areas).
 */
export async function placePoint(
  sql: Sql,
  tenantId: string,
  lon: number,
  lat: number,
): Promise<{ areaId: number | null } | null> {
  const p = await placesOf(sql, tenantId);
  if (p.top.locate(lon, lat) < 0) return null;
  const i = p.finest.locator.locate(lon, lat);
  return { areaId: i < 0 ? null : (p.finest.ids[i] ?? null) };
}
