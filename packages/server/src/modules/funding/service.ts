// Funding service: programme list and page (facts, areas, money by year with its checks) and the
// replacement of a programme's areas. Money rules are core's (checkCoFinancing, flagSpentOverApproved).
import {
  checkCoFinancing,
  evaluateGoal,
  flagSpentOverApproved,
  goalTrend,
  summariseByYear,
  type FundingEntry,
} from '@sozialraum/core';
import type { ProgrammeDetail } from '@sozialraum/contracts/funding';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { getSeries } from '../indicators/index.ts';
import { isMeasureReadable, listMeasureRefs, type MeasureRef } from '../measures/index.ts';
import { findProgramme, PROGRAMMES } from './catalogue.ts';
import { seesMoney } from './policy.ts';
import {
  countProgrammeAreas,
  replaceProgrammeAreas,
  selectProgrammeAreas,
  selectProgrammeEntries,
  selectTenantAreas,
  type FundingEntryRow,
} from './store.ts';
import { selectMeasureEntries } from './transparency-store.ts';

/** The catalogue with the number of areas each programme has in the caller's tenant. */
export async function listProgrammes(sql: Sql, tenantId: string) {
  const counts = await countProgrammeAreas(sql, tenantId);
  return PROGRAMMES.map((p) => ({ ...p, areaCount: counts.get(p.id) ?? 0 }));
}

function requireProgramme(id: string) {
  const p = findProgramme(id);
  if (!p) throw notFound(`Das Förderprogramm „${id}“ gibt es nicht im Katalog.`);
  return p;
}

/** Money rows in core's shape; the area key is the area id, or "*" for the whole programme area. */
export function toEntries(rows: readonly FundingEntryRow[]): FundingEntry[] {
  return rows.map((r) => ({
    programmeId: r.programme_id,
    areaKey: r.area_id === null ? '*' : String(r.area_id),
    measureKey: r.measure_id === null ? '' : String(r.measure_id),
    year: Number(r.year),
    kind: r.kind,
    source: r.source,
    amount: Number(r.amount),
  }));
}

/** One programme: catalogue facts, its areas in the tenant and (for staff) money by year. */
export async function getProgramme(
  sql: Sql,
  principal: Principal,
  id: string,
): Promise<ProgrammeDetail> {
  const p = requireProgramme(id);
  const areas = await selectProgrammeAreas(sql, principal.tenantId, id);
  let money: ProgrammeDetail['money'] = null;
  let measures: ProgrammeDetail['measures'] = null;
  if (seesMoney(principal)) {
    const entries = toEntries(await selectProgrammeEntries(sql, principal.tenantId, id));
    measures = await fundedMeasures(sql, principal, entries);
    const problems = [...checkCoFinancing(entries), ...flagSpentOverApproved(entries)];
    money = {
      years: summariseByYear(entries),
      problems: problems.map((x) => ({
        code: x.code,
        areaKey: x.areaKey,
        year: x.year,
        message: x.message,
      })),
    };
  }
  return {
    ...p,
    areas: areas.map((a) => ({
      areaId: a.area_id,
      code: a.code,
      name: a.name,
      systemId: a.system_id,
      levelId: a.level_id,
      validFrom: a.valid_from,
      validTo: a.valid_to,
    })),
    money,
    measures,
  };
}

/** The measures the entries are booked on that the principal may read, with money by year and goals. */
async function fundedMeasures(
  sql: Sql,
  principal: Principal,
  entries: readonly FundingEntry[],
): Promise<NonNullable<ProgrammeDetail['measures']>> {
  const ids = new Set(entries.filter((e) => e.measureKey).map((e) => Number(e.measureKey)));
  if (ids.size === 0) return [];
  const refs = (await listMeasureRefs(sql, principal)).filter((m) => ids.has(m.id));
  const out: NonNullable<ProgrammeDetail['measures']> = [];
  for (const m of refs.sort((a, b) => a.title.localeCompare(b.title, 'de')))
    out.push({
      id: m.id,
      title: m.title,
      status: m.status,
      years: summariseByYear(entries.filter((e) => e.measureKey === String(m.id))),
      goals: await goalValues(sql, principal, m.goals),
    });
  return out;
}

/**
 * A goal's values as the caller may see them (the indicators door applies disclosure control):
 * the latest value, the judgement against the target line (core's evaluateGoal, as on the measure
 * page) and the trend of the last step (core's goalTrend; a step within half the last published
 * digit is flat).
 */
async function goalValues(sql: Sql, principal: Principal, goals: MeasureRef['goals']) {
  const out = [];
  for (const g of goals) {
    const actual = (await getSeries(sql, principal, g.areaId, g.indicatorId)).map((p) => ({
      date: p.date,
      value: p.value,
    }));
    const e = evaluateGoal({ baseline: g.baseline, target: g.target, actual });
    const after = actual.filter((p) => p.date >= g.baseline.date);
    const flat = 0.5 * 10 ** -(g.decimals ?? 1);
    out.push({
      ...g,
      latest: e.latest,
      status: e.status,
      trend: goalTrend(after, g.baseline.value, g.target.value, flat),
    });
  }
  return out;
}

/** Money booked on one measure (404 when the measure is unknown or not readable by the caller). */
export async function getMeasureMoney(sql: Sql, principal: Principal, measureId: number) {
  if (!(await isMeasureReadable(sql, principal, measureId)))
    throw notFound(`Die Maßnahme ${measureId} gibt es nicht.`);
  const rows = await selectMeasureEntries(sql, principal.tenantId, { measureId });
  return {
    measureId,
    rows: rows.map((r) => ({
      year: Number(r.year),
      programmeId: r.programme_id,
      programmeName: findProgramme(r.programme_id)?.name ?? r.programme_id,
      kind: r.kind as FundingEntry['kind'],
      source: r.source as FundingEntry['source'],
      amount: Number(r.amount),
    })),
  };
}

/**
 * Replaces the areas of a programme in the caller's tenant. Every area id must be an area of the
 * tenant (else 400, nothing written); audited in the same transaction.
 */
export async function setProgrammeAreas(
  db: Db,
  principal: Principal,
  id: string,
  areas: readonly { areaId: number; validFrom: string | null; validTo: string | null }[],
  actor: AuditActor,
): Promise<ProgrammeDetail> {
  requireProgramme(id);
  const t = principal.tenantId;
  const ids = [...new Set(areas.map((a) => a.areaId))];
  if (ids.length !== areas.length) throw badRequest('Ein Gebiet ist mehrfach genannt.');
  await db.transaction(async (tx) => {
    const known = new Set((await selectTenantAreas(tx, t, ids)).map((a) => a.id));
    const missing = ids.filter((x) => !known.has(x));
    if (missing.length > 0) throw badRequest(`Diese Gebiete gibt es nicht: ${missing.join(', ')}.`);
    const before = (await selectProgrammeAreas(tx, t, id)).map((a) => a.area_id);
    await replaceProgrammeAreas(tx, t, id, areas);
    await writeAudit(tx, t, {
      actor,
      action: 'funding.areas',
      entity: 'funding_programme_area',
      entityId: id,
      detail: { before, after: ids },
    });
  });
  // whole-programme money is spread over the new areas: prepared answers are made again
  bumpDataVersion();
  return getProgramme(db, principal, id);
}
