// Money of funding programmes per area and year: co-financing shares add up to the total, spent ≤
// approved, money per resident. Amounts are euros; sums are compared in whole cents (tolerance
// 1 cent), so 0,1 + 0,2 never fails on a binary rounding error.

/** Planned (Ansatz), approved (Bewilligung) or spent (Ausgabe/Ist). */
export const FUNDING_KINDS = ['planned', 'approved', 'spent'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];

/** Who pays a share; `total` is the row "Gesamt" the shares must add up to. */
export const FUNDING_SOURCES = [
  'eu',
  'bund',
  'land',
  'kommune',
  'stiftung',
  'traeger',
  'total',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** Programme levels (EU, Bund, Land, Kommune, Stiftung/Träger). */
export const PROGRAMME_LEVELS = ['eu', 'bund', 'land', 'kommune', 'stiftung'] as const;
export type ProgrammeLevel = (typeof PROGRAMME_LEVELS)[number];

/** German labels of the sources, for messages and the screen. */
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  eu: 'EU',
  bund: 'Bund',
  land: 'Land',
  kommune: 'Kommune',
  stiftung: 'Stiftung',
  traeger: 'Träger/Dritte',
  total: 'Gesamt',
};

/** German labels of the kinds. */
export const FUNDING_KIND_LABELS: Record<FundingKind, string> = {
  planned: 'geplant',
  approved: 'bewilligt',
  spent: 'verausgabt',
};

/** One money row: a programme, an area (or area set), a year, a kind and a source. */
export interface FundingEntry {
  programmeId: string;
  areaKey: string;
  /** The measure the money is booked on ("" or absent: none); rows of different measures never mix. */
  measureKey?: string;
  year: number;
  kind: FundingKind;
  source: FundingSource;
  amount: number;
}

/** The key of one booking unit: programme × area × measure. */
export const unitKey = (e: FundingEntry): string =>
  `${e.programmeId}\u0000${e.areaKey}\u0000${e.measureKey ?? ''}`;

/** Euros → whole cents (half away from zero). */
export function toCents(euros: number): number {
  return Math.sign(euros) * Math.round(Math.abs(euros) * 100);
}

function formatEuro(cents: number): string {
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${cents < 0 ? '−' : ''}${euros},${String(abs % 100).padStart(2, '0')} €`;
}

/** A money rule broken for one programme × area × year (× kind). */
export interface FundingProblem {
  code: 'shares-do-not-add-up' | 'spent-over-approved';
  programmeId: string;
  areaKey: string;
  measureKey?: string;
  year: number;
  kind?: FundingKind;
  message: string;
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/**
 * Checks, for each programme × area × year × kind that has a `total` row, that the shares of the
 * other sources add up to it within 1 cent; the message names both sums and the difference.
 */
export function checkCoFinancing(entries: readonly FundingEntry[]): FundingProblem[] {
  const problems: FundingProblem[] = [];
  const groups = groupBy(entries, (e) => `${unitKey(e)}\u0000${e.year}\u0000${e.kind}`);
  for (const rows of groups.values()) {
    const totals = rows.filter((r) => r.source === 'total');
    const shares = rows.filter((r) => r.source !== 'total');
    if (totals.length === 0 || shares.length === 0) continue;
    const total = totals.reduce((s, r) => s + toCents(r.amount), 0);
    const sum = shares.reduce((s, r) => s + toCents(r.amount), 0);
    if (Math.abs(total - sum) <= 1) continue;
    const r0 = rows[0] as FundingEntry;
    problems.push({
      code: 'shares-do-not-add-up',
      programmeId: r0.programmeId,
      areaKey: r0.areaKey,
      ...(r0.measureKey ? { measureKey: r0.measureKey } : {}),
      year: r0.year,
      kind: r0.kind,
      message:
        `${r0.year}, ${FUNDING_KIND_LABELS[r0.kind]}: die Anteile (${shares
          .map((s) => FUNDING_SOURCE_LABELS[s.source])
          .join(' + ')}) ergeben ${formatEuro(sum)}, die Gesamtsumme ist ${formatEuro(total)} ` +
        `(Differenz ${formatEuro(sum - total)}).`,
    });
  }
  return problems;
}

/** Sum (cents) of one programme × area × measure × year × kind: the total row if given, else the shares. */
export function totalOf(rows: readonly FundingEntry[]): number {
  const totals = rows.filter((r) => r.source === 'total');
  const use = totals.length > 0 ? totals : rows;
  return use.reduce((s, r) => s + toCents(r.amount), 0);
}

/** Flags each programme × area × year whose spent money exceeds the approved money. */
export function flagSpentOverApproved(entries: readonly FundingEntry[]): FundingProblem[] {
  const problems: FundingProblem[] = [];
  const groups = groupBy(entries, (e) => `${unitKey(e)}\u0000${e.year}`);
  for (const rows of groups.values()) {
    const approved = rows.filter((r) => r.kind === 'approved');
    const spent = rows.filter((r) => r.kind === 'spent');
    if (spent.length === 0) continue;
    const a = totalOf(approved);
    const s = totalOf(spent);
    if (s <= a) continue;
    const r0 = rows[0] as FundingEntry;
    problems.push({
      code: 'spent-over-approved',
      programmeId: r0.programmeId,
      areaKey: r0.areaKey,
      ...(r0.measureKey ? { measureKey: r0.measureKey } : {}),
      year: r0.year,
      message: `${r0.year}: verausgabt ${formatEuro(s)} liegt über bewilligt ${formatEuro(a)} (${formatEuro(s - a)} mehr).`,
    });
  }
  return problems;
}

/** Money per year and kind (euros, from the total rows or the shares), for the programme page. */
export interface YearMoney {
  year: number;
  planned: number | null;
  approved: number | null;
  spent: number | null;
  spentOverApproved: boolean;
}

/** Sums a programme's entries by year and kind (over its areas), flagging spent > approved. */
export function summariseByYear(entries: readonly FundingEntry[]): YearMoney[] {
  const byYear = groupBy(entries, (e) => String(e.year));
  return [...byYear.entries()]
    .map(([year, rows]) => {
      const sumKind = (kind: FundingKind): number | null => {
        const own = rows.filter((r) => r.kind === kind);
        if (own.length === 0) return null;
        const byArea = groupBy(own, unitKey);
        return [...byArea.values()].reduce((s, list) => s + totalOf(list), 0) / 100;
      };
      const approved = sumKind('approved');
      const spent = sumKind('spent');
      return {
        year: Number(year),
        planned: sumKind('planned'),
        approved,
        spent,
        spentOverApproved: flagSpentOverApproved(rows).length > 0,
      };
    })
    .sort((a, b) => a.year - b.year);
}

/** Euros per resident; null without residents. */
export function moneyPerResident(euros: number, residents: number | null): number | null {
  if (residents === null || !(residents > 0)) return null;
  return euros / residents;
}
