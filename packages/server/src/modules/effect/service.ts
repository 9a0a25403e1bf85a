// The effect estimate of a treatment (indicator + areas + start): load through the doors of the
// indicators, areas and disclosure modules, compute in core, answer. Method:
// docs/methods/difference-in-differences.md; decisions: docs/adr/0034-funding-programmes-and-effect.md.
import {
  describeEffectReason,
  estimateEffect as estimateInCore,
  type EffectEstimate,
  type PanelPoint,
} from '@sozialraum/core';
import type { EffectEstimateAnswer } from '@sozialraum/contracts/effect';
import type { Sql } from '../../db/db.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { prepare, PreparedCache, type Prepared } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import { selectAreasByIds, selectLevelAreas, type AreaRefRow } from '../areas/index.ts';
import {
  disclosureFor,
  getIndicator,
  readerClass,
  selectLevelSeries,
} from '../indicators/index.ts';

/** What a measure has: the indicator of its goal, its areas and its start; optionally the level. */
export interface EffectRequest {
  indicatorId: string;
  areaIds: readonly number[];
  start: string;
  level?: string | undefined;
}

/** Below this sum of the treated areas' denominators (e.g. residents) the estimate is refused. */
const MIN_BASE = 100;
/** Placebo treatments for the interval (docs/methods/difference-in-differences.md). */
const REPLICATIONS = 999;

/** Resolves the treated areas (all in the tenant, one system and level) or answers 400. */
async function resolveTreated(
  sql: Sql,
  tenantId: string,
  req: EffectRequest,
): Promise<{ areas: AreaRefRow[]; systemId: string; levelId: string }> {
  const areas = await selectAreasByIds(sql, tenantId, req.areaIds);
  const found = new Set(areas.map((a) => a.id));
  const missing = req.areaIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw badRequest(`Diese Gebiete gibt es nicht: ${missing.join(', ')}.`);
  const levels = new Set(areas.map((a) => `${a.systemId}/${a.levelId}`));
  if (levels.size !== 1) {
    throw badRequest(
      `Die Maßnahmengebiete liegen auf verschiedenen Ebenen (${[...levels].join(', ')}); ` +
        'verglichen wird nur innerhalb einer Ebene.',
    );
  }
  const { systemId, levelId } = areas[0]!;
  if (req.level !== undefined && req.level !== levelId) {
    throw badRequest(
      `Die Maßnahmengebiete liegen auf der Ebene „${levelId}“, nicht „${req.level}“.`,
    );
  }
  return { areas, systemId, levelId };
}

/**
 * Estimates the change attributable to a treatment by difference-in-differences against similar
 * untreated areas of the same level. The caller must belong to the tenant; the indicator must be
 * readable by them (404 otherwise); values withheld from them are left out.
 */
export async function estimateEffect(
  sql: Sql,
  tenantId: string,
  principal: Principal,
  req: EffectRequest,
): Promise<EffectEstimateAnswer> {
  if (principal.tenantId !== tenantId) throw forbidden('Nur innerhalb der eigenen Kommune.');
  if (req.areaIds.length === 0) throw badRequest('Mindestens ein Maßnahmengebiet angeben.');
  const indicator = await getIndicator(sql, principal, req.indicatorId);
  const { areas, systemId, levelId } = await resolveTreated(sql, tenantId, req);
  const [rows, levelAreas] = await Promise.all([
    selectLevelSeries(sql, tenantId, indicator.id, systemId, levelId),
    selectLevelAreas(sql, tenantId, systemId, levelId),
  ]);
  const dates = [...new Set(rows.map((r) => r.ref_date))];
  const disclosure = await disclosureFor(
    sql,
    principal,
    dates.map((date) => ({ indicatorId: indicator.id, date })),
  );
  const panel: PanelPoint[] = [];
  const denominators = new Map<string, number[]>();
  for (const raw of rows) {
    const r = disclosure.protect(indicator.id, raw.ref_date, raw.area_id, raw);
    if (r.value === null || r.flag !== null) continue;
    panel.push({ areaId: String(r.area_id), period: r.ref_date, value: r.value });
    if (r.denominator !== null && r.ref_date < req.start) {
      const list = denominators.get(String(r.area_id)) ?? [];
      list.push(r.denominator);
      denominators.set(String(r.area_id), list);
    }
  }
  const baseByArea =
    denominators.size > 0
      ? new Map([...denominators].map(([id, l]) => [id, l.reduce((s, x) => s + x, 0) / l.length]))
      : undefined;
  const treatedIds = areas.map((a) => String(a.id));
  const treatedSet = new Set(treatedIds);
  // the pool: areas of the same level that are not treated and were not dissolved before the start
  const poolIds = levelAreas
    .filter((a) => !treatedSet.has(String(a.id)) && (a.validTo === null || a.validTo >= req.start))
    .map((a) => String(a.id));
  const result = estimateInCore({
    panel,
    treatedIds,
    poolIds,
    start: req.start,
    ...(baseByArea ? { baseByArea } : {}),
    options: { replications: REPLICATIONS, minBase: baseByArea ? MIN_BASE : 0 },
  });
  const byId = new Map(levelAreas.map((a) => [String(a.id), a]));
  return shapeAnswer(result, byId, {
    indicator,
    systemId,
    levelId,
    start: req.start,
    poolSize: poolIds.length,
  });
}

function shapeAnswer(
  r: EffectEstimate,
  byId: ReadonlyMap<string, { id: number; code: string; name: string }>,
  ctx: {
    indicator: Awaited<ReturnType<typeof getIndicator>>;
    systemId: string;
    levelId: string;
    start: string;
    poolSize: number;
  },
): EffectEstimateAnswer {
  const ref = (id: string) => {
    const a = byId.get(id);
    return { areaId: Number(id), code: a?.code ?? '', name: a?.name ?? id };
  };
  const i = ctx.indicator;
  return {
    indicator: {
      id: i.id,
      nameDe: i.nameDe,
      nameEn: i.nameEn,
      unit: i.unit,
      decimals: i.decimals,
      polarity: i.polarity,
    },
    systemId: ctx.systemId,
    levelId: ctx.levelId,
    start: ctx.start,
    verdict: r.verdict,
    reasons: r.reasons.map((x) => ({ code: x.code, message: describeEffectReason(x) })),
    estimate: r.estimate,
    interval: r.interval,
    pValue: r.pValue,
    prePeriods: r.prePeriods,
    postPeriods: r.postPeriods,
    treated: r.treated.map((t) => ({
      ...ref(t.areaId),
      level: t.level,
      trendPerYear: t.trendPerYear,
      change: t.change,
    })),
    treatedWithoutData: r.treatedWithoutData.map(ref),
    comparisons: r.comparisons.map((c) => ({
      ...ref(c.areaId),
      level: c.level,
      trendPerYear: c.trendPerYear,
      change: c.change,
      matchedTo: Number(c.matchedTo),
      distance: c.distance,
    })),
    poolSize: ctx.poolSize,
    preTrend: r.preTrend,
    series: r.series,
    method: r.method,
  };
}

// An estimate costs 0.5–1.5 s of CPU (999 placebo treatments); the measure page asks for one per
// goal on every view. Kept as prepared bytes per data version (every import moves it), tenant,
// the reader's visibility class and the request — the same rule as the map's values.
const estimates = new PreparedCache(200);

/** The estimate as prepared bytes (JSON, gzip, ETag), computed once per data version and reader class. */
export async function estimateEffectPrepared(
  sql: Sql,
  principal: Principal,
  req: EffectRequest,
  check: (a: EffectEstimateAnswer) => EffectEstimateAnswer = (a) => a,
): Promise<Prepared> {
  // visibility first: an indicator the caller may not read is a 404 whatever is cached
  await getIndicator(sql, principal, req.indicatorId);
  const key = [
    principal.tenantId,
    readerClass(principal),
    req.indicatorId,
    [...new Set(req.areaIds)].sort((a, b) => a - b).join(','),
    req.start,
    req.level ?? '',
  ].join('\u0000');
  return estimates.get(sql, key, async () =>
    prepare(check(await estimateEffect(sql, principal.tenantId, principal, req))),
  );
}

/**
 * The estimate as an answer object, from the same cache as GET /api/effect (so a measure page and
 * an area profile that ask for the same measure compute it once per data version).
 */
export async function getEffectEstimateCached(
  sql: Sql,
  principal: Principal,
  req: EffectRequest,
): Promise<EffectEstimateAnswer> {
  const p = await estimateEffectPrepared(sql, principal, req);
  return JSON.parse(p.json.toString('utf8')) as EffectEstimateAnswer;
}
