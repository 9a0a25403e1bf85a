// The roll-up to upper levels and the derived shares exactly as the ingest store's SQL computes
// them (server/src/modules/ingest/store-observations.ts: recomputeAggregates, recomputeDerived;
// docs/methods/aggregation.md), over values held in memory. A first load that already has every
// value in hand (the Berlin demo, ADR 0048) computes the rows here and writes them with one COPY
// instead of letting the database join and group ~800,000 rows. Same rules, same flags, same German
// reasons; a db test proves the rows equal to the SQL path on both engines.
//
// Differences from aggregateObservations (aggregate.ts): a parent gets a value only when every child
// existing at the date has one (the store never publishes a partial sum), a share's parts are summed
// only when every child has them, and the texts are those the store writes.

/** One stored value: indicator, area, reference date (YYYY-MM-DD) and the numbers. */
export interface StoredValue {
  indicatorId: string;
  areaId: number;
  refDate: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** A computed value with the flag and reason the store writes ('invalid' or none). */
export interface ComputedValue extends StoredValue {
  flag: 'invalid' | null;
  flagReason: string | null;
}

/** An area of the hierarchy: its system, level, parent and the dates it exists (inclusive). */
export interface RollUpArea {
  id: number;
  systemId: string;
  levelId: string;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

/** An indicator as the roll-up needs it. */
export interface RollUpIndicator {
  id: string;
  kind: string;
  scale: number;
  numeratorId: string | null;
  denominatorId: string | null;
}

/** Counts and shares (not derived ones) are rolled up; an index or a median is not. */
export function isAggregable(i: RollUpIndicator): boolean {
  return (i.kind === 'count' || i.kind === 'share') && i.numeratorId === null;
}

/**
 * Numeric keys for (indicator, area, date): indicators and dates numbered as met, the area id in
 * the low 31 bits — exact below 2^53 for up to 4 million indicator-date pairs. Strings joined per
 * value made the roll-up of the demo several times slower (hashing ~1.4 million new strings).
 */
class Keys {
  private readonly indicators = new Map<string, number>();
  private readonly dates = new Map<string, number>();

  private static number(map: Map<string, number>, s: string): number {
    let n = map.get(s);
    if (n === undefined) map.set(s, (n = map.size));
    return n;
  }

  /** area and date only (within one indicator) */
  at(areaId: number, refDate: string): number {
    return Keys.number(this.dates, refDate) * 2 ** 31 + areaId;
  }

  of(indicatorId: string, areaId: number, refDate: string): number {
    const pair =
      Keys.number(this.indicators, indicatorId) * 4096 + Keys.number(this.dates, refDate);
    if (this.dates.size > 4096 || pair >= 2 ** 22)
      throw new RangeError('Zu viele Indikatoren oder Stichtage für eine Berechnung im Speicher');
    return pair * 2 ** 31 + areaId;
  }
}

/**
 * The values the roll-up reads, by area (only indicators that aggregate), and the keys of those on
 * areas with children (only there can a computed row meet a stored one). The demo's values sit
 * mostly on the lowest level: indexing every key cost more than the roll-up itself.
 */
class ValueIndex {
  readonly byArea = new Map<number, StoredValue[]>();
  readonly keys = new Set<number>();

  constructor(
    values: Iterable<StoredValue>,
    readonly keyOf: Keys,
    private readonly aggregable: ReadonlyMap<string, RollUpIndicator>,
    private readonly parents: ReadonlyMap<number, unknown>,
  ) {
    for (const v of values) this.add(v);
  }

  add(v: StoredValue): void {
    if (!this.aggregable.has(v.indicatorId)) return;
    if (this.parents.has(v.areaId))
      this.keys.add(this.keyOf.of(v.indicatorId, v.areaId, v.refDate));
    let list = this.byArea.get(v.areaId);
    if (!list) this.byArea.set(v.areaId, (list = []));
    list.push(v);
  }
}

interface Sums {
  indicatorId: string;
  parentId: number;
  refDate: string;
  nValues: number;
  sumValue: number | null;
  nNum: number;
  sumNum: number | null;
  nDen: number;
  sumDen: number | null;
}

/** SQL sum(): NULL until the first non-null input. */
const plus = (s: number | null, x: number) => (s === null ? x : s + x);

/**
 * The aggregated rows of every upper level, level by level from the bottom, as recomputeAggregates
 * writes them into a database holding `values`. `levels` is the order the store goes through
 * (per system, deepest first: area_level ORDER BY system_id, depth DESC); each level's parents take
 * the values of their children one level below, those computed for the level below included.
 * Counts are summed, shares recomputed from summed numerators and denominators; a parent gets a
 * value only when every child that exists at the date has one, else the flag 'invalid' and how
 * many children lacked it. Keys already in `values` are left out (imported values win). Sums run
 * in the order of `values`: exact for counts; for fractional values the database's order may
 * differ in the last bit (it differs between query plans too).
 */
export function rollUpStoredValues(
  values: Iterable<StoredValue>,
  areas: readonly RollUpArea[],
  levels: readonly { systemId: string; levelId: string }[],
  indicators: readonly RollUpIndicator[],
): ComputedValue[] {
  const aggregable = new Map(indicators.filter(isAggregable).map((i) => [i.id, i] as const));
  const byId = new Map(areas.map((a) => [a.id, a] as const));
  const childrenOf = new Map<number, RollUpArea[]>();
  for (const a of areas) {
    if (a.parentId === null || !byId.has(a.parentId)) continue;
    let list = childrenOf.get(a.parentId);
    if (!list) childrenOf.set(a.parentId, (list = []));
    list.push(a);
  }
  const index = new ValueIndex(values, new Keys(), aggregable, childrenOf);
  const out: ComputedValue[] = [];
  for (const level of levels) {
    const parents = areas.filter(
      (a) => a.systemId === level.systemId && a.levelId === level.levelId,
    );
    const groups = sumChildren(parents, childrenOf, index, aggregable);
    const dates = new Set<string>();
    for (const g of groups.values()) dates.add(g.refDate);
    const written: ComputedValue[] = [];
    for (const g of groups.values()) {
      const k = childrenAt(childrenOf.get(g.parentId) ?? [], g.refDate);
      if (k === 0) continue; // no child exists at that date: the store's join yields no row
      if (index.keys.has(index.keyOf.of(g.indicatorId, g.parentId, g.refDate))) continue;
      written.push(aggregateRow(g, aggregable.get(g.indicatorId)!, k));
    }
    for (const row of written) {
      index.add(row);
      out.push(row); // not push(...written): a spread of 100,000s of rows overflows the stack
    }
  }
  return out;
}

/** Sums per (indicator, parent, date) over the children's values. */
function sumChildren(
  parents: readonly RollUpArea[],
  childrenOf: ReadonlyMap<number, RollUpArea[]>,
  index: ValueIndex,
  aggregable: ReadonlyMap<string, RollUpIndicator>,
): Map<number, Sums> {
  const groups = new Map<number, Sums>();
  for (const p of parents) {
    for (const c of childrenOf.get(p.id) ?? []) {
      for (const v of index.byArea.get(c.id) ?? []) {
        if (!aggregable.has(v.indicatorId)) continue;
        const key = index.keyOf.of(v.indicatorId, p.id, v.refDate);
        let g = groups.get(key);
        if (!g) {
          g = {
            indicatorId: v.indicatorId,
            parentId: p.id,
            refDate: v.refDate,
            nValues: 0,
            sumValue: null,
            nNum: 0,
            sumNum: null,
            nDen: 0,
            sumDen: null,
          };
          groups.set(key, g);
        }
        if (v.value !== null) {
          g.nValues++;
          g.sumValue = plus(g.sumValue, v.value);
        }
        if (v.numerator !== null) {
          g.nNum++;
          g.sumNum = plus(g.sumNum, v.numerator);
        }
        if (v.denominator !== null) {
          g.nDen++;
          g.sumDen = plus(g.sumDen, v.denominator);
        }
      }
    }
  }
  return groups;
}

/** How many of these children exist at the date (valid_from ≤ date ≤ valid_to, open ends). */
function childrenAt(children: readonly RollUpArea[], refDate: string): number {
  let n = 0;
  for (const c of children)
    if (
      (c.validFrom === null || c.validFrom <= refDate) &&
      (c.validTo === null || c.validTo >= refDate)
    )
      n++;
  return n;
}

/** One parent's row from its children's sums and the number of children k (the store's CASEs). */
function aggregateRow(g: Sums, ind: RollUpIndicator, k: number): ComputedValue {
  // object literals written out: a spread of a shared base cost ~3 µs a row (1,000,000-value import)
  if (ind.kind === 'count') {
    const missing = g.nValues < k;
    return {
      indicatorId: g.indicatorId,
      areaId: g.parentId,
      refDate: g.refDate,
      value: g.nValues === k ? g.sumValue : null,
      numerator: null,
      denominator: null,
      flag: missing ? 'invalid' : null,
      flagReason: missing
        ? `unvollständig: ${k - g.nValues} von ${k} Teilgebieten ohne Wert`
        : null,
    };
  }
  const partsMissing = g.nNum < k || g.nDen < k;
  const zero = g.sumDen === 0;
  return {
    indicatorId: g.indicatorId,
    areaId: g.parentId,
    refDate: g.refDate,
    value:
      g.nNum === k && g.nDen === k && g.sumDen !== null && g.sumDen !== 0
        ? (g.sumNum! / g.sumDen) * ind.scale
        : null,
    numerator: g.nNum === k ? g.sumNum : null,
    denominator: g.nDen === k ? g.sumDen : null,
    flag: partsMissing || zero ? 'invalid' : null,
    flagReason: partsMissing
      ? `unvollständig: ${k - Math.min(g.nNum, g.nDen)} von ${k} Teilgebieten ohne Zähler/Nenner`
      : zero
        ? 'Nenner ist 0'
        : null,
  };
}

/**
 * The derived shares (numerator indicator / denominator indicator × scale) on every area and date
 * where both counts are stored, as recomputeDerived writes them into a database holding `values`:
 * a missing count or a zero denominator gives no value and the flag 'invalid'; numerator and
 * denominator are kept. Shares are derived from the values given (not from each other); keys
 * already in `values` are left out.
 */
export function deriveStoredShares(
  values: Iterable<StoredValue>,
  indicators: readonly RollUpIndicator[],
): ComputedValue[] {
  const shares = indicators.filter((i) => i.numeratorId !== null && i.denominatorId !== null);
  const wanted = new Set(shares.flatMap((i) => [i.numeratorId!, i.denominatorId!]));
  const keys = new Keys();
  const stored = new Set<number>();
  const byIndicator = new Map<string, Map<number, StoredValue>>();
  const shareIds = new Set(shares.map((i) => i.id));
  for (const v of values) {
    // only a stored share can stand in the way of a derived one
    if (shareIds.has(v.indicatorId)) stored.add(keys.of(v.indicatorId, v.areaId, v.refDate));
    if (!wanted.has(v.indicatorId)) continue;
    let m = byIndicator.get(v.indicatorId);
    if (!m) byIndicator.set(v.indicatorId, (m = new Map()));
    m.set(keys.at(v.areaId, v.refDate), v);
  }
  const out: ComputedValue[] = [];
  for (const i of shares) {
    const dens = byIndicator.get(i.denominatorId!);
    if (!dens) continue;
    for (const [at, n] of byIndicator.get(i.numeratorId!) ?? []) {
      const d = dens.get(at);
      if (!d || stored.has(keys.of(i.id, n.areaId, n.refDate))) continue;
      const num = n.value;
      const den = d.value;
      const reason =
        num === null || den === null
          ? 'Zähler oder Nenner fehlt'
          : den === 0
            ? 'Nenner ist 0'
            : null;
      out.push({
        indicatorId: i.id,
        areaId: n.areaId,
        refDate: n.refDate,
        value: num === null || den === null || den === 0 ? null : (num / den) * i.scale,
        numerator: num,
        denominator: den,
        flag: reason === null ? null : 'invalid',
        flagReason: reason,
      });
    }
  }
  return out;
}
