// Plausibility checks of the dry run (issue 9 § 6) that need nothing but the cells: decimals in a
// count indicator, thousands separators in a percent column, rows where every value is 0 (a known
// placeholder for areas a publication does not report). They warn; they never stop an import.

import type { NumberFormat, ParsedNumber } from './numbers.ts';

export interface PlausibilitySummary {
  /** Count indicators that received values with decimals. */
  decimalsInCounts: { indicatorId: string; count: number; firstLine: number; example: string }[];
  /** Cells in percent columns written with a thousands separator ("1.234 %" is rarely a share). */
  thousandsInPercent: { count: number; firstLine: number; column: string; example: string } | null;
  /** Wide rows where every mapped value is 0. */
  zeroRows: { count: number; lines: number[]; treatedAsMissing: boolean };
}

const PERCENT_HEADER = /%|prozent|anteil|quote/i;

/** Collects the plausibility findings of one import. */
export class PlausibilityTally {
  private readonly decimals = new Map<string, PlausibilitySummary['decimalsInCounts'][number]>();
  private thousands: PlausibilitySummary['thousandsInPercent'] = null;
  private readonly zero = { count: 0, lines: [] as number[] };

  constructor(
    private readonly format: NumberFormat,
    private readonly countIndicatorIds: ReadonlySet<string>,
    private readonly zeroRows: 'report' | 'missing' | undefined,
  ) {}

  private get zeroRowsAsMissing(): boolean {
    return this.zeroRows === 'missing';
  }

  /** Checks one parsed value cell of an indicator. */
  cell(indicatorId: string, p: ParsedNumber, text: string, line: number, column: string): void {
    if (p.kind !== 'number') return;
    if (this.countIndicatorIds.has(indicatorId) && !Number.isInteger(p.value)) {
      const d = this.decimals.get(indicatorId);
      if (d) d.count++;
      else
        this.decimals.set(indicatorId, {
          indicatorId,
          count: 1,
          firstLine: line,
          example: text.trim(),
        });
    }
    const sep = this.format.thousands;
    if (sep && text.includes(sep) && (p.percent || PERCENT_HEADER.test(column))) {
      if (this.thousands) this.thousands.count++;
      else this.thousands = { count: 1, firstLine: line, column, example: text.trim() };
    }
  }

  /** True when the row's values are all 0 (at least two); counts it, and says whether to treat them as missing. */
  zeroRow(line: number, values: readonly (ParsedNumber | null)[]): boolean {
    if (this.zeroRows === undefined) return false;
    const nums = values.filter((v): v is ParsedNumber => v !== null && v.kind === 'number');
    if (nums.length < 2 || nums.length !== values.filter((v) => v !== null).length) return false;
    if (!nums.every((v) => v.value === 0)) return false;
    this.zero.count++;
    if (this.zero.lines.length < 20) this.zero.lines.push(line);
    return this.zeroRowsAsMissing;
  }

  summary(): PlausibilitySummary {
    return {
      decimalsInCounts: [...this.decimals.values()].map((d) => ({ ...d })),
      thousandsInPercent: this.thousands ? { ...this.thousands } : null,
      zeroRows: {
        count: this.zero.count,
        lines: [...this.zero.lines],
        treatedAsMissing: this.zeroRowsAsMissing,
      },
    };
  }

  /** German warnings, each starting with "Plausibilität:". */
  warnings(): string[] {
    const out: string[] = [];
    for (const d of this.decimals.values())
      out.push(
        `Plausibilität: Indikator '${d.indicatorId}' ist eine Anzahl, erhielt aber ${d.count} ${d.count === 1 ? 'Wert' : 'Werte'} mit Nachkommastellen (z. B. Zeile ${d.firstLine}: '${d.example}').`,
      );
    const t = this.thousands;
    if (t)
      out.push(
        `Plausibilität: ${t.count} ${t.count === 1 ? 'Wert' : 'Werte'} in einer Prozentspalte mit Tausendertrennzeichen (z. B. Zeile ${t.firstLine}, Spalte ${t.column}: '${t.example}') – stimmt das Dezimalzeichen?`,
      );
    if (this.zero.count > 0)
      out.push(
        `Plausibilität: ${this.zero.count} ${this.zero.count === 1 ? 'Zeile' : 'Zeilen'}, in denen alle Werte 0 sind (z. B. Zeile ${this.zero.lines[0]}) – in veröffentlichten Tabellen oft Platzhalter für nicht ausgewiesene Gebiete; ${this.zeroRowsAsMissing ? 'als fehlend übernommen' : 'lassen sich als fehlend übernehmen'}.`,
      );
    return out;
  }
}
