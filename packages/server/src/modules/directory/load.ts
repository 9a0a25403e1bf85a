// Builds the directory of a tenant from its facility points (the Berlin demo's load) and locates every
// directory location in the areas of every level (spatial join in core).
import { joinPointsToAreas } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { inStatements, yieldToEventLoop } from '../../db/statements.ts';
import { selectAllPointFeatures, selectLevelsWithAreas } from '../points/index.ts';
import { directoryFromPoints, type SourcePoint } from './from-points.ts';
import {
  deleteLocationAreas,
  insertCapacities,
  insertLocationAreas,
  insertLocations,
  insertOrganisations,
  insertServiceAtLocations,
  insertServices,
  selectLocatedLocations,
} from './store.ts';
import { ensureBuiltinTaxonomy } from './taxonomy.ts';

/**
 * Rows per statement of the directory's bulk writes, with a turn of the event loop after each
 * (ADR 0062, like STATEMENT_ROWS of the table import): the Berlin demo's ~5,200 services and ~20,800
 * location–area links in single statements held the server's thread 1.7–2.1 s at once.
 */
const STATEMENT_ROWS = 1_000;

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
  await yieldToEventLoop();
  const rec = directoryFromPoints(tenantId, points);
  await yieldToEventLoop();
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
  // in order, so the first organisation of a dedup key wins as in one statement
  const parts = <T>(rows: readonly T[], write: (part: T[]) => Promise<void>) =>
    inStatements(rows, STATEMENT_ROWS, write);
  await parts(rec.organisations, (p) => insertOrganisations(tx, tenantId, p, sourceId));
  await parts(rec.services, (p) => insertServices(tx, tenantId, p, sourceId));
  await parts(rec.locations, (p) => insertLocations(tx, tenantId, p));
  await parts(rec.links, (p) => insertServiceAtLocations(tx, tenantId, p));
  await parts(rec.capacities, (p) => insertCapacities(tx, tenantId, p));
  return locateLocations(tx, tenantId, date);
}

/** Assigns every located directory location to the areas containing it (today's valid areas). */
export async function locateLocations(tx: Sql, tenantId: string, date?: string): Promise<number> {
  const locations = await selectLocatedLocations(tx, tenantId);
  const day = date ?? new Date().toISOString().slice(0, 10);
  const levels = await selectLevelsWithAreas(tx, tenantId, day);
  await yieldToEventLoop();
  const join = joinPointsToAreas(locations, levels);
  const rows = join.levels.flatMap((l) =>
    l.areaOf.flatMap((a, i) => (a === null ? [] : [{ locationId: locations[i]!.id, areaId: a }])),
  );
  await yieldToEventLoop();
  await deleteLocationAreas(tx, tenantId);
  await inStatements(rows, STATEMENT_ROWS, (p) => insertLocationAreas(tx, tenantId, p));
  return rows.length;
}
