// Area systems, areas and the simplified map geometry (cached per level, with an ETag).
import { createHash } from 'node:crypto';
import { simplifyTopology, type AreaGeometry } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { loadSourceMap } from '../sources/index.ts';
import type { AreaDetail, AreaListItem, AreaSystem } from '@sozialraum/contracts/areas';
import {
  selectAncestors,
  selectArea,
  selectAreaSystems,
  selectAreasOfLevel,
  selectChildren,
  selectGeometries,
  selectLevel,
  selectLevelStamp,
  selectLevels,
} from './store.ts';

/** All area systems with their levels (top first) and sources. */
export async function listAreaSystems(sql: Sql, tenantId: string): Promise<AreaSystem[]> {
  const [systems, levels, sources] = await Promise.all([
    selectAreaSystems(sql, tenantId),
    selectLevels(sql, tenantId),
    loadSourceMap(sql, tenantId),
  ]);
  return systems.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    validFrom: s.valid_from,
    validTo: s.valid_to,
    source: s.source_id ? (sources.get(s.source_id) ?? null) : null,
    levels: levels
      .filter((l) => l.system_id === s.id)
      .map((l) => ({
        id: l.id,
        nameDe: l.name_de,
        nameEn: l.name_en,
        depth: l.depth,
        areaCount: l.area_count,
      })),
  }));
}

/** Throws a German 404 unless the level exists in the system. */
export async function requireLevel(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<{ nameDe: string; depth: number }> {
  const level = await selectLevel(sql, tenantId, systemId, levelId);
  if (!level) {
    throw notFound(`Die Gebietsebene „${levelId}“ gibt es im Gebietssystem „${systemId}“ nicht.`);
  }
  return { nameDe: level.name_de, depth: level.depth };
}

/** Areas of one level (id, code, name, parentId), ordered by code. */
export async function listAreas(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<AreaListItem[]> {
  await requireLevel(sql, tenantId, systemId, levelId);
  const rows = await selectAreasOfLevel(sql, tenantId, systemId, levelId);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    parentId: r.parent_id,
    validTo: r.valid_to,
  }));
}

/** One area with its parents (top first) and children; German 404 if unknown. */
export async function getAreaDetail(
  sql: Sql,
  tenantId: string,
  areaId: number,
): Promise<AreaDetail> {
  const area = await selectArea(sql, tenantId, areaId);
  if (!area) throw notFound(`Das Gebiet mit der Kennung ${areaId} gibt es nicht.`);
  const [ancestors, children] = await Promise.all([
    selectAncestors(sql, tenantId, areaId),
    selectChildren(sql, tenantId, areaId),
  ]);
  return {
    id: area.id,
    code: area.code,
    name: area.name,
    systemId: area.system_id,
    levelId: area.level_id,
    levelName: area.level_name,
    areaM2: area.area_m2,
    bbox: area.bbox && area.bbox.length === 4 ? area.bbox : null,
    validFrom: area.valid_from,
    validTo: area.valid_to,
    hierarchy: ancestors.map((a) => ({
      id: a.id,
      code: a.code,
      name: a.name,
      levelId: a.level_id,
      levelName: a.level_name,
    })),
    children,
  };
}

// ---- map geometry -------------------------------------------------------------------------

type Position = number[];
type Ring = Position[];
interface Geometry {
  type: string;
  coordinates: unknown;
}

/** Rounds to 5 decimals (≈ 1 m at Berlin's latitude) and drops points that became duplicates. */
export function roundGeometry(geometry: Geometry): Geometry {
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  const ring = (r: Ring): Ring => {
    const out: Ring = [];
    for (const p of r) {
      const q = [round(p[0] ?? 0), round(p[1] ?? 0)];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    // A ring needs 4 positions (closed triangle); keep the original rounded one if it collapsed.
    return out.length >= 4 ? out : r.map((p) => [round(p[0] ?? 0), round(p[1] ?? 0)]);
  };
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: (geometry.coordinates as Ring[]).map(ring) };
  }
  if (geometry.type === 'MultiPolygon') {
    return {
      type: 'MultiPolygon',
      coordinates: (geometry.coordinates as Ring[][]).map((poly) => poly.map(ring)),
    };
  }
  return geometry;
}

interface GeometryCacheEntry {
  stamp: string;
  etag: string;
  body: string;
}

// Keyed by the database object so test apps on different databases never share entries.
let geometryCache = new WeakMap<object, Map<string, GeometryCacheEntry>>();

/** Forgets all cached map geometries (call after areas were imported or changed). */
export function invalidateGeometryCache(): void {
  geometryCache = new WeakMap();
}

/**
 * The map GeoJSON of one level as a serialized string with its ETag. Computed once per level and
 * kept until invalidateGeometryCache() or until the level's area count / max id / end dates change.
 * Each feature carries `validTo` (retired areas: the last day the area is valid; null = still valid).
 */
export async function getMapGeometry(
  sql: Sql,
  tenantId: string,
  systemId: string,
  levelId: string,
): Promise<{ etag: string; body: string }> {
  await requireLevel(sql, tenantId, systemId, levelId);
  const stamp = await selectLevelStamp(sql, tenantId, systemId, levelId);
  let perDb = geometryCache.get(sql);
  if (!perDb) geometryCache.set(sql, (perDb = new Map()));
  const key = `${tenantId}\u0000${systemId}\u0000${levelId}`;
  const hit = perDb.get(key);
  if (hit && hit.stamp === stamp) return hit;

  const rows = await selectGeometries(sql, tenantId, systemId, levelId);
  const simplified = simplifyForMap(rows.map((r) => ({ id: r.id, geometry: r.geometry })));
  const features = rows.map((r, i) => ({
    type: 'Feature' as const,
    id: r.id,
    geometry: simplified[i] ?? null,
    properties: {
      id: r.id,
      code: r.code,
      name: r.name,
      parentId: r.parent_id,
      validTo: r.valid_to,
    },
  }));
  const body = JSON.stringify({ type: 'FeatureCollection', features });
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const entry = { stamp, etag, body };
  perDb.set(key, entry);
  return entry;
}

// Douglas–Peucker tolerance for map display in degrees of latitude: 5e-5° ≈ 5.6 m, below what a
// city-wide choropleth can show; 5 decimals ≈ 1.1 m (simplifyTopology, docs/methods/geometry.md).
const MAP_TOLERANCE_DEG = 5e-5;
const MAP_DECIMALS = 5;

// Topology-preserving: neighbours keep identical shared borders (no slivers or gaps on the map).
function simplifyForMap(
  features: { id: number; geometry: Geometry | null }[],
): (Geometry | null)[] {
  const polygons = features.filter(
    (f): f is { id: number; geometry: AreaGeometry } =>
      f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  );
  const byId = new Map<number, Geometry>();
  for (const f of simplifyTopology(polygons, {
    tolerance: MAP_TOLERANCE_DEG,
    quantize: MAP_DECIMALS,
  })) {
    byId.set(f.id, f.geometry);
  }
  return features.map((f) => byId.get(f.id) ?? (f.geometry ? roundGeometry(f.geometry) : null));
}

/** Whether an If-None-Match header matches the ETag (weak or strong, or a list). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
