// Supply against need (issue 12 § 3): load the directory and population of a level → compute ratios,
// gaps and reachability in core → answer with method and provenance. Computed once per data version
// and kept as prepared bytes (ADR 0042): every import, area change and directory write moves the
// version, so a change of the directory or the population shows at the next request.
import {
  areaCentroid,
  computeReachability,
  computeSupplyRatios,
  formatDate,
  overallRatio,
  rankSupplyGaps,
  supplyBaseFor,
  type AreaGeometry,
  type PopulationPoint,
} from '@sozialraum/core';
import type { supplySchema, supplyTypesSchema } from '@sozialraum/contracts/supply';
import type { z } from 'zod';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest } from '../../http/errors.ts';
import { prepare, PreparedCache, type Prepared } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import { countsInternal } from './policy.ts';
import * as store from './store.ts';

export type Supply = z.input<typeof supplySchema>;
type Row = Supply['rows'][number];

const METHOD_TEXT =
  'Luftlinie zum nächsten Angebot; Bevölkerung am Schwerpunkt ihres Gebiets (kein Raster, keine Adresspunkte vorhanden)';

/** The service types with their bases and whether their target population can be formed. */
export async function listSupplyTypes(
  db: Db,
  principal: Principal,
): Promise<z.input<typeof supplyTypesSchema>> {
  const terms = await store.selectTerms(db, principal.tenantId);
  const targets = await store.selectTargets(db, principal.tenantId);
  const known = new Set(
    (
      await store.selectIndicatorSources(
        db,
        principal.tenantId,
        [...new Set([...targets.values()].flat())],
        countsInternal(principal),
      )
    ).map((r) => r.id),
  );
  return terms.map((t) => {
    const ids = targets.get(t.code) ?? null;
    return {
      code: t.code,
      name: t.name,
      ...supplyBaseFor(t.code),
      target: t.target_min_age === null ? null : { min: t.target_min_age, max: t.target_max_age },
      available: ids !== null && ids.every((id) => known.has(id)),
    };
  });
}

/** What a supply answer is asked for. */
export interface SupplyQuery {
  serviceType: string;
  system?: string | undefined;
  level?: string | undefined;
  date?: string | undefined;
  distance: number;
}

// One answer costs 1–3 s on the Berlin demo (542 areas, every Kita; npm run bench, section supply)
// and changes only with the data: kept per data version, tenant, reader class and query.
const answers = new PreparedCache(300);

/** The supply answer as prepared bytes (JSON, gzip, ETag), computed once per data version and reader class. */
export function getSupplyPrepared(
  db: Db,
  principal: Principal,
  q: SupplyQuery,
  check: (s: Supply) => Supply = (s) => s,
): Promise<Prepared> {
  const key = [
    principal.tenantId,
    countsInternal(principal) ? 'internal' : 'public',
    q.serviceType,
    q.system ?? '',
    q.level ?? '',
    q.date ?? '',
    q.distance,
  ].join('\u0000');
  return answers.get(db, key, async () => prepare(check(await getSupply(db, principal, q))));
}

/** Supply of one service type on one level: ratios, gaps, reachability, with method and provenance. */
export function getSupply(db: Db, principal: Principal, q: SupplyQuery): Promise<Supply> {
  return computeSupply(db, principal.tenantId, countsInternal(principal), q);
}

/** Per area the facilities, the counted measure (places or facilities) and the target population. */
function supplyInputs(
  areas: readonly store.AreaRow[],
  supply: ReadonlyMap<number, { facilities: number; places: number | null }>,
  population: ReadonlyMap<number, number | null>,
  base: { measure: 'places' | 'facilities' },
) {
  return areas.map((a) => {
    const s = supply.get(a.id) ?? { facilities: 0, places: null };
    // no facility = no places; facilities without any counted places stay unknown (null)
    const places = s.facilities === 0 ? 0 : s.places;
    return {
      areaId: a.id,
      facilities: s.facilities,
      places: base.measure === 'places' ? places : s.facilities,
      population: population.get(a.id) ?? null,
    };
  });
}

/** Reachability per area, the population of each area placed at its centroid (method area-centroid). */
function reachabilityByArea(
  areas: readonly store.AreaRow[],
  population: ReadonlyMap<number, number | null>,
  servicePoints: [number, number][],
  distance: number,
) {
  const points: PopulationPoint[] = [];
  for (const a of areas) {
    const c = a.geometry ? areaCentroid(a.geometry as AreaGeometry) : null;
    const n = population.get(a.id);
    if (c && n !== null && n !== undefined)
      points.push({ areaId: a.id, lon: c[0], lat: c[1], count: n });
  }
  return new Map(computeReachability(points, servicePoints, distance).map((r) => [r.areaId, r]));
}

/** The service type and the level asked for (default: the first system's finest), with its areas. */
export async function typeAndLevel(
  db: Sql,
  t: string,
  q: { serviceType: string; system?: string; level?: string },
) {
  const term = (await store.selectTerms(db, t)).find((x) => x.code === q.serviceType);
  if (!term) throw badRequest(`Die Angebotsart „${q.serviceType}“ gibt es nicht.`);
  const level = await store.selectDefaultLevel(db, t, q.system ?? null);
  if (!level) throw badRequest('Es gibt noch kein Gebietssystem.');
  const systemId = q.system ?? level.system_id;
  const levelId = q.level ?? level.level_id;
  const areas = await store.selectLevelAreas(db, t, systemId, levelId);
  if (areas.length === 0) throw badRequest(`Die Ebene ${systemId}/${levelId} hat keine Gebiete.`);
  return { term, systemId, levelId, areas };
}

/** Supply of one service type on one level, counting internal entries and indicators or not. */
export async function computeSupply(
  db: Sql,
  t: string,
  internal: boolean,
  q: SupplyQuery,
): Promise<Supply> {
  const { term, systemId, levelId, areas } = await typeAndLevel(db, t, q);
  const indicatorIds = (await store.selectTargets(db, t)).get(term.code);
  if (!indicatorIds)
    throw badRequest(
      `Für „${term.name}“ ist keine Zielbevölkerung festgelegt: die Sozialplanung wählt sie unter „Versorgung“ → „Zielbevölkerung“ aus den Bevölkerungsindikatoren.`,
    );
  const sources = await store.selectIndicatorSources(db, t, indicatorIds, internal);
  const missing = indicatorIds.filter((id) => !sources.some((s) => s.id === id));
  if (missing.length > 0)
    throw badRequest(`Es fehlen Bevölkerungszahlen (Indikatoren ${missing.join(', ')}).`);

  const refDate = await store.selectLatestDate(
    db,
    t,
    indicatorIds,
    systemId,
    levelId,
    q.date ?? null,
  );
  const population = refDate
    ? await store.selectPopulation(db, t, indicatorIds, systemId, levelId, refDate)
    : new Map<number, number | null>();
  const supply = await store.selectSupplyPerArea(db, t, q.serviceType, systemId, levelId, internal);
  const base = supplyBaseFor(q.serviceType);
  const inputs = supplyInputs(areas, supply, population, base);
  const ratios = computeSupplyRatios(inputs, base.per);
  const cityRatio = overallRatio(inputs, base.per);
  const gaps = new Map(rankSupplyGaps(inputs, cityRatio ?? 0, base.per).map((g) => [g.areaId, g]));
  const servicePoints = (await store.selectServicePlaces(db, t, q.serviceType, internal)).map(
    (p): [number, number] => [Number(p.lon), Number(p.lat)],
  );
  const reach = reachabilityByArea(areas, population, servicePoints, q.distance);

  const rows: Row[] = areas.map((a, i) => {
    const r = ratios[i]!;
    const g = gaps.get(a.id);
    const re = reach.get(a.id);
    return {
      areaId: a.id,
      code: a.code,
      name: a.name,
      facilities: r.facilities,
      places: base.measure === 'places' ? r.places : null,
      population: r.population,
      ratio: base.measure === 'places' ? r.placesPer : r.facilitiesPer,
      gap: g ? g.gap : null,
      gapRank: g ? g.rank : null,
      reachShare: re?.share ?? null,
      distanceM: re?.meanDistanceM ?? null,
    };
  });
  const prov = await store.selectDirectoryProvenance(db, t, q.serviceType);
  const licences = [
    ...prov.licences,
    ...new Set(sources.map((s) => `${s.attribution ?? ''} (${s.licence ?? 'Lizenz unbekannt'})`)),
  ];
  return {
    serviceType: {
      code: term.code,
      name: term.name,
      ...base,
      target:
        term.target_min_age === null
          ? null
          : { min: term.target_min_age, max: term.target_max_age },
    },
    systemId,
    levelId,
    refDate,
    populationIndicators: indicatorIds,
    directoryStand: prov.stand,
    provenance: `aus dem Angebotsverzeichnis, Stand ${prov.stand ? formatDate(prov.stand) : 'unbekannt'}; Bevölkerung: ${indicatorIds.map((id) => `„${sources.find((x) => x.id === id)?.name_de ?? id}“`).join(' + ')}${refDate ? `, Stichtag ${formatDate(refDate)}` : ''}`,
    licences,
    cityRatio,
    distanceM: q.distance,
    method: 'area-centroid',
    methodText: METHOD_TEXT,
    rows,
    largestGaps: rows
      .filter((r) => r.gapRank !== null && r.gap !== null && r.gap > 0)
      .sort((x, y) => x.gapRank! - y.gapRank!)
      .slice(0, 10),
  };
}
