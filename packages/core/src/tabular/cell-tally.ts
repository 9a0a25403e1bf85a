// Counts what number cells held besides numbers, so an import reports every missing value and
// every stripped footnote instead of skipping them silently (issue 9 § 2, docs/methods/table-import.md).

import { classifyMissingMarker, type ParsedNumber } from './numbers.ts';

/** Missing values of one kind of marker (blank cell, `.`, `x`, `n.v.` …) in the whole table. */
export interface MissingMarkerCount {
  marker: string;
  kind: 'blank' | 'symbol' | 'text';
  count: number;
  /** First source line and column header where the marker occurred. */
  firstLine: number;
  firstColumn: string;
}

export interface CellTallySummary {
  /** Number cells without a value (blank cells and placeholders), all counted. */
  missingCount: number;
  missingByMarker: MissingMarkerCount[];
  /** Cells whose value was read after stripping footnote or OCR marks. */
  footnoteCount: number;
  /** The distinct marks stripped, in order of first appearance (`°`, `*`, `¹`). */
  footnoteMarks: string[];
  footnoteExample: { line: number; column: string; text: string } | null;
}

/** Tallies missing values and footnote marks of parsed number cells. */
export class CellTally {
  private readonly missing = new Map<string, MissingMarkerCount>();
  private missingCount = 0;
  private footnoteCount = 0;
  private readonly marks = new Set<string>();
  private footnoteExample: CellTallySummary['footnoteExample'] = null;

  /** Records one parsed cell (`text` is the cell as written, for the example). */
  add(p: ParsedNumber, line: number, column: string, text: string): void {
    if (p.kind === 'missing') {
      this.missingCount++;
      const m = this.missing.get(p.marker);
      if (m) m.count++;
      else
        this.missing.set(p.marker, {
          marker: p.marker,
          kind: classifyMissingMarker(p.marker),
          count: 1,
          firstLine: line,
          firstColumn: column,
        });
    } else if (p.kind === 'number' && p.footnote !== undefined) {
      this.footnoteCount++;
      for (const ch of splitMarks(p.footnote)) this.marks.add(ch);
      this.footnoteExample ??= { line, column, text: text.trim() };
    }
  }

  summary(): CellTallySummary {
    return {
      missingCount: this.missingCount,
      missingByMarker: [...this.missing.values()],
      footnoteCount: this.footnoteCount,
      footnoteMarks: [...this.marks],
      footnoteExample: this.footnoteExample,
    };
  }

  /** German warnings for the import report: missing values, text markers, footnote marks. */
  warnings(): string[] {
    const out: string[] = [];
    if (this.missingCount > 0) {
      const parts = [...this.missing.values()].map(
        (m) => `${m.count} × ${m.kind === 'blank' ? 'leer' : `'${m.marker}'`}`,
      );
      out.push(
        `${this.missingCount} ${this.missingCount === 1 ? 'Zelle' : 'Zellen'} ohne Wert (fehlend gezählt): ${parts.join(', ')}.`,
      );
    }
    const text = [...this.missing.values()].filter((m) => m.kind === 'text');
    if (text.length > 0)
      out.push(
        `Plausibilität: Textkennzeichen in Zahlenspalten (${text.map((m) => `'${m.marker}' ${m.count} ×, zuerst Zeile ${m.firstLine} in '${m.firstColumn}'`).join('; ')}) – werden als fehlende Werte übernommen; bitte prüfen, ob das gemeint ist.`,
      );
    if (this.footnoteCount > 0 && this.footnoteExample) {
      const e = this.footnoteExample;
      out.push(
        `Fußnotenzeichen entfernt bei ${this.footnoteCount} ${this.footnoteCount === 1 ? 'Wert' : 'Werten'} (${[...this.marks].map((m) => `'${m}'`).join(', ')}; z. B. Zeile ${e.line}, Spalte ${e.column}: '${e.text}').`,
      );
    }
    return out;
  }
}

/** "²³" → ["²", "³"]; "1)" and "**" stay whole. */
function splitMarks(footnote: string): string[] {
  return /^[\u00B9\u00B2\u00B3\u2070\u2074-\u2079]+$/u.test(footnote) ? [...footnote] : [footnote];
}
