// Gaps of provision (issue 12 § 2: "areas with high need and no youth provider"): per area of a level
// the need (the target population's share of all residents, or the status index of the MSS) →
// core's selectNeedGaps (top quintile by default) → for each gap the nearest service of the type
// (straight line from the area's centroid), with provenance. Rules: ADR 0055.
import {
  areaCentroid,
  createNearestFinder,
  formatDate,
  selectNeedGaps,
  TOP_QUINTILE,
  type AreaGeometry,
} from '@sozialraum/core';
import type { supplyGapsQuerySchema, supplyGapsSchema } from '@sozialraum/contracts/supply';
import type { z } from 'zod';
import type { Sql } from '../../db/db.ts';
import { badRequest } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { getCatalogue } from '../indicators/index.ts';
import { canReadIndex, getIndexDetail, getResults, PRESETS } from '../monitoring/index.ts';
import { selectServedAreas } from './gaps-store.ts';
import { NO_RESIDENTS } from './residents.ts';
import { countsInternal } from './policy.ts';
import { typeAndLevel } from './service.ts';
import * as store from './store.ts';

type Gaps = z.input<typeof supplyGapsSchema>;
type Query = z.output<typeof supplyGapsQuerySchema>;
type Need = Gaps['need'] & { values: Map<number, number>; classes: Map<number, string> };

const RULE =
  'Kein Angebot dort: kein aktives Angebot der Art hat einen Ort im Gebiet, und keine Organisation mit einem solchen Angebot nennt das Gebiet (oder ein Gebiet, das es enthält) als Arbeitsgebiet.';

/** Need as the target population's share of all residents (the tenant's residents indicator). */
async function targetShare(
  sql: Sql,
  principal: Principal,
  term: { code: string; name: string },
  key: { system: string; level: string },
): Promise<Need> {
  const t = principal.tenantId;
  const ids = (await store.selectTargets(sql, t)).get(term.code);
  if (!ids)
    throw badRequest(
      `Für „${term.name}“ ist keine Zielbevölkerung festgelegt (Versorgung → Zielbevölkerung).`,
    );
  const catalogue = await getCatalogue(sql, principal);
  const missing = ids.filter((id) => !catalogue.byId.has(id));
  if (missing.length > 0)
    throw badRequest(`Es fehlen Bevölkerungszahlen (Indikatoren ${missing.join(', ')}).`);
  // the tenant's own indicator of all residents (ADR 0058), not a guess from the catalogue's order
  const totalId = await store.selectResidents(sql, t);
  if (!totalId) throw badRequest(NO_RESIDENTS);
  const total = catalogue.byId.get(totalId);
  if (!total) throw badRequest(`Es fehlen Bevölkerungszahlen (Indikator ${totalId}).`);
  const all = [...ids, total.id];
  const date = await store.selectLatestDate(sql, t, all, key.system, key.level, null);
  const values = new Map<number, number>();
  if (date) {
    const target = await store.selectPopulation(sql, t, ids, key.system, key.level, date);
    const residents = await store.selectPopulation(sql, t, [total.id], key.system, key.level, date);
    for (const [areaId, n] of target) {
      const r = residents.get(areaId);
      if (n !== null && r) values.set(areaId, n / r);
    }
  }
  return {
    measure: 'target-share',
    label: `Anteil ${ids.map((id) => `„${catalogue.byId.get(id)?.nameDe ?? id}“`).join(' + ')} an „${total.nameDe}“`,
    unit: 'share',
    date,
    indicators: all,
    values,
    classes: new Map(),
  };
}

/** Need as the status index of the MSS preset (higher = more need), with its class per area. */
async function statusIndex(
  sql: Sql,
  principal: Principal,
  key: { system: string; level: string },
): Promise<Need> {
  const id = PRESETS[0]!.id;
  const none = badRequest(
    'Der Statusindex (MSS) liegt für diese Ebene nicht vor; bitte den Anteil der Zielbevölkerung wählen.',
  );
  if (!(await canReadIndex(sql, principal, id))) throw none;
  const detail = await getIndexDetail(sql, principal.tenantId, id);
  const dates = detail.editions
    .filter((e) => e.system === key.system && e.level === key.level)
    .map((e) => e.date)
    .sort();
  const date = dates.at(-1);
  if (!date) throw none;
  const results = await getResults(sql, principal.tenantId, id, { ...key, date });
  const values = new Map<number, number>();
  const classes = new Map<number, string>();
  for (const a of results.areas)
    if (a.status) {
      values.set(a.areaId, a.status.index);
      classes.set(a.areaId, a.status.classLabel);
    }
  return {
    measure: 'status-index',
    label: `Statusindex ${detail.label}`,
    unit: 'index',
    date,
    indicators: detail.definition.status.inputs.map((i) => i.indicatorId),
    values,
    classes,
  };
}

/** Areas of a level with high need and no service of the type, with the nearest one of the type. */
export async function getSupplyGaps(sql: Sql, principal: Principal, q: Query): Promise<Gaps> {
  const t = principal.tenantId;
  const internal = countsInternal(principal);
  const { term, systemId, levelId, areas } = await typeAndLevel(sql, t, q);
  const key = { system: systemId, level: levelId };
  const need =
    q.need === 'status-index'
      ? await statusIndex(sql, principal, key)
      : await targetShare(sql, principal, term, key);
  const served = await selectServedAreas(sql, t, term.code, key.system, key.level, internal);
  const result = selectNeedGaps(
    areas.map((a) => ({
      areaId: a.id,
      need: need.values.get(a.id) ?? null,
      served: served.has(a.id),
    })),
    q.threshold === undefined ? TOP_QUINTILE : { kind: 'value', min: q.threshold },
  );
  const places = await store.selectServicePlaces(sql, t, term.code, internal);
  const finder = createNearestFinder(places.map((p) => [Number(p.lon), Number(p.lat)]));
  const byId = new Map(areas.map((a) => [a.id, a]));
  const prov = await store.selectDirectoryProvenance(sql, t, term.code);
  const { values: _v, classes, ...needOut } = need;
  return {
    serviceType: { code: term.code, name: term.name },
    systemId: key.system,
    levelId: key.level,
    need: needOut,
    threshold: result.threshold,
    thresholdRule: q.threshold === undefined ? 'top-quintile' : 'value',
    considered: result.considered,
    highNeed: result.highNeed,
    directoryStand: prov.stand,
    provenance: `${need.label}${need.date ? `, Stichtag ${formatDate(need.date)}` : ''}; Angebote aus dem Angebotsverzeichnis, Stand ${prov.stand ? formatDate(prov.stand) : 'unbekannt'}`,
    rule: RULE,
    rows: result.gaps.map((g) => {
      const a = byId.get(g.areaId)!;
      const c = a.geometry ? areaCentroid(a.geometry as AreaGeometry) : null;
      const n = c ? finder.nearestOf(c[0], c[1]) : null;
      const p = n ? places[n.index] : undefined;
      return {
        areaId: a.id,
        code: a.code,
        name: a.name,
        need: g.need,
        needClass: classes.get(a.id) ?? null,
        nearest:
          p && n
            ? { serviceId: p.service_id, name: p.name, distanceM: Math.round(n.distanceM) }
            : null,
      };
    }),
  };
}
