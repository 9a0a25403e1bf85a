// The area profile's card „Förderung und Wirkung“ (issue 15 §§ 2–3): the programmes whose
// Fördergebiet covers the area, the money in the area by year (placed on the area's level by the
// transparency's rule: summed up from finer areas, spread by residents from coarser ones and from
// whole Fördergebiete — docs/methods/funding-allocation.md), and the effect estimates of the
// measures there, read through the effect module's door from its per-data-version cache.
import { sumAreaByYear, sumMoneyByArea, moneyPerResident } from '@sozialraum/core';
import type { AreaFunding } from '@sozialraum/contracts/funding-transparency';
import type { Sql } from '../../db/db.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { listAreaSystems, selectAreasByIds, type AreaRefRow } from '../areas/index.ts';
import { getEffectEstimateCached } from '../effect/index.ts';
import { listEffectRequestsForArea } from '../measures/index.ts';
import { findProgramme } from './catalogue.ts';
import { seesMoney } from './policy.ts';
import { loadBridge, placeOnLevel, residentLevels } from './transparency.ts';
import { resolveResidentsIndicator, residentsForYears } from './transparency-need.ts';
import {
  selectAllProgrammeAreas,
  selectEntriesOfKind,
  selectFundingSettings,
  selectSystemAreaTree,
  type SystemAreaRow,
} from './transparency-store.ts';

/** Estimates computed for one card at most; the rest are on the measure pages (0.5–1.5 s each). */
export const MAX_CARD_EFFECTS = 4;

/** The card for one area of the caller's tenant (404 for an unknown area or another tenant's). */
export async function getAreaFunding(
  sql: Sql,
  principal: Principal,
  areaId: number,
): Promise<AreaFunding> {
  const [area] = await selectAreasByIds(sql, principal.tenantId, [areaId]);
  if (!area) throw notFound(`Das Gebiet ${areaId} gibt es nicht.`);
  const [tree, programmeAreas] = await Promise.all([
    selectSystemAreaTree(sql, principal.tenantId, area.systemId),
    selectAllProgrammeAreas(sql, principal.tenantId),
  ]);
  const [money, effects] = await Promise.all([
    moneyOf(sql, principal, area, tree, programmeAreas),
    effectsIn(sql, principal, areaId),
  ]);
  return {
    areaId,
    programmes: programmesOf(areaId, tree, programmeAreas),
    money,
    ...effects,
  };
}

type ProgrammeAreaRows = Awaited<ReturnType<typeof selectAllProgrammeAreas>>;

/** Programmes whose Fördergebiet is the area, contains it (coarser) or lies in it (finer). */
function programmesOf(
  areaId: number,
  tree: readonly SystemAreaRow[],
  programmeAreas: ProgrammeAreaRows,
): AreaFunding['programmes'] {
  const parent = new Map(tree.map((a) => [a.id, a.parent_id]));
  const ancestorsOf = (id: number): number[] => {
    const out: number[] = [];
    for (let p = parent.get(id) ?? null; p !== null && out.length < 16; p = parent.get(p) ?? null)
      out.push(p);
    return out;
  };
  const above = new Set(ancestorsOf(areaId));
  const rank = { area: 0, coarser: 1, finer: 2 } as const;
  const best = new Map<string, AreaFunding['programmes'][number]>();
  for (const pa of programmeAreas) {
    const via =
      pa.area_id === areaId
        ? 'area'
        : above.has(pa.area_id)
          ? 'coarser'
          : ancestorsOf(pa.area_id).includes(areaId)
            ? 'finer'
            : null;
    if (!via) continue;
    const old = best.get(pa.programme_id);
    if (old && rank[old.via] <= rank[via]) continue;
    const p = findProgramme(pa.programme_id);
    best.set(pa.programme_id, {
      id: pa.programme_id,
      name: p?.name ?? pa.programme_id,
      level: p?.level ?? 'kommune',
      validFrom: pa.valid_from,
      validTo: pa.valid_to,
      via,
    });
  }
  return [...best.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** Approved money in the area by year, as the transparency view places it; null if not public. */
async function moneyOf(
  sql: Sql,
  principal: Principal,
  area: AreaRefRow,
  tree: readonly SystemAreaRow[],
  programmeAreas: ProgrammeAreaRows,
): Promise<AreaFunding['money']> {
  const t = principal.tenantId;
  const settings = await selectFundingSettings(sql, t);
  if (!seesMoney(principal) && settings.public_detail === 'none') return null;
  const detail: NonNullable<AreaFunding['money']>['detail'] = seesMoney(principal)
    ? 'staff'
    : settings.public_detail === 'by_programme'
      ? 'by_programme'
      : 'totals';
  const kind = 'approved' as const;
  const rows = await selectEntriesOfKind(sql, t, kind);
  const year = rows.reduce<number | null>((y, r) => Math.max(y ?? 0, Number(r.year)), null);
  const empty = { kind, detail, years: [], year, total: 0, perResident: null, residents: null };
  if (year === null) return { ...empty, byProgramme: null };
  const systems = await listAreaSystems(sql, t);
  const levels = systems.find((s) => s.id === area.systemId)?.levels ?? [];
  const depth = levels.find((l) => l.id === area.levelId)?.depth ?? 0;
  const indicator = await resolveResidentsIndicator(sql, principal, settings.residents_indicator);
  const wanted = residentLevels(
    tree,
    programmeAreas,
    levels.map((l) => ({ levelId: l.id, depth: l.depth })),
    depth,
  );
  const years = [...new Set(rows.map((r) => Number(r.year)))];
  const perYear = await residentsForYears(
    sql,
    principal,
    indicator,
    { system: area.systemId, level: area.levelId },
    years,
    wanted,
  );
  const residents = perYear?.byYear.get(year) ?? null;
  const bridge = await loadBridge(
    sql,
    t,
    rows,
    { system: area.systemId, level: area.levelId, year },
    'area',
  );
  const placed = placeOnLevel(
    rows,
    tree,
    programmeAreas,
    residents,
    depth,
    year,
    perYear?.byYear,
    bridge,
  );
  const key = String(area.id);
  const m = sumMoneyByArea(placed.entries, year, kind).get(key);
  const res = residents ? (placed.residents.get(key) ?? null) : null;
  return {
    ...empty,
    years: (sumAreaByYear(placed.entries, kind).get(key) ?? []).map((s) => ({
      year: s.year,
      money: s.total,
    })),
    total: m?.total ?? 0,
    residents: res,
    perResident: moneyPerResident(m?.total ?? 0, res),
    byProgramme: detail === 'totals' ? null : (m?.byProgramme ?? {}),
  };
}

/** Effect estimates of the measures in the area (one per measure × goal indicator, capped). */
async function effectsIn(
  sql: Sql,
  principal: Principal,
  areaId: number,
): Promise<Pick<AreaFunding, 'effects' | 'effectsOmitted'>> {
  if (!principal.permissions.has('effect.read')) return { effects: [], effectsOmitted: 0 };
  const measures = await listEffectRequestsForArea(sql, principal, areaId);
  const asks = measures.flatMap((m) => m.indicatorIds.map((indicatorId) => ({ m, indicatorId })));
  const effects: AreaFunding['effects'] = [];
  // one after the other: each estimate may take a CPU second on first use
  for (const { m, indicatorId } of asks.slice(0, MAX_CARD_EFFECTS)) {
    const base = { measureId: m.id, title: m.title, areaIds: m.areaIds, start: m.start };
    try {
      const estimate = await getEffectEstimateCached(sql, principal, {
        indicatorId,
        areaIds: m.areaIds,
        start: m.start,
      });
      effects.push({ ...base, estimate, error: null });
    } catch (err) {
      // an estimate the data do not allow (areas on two levels, …) is said, not a failed card
      if (!(err instanceof HttpError) || err.statusCode >= 500) throw err;
      effects.push({ ...base, estimate: null, error: err.message });
    }
  }
  return { effects, effectsOmitted: Math.max(0, asks.length - MAX_CARD_EFFECTS) };
}
