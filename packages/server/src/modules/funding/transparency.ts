// Transparency (issue 15 § 2, ADR 0035): money per area and per resident in one year, set against
// need, with provenance. Load (money rows, areas, residents, need) → compute in core (sums,
// quadrants) → shape by the caller's level of detail. Staff (funding.read_money) see everything;
// the public sees what the tenant's setting allows: nothing, totals, or also programmes and sources.
import {
  allocateToLevel,
  areaOverlaps,
  classifyNeedAndMoney,
  completeResidents,
  moneyPerResident,
  residentsOverlaps,
  sumAreaByYear,
  sumMoneyByArea,
  type AreaGeometry,
  type OverlapTarget,
} from '@sozialraum/core';
import type {
  FundingSettings,
  Transparency,
  TransparencyQuery,
} from '@sozialraum/contracts/funding-transparency';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { bumpDataVersion, prepare, PreparedCache, type Prepared } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import { listAreaSystems, requireLevel, selectLevelAreas } from '../areas/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { getCatalogue, getIndicator, readerClass } from '../indicators/index.ts';
import { findProgramme } from './catalogue.ts';
import { seesMoney } from './policy.ts';
import { toEntries } from './service.ts';
import {
  needValues,
  resolveResidentsIndicator,
  residentsForYears,
  type AreaValues,
  type ResidentsYear,
} from './transparency-need.ts';
import {
  selectAllProgrammeAreas,
  selectAreaGeometries,
  selectEntriesOfKind,
  selectLevelGeometries,
  selectFundingSettings,
  selectSystemAreaTree,
  upsertFundingSettings,
  type SystemAreaRow,
  type TransparencyEntryRow,
} from './transparency-store.ts';

/** The rule as the screen and the exports state it (docs/methods/funding-allocation.md). */
export const METHOD =
  'Summe der Fördermittel je Gebiet im Haushaltsjahr (je Programm, Gebiet und Maßnahme die Anteile, ' +
  'sonst die Gesamtsumme), geteilt durch die Einwohnerzahl des Gebiets am letzten Stichtag bis ' +
  'Jahresende (ohne eigene Zahl: die Summe seiner Teilgebiete). Mittel auf feineren Gebieten ' +
  '(z. B. Planungsräumen) werden zur gewählten Ebene aufsummiert; Mittel auf gröberen Gebieten und ' +
  'auf ganzen Programmgebieten werden nach dem Anteil der Einwohner/innen auf die Gebiete verteilt, ' +
  'cent-genau, jedes Buchungsjahr nach den Einwohnerzahlen seines Jahres (ohne Stichtag bis ' +
  'Jahresende: der nächstgelegene eines anderen Jahres, so angegeben). Hoher Bedarf: Bedarfswert über dem Median der Gebiete; wenig Geld: Euro je ' +
  'Einwohner/in höchstens im Median (ADR 0035). Mittel auf Gebieten anderer Gebietssysteme ' +
  '(Fördergebiete, LOR 2006) werden nach ihrer Überschneidung mit den Gebieten der Ebene übertragen ' +
  '(Flächen- oder Einwohneranteil, ADR 0047); der Anteil außerhalb aller Gebiete bleibt ausgewiesen.';

/** Areas of other systems with money, the level's areas, and how to weigh their overlap. */
export interface BridgeInput {
  sources: OverlapTarget[];
  targets: OverlapTarget[];
  method: 'area' | 'residents';
  systems: string[];
}

const BRIDGE_NOTE = {
  area: 'Flächenanteil der Überschneidung, gemessen auf 400 waagerechten Schnittlinien je Gebiet.',
  residents:
    'Einwohneranteil der Überschneidung: die Einwohner/innen jedes Gebiets der Ebene gleichmäßig über seine Fläche angenommen (Stichtag des gezeigten Jahres), Fläche auf 400 waagerechten Schnittlinien je Gebiet gemessen.',
} as const;

/** Loads the geometries of the bridge: areas of other systems with money, and the level's areas. */
export async function loadBridge(
  sql: Sql,
  tenantId: string,
  rows: readonly TransparencyEntryRow[],
  key: { system: string; level: string; year: number },
  method: BridgeInput['method'],
): Promise<BridgeInput | null> {
  const foreign = [
    ...new Set(
      rows
        .filter((r) => r.area_id !== null && r.system_id !== null && r.system_id !== key.system)
        .map((r) => Number(r.area_id)),
    ),
  ];
  if (foreign.length === 0) return null;
  const [sources, targets] = await Promise.all([
    selectAreaGeometries(sql, tenantId, foreign),
    selectLevelGeometries(sql, tenantId, key),
  ]);
  const shape = (a: { id: number; geometry: unknown }) => ({
    id: String(a.id),
    geometry: a.geometry as AreaGeometry,
  });
  return {
    sources: sources.map(shape),
    targets: targets.map(shape),
    method,
    systems: [...new Set(sources.map((s) => s.system_id))].sort(),
  };
}

/** The money rows re-keyed to the areas of the level (core's allocateToLevel) and the residents. */
export function placeOnLevel(
  rows: readonly TransparencyEntryRow[],
  tree: readonly SystemAreaRow[],
  programmeAreas: Awaited<ReturnType<typeof selectAllProgrammeAreas>>,
  residents: AreaValues | null,
  depth: number,
  year: number,
  byYear?: ReadonlyMap<number, AreaValues>,
  bridgeInput?: BridgeInput | null,
) {
  const areas = tree.map((a) => ({
    id: String(a.id),
    parentId: a.parent_id === null ? null : String(a.parent_id),
    depth: Number(a.depth),
    validTo: a.valid_to,
  }));
  const completeOf = (side: AreaValues | null | undefined, y: number) =>
    completeResidents(
      areas,
      new Map([...(side?.values ?? [])].map(([id, v]) => [String(id), v])),
      y,
    );
  const complete = completeOf(residents, year);
  // each booking year weighed by its own residents (docs/methods/funding-allocation.md)
  const residentsByYear = new Map(
    [...(byYear ?? [])].map(([y, side]) => [y, completeOf(side, y)] as const),
  );
  // money on areas of other systems: by their overlap with the level (core geo/overlap.ts)
  const byArea = bridgeInput ? areaOverlaps(bridgeInput.sources, bridgeInput.targets) : undefined;
  const bridge =
    bridgeInput && byArea && bridgeInput.method === 'residents'
      ? residentsOverlaps(byArea, bridgeInput.sources, bridgeInput.targets, complete)
      : byArea;
  const { allocation, summary } = allocateToLevel(toEntries(rows), {
    areas,
    depth,
    residents: complete,
    residentsByYear,
    bridge,
    programmeAreas: programmeAreas.map((p) => ({
      programmeId: p.programme_id,
      areaId: String(p.area_id),
      validFrom: p.valid_from,
      validTo: p.valid_to,
    })),
    year,
  });
  return { entries: allocation.entries, summary, residents: complete };
}

/** The level to show: the one asked for, else the one with most entries in the year, else the deepest. */
async function chooseLevel(
  sql: Sql,
  tenantId: string,
  q: { system?: string | undefined; level?: string | undefined },
  rows: readonly TransparencyEntryRow[],
) {
  const systems = await listAreaSystems(sql, tenantId);
  const levels = systems.flatMap((s) =>
    s.levels.map((l) => ({ systemId: s.id, levelId: l.id, name: l.nameDe, depth: l.depth })),
  );
  if (q.level) {
    const systemId = q.system ?? levels.find((l) => l.levelId === q.level)?.systemId;
    if (!systemId) throw badRequest(`Die Gebietsebene „${q.level}“ gibt es nicht.`);
    await requireLevel(sql, tenantId, systemId, q.level);
    return { systemId, levelId: q.level, levels };
  }
  const counts = new Map<string, number>();
  for (const r of rows)
    if (r.system_id && (!q.system || r.system_id === q.system)) {
      const k = `${r.system_id}\u0000${r.level_id}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (best) {
    const [systemId, levelId] = best.split('\u0000') as [string, string];
    return { systemId, levelId, levels };
  }
  const inSystem = levels.filter((l) => !q.system || l.systemId === q.system);
  const deepest = [...inSystem].sort((a, b) => b.depth - a.depth)[0];
  return { systemId: deepest?.systemId ?? null, levelId: deepest?.levelId ?? null, levels };
}

/** Who sees what: 'staff' everything; else the tenant's public detail ('none' refuses). */
function detailFor(principal: Principal, publicDetail: string, kind: string) {
  if (seesMoney(principal)) return 'staff' as const;
  if (publicDetail === 'none')
    throw forbidden('Diese Kommune veröffentlicht keine Fördermittel je Gebiet.');
  if (kind === 'planned')
    throw forbidden('Geplante Mittel sind Haushaltsentwürfe und nur für Mitarbeitende sichtbar.');
  return publicDetail as 'totals' | 'by_programme';
}

function provenanceOf(sides: readonly (AreaValues | null)[], tenantId: string) {
  const seen = new Map<string, Transparency['provenance']['sources'][number]>();
  for (const side of sides)
    for (const i of side?.indicators ?? []) {
      const s = i.source;
      seen.set(s.id, {
        title: s.title,
        publisher: s.publisher,
        licence: s.licence,
        licenceUrl: s.licenceUrl,
        attribution: s.attribution,
      });
    }
  const sources = [...seen.values()];
  const attribution = [
    `Fördermittel: Haushaltsdaten der Kommune (${tenantId})`,
    ...sources.map((s) => `${s.attribution} (${s.licence})`),
  ].join('; ');
  return { sources, method: METHOD, attribution };
}

/**
 * The levels whose residents the placing needs: the level itself (per resident, and the weights
 * for spreading coarser money over it) and the levels of the Fördergebiete (weights for whole-
 * programme money); the finer levels only stand in when the level has no counts of its own.
 */
export function residentLevels(
  tree: readonly SystemAreaRow[],
  programmeAreas: readonly { area_id: number }[],
  systemLevels: readonly { levelId: string; depth: number }[],
  depth: number,
): { needed: string[]; finer: string[] } {
  const depthOf = new Map(tree.map((a) => [a.id, Number(a.depth)]));
  const depths = new Set([depth]);
  for (const p of programmeAreas) {
    const d = depthOf.get(p.area_id);
    if (d !== undefined) depths.add(d);
  }
  return {
    needed: systemLevels.filter((l) => depths.has(l.depth)).map((l) => l.levelId),
    finer: systemLevels.filter((l) => l.depth > depth).map((l) => l.levelId),
  };
}

/** The data of one level: its areas, the system's tree, Fördergebiete, residents and need. */
async function loadLevel(
  sql: Sql,
  principal: Principal,
  key: { system: string; level: string; year: number },
  opts: {
    levels: readonly { systemId: string; levelId: string; depth: number }[];
    residentsSetting: string | null;
    need: string;
    /** the booking years (each is weighed by its own residents) */
    years: readonly number[];
  },
) {
  const t = principal.tenantId;
  const systemLevels = opts.levels.filter((l) => l.systemId === key.system);
  const depth = systemLevels.find((l) => l.levelId === key.level)?.depth ?? 0;
  const catalogue = await getCatalogue(sql, principal);
  const indicator = await resolveResidentsIndicator(sql, principal, opts.residentsSetting);
  const [areaRows, tree, programmeAreas, need] = await Promise.all([
    selectLevelAreas(sql, t, key.system, key.level),
    selectSystemAreaTree(sql, t, key.system),
    selectAllProgrammeAreas(sql, t),
    needValues(sql, principal, opts.need, key, catalogue),
  ]);
  const levels = residentLevels(tree, programmeAreas, systemLevels, depth);
  const perYear = await residentsForYears(
    sql,
    principal,
    indicator,
    { system: key.system, level: key.level },
    [...opts.years, key.year],
    levels,
  );
  const residents: AreaValues | null = indicator
    ? (perYear?.byYear.get(key.year) ?? {
        id: indicator.id,
        label: indicator.nameDe,
        unit: indicator.unit,
        indicators: [indicator],
        date: null,
        values: new Map(),
      })
    : null;
  return { areaRows, tree, programmeAreas, residents, perYear, need, depth };
}

/** The view's level part: areas with money, residents, need and quadrant, and where the sums come from. */
function shapeLevel(
  d: {
    areaRows: Awaited<ReturnType<typeof selectLevelAreas>>;
    residents: AreaValues | null;
    residentsYears: readonly ResidentsYear[];
    bridge: BridgeInput | null;
    need: Awaited<ReturnType<typeof needValues>>;
    placed: ReturnType<typeof placeOnLevel>;
    year: number;
    kind: Transparency['kind'];
    detail: Transparency['detail'];
  },
  t: string,
) {
  const { areaRows, residents, residentsYears, bridge, need, placed, year, kind, detail } = d;
  const areas = areaRows
    .filter((a) => a.validTo === null || a.validTo >= `${year}-01-01`)
    .sort((a, b) => a.code.localeCompare(b.code));
  const money = sumMoneyByArea(placed.entries, year, kind);
  const series = sumAreaByYear(placed.entries, kind);
  const summary = placed.summary(year, kind);
  const items = areas.map((a) => {
    const m = money.get(String(a.id));
    const res = residents ? (placed.residents.get(String(a.id)) ?? null) : null;
    const raw = need.side.values.get(a.id) ?? null;
    return {
      a,
      m,
      res,
      raw,
      item: {
        id: String(a.id),
        need: raw === null ? null : need.side.reversed ? -raw : raw,
        perResident: moneyPerResident(m?.total ?? 0, res),
      },
    };
  });
  const classes = classifyNeedAndMoney(items.map((i) => i.item));
  const showParts = detail !== 'totals';
  const notSpread = summary.notPlaced['no-programme-areas'] + summary.notPlaced['no-residents'];
  return {
    need: {
      id: need.side.id,
      label: need.side.label,
      kind: need.side.kind,
      date: need.side.date,
      unit: need.side.unit,
      reversed: need.side.reversed,
    },
    needNote: need.note,
    residents: residents
      ? {
          indicatorId: residents.id,
          label: residents.label,
          date: residents.date,
          byYear: [...residentsYears],
        }
      : null,
    medians: {
      need:
        classes.medianNeed === null
          ? null
          : need.side.reversed
            ? -classes.medianNeed
            : classes.medianNeed,
      perResident: classes.medianPerResident,
    },
    areas: items.map(({ a, m, res, raw, item }) => ({
      areaId: a.id,
      code: a.code,
      name: a.name,
      residents: res,
      money: m?.total ?? 0,
      perResident: item.perResident,
      bySource: showParts ? (m?.bySource ?? {}) : null,
      byProgramme: showParts ? (m?.byProgramme ?? {}) : null,
      series: (series.get(String(a.id)) ?? []).map((s) => ({ year: s.year, money: s.total })),
      need: raw,
      quadrant: classes.quadrants.get(String(a.id)) ?? null,
    })),
    notOnLevel: summary.notPlaced['other-system'],
    wholeProgramme: Math.round(notSpread * 100) / 100,
    allocation: {
      own: summary.own,
      rolledUp: summary.rolledUp,
      spread: summary.spread,
      noProgrammeAreas: summary.notPlaced['no-programme-areas'],
      noResidents: summary.notPlaced['no-residents'],
      bridged: summary.bridged,
      outside: summary.notPlaced.outside,
    },
    bridge: bridge
      ? {
          method: bridge.method,
          areas: bridge.sources.length,
          systems: bridge.systems,
          note: BRIDGE_NOTE[bridge.method],
        }
      : null,
    provenance: provenanceOf([residents, need.side], t),
  };
}

// One answer costs ~0.4 s on the Berlin demo (npm run bench, section l: residents of two levels,
// the index, the placing in core) and changes only with the data: kept as prepared bytes per data
// version, tenant, level of detail, the reader's visibility class (need and residents pass
// disclosure control) and the query. Every funding write (import, Fördergebiete, settings), every
// measure change, every indicator import and area change moves the data version (bumpDataVersion).
const answers = new PreparedCache(200);

/** The transparency view as prepared bytes (JSON, gzip, ETag), once per data version and reader. */
export async function getTransparencyPrepared(
  sql: Sql,
  principal: Principal,
  q: TransparencyQuery,
  check: (t: Transparency) => Transparency = (t) => t,
): Promise<Prepared> {
  const kind = q.kind ?? 'approved';
  // who may see what first: a refusal is never cached, and the detail is part of the key
  const settings = await selectFundingSettings(sql, principal.tenantId);
  const detail = detailFor(principal, settings.public_detail, kind);
  const key = [
    principal.tenantId,
    detail,
    readerClass(principal),
    kind,
    q.year ?? '',
    q.system ?? '',
    q.level ?? '',
    q.need ?? 'index',
    q.bridge ?? 'area',
  ].join('\u0000');
  return answers.get(sql, key, async () =>
    prepare(check(await getTransparency(sql, principal, q))),
  );
}

/** The transparency view as an answer object, from the same prepared cache (exports). */
export async function getTransparencyCached(
  sql: Sql,
  principal: Principal,
  q: TransparencyQuery,
): Promise<Transparency> {
  const p = await getTransparencyPrepared(sql, principal, q);
  return JSON.parse(p.json.toString('utf8')) as Transparency;
}

/** The transparency view for the caller, computed now (see the file comment). */
export async function getTransparency(
  sql: Sql,
  principal: Principal,
  q: TransparencyQuery,
): Promise<Transparency> {
  const t = principal.tenantId;
  const kind = q.kind ?? 'approved';
  const settings = await selectFundingSettings(sql, t);
  const detail = detailFor(principal, settings.public_detail, kind);
  const rows = await selectEntriesOfKind(sql, t, kind);
  const years = [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => a - b);
  const year = q.year ?? years.at(-1) ?? null;
  const inYear = rows.filter((r) => Number(r.year) === year);
  const { systemId, levelId, levels } = await chooseLevel(sql, t, q, inYear);
  const programmeIds = [...new Set(inYear.map((r) => r.programme_id))].sort();
  const base = {
    year,
    years,
    kind,
    systemId,
    levelId,
    levels: levels.map(({ systemId: s, levelId: l, name }) => ({ systemId: s, levelId: l, name })),
    detail,
    programmes: programmeIds.map((id) => {
      const p = findProgramme(id);
      return { id, name: p?.name ?? id, level: p?.level ?? 'kommune' };
    }),
  };
  if (year === null || systemId === null || levelId === null)
    return {
      ...base,
      need: null,
      needNote: null,
      residents: null,
      medians: { need: null, perResident: null },
      areas: [],
      notOnLevel: 0,
      wholeProgramme: 0,
      allocation: null,
      bridge: null,
      provenance: provenanceOf([], t),
    };
  const { areaRows, tree, programmeAreas, residents, perYear, need, depth } = await loadLevel(
    sql,
    principal,
    { system: systemId, level: levelId, year },
    { levels, residentsSetting: settings.residents_indicator, need: q.need ?? 'index', years },
  );
  const key = { system: systemId, level: levelId, year };
  const bridge = await loadBridge(sql, t, rows, key, q.bridge ?? 'area');
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
  const residentsYears = perYear?.years ?? [];
  return {
    ...base,
    ...shapeLevel(
      { areaRows, residents, residentsYears, bridge, need, placed, year, kind, detail },
      t,
    ),
  };
}

/** The tenant's funding settings. */
export async function getFundingSettings(sql: Sql, tenantId: string): Promise<FundingSettings> {
  const s = await selectFundingSettings(sql, tenantId);
  return { publicDetail: s.public_detail, residentsIndicator: s.residents_indicator };
}

/**
 * Changes the tenant's funding settings (audited). A residents indicator must be one the caller
 * may read (else 400 naming it, nothing written).
 */
export async function setFundingSettings(
  db: Db,
  principal: Principal,
  body: {
    publicDetail?: FundingSettings['publicDetail'] | undefined;
    residentsIndicator?: string | null | undefined;
  },
  actor: AuditActor,
): Promise<FundingSettings> {
  const t = principal.tenantId;
  if (body.residentsIndicator) {
    try {
      await getIndicator(db, principal, body.residentsIndicator);
    } catch {
      throw badRequest(`Den Indikator „${body.residentsIndicator}“ gibt es nicht.`);
    }
  }
  await db.transaction(async (tx) => {
    const before = await selectFundingSettings(tx, t);
    const after = {
      public_detail: body.publicDetail ?? before.public_detail,
      residents_indicator:
        body.residentsIndicator === undefined
          ? before.residents_indicator
          : body.residentsIndicator,
    };
    await upsertFundingSettings(tx, t, after);
    await writeAudit(tx, t, {
      actor,
      action: 'funding.settings',
      entity: 'funding_settings',
      entityId: t,
      detail: { before, after },
    });
  });
  // the public level of detail and the residents indicator change what the view says
  bumpDataVersion();
  return getFundingSettings(db, t);
}
