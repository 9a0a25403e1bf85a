// The two data sides of the transparency view, read through other modules' doors as the caller may
// see them: residents per area (an indicator, disclosure control applied) and need per area (the
// status index of an index definition, or any readable indicator).
import type { Indicator } from '@sozialraum/contracts/indicators';
import type { Sql } from '../../db/db.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { getIndicator, getValues, type Catalogue } from '../indicators/index.ts';
import { canReadIndex, getIndexDetail, getResults, PRESETS } from '../monitoring/index.ts';
import { getResidents } from '../supply/index.ts';

/** Values per area id at one date, with what they are. */
export interface AreaValues {
  id: string;
  label: string;
  date: string | null;
  unit: string | null;
  values: Map<number, number>;
  /** Indicators the values come from (for provenance). */
  indicators: Indicator[];
}

/** Reads the values of one indicator on a level at the latest date ≤ the end of the year; null if none. */
async function indicatorValues(
  sql: Sql,
  principal: Principal,
  indicator: Indicator,
  key: { system: string; level: string; year: number },
): Promise<AreaValues> {
  const base = {
    id: indicator.id,
    label: indicator.nameDe,
    unit: indicator.unit,
    indicators: [indicator],
  };
  try {
    const v = await getValues(sql, principal, {
      indicator: indicator.id,
      system: key.system,
      level: key.level,
      date: `${key.year}-12-31`,
    });
    const values = new Map<number, number>();
    for (const r of v.values)
      if (r.value !== null && r.flag === null) values.set(r.areaId, r.value);
    return { ...base, date: v.date, values };
  } catch (err) {
    // no values on this level (or none up to the year): an empty side, not an error
    if (err instanceof HttpError && err.statusCode === 404)
      return { ...base, date: null, values: new Map() };
    throw err;
  }
}

/**
 * The residents indicator: the funding transparency's own setting, else the tenant's indicator of
 * all residents (Versorgung → Zielbevölkerung, ADR 0058). Null when neither is set (no figures per
 * resident; before ADR 0058 the first demography count of the catalogue was guessed) or the caller
 * may not read the one set.
 */
export async function resolveResidentsIndicator(
  sql: Sql,
  principal: Principal,
  setting: string | null,
): Promise<Indicator | null> {
  const id = setting ?? (await getResidents(sql, principal.tenantId)).indicatorId;
  if (!id) return null;
  try {
    return await getIndicator(sql, principal, id);
  } catch (err) {
    if (!(err instanceof HttpError && err.statusCode === 404)) throw err;
    return null;
  }
}

/**
 * Residents per area on the given levels of one system (each level at its latest date ≤ the end of
 * the year), in one map by area id; the date is the one of `key.level`, else of any level. The
 * `fallback` levels (finer ones, whose sums stand in for a missing count) are read only when
 * `key.level` has no values at all — each level read costs a values query with disclosure control.
 */
export async function residentsOnLevels(
  sql: Sql,
  principal: Principal,
  indicator: Indicator | null,
  key: { system: string; level: string; year: number },
  levels: readonly string[],
  fallback: readonly string[] = [],
): Promise<AreaValues | null> {
  if (!indicator) return null;
  const read = (list: readonly string[]) =>
    Promise.all(list.map((level) => indicatorValues(sql, principal, indicator, { ...key, level })));
  const wanted = [...new Set([key.level, ...levels])];
  let sides = await read(wanted);
  if (sides[0]!.values.size === 0) {
    const more = fallback.filter((l) => !wanted.includes(l));
    sides = [...sides, ...(await read(more))];
  }
  const values = new Map<number, number>();
  for (const side of sides) for (const [id, v] of side.values) values.set(id, v);
  const own = sides[0]!;
  const date = own.date ?? sides.find((s) => s.date !== null)?.date ?? null;
  return { ...own, date, values };
}

/** The residents of one booking year: the date used, and whether another year's stood in. */
export interface ResidentsYear {
  year: number;
  date: string | null;
  fallback: boolean;
}

/**
 * Residents for every booking year (each at its latest date ≤ the end of the year, as
 * `residentsOnLevels`). A year without any count up to its end takes the nearest year that has
 * one (the later on a tie) and says so (`fallback`). Null without a residents indicator.
 */
export async function residentsForYears(
  sql: Sql,
  principal: Principal,
  indicator: Indicator | null,
  key: { system: string; level: string },
  years: readonly number[],
  levels: { needed: readonly string[]; finer: readonly string[] },
): Promise<{ byYear: Map<number, AreaValues>; years: ResidentsYear[] } | null> {
  if (!indicator) return null;
  const wanted = [...new Set(years)].sort((a, b) => a - b);
  const read = await Promise.all(
    wanted.map((year) =>
      residentsOnLevels(sql, principal, indicator, { ...key, year }, levels.needed, levels.finer),
    ),
  );
  const found = new Map<number, AreaValues>();
  wanted.forEach((year, i) => {
    const side = read[i];
    if (side && side.values.size > 0) found.set(year, side);
  });
  const byYear = new Map<number, AreaValues>();
  const out: ResidentsYear[] = [];
  for (const year of wanted) {
    const own = found.get(year);
    const near = own
      ? year
      : [...found.keys()].sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a)[0];
    const side = near === undefined ? undefined : found.get(near);
    if (side) byYear.set(year, side);
    out.push({ year, date: side?.date ?? null, fallback: !own && side !== undefined });
  }
  return { byYear, years: out };
}

/** What `need` names: an index (default preset or `index:<id>`) or an indicator id. */
function parseNeed(
  need: string,
): { kind: 'index'; id: string } | { kind: 'indicator'; id: string } {
  if (need === 'index') return { kind: 'index', id: PRESETS[0]!.id };
  if (need.startsWith('index:')) return { kind: 'index', id: need.slice('index:'.length) };
  return { kind: 'indicator', id: need };
}

/**
 * Need per area, oriented by `reversed` (true: higher values mean less need). An index or indicator
 * the caller may not read answers 404 like an unknown one; a level without values gives an empty
 * map and a note.
 */
export async function needValues(
  sql: Sql,
  principal: Principal,
  need: string,
  key: { system: string; level: string; year: number },
  catalogue: Catalogue,
): Promise<{
  side: AreaValues & { kind: 'index' | 'indicator'; reversed: boolean };
  note: string | null;
}> {
  const parsed = parseNeed(need);
  if (parsed.kind === 'indicator') {
    const indicator = await getIndicator(sql, principal, parsed.id);
    const side = await indicatorValues(sql, principal, indicator, key);
    return {
      side: { ...side, kind: 'indicator', reversed: indicator.polarity === 'higher_is_better' },
      note:
        side.values.size === 0
          ? `Für „${indicator.nameDe}“ liegen auf dieser Ebene bis ${key.year} keine Werte vor.`
          : null,
    };
  }
  if (!(await canReadIndex(sql, principal, parsed.id)))
    throw notFound(`Den Index „${parsed.id}“ gibt es nicht.`);
  const detail = await getIndexDetail(sql, principal.tenantId, parsed.id);
  const inputs = [...detail.definition.status.inputs]
    .map((i) => catalogue.byId.get(i.indicatorId))
    .filter((i): i is Indicator => i !== undefined);
  const dates = detail.editions
    .filter((e) => e.system === key.system && e.level === key.level)
    .map((e) => e.date)
    .sort();
  const date = [...dates].reverse().find((d) => d <= `${key.year}-12-31`) ?? dates[0] ?? null;
  const side = {
    id: parsed.id,
    label: `Statusindex ${detail.label}`,
    unit: 'index',
    indicators: inputs,
    kind: 'index' as const,
    reversed: false,
    date,
    values: new Map<number, number>(),
  };
  if (date === null)
    return { side, note: `Der Index „${detail.label}“ ist auf dieser Ebene nicht berechenbar.` };
  const results = await getResults(sql, principal.tenantId, parsed.id, {
    system: key.system,
    level: key.level,
    date,
  });
  for (const a of results.areas) if (a.status) side.values.set(a.areaId, a.status.index);
  return { side, note: null };
}
