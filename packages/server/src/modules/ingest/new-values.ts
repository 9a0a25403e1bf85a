// The values of indicators an import created (ADR 0063): held in memory while the file is read,
// then written as packs with their aggregates on the levels above computed in core — instead of one
// row per value and a roll-up in SQL over them. A new indicator has no stored values, so nothing can
// conflict and the roll-up needs only these values.
import {
  isAggregable,
  rollUpStoredValues,
  type ComputedValue,
  type StoredValue,
} from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import type { ObservationInput } from './store.ts';
import {
  copyNewObservations,
  insertComputedObservations,
  selectRollUpFrame,
} from './store-observations.ts';
import { writePacks, type PackGroup } from './store-packs.ts';
import { yieldToEventLoop } from '../../db/statements.ts';

/**
 * Below this many values an import's new indicators are stored as rows: packs pay off for long
 * tables (the 1,000,000-row bench file), and a small table stays in the form every tool knows.
 */
export const PACK_MIN_VALUES = 2000;

/** Values per step of the roll-up in core (~50 ms a step here). */
const ROLL_UP_VALUES = 20_000;
/** Dates per step at most: core numbers the dates of one call and takes at most 4,096. */
const ROLL_UP_DATES = 1000;

/** Rows per COPY, with a turn of the event loop after each (as imports/table-stage.ts writes). */
const STATEMENT_ROWS = 2500;

async function copyInSteps(
  tx: Sql,
  tenantId: string,
  importId: number | null,
  rows: readonly ObservationInput[],
  checked: { areas: Set<number>; indicators: Set<string> },
): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += STATEMENT_ROWS) {
    n += await copyNewObservations(
      tx,
      tenantId,
      importId,
      rows.slice(i, i + STATEMENT_ROWS),
      checked,
    );
    await yieldToEventLoop();
  }
  return n;
}

interface Group {
  indicatorId: string;
  refDate: string;
  areaIds: number[];
  values: number[];
}

/** The order that sorts a run of area ids, reused while runs repeat (each date lists the same areas). */
class Sorter {
  private ids: readonly number[] = [];
  private order: number[] = [];
  private sorted: number[] = [];

  /** Ascending by area; a key given twice is refused like the primary key refuses it. */
  sort(g: Group): PackGroup {
    const ids = g.areaIds;
    if (!sameIds(ids, this.ids)) {
      this.ids = ids;
      this.order = ids.map((_, i) => i).sort((a, b) => ids[a]! - ids[b]!);
      this.sorted = this.order.map((i) => ids[i]!);
      for (let i = 1; i < this.sorted.length; i++)
        if (this.sorted[i] === this.sorted[i - 1])
          throw new Error(
            `Doppelter Wert: Indikator ${g.indicatorId}, Gebiet ${this.sorted[i]}, Stichtag ${g.refDate}.`,
          );
    }
    const { order } = this;
    const values = new Array<number>(order.length);
    for (let i = 0; i < order.length; i++) values[i] = g.values[order[i]!]!;
    // the same array for the same areas: writePacks finds its layout by identity
    return { indicatorId: g.indicatorId, refDate: g.refDate, areaIds: this.sorted, values };
  }
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sorts each group by area (one Sorter, so repeated runs of areas are sorted once). */
function sortGroups(groups: Iterable<Group>): PackGroup[] {
  const sorter = new Sorter();
  return [...groups].map((g) => sorter.sort(g));
}

/** An observation as core's roll-up reads it. */
export const storedValue = (o: ObservationInput): StoredValue => ({
  indicatorId: o.indicatorId,
  areaId: o.areaId,
  refDate: o.refDate,
  value: o.value,
  numerator: o.numerator ?? null,
  denominator: o.denominator ?? null,
});

/** A value a pack can hold: a number, and no flag, numerator or denominator. */
function isPlain(o: ObservationInput): o is ObservationInput & { value: number } {
  return o.value !== null && !o.flag && o.numerator == null && o.denominator == null;
}

/**
 * Plain values grouped by indicator, then date — nested maps, no key string per value; the group of
 * the value before is taken first (a long table comes date by date).
 */
class Groups {
  private readonly byIndicator = new Map<string, Map<string, Group>>();
  readonly list: Group[] = [];
  private last: Group | null = null;
  count = 0;

  add(o: ObservationInput & { value: number }): void {
    let g = this.last;
    if (g === null || g.refDate !== o.refDate || g.indicatorId !== o.indicatorId) {
      let byDate = this.byIndicator.get(o.indicatorId);
      if (!byDate) this.byIndicator.set(o.indicatorId, (byDate = new Map()));
      g = byDate.get(o.refDate) ?? null;
      if (!g) {
        g = { indicatorId: o.indicatorId, refDate: o.refDate, areaIds: [], values: [] };
        byDate.set(o.refDate, g);
        this.list.push(g);
      }
      this.last = g;
    }
    g.areaIds.push(o.areaId);
    g.values.push(o.value);
    this.count++;
  }
}

/** Computed rows: the plain ones grouped for packs, the others (withheld sums) as rows. */
function groupsOf(rows: readonly ComputedValue[]): { groups: Groups; rest: ComputedValue[] } {
  const groups = new Groups();
  const rest: ComputedValue[] = [];
  for (const r of rows)
    if (isPlain(r)) groups.add(r);
    else rest.push(r);
  return { groups, rest };
}

/**
 * Collects the values of new indicators. A value with a flag, numerator or denominator, or none,
 * is kept as a row; all others go into packs when there are at least PACK_MIN_VALUES of them.
 */
export class NewValues {
  private readonly groups = new Groups();
  private readonly rows: ObservationInput[] = [];
  readonly indicatorIds = new Set<string>();

  /**
   * minPack: the fewest plain values stored as packs (PACK_MIN_VALUES); rollUpStep: values per step
   * of the roll-up (ROLL_UP_VALUES). Tests make both small.
   */
  constructor(
    private readonly minPack = PACK_MIN_VALUES,
    private readonly rollUpStep = ROLL_UP_VALUES,
  ) {}

  add(o: ObservationInput): void {
    this.indicatorIds.add(o.indicatorId);
    if (isPlain(o)) this.groups.add(o);
    else this.rows.push(o);
  }

  get size(): number {
    return this.groups.count + this.rows.length;
  }

  private *stored(dates: ReadonlySet<string>): Generator<StoredValue> {
    for (const g of this.groups.list) {
      if (!dates.has(g.refDate)) continue;
      for (let i = 0; i < g.areaIds.length; i++)
        yield {
          indicatorId: g.indicatorId,
          areaId: g.areaIds[i]!,
          refDate: g.refDate,
          value: g.values[i]!,
          numerator: null,
          denominator: null,
        };
    }
    for (const o of this.rows) if (dates.has(o.refDate)) yield storedValue(o);
  }

  /** Whether write() stores packs (and the aggregates with them), else rows for the SQL roll-up. */
  get packs(): boolean {
    return this.groups.count >= this.minPack;
  }

  /**
   * Writes the values. With packs also their aggregates on the levels above (core's roll-up, the
   * rules of recomputeAggregates); without, the caller aggregates in SQL as for any row. Returns the
   * number of values written from the file (aggregates not counted, as with the row path).
   */
  async write(tx: Sql, tenantId: string, importId: number | null): Promise<number> {
    if (this.size === 0) return 0;
    const checked = { areas: new Set<number>(), indicators: new Set<string>() };
    if (!this.packs) {
      const rows: ObservationInput[] = [];
      for (const g of this.groups.list)
        for (let i = 0; i < g.areaIds.length; i++)
          rows.push({
            indicatorId: g.indicatorId,
            areaId: g.areaIds[i]!,
            refDate: g.refDate,
            value: g.values[i]!,
          });
      return copyInSteps(tx, tenantId, importId, rows.concat(this.rows), checked);
    }
    const packed = await writePacks(
      tx,
      tenantId,
      importId,
      'imported',
      sortGroups(this.groups.list),
    );
    const rows = await copyInSteps(tx, tenantId, importId, this.rows, checked);
    await this.writeAggregates(tx, tenantId);
    return packed + rows;
  }

  private async writeAggregates(tx: Sql, tenantId: string): Promise<void> {
    const frame = await selectRollUpFrame(tx, tenantId);
    const mine = frame.indicators.filter((i) => this.indicatorIds.has(i.id));
    if (!mine.some(isAggregable)) return; // an index or a median: nothing to walk through
    // a parent's value depends only on its children's values of the same date: a few dates at a
    // time, with a turn of the event loop after each (all at once held the server ~6 s for
    // 1,000,000 values)
    const aggregated: ComputedValue[] = [];
    for (const dates of this.dateSteps()) {
      for (const row of rollUpStoredValues(this.stored(dates), frame.areas, frame.levels, mine))
        aggregated.push(row);
      await yieldToEventLoop();
    }
    const { groups, rest } = groupsOf(aggregated);
    const packed = groups.count >= this.minPack;
    if (packed) await writePacks(tx, tenantId, null, 'aggregated', sortGroups(groups.list));
    await insertComputedObservations(tx, tenantId, packed ? rest : aggregated, 'aggregated');
  }

  /** The dates of the values, rollUpStep values or so (at most ROLL_UP_DATES dates) per step. */
  private *dateSteps(): Generator<Set<string>> {
    const perDate = new Map<string, number>();
    for (const g of this.groups.list)
      perDate.set(g.refDate, (perDate.get(g.refDate) ?? 0) + g.areaIds.length);
    for (const o of this.rows) perDate.set(o.refDate, (perDate.get(o.refDate) ?? 0) + 1);
    let step = new Set<string>();
    let n = 0;
    for (const [date, count] of perDate) {
      step.add(date);
      n += count;
      if (n >= this.rollUpStep || step.size >= ROLL_UP_DATES) {
        yield step;
        step = new Set();
        n = 0;
      }
    }
    if (step.size > 0) yield step;
  }
}
