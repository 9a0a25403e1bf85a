// Statistical disclosure control for everything public (issue 4 § 5). Until access control lands,
// every request is public: the call sites in indicators, ogc and monitoring pass their rows through
// here before they leave the server. Rules and limits: docs/methods/disclosure-control.md.
import { checkIndexPublishable, suppressCounts, type AdditiveGroup } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import {
  selectCells,
  selectInhabitants,
  selectResidentsIndicator,
  selectRiskyPairs,
  selectSettings,
  upsertSettings,
  type CellRow,
} from './store.ts';

/** Per-tenant thresholds (table disclosure_setting; defaults when no row). */
export interface DisclosureSettings {
  /** counts 1 … minCount − 1 are suppressed (3: the Bundesagentur für Arbeit's 1 and 2). */
  minCount: number;
  /** indices are published only for areas with at least this many residents. */
  minPopulationIndex: number;
  /** false switches suppression off (for internal deployments only). */
  enabled: boolean;
}

export const DEFAULT_DISCLOSURE_SETTINGS: DisclosureSettings = {
  minCount: 3,
  minPopulationIndex: 300,
  enabled: true,
};

/** The tenant's thresholds (defaults when none are stored). */
export async function getDisclosureSettings(
  sql: Sql,
  tenantId: string,
): Promise<DisclosureSettings> {
  const row = await selectSettings(sql, tenantId);
  if (!row) return { ...DEFAULT_DISCLOSURE_SETTINGS };
  return {
    minCount: Number(row.min_count),
    minPopulationIndex: Number(row.min_population_index),
    enabled: row.enabled,
  };
}

/**
 * Stores the tenant's thresholds. Callers must also forget cached answers (the values cache of the
 * indicators module and the index cache of monitoring) — they are keyed by import run, not settings.
 */
export async function setDisclosureSettings(
  sql: Sql,
  tenantId: string,
  patch: Partial<DisclosureSettings>,
): Promise<DisclosureSettings> {
  const next = { ...(await getDisclosureSettings(sql, tenantId)), ...patch };
  if (!Number.isInteger(next.minCount) || next.minCount < 1)
    throw new Error(`Mindestfallzahl muss eine ganze Zahl ≥ 1 sein, nicht ${next.minCount}.`);
  if (!Number.isFinite(next.minPopulationIndex) || next.minPopulationIndex < 0)
    throw new Error(
      `Mindesteinwohnerzahl für Indizes muss ≥ 0 sein, nicht ${next.minPopulationIndex}.`,
    );
  await upsertSettings(sql, tenantId, {
    min_count: next.minCount,
    min_population_index: next.minPopulationIndex,
    enabled: next.enabled,
  });
  invalidateDisclosureCache();
  return next;
}

/** Why a cell is withheld. */
export interface Withheld {
  kind: 'primary' | 'secondary' | 'source';
  reason: string;
}

/** An observation-like row; the fields present are protected, absent ones left absent. */
export interface ProtectableRow {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  flag?: 'suppressed' | 'invalid' | null;
  flag_reason?: string | null;
}

/** The suppression decisions for a set of indicators (all dates, all areas of all systems). */
export interface Disclosure {
  settings: DisclosureSettings;
  /** why the cell is withheld, or undefined when it may be shown. */
  withheld(indicatorId: string, date: string, areaId: number): Withheld | undefined;
  /** the row as it may be published: withheld cells lose value, numerator and denominator. */
  protect<R extends ProtectableRow>(indicatorId: string, date: string, areaId: number, row: R): R;
}

// The decisions change only with the data or the settings, but computing them scans the
// observations of every indicator in scope (≈ 0.25 s of a 0.4 s area profile on the Berlin demo).
// Cached per database, tenant and scope; forgotten after every import and settings change.
type Decisions = { settings: DisclosureSettings; decisions: Map<string, Withheld> };
let decisionCache = new WeakMap<object, Map<string, Promise<Decisions>>>();
const DECISION_CACHE_MAX = 200;

/** Forgets cached suppression decisions (after imports; setDisclosureSettings calls it itself). */
export function invalidateDisclosureCache(): void {
  decisionCache = new WeakMap();
}

function cachedDecisions(
  sql: Sql,
  tenantId: string,
  scope: readonly { indicatorId: string; date?: string | undefined }[],
): Promise<Decisions> {
  let perDb = decisionCache.get(sql);
  if (!perDb) decisionCache.set(sql, (perDb = new Map()));
  const key = [tenantId, ...scope.map((s) => `${s.indicatorId}@${s.date ?? ''}`).sort()].join(
    '\u0000',
  );
  let entry = perDb.get(key);
  if (!entry) {
    const cache = perDb;
    if (cache.size >= DECISION_CACHE_MAX) cache.delete(cache.keys().next().value!);
    entry = (async () => {
      const settings = await getDisclosureSettings(sql, tenantId);
      const decisions = new Map<string, Withheld>();
      if (settings.enabled) {
        const pairs = await selectRiskyPairs(sql, tenantId, scope, settings.minCount);
        const cells = await selectCells(sql, tenantId, pairs);
        for (const [k, w] of decideSuppression(cells, settings.minCount)) decisions.set(k, w);
      }
      return { settings, decisions };
    })();
    cache.set(key, entry);
    entry.catch(() => {
      if (cache.get(key) === entry) cache.delete(key);
    });
  }
  return entry;
}

/** The reason shown for a primary suppression, e.g. "Geheimhaltung: weniger als 3 Fälle". */
export function primaryReason(minCount: number): string {
  return `Geheimhaltung: weniger als ${minCount} Fälle`;
}

const key = (indicatorId: string, date: string, areaId: number) =>
  `${indicatorId}\u0000${date}\u0000${areaId}`;

/**
 * Decides suppression for every observation in scope: (indicator, date) pairs, or all dates of an
 * indicator when the date is left out. One cheap query finds the
 * (indicator, date) pairs with a cell to suppress; only those are loaded whole (all areas, all
 * levels), because secondary suppression needs every sibling and parent (decideSuppression).
 */
export async function loadDisclosure(
  sql: Sql,
  tenantId: string,
  scope: readonly { indicatorId: string; date?: string | undefined }[],
): Promise<Disclosure> {
  const { settings, decisions } = await cachedDecisions(sql, tenantId, scope);
  const withheld = (indicatorId: string, date: string, areaId: number) =>
    decisions.get(key(indicatorId, date, Number(areaId)));
  return {
    settings,
    withheld,
    protect(indicatorId, date, areaId, row) {
      const w = withheld(indicatorId, date, areaId);
      if (!w) return row;
      const out = { ...row, value: null };
      if ('numerator' in row) out.numerator = null;
      // A cell the source suppressed keeps its own flag, reason and denominator (published by the source).
      if (w.kind === 'source') return out;
      if ('denominator' in row) out.denominator = null;
      if ('flag' in row) out.flag = 'suppressed';
      if ('flag_reason' in row) out.flag_reason = w.reason;
      return out;
    },
  };
}

/** The count a cell stands for: a count's value, a share's numerator (stored or recomputed). */
function countOf(c: CellRow): number | null {
  if (c.kind === 'count') return c.value;
  if (c.kind !== 'share') return null;
  if (c.numerator !== null) return c.numerator;
  if (c.value === null || c.denominator === null || !c.scale) return null;
  return Math.round((c.value * c.denominator) / c.scale);
}

/**
 * Pure: suppression decisions for the cells of whole (indicator, date) pairs, keyed by
 * indicator, date and area. Per pair, core suppressCounts runs over the counts (shares: numerators)
 * with one additive group per parent area (parent total = Σ children, when the parent has a value)
 * and one group per level without a total (the city value shown next to every level is its sum).
 * Cells the source already suppressed enter as suppressed (a stand-in count of 1), so a published
 * parent and the other children cannot reveal them either; they keep the source's reason.
 */
export function decideSuppression(
  cells: readonly CellRow[],
  minCount: number,
): Map<string, Withheld> {
  const byPair = new Map<string, CellRow[]>();
  for (const c of cells) {
    const k = `${c.indicator_id}\u0000${c.ref_date}`;
    let list = byPair.get(k);
    if (!list) byPair.set(k, (list = []));
    list.push(c);
  }
  const out = new Map<string, Withheld>();
  for (const list of byPair.values()) {
    // A parent forms a group only when its total is published (a known count) or itself suppressed.
    const present = new Set(
      list
        .filter((c) => c.flag === 'suppressed' || (c.flag !== 'invalid' && countOf(c) !== null))
        .map((c) => Number(c.area_id)),
    );
    const children = new Map<number, { name: string; ids: string[] }>();
    const levels = new Map<string, string[]>();
    for (const c of list) {
      const id = String(c.area_id);
      const lk = `${c.system_id}\u0000${c.level_id}`;
      // The city value is computed from the known counts only: a cell the source suppressed without
      // a value is not in it, so it does not need a partner there.
      if (!(c.flag === 'suppressed' && countOf(c) === null))
        levels.set(lk, [...(levels.get(lk) ?? []), id]);
      if (c.parent_id === null || !present.has(Number(c.parent_id))) continue;
      const p = Number(c.parent_id);
      let g = children.get(p);
      if (!g) children.set(p, (g = { name: c.parent_name ?? String(p), ids: [] }));
      g.ids.push(id);
    }
    const groups: AdditiveGroup[] = [
      ...[...children].map(([p, g]) => ({
        id: `parent:${p}`,
        label: g.name,
        totalId: String(p),
        cellIds: g.ids,
      })),
      ...[...levels].map(([lk, ids]) => ({
        id: `level:${lk}`,
        label: 'Gesamtstadt',
        cellIds: ids,
      })),
    ];
    const flags = suppressCounts(
      list.map((c) => ({
        id: String(c.area_id),
        value: c.flag === 'suppressed' ? 1 : c.flag === 'invalid' ? null : countOf(c),
      })),
      groups,
      [],
      { minCount },
    );
    for (const c of list) {
      const f = flags.get(String(c.area_id));
      if (!f?.suppressed) continue;
      const k = key(c.indicator_id, c.ref_date, Number(c.area_id));
      if (c.flag === 'suppressed') out.set(k, { kind: 'source', reason: '' });
      else if (f.kind === 'secondary') out.set(k, { kind: 'secondary', reason: f.reason ?? '' });
      else out.set(k, { kind: 'primary', reason: primaryReason(minCount) });
    }
  }
  return out;
}

/** Why no area's index is published while the tenant has not named its residents indicator. */
export const NO_RESIDENTS_REASON =
  'Einwohnende insgesamt nicht festgelegt (Versorgung → Zielbevölkerung): Index wird nicht veröffentlicht';

/**
 * Areas whose index must not be published: residents (the tenant's indicator of all residents at
 * the date, ADR 0058) below the larger of the tenant's minimum and the definition's own, or unknown
 * (a stored value of null). Without a residents indicator no area can be counted, so no area's index
 * is published (ADR 0058). Areas the indicator has no observation for at the date are left alone
 * (their validity then rests on the data, e.g. MSS inputs flagged invalid).
 */
export async function loadIndexPopulationReasons(
  sql: Sql,
  tenantId: string,
  areaIds: readonly number[],
  date: string,
  definitionMin: number | null | undefined,
): Promise<Map<number, string>> {
  const settings = await getDisclosureSettings(sql, tenantId);
  const out = new Map<number, string>();
  if (!settings.enabled) return out;
  const residents = await selectResidentsIndicator(sql, tenantId);
  if (residents === null) {
    for (const id of areaIds) out.set(id, NO_RESIDENTS_REASON);
    return out;
  }
  const min = Math.max(settings.minPopulationIndex, definitionMin ?? 0);
  for (const r of await selectInhabitants(sql, tenantId, residents, areaIds, date)) {
    const check = checkIndexPublishable(r.value === null ? null : Number(r.value), min);
    if (!check.publishable && check.reason) out.set(Number(r.area_id), check.reason);
  }
  return out;
}
