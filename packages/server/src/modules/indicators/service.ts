// Indicator catalogue (cached with coverage), values of a level, area profiles and series.
// City values and ranks come from @sozialraum/core (docs/methods/aggregation.md).
import { DIMENSIONS, rankValues, shareReliability } from '@sozialraum/core';
import { honestCityValue, roundOut } from './honest-output.ts';
import type { Sql } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { getAreaDetail, requireLevel } from '../areas/index.ts';
import type { Principal } from '../access/index.ts';
import { invalidateDisclosureCache, loadDisclosure, type Disclosure } from '../disclosure/index.ts';
import { bumpDataVersion, prepare, PreparedCache, type Prepared } from '../../http/prepared.ts';
import { canReadIndicator, readerClass, type Visibility } from './policy.ts';
import { loadSourceMap } from '../sources/index.ts';
import {
  type Coverage,
  type Indicator,
  type Profile,
  type SeriesPoint,
  type Values,
} from '@sozialraum/contracts/indicators';
import {
  selectAreaObservations,
  selectCoverage,
  selectIndicators,
  selectLevelValues,
  selectPeerValues,
  countLevelAreas,
  selectSeries,
  selectShares,
  type CoverageRow,
  type IndicatorRow,
} from './store.ts';

/** Indicators with their coverage, as served by /api/indicators. */
export interface Catalogue {
  indicators: Indicator[];
  byId: Map<string, Indicator>;
}

// One catalogue per (database, tenant) and process. The coverage GROUP BY scans all observations
// (0.7 s per million rows on PGlite, docs/stack.md), so it runs once and again only after an import.
let catalogueCache = new WeakMap<object, Map<string, Promise<Catalogue>>>();

// The map's values of one indicator × level × date and the area profiles are read far more often
// than they change (every map view, every click on an area: npm run bench, sections b and g). They
// are kept as prepared bytes (JSON + gzip + ETag) per data version, tenant, query and the reader's
// visibility class; invalidateCatalogueCache() moves the data version. Bounded per database.
const valuesCache = new PreparedCache(500);
const profileCache = new PreparedCache(2000);

/** Forgets the cached catalogue, coverage, values and profiles; every change to what they say calls this. */
export function invalidateCatalogueCache(): void {
  catalogueCache = new WeakMap();
  invalidateDisclosureCache();
  bumpDataVersion();
}

/** The values answer of getValues as prepared bytes, made once per data version and reader class. */
export async function getValuesPrepared(
  sql: Sql,
  principal: Principal,
  query: { indicator: string; system: string; level: string; date?: string | undefined },
  check: (v: Values) => Values = (v) => v,
): Promise<Prepared> {
  // Visibility first: an indicator the caller may not read is a 404 whatever is cached.
  await getIndicator(sql, principal, query.indicator);
  const key = [
    principal.tenantId,
    readerClass(principal),
    query.indicator,
    query.system,
    query.level,
    query.date ?? '',
  ].join('\u0000');
  return valuesCache.get(sql, key, async () =>
    prepare(check(await getValues(sql, principal, query))),
  );
}

/** The profile answer of getProfile as prepared bytes, made once per data version and reader class. */
export function getProfilePrepared(
  sql: Sql,
  principal: Principal,
  areaId: number,
  date: string | undefined,
  check: (p: Profile) => Profile = (p) => p,
): Promise<Prepared> {
  const key = [principal.tenantId, readerClass(principal), String(areaId), date ?? ''].join(
    '\u0000',
  );
  return profileCache.get(sql, key, async () =>
    prepare(check(await getProfile(sql, principal, areaId, date))),
  );
}

/** True when the principal sees values without statistical disclosure control. */
export function seesUnsuppressed(principal: Principal): boolean {
  return principal.permissions.has('disclosure.unsuppressed');
}

/** Shows every cell as stored (for people with 'disclosure.unsuppressed'). */
const NO_SUPPRESSION: Pick<Disclosure, 'protect'> = { protect: (_i, _d, _a, row) => row };

/** The disclosure decisions for what this principal sees. */
export async function disclosureFor(
  sql: Sql,
  principal: Principal,
  scope: { indicatorId: string; date?: string }[],
): Promise<Pick<Disclosure, 'protect'>> {
  if (seesUnsuppressed(principal)) return NO_SUPPRESSION;
  return loadDisclosure(sql, principal.tenantId, scope);
}

/** The indicators this principal may read (public ones for visitors without sign-in). */
export async function getCatalogue(sql: Sql, principal: Principal): Promise<Catalogue> {
  const all = await getTenantCatalogue(sql, principal.tenantId);
  const indicators = all.indicators.filter((i) => canReadIndicator(principal, i));
  if (indicators.length === all.indicators.length) return all;
  return { indicators, byId: new Map(indicators.map((i) => [i.id, i])) };
}

/** The cached catalogue of all indicators of a tenant, whatever their visibility (internal use). */
export function getTenantCatalogue(sql: Sql, tenantId: string): Promise<Catalogue> {
  let perDb = catalogueCache.get(sql);
  if (!perDb) catalogueCache.set(sql, (perDb = new Map()));
  let entry = perDb.get(tenantId);
  if (!entry) {
    const cache = perDb;
    entry = loadCatalogue(sql, tenantId);
    cache.set(tenantId, entry);
    // A failed load must not stay cached.
    entry.catch(() => {
      if (cache.get(tenantId) === entry) cache.delete(tenantId);
    });
  }
  return entry;
}

async function loadCatalogue(sql: Sql, tenantId: string): Promise<Catalogue> {
  const [rows, coverageRows, sources, shares] = await Promise.all([
    selectIndicators(sql, tenantId),
    selectCoverage(sql, tenantId),
    loadSourceMap(sql, tenantId),
    selectShares(sql, tenantId),
  ]);
  const coverage = groupCoverage(coverageRows);
  const indicators = rows.map((row) =>
    toIndicator(row, coverage.get(row.id) ?? [], sources, shares.get(row.id) ?? []),
  );
  return { indicators, byId: new Map(indicators.map((i) => [i.id, i])) };
}

/** Groups coverage rows (sorted by indicator, system, level, date) into per-indicator lists. */
export function groupCoverage(rows: readonly CoverageRow[]): Map<string, Coverage[]> {
  const out = new Map<string, Coverage[]>();
  for (const r of rows) {
    let list = out.get(r.indicator_id);
    if (!list) out.set(r.indicator_id, (list = []));
    let last = list[list.length - 1];
    if (!last || last.systemId !== r.system_id || last.levelId !== r.level_id) {
      list.push((last = { systemId: r.system_id, levelId: r.level_id, dates: [] }));
    }
    last.dates.push(r.ref_date);
  }
  return out;
}

function toIndicator(
  row: IndicatorRow,
  coverage: Coverage[],
  sources: Map<string, Indicator['source']>,
  sharedWith: string[],
): Indicator {
  const source = sources.get(row.source_id);
  if (!source) throw new Error(`indicator ${row.id} refers to missing source ${row.source_id}`);
  return {
    id: row.id,
    nameDe: row.name_de,
    nameEn: row.name_en,
    shortDe: row.short_de,
    definitionDe: row.definition_de,
    definitionEn: row.definition_en,
    unit: row.unit,
    kind: row.kind,
    scale: row.scale,
    dimension: row.dimension as Indicator['dimension'],
    polarity: row.polarity,
    department: row.department,
    visibility: row.visibility as Visibility,
    sharedWith,
    updateCycle: row.update_cycle,
    numeratorDef: row.numerator_def,
    denominatorDef: row.denominator_def,
    decimals: row.decimals,
    methodNote: row.method_note,
    source,
    coverage,
  };
}

/**
 * One indicator the principal may read; German 404 if unknown or not visible to them (an
 * indicator someone may not read does not exist for them — its name is not confirmed).
 */
export async function getIndicator(
  sql: Sql,
  principal: Principal,
  indicatorId: string,
): Promise<Indicator> {
  const indicator = (await getTenantCatalogue(sql, principal.tenantId)).byId.get(indicatorId);
  if (!indicator || !canReadIndicator(principal, indicator))
    throw notFound(`Den Indikator „${indicatorId}“ gibt es nicht.`);
  return indicator;
}

/** Dates with observations of an indicator on one level (ascending; empty if none). */
export function datesOn(indicator: Indicator, systemId: string, levelId: string): string[] {
  return (
    indicator.coverage.find((c) => c.systemId === systemId && c.levelId === levelId)?.dates ?? []
  );
}

/** The latest of the ascending ISO dates that is ≤ date (the latest of all when date is undefined). */
export function latestDateAtOrBefore(
  dates: readonly string[],
  date: string | undefined,
): string | undefined {
  for (let i = dates.length - 1; i >= 0; i--) {
    const d = dates[i]!;
    if (date === undefined || d <= date) return d;
  }
  return undefined;
}

/**
 * Values of one indicator for every area of a level at one date (the latest date ≤ the requested
 * one that has data on that level; the latest of all if none is requested), with the city value.
 */
export async function getValues(
  sql: Sql,
  principal: Principal,
  query: { indicator: string; system: string; level: string; date?: string | undefined },
): Promise<Values> {
  const tenantId = principal.tenantId;
  const indicator = await getIndicator(sql, principal, query.indicator);
  const level = await requireLevel(sql, tenantId, query.system, query.level);
  const dates = datesOn(indicator, query.system, query.level);
  const where = `auf der Ebene „${level.nameDe}“ (${query.level}) des Gebietssystems „${query.system}“`;
  if (dates.length === 0) {
    throw notFound(
      `Für den Indikator „${indicator.nameDe}“ (${indicator.id}) liegen ${where} keine Werte vor.`,
    );
  }
  const date = latestDateAtOrBefore(dates, query.date);
  if (!date) {
    throw notFound(
      `Für den Indikator „${indicator.nameDe}“ (${indicator.id}) liegen ${where} keine Werte zum Stichtag ${query.date} oder früher vor; ` +
        `der früheste Stichtag ist ${dates[0]}.`,
    );
  }
  const rows = await selectLevelValues(
    sql,
    tenantId,
    indicator.id,
    query.system,
    query.level,
    date,
  );
  const city = honestCityValue(indicator.kind, indicator.scale, indicator.decimals, rows);
  const dec = indicator.decimals;
  // Public output: small counts withheld (docs/methods/disclosure-control.md); the city value is
  // safe because secondary suppression treats each level as summing to it.
  const disclosure = await disclosureFor(sql, principal, [{ indicatorId: indicator.id, date }]);
  const shown = rows.map((r) => disclosure.protect(indicator.id, date, r.area_id, r));
  return {
    indicator,
    systemId: query.system,
    levelId: query.level,
    date,
    values: shown.map((r) => ({
      areaId: r.area_id,
      code: r.code,
      name: r.name,
      value: roundOut(r.value, dec),
      numerator: r.numerator,
      denominator: r.denominator,
      flag: r.flag,
      flagReason: r.flag_reason,
      reliability: shareReliability(indicator.kind, indicator.scale, r.numerator, r.denominator),
    })),
    city,
  };
}

/**
 * The profile of one area: every public indicator with data on the area's level, grouped by
 * dimension (fixed order), each at the requested date or its latest date ≤ it, with city value,
 * rank among the level's areas and the area's full series. Two queries plus the cached catalogue.
 */
export async function getProfile(
  sql: Sql,
  principal: Principal,
  areaId: number,
  date: string | undefined,
): Promise<Profile> {
  const tenantId = principal.tenantId;
  const area = await getAreaDetail(sql, tenantId, areaId);
  const catalogue = await getCatalogue(sql, principal);
  const chosen: { indicator: Indicator; date: string }[] = [];
  for (const indicator of catalogue.indicators) {
    const d = latestDateAtOrBefore(datesOn(indicator, area.systemId, area.levelId), date);
    if (d) chosen.push({ indicator, date: d });
  }
  const [ownRaw, peers, disclosure, levelSize] = await Promise.all([
    selectAreaObservations(sql, tenantId, areaId),
    selectPeerValues(
      sql,
      tenantId,
      area.systemId,
      area.levelId,
      chosen.map((c) => ({ indicatorId: c.indicator.id, date: c.date })),
    ),
    disclosureFor(
      sql,
      principal,
      chosen.map((c) => ({ indicatorId: c.indicator.id })),
    ),
    countLevelAreas(sql, tenantId, area.systemId, area.levelId),
  ]);
  const own = ownRaw
    .filter((r) => catalogue.byId.has(r.indicator_id))
    .map((r) => disclosure.protect(r.indicator_id, r.ref_date, areaId, r));
  const ownBy = groupBy(own, (r) => r.indicator_id);
  const peersBy = new Map(peers.map((p) => [p.indicator_id, p]));

  const entries = chosen.map(({ indicator, date: d }) => {
    const series = ownBy.get(indicator.id) ?? [];
    const current = series.find((r) => r.ref_date === d);
    const peer = peersBy.get(indicator.id);
    const peerRows = (peer?.values ?? []).map((value, i) => ({
      value,
      numerator: peer?.numerators[i] ?? null,
      denominator: peer?.denominators[i] ?? null,
    }));
    // areas of the level without a row count as lacking a value (as in getValues' LEFT JOIN)
    const absent = Math.max(0, levelSize - peerRows.length);
    const noRow = { value: null, numerator: null, denominator: null };
    const cityRows = [...peerRows, ...Array.from({ length: absent }, () => noRow)];
    const city = honestCityValue(indicator.kind, indicator.scale, indicator.decimals, cityRows);
    const dec = indicator.decimals;
    const { ranks, rankedCount } = rankValues(peerRows.map((r) => r.value));
    const at = peer ? peer.area_ids.indexOf(areaId) : -1;
    return {
      indicator,
      date: d,
      value: roundOut(current?.value ?? null, dec),
      numerator: current?.numerator ?? null,
      denominator: current?.denominator ?? null,
      flag: current?.flag ?? null,
      flagReason: current?.flag_reason ?? null,
      reliability: shareReliability(
        indicator.kind,
        indicator.scale,
        current?.numerator ?? null,
        current?.denominator ?? null,
      ),
      imported:
        current?.import_id != null
          ? {
              importRunId: current.import_id,
              fileName: current.import_file_name,
              importedAt: current.imported_at ? new Date(current.imported_at).toISOString() : null,
            }
          : null,
      cityValue: city.value,
      cityCoverage: city.coverage,
      cityNote: city.note,
      cityMethod: city.method,
      // a class or code is not a measurement: no rank (issue 11 § 1, "Rang 96 von 536" for a status class)
      rank:
        indicator.unit !== 'class' && at >= 0 && (current?.value ?? null) !== null
          ? (ranks[at] ?? null)
          : null,
      rankOf: rankedCount,
      series: series.map((r) => ({ date: r.ref_date, value: roundOut(r.value, dec) })),
    };
  });
  const groups = DIMENSIONS.map((dimension) => ({
    dimension,
    indicators: entries.filter((e) => e.indicator.dimension === dimension),
  })).filter((g) => g.indicators.length > 0);
  const latest = chosen.reduce<string | null>(
    (m, c) => (m === null || c.date > m ? c.date : m),
    null,
  );
  return { area, date: date ?? latest, groups };
}

/** The series of one indicator for one area; German 404 for unknown area or indicator. */
export async function getSeries(
  sql: Sql,
  principal: Principal,
  areaId: number,
  indicatorId: string,
): Promise<SeriesPoint[]> {
  const tenantId = principal.tenantId;
  await getAreaDetail(sql, tenantId, areaId);
  await getIndicator(sql, principal, indicatorId);
  const disclosure = await disclosureFor(sql, principal, [{ indicatorId }]);
  const rows = (await selectSeries(sql, tenantId, areaId, indicatorId)).map((r) =>
    disclosure.protect(indicatorId, r.ref_date, areaId, r),
  );
  return rows.map((r) => ({
    date: r.ref_date,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    flag: r.flag,
  }));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(row);
  }
  return out;
}
