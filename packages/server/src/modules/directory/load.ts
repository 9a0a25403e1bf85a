// Builds the directory of a tenant from its facility points (the Berlin demo's load) and locates every
// directory location in the areas of every level (spatial join in core).
import { joinPointsToAreas } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { selectAllPointFeatures, selectLevelsWithAreas } from '../points/index.ts';
import { directoryFromPoints, type SourcePoint } from './from-points.ts';
import {
  insertCapacities,
  insertLocations,
  insertOrganisations,
  insertServiceAtLocations,
  insertServices,
  replaceLocationAreas,
  selectLocatedLocations,
} from './store.ts';
import { ensureBuiltinTaxonomy } from './taxonomy.ts';

/** What the load wrote. */
export interface DirectoryLoadStats {
  organisations: number;
  services: number;
  locations: number;
  capacities: number;
  locationAreas: number;
}

/**
 * Turns the tenant's point datasets into organisations, services and locations (inside the caller's
 * transaction; the caller audits). Meant for a tenant without directory entries (the demo's first load).
 */
export async function loadDirectoryFromPoints(
  tx: Sql,
  tenantId: string,
  sourceId: string | null,
): Promise<DirectoryLoadStats> {
  const points: SourcePoint[] = await selectAllPointFeatures(tx, tenantId);
  const rec = directoryFromPoints(tenantId, points);
  const locationAreas = await writeDirectoryRecords(tx, tenantId, rec, sourceId);
  return {
    organisations: rec.organisations.length,
    services: rec.services.length,
    locations: rec.locations.length,
    capacities: rec.capacities.length,
    locationAreas,
  };
}

/**
 * Writes a directory built from points (organisations, services, locations, their links and
 * capacities) with the built-in taxonomy, and assigns the locations to their areas (as of `date`,
 * default today); returns the number of location–area links. Also the tests' way to a directory.
 */
export async function writeDirectoryRecords(
  tx: Sql,
  tenantId: string,
  rec: ReturnType<typeof directoryFromPoints>,
  sourceId: string | null,
  date?: string,
): Promise<number> {
  await ensureBuiltinTaxonomy(tx, tenantId);
  await insertOrganisations(tx, tenantId, rec.organisations, sourceId);
  await insertServices(tx, tenantId, rec.services, sourceId);
  await insertLocations(tx, tenantId, rec.locations);
  await insertServiceAtLocations(tx, tenantId, rec.links);
  await insertCapacities(tx, tenantId, rec.capacities);
  return locateLocations(tx, tenantId, date);
}

/** Assigns every located directory location to the areas containing it (today's valid areas). */
export async function locateLocations(tx: Sql, tenantId: string, date?: string): Promise<number> {
  const locations = await selectLocatedLocations(tx, tenantId);
  const day = date ?? new Date().toISOString().slice(0, 10);
  const levels = await selectLevelsWithAreas(tx, tenantId, day);
  const join = joinPointsToAreas(locations, levels);
  const rows = join.levels.flatMap((l) =>
    l.areaOf.flatMap((a, i) => (a === null ? [] : [{ locationId: locations[i]!.id, areaId: a }])),
  );
  await replaceLocationAreas(tx, tenantId, rows);
  return rows.length;
}
