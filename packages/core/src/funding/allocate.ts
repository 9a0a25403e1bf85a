// Bringing money to one level of an area system (issue 15 § 2, docs/methods/funding-allocation.md):
//   - money booked on a finer area (a Planungsraum) is summed up to its ancestor on the level
//     (Bezirksregion, Prognoseraum, Bezirk);
//   - money booked on a coarser area (a Bezirk) is spread over its areas on the level by their
//     share of residents;
//   - money booked on a whole programme area (no area named) is first spread over the programme's
//     areas valid in that year by their share of residents, then each part goes the same way.
// Each booking year is weighed by that year's residents when they are given (`residentsByYear`),
// else by the residents of the view's year.
//   - money booked on an area of another area system (a Fördergebiet system, LOR 2006) is bridged
//     when its overlap with the level is given (`bridge`: shares per area of the level, area- or
//     residents-weighted, core's geo/overlap.ts); the share lying outside every area of the level
//     is returned apart ('outside').
// Shares are split in whole cents by the largest remainder, so the parts add up to the booking
// exactly. Money that cannot be placed (an area of another system, a programme without areas, an
// area without residents to weigh by) is returned apart with the reason, never guessed.
import { groupBy, toCents, unitKey, type FundingEntry } from './money.ts';

/** How one part of one booking row reached the level (or why not). */
interface Trail {
  unit: string;
  year: number;
  kind: FundingEntry['kind'];
  source: FundingEntry['source'];
  how: 'own' | 'rolledUp' | 'spread' | 'bridged' | NotPlacedReason;
  cents: number;
}

/** Cents by how, counting each booking once: its total rows if it has them, else its shares. */
function sumTrail(trail: readonly Trail[]): Map<Trail['how'], number> {
  const out = new Map<Trail['how'], number>();
  for (const rows of groupBy(trail, (t) => t.unit).values()) {
    const totals = rows.filter((r) => r.source === 'total');
    for (const r of totals.length > 0 ? totals : rows)
      out.set(r.how, (out.get(r.how) ?? 0) + r.cents);
  }
  return out;
}

/** One area of the system: its parent (same system) and depth (0 = coarsest level). */
export interface AllocationArea {
  id: string;
  parentId: string | null;
  depth: number;
  /** End of validity (YYYY-MM-DD) or null while valid. */
  validTo: string | null;
}

/** One area of a programme's Fördergebiet, with its validity. */
export interface ProgrammeAreaRef {
  programmeId: string;
  areaId: string;
  validFrom: string | null;
  validTo: string | null;
}

/** Why money was not placed on the level. */
export type NotPlacedReason = 'other-system' | 'no-programme-areas' | 'no-residents' | 'outside';

/** Shares of an area of another system in the areas of the level (0–1), and the share outside. */
export interface BridgeShares {
  parts: readonly { key: string; share: number }[];
  outside: number;
}

/** Where the money of the level came from, in euros. */
export interface AllocationSummary {
  /** booked on areas of the level itself */
  own: number;
  /** summed up from finer areas */
  rolledUp: number;
  /** spread by residents' share from coarser areas or whole programme areas */
  spread: number;
  /** bridged from areas of another area system by their overlap */
  bridged: number;
  /** not placed, by reason */
  notPlaced: Record<NotPlacedReason, number>;
}

/** The result: entries re-keyed to areas of the level, and what could not be placed. */
export interface Allocation {
  entries: FundingEntry[];
  notPlaced: (FundingEntry & { reason: NotPlacedReason })[];
}

/**
 * Residents of every area: its own value, else the sum over its children when every child (valid
 * in the year) has one (recursively) — so a Bezirk without a count of its own gets the sum of its
 * Planungsräume, but never a sum with holes in it.
 */
export function completeResidents(
  areas: readonly AllocationArea[],
  own: ReadonlyMap<string, number>,
  year: number,
): Map<string, number> {
  const children = childrenOf(areas, year);
  const out = new Map<string, number>();
  const seen = new Set<string>();
  const visit = (id: string): number | null => {
    if (out.has(id)) return out.get(id) as number;
    if (seen.has(id)) return null; // a cycle in broken data: unknown, not endless
    seen.add(id);
    const value = own.get(id);
    if (value !== undefined && Number.isFinite(value)) {
      out.set(id, value);
      return value;
    }
    const kids = children.get(id) ?? [];
    if (kids.length === 0) return null;
    let sum = 0;
    for (const k of kids) {
      const v = visit(k.id);
      if (v === null) return null;
      sum += v;
    }
    out.set(id, sum);
    return sum;
  };
  for (const a of areas) visit(a.id);
  return out;
}

const validIn = (validTo: string | null, year: number): boolean =>
  validTo === null || validTo >= `${year}-01-01`;

function childrenOf(areas: readonly AllocationArea[], year: number): Map<string, AllocationArea[]> {
  const out = new Map<string, AllocationArea[]>();
  for (const a of areas) {
    if (a.parentId === null || !validIn(a.validTo, year)) continue;
    const list = out.get(a.parentId);
    if (list) list.push(a);
    else out.set(a.parentId, [a]);
  }
  return out;
}

/**
 * Splits whole cents by weights with the largest remainder (Hamilton): the parts add up to the
 * amount exactly; ties go to the earlier key. Null when the weights are unusable (none, or a sum
 * ≤ 0, or a weight that is not a finite number ≥ 0).
 */
export function splitCents(
  cents: number,
  weights: readonly { key: string; weight: number }[],
): { key: string; cents: number }[] | null {
  if (weights.length === 0) return null;
  if (weights.some((w) => !Number.isFinite(w.weight) || w.weight < 0)) return null;
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  if (!(sum > 0)) return null;
  const sign = cents < 0 ? -1 : 1;
  const abs = Math.abs(cents);
  const raw = weights.map((w, i) => {
    const exact = (abs * w.weight) / sum;
    return { key: w.key, i, floor: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = abs - raw.reduce((s, r) => s + r.floor, 0);
  const order = [...raw].sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const r of order) {
    if (left <= 0) break;
    r.floor += 1;
    left -= 1;
  }
  return raw.map((r) => ({ key: r.key, cents: sign * r.floor }));
}

interface Ctx {
  byId: Map<string, AllocationArea>;
  children: Map<string, AllocationArea[]>;
  residents: Map<string, number>;
  depth: number;
  bridge: ReadonlyMap<string, BridgeShares | null> | undefined;
}

type Placed = {
  parts: { key: string; cents: number }[];
  how: 'own' | 'rolledUp' | 'spread' | 'bridged';
  /** cents lying outside the level (bridged money only) */
  lost?: number;
};

const OUTSIDE = '\u0000outside';

/** Money on an area of another system, by its overlap with the level (or why not). */
function bridgeOf(ctx: Ctx, areaId: string, cents: number): Placed | NotPlacedReason {
  const b = ctx.bridge?.get(areaId);
  if (b === undefined) return 'other-system';
  if (b === null) return 'no-residents';
  const split = splitCents(cents, [
    ...b.parts.map((p) => ({ key: p.key, weight: p.share })),
    { key: OUTSIDE, weight: b.outside },
  ]);
  if (!split) return 'other-system';
  return {
    parts: split.filter((p) => p.key !== OUTSIDE && p.cents !== 0),
    how: 'bridged',
    lost: split.find((p) => p.key === OUTSIDE)?.cents ?? 0,
  };
}

/** The parts (area of the level → cents) of money on one area, or the reason it can't be placed. */
function place(ctx: Ctx, areaId: string, cents: number): Placed | NotPlacedReason {
  const area = ctx.byId.get(areaId);
  if (!area) return bridgeOf(ctx, areaId, cents);
  if (area.depth === ctx.depth) return { parts: [{ key: area.id, cents }], how: 'own' };
  if (area.depth > ctx.depth) {
    let up: AllocationArea | undefined = area;
    for (let guard = 0; up && up.depth > ctx.depth && guard < 64; guard++)
      up = up.parentId === null ? undefined : ctx.byId.get(up.parentId);
    if (!up || up.depth !== ctx.depth) return 'other-system';
    return { parts: [{ key: up.id, cents }], how: 'rolledUp' };
  }
  const targets: AllocationArea[] = [];
  const walk = (id: string, guard: number): void => {
    for (const c of ctx.children.get(id) ?? []) {
      if (c.depth === ctx.depth) targets.push(c);
      else if (c.depth < ctx.depth && guard < 64) walk(c.id, guard + 1);
    }
  };
  walk(area.id, 0);
  const weights = targets.map((t) => ({ key: t.id, weight: ctx.residents.get(t.id) ?? NaN }));
  const parts = splitCents(cents, weights);
  return parts ? { parts, how: 'spread' } : 'no-residents';
}

/**
 * Re-keys every entry to the areas of the level at `depth` (see the file comment). Each output
 * entry keeps its booking unit apart (the original area is added to its measure key), so the sums
 * of core's `sumMoneyByArea` count a total row and its shares once per booking, as before.
 */
export function allocateToLevel(
  entries: readonly FundingEntry[],
  input: {
    areas: readonly AllocationArea[];
    depth: number;
    /** residents per area (any level), as `completeResidents` gives them */
    residents: ReadonlyMap<string, number>;
    /**
     * residents per area for each booking year (the count at or nearest to that year); a year
     * missing here is weighed by `residents`
     */
    residentsByYear?: ReadonlyMap<number, ReadonlyMap<string, number>> | undefined;
    programmeAreas: readonly ProgrammeAreaRef[];
    /** the year whose areas are valid (the view's year) */
    year: number;
    /** overlaps of areas of other systems with the level (null: no residents to weigh by) */
    bridge?: ReadonlyMap<string, BridgeShares | null> | undefined;
  },
): {
  allocation: Allocation;
  summary: (year: number, kind: FundingEntry['kind']) => AllocationSummary;
} {
  const base: Ctx = {
    byId: new Map(input.areas.map((a) => [a.id, a])),
    children: childrenOf(input.areas, input.year),
    residents: new Map(input.residents),
    depth: input.depth,
    bridge: input.bridge,
  };
  const perYear = new Map<number, Ctx>();
  const ctxOf = (year: number): Ctx => {
    const residents = input.residentsByYear?.get(year);
    if (!residents) return base;
    let c = perYear.get(year);
    if (!c) perYear.set(year, (c = { ...base, residents: new Map(residents) }));
    return c;
  };
  const out: FundingEntry[] = [];
  const notPlaced: Allocation['notPlaced'] = [];
  const trail: Trail[] = [];
  for (const e of entries) {
    const unit = `${e.measureKey ?? ''}\u0001${e.areaKey}`;
    const booking = {
      unit: `${unitKey(e)}\u0000${e.year}`,
      year: e.year,
      kind: e.kind,
      source: e.source,
    };
    const cents = toCents(e.amount);
    const ctx = ctxOf(e.year);
    const pieces = wholeProgrammePieces(e, cents, input.programmeAreas, ctx);
    const placed =
      typeof pieces === 'string' ? [] : pieces.map((p) => ({ p, r: place(ctx, p.key, p.cents) }));
    const failed =
      typeof pieces === 'string' ? pieces : placed.find((x) => typeof x.r === 'string')?.r;
    if (typeof failed === 'string') {
      notPlaced.push({ ...e, reason: failed });
      trail.push({ ...booking, how: failed, cents });
      continue;
    }
    for (const { r } of placed) {
      if (typeof r === 'string') continue;
      const how = e.areaKey === '*' ? 'spread' : r.how;
      for (const part of r.parts) {
        out.push({ ...e, areaKey: part.key, measureKey: unit, amount: part.cents / 100 });
        trail.push({ ...booking, how, cents: part.cents });
      }
      if (r.lost) {
        notPlaced.push({ ...e, amount: r.lost / 100, reason: 'outside' });
        trail.push({ ...booking, how: 'outside', cents: r.lost });
      }
    }
  }
  const summary = (year: number, kind: FundingEntry['kind']): AllocationSummary => {
    const cents = sumTrail(trail.filter((t) => t.year === year && t.kind === kind));
    const euros = (k: Trail['how']) => (cents.get(k) ?? 0) / 100;
    return {
      own: euros('own'),
      rolledUp: euros('rolledUp'),
      spread: euros('spread'),
      bridged: euros('bridged'),
      notPlaced: {
        'other-system': euros('other-system'),
        'no-programme-areas': euros('no-programme-areas'),
        'no-residents': euros('no-residents'),
        outside: euros('outside'),
      },
    };
  };
  return { allocation: { entries: out, notPlaced }, summary };
}

/** An entry's money by area: its own area, or its programme's areas of the year by residents. */
function wholeProgrammePieces(
  e: FundingEntry,
  cents: number,
  programmeAreas: readonly ProgrammeAreaRef[],
  ctx: Ctx,
): { key: string; cents: number }[] | NotPlacedReason {
  if (e.areaKey !== '*') return [{ key: e.areaKey, cents }];
  const from = `${e.year}-12-31`;
  const to = `${e.year}-01-01`;
  const own = programmeAreas.filter(
    (p) =>
      p.programmeId === e.programmeId &&
      (p.validFrom === null || p.validFrom <= from) &&
      (p.validTo === null || p.validTo >= to) &&
      ctx.byId.has(p.areaId),
  );
  if (own.length === 0) return 'no-programme-areas';
  const parts = splitCents(
    cents,
    own.map((p) => ({ key: p.areaId, weight: ctx.residents.get(p.areaId) ?? NaN })),
  );
  return parts ?? 'no-residents';
}
