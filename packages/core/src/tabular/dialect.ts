// Guessing how a CSV file was written. German Excel ("CSV (Trennzeichen-getrennt)") writes `;` and a
// decimal comma; English tools and open-data portals write `,` and a decimal point. We decide from the
// first lines: the delimiter that gives every line the same number of fields (> 1) wins, then numbers
// tell the decimal mark.

import { createCsvParser, type CsvDelimiter } from './csv-parser.ts';

export interface CsvDialect {
  delimiter: CsvDelimiter;
  decimal: ',' | '.';
  thousands: '.' | ',' | null;
  /** 0–1: how sure the guess is (1 = all lines agree and the numbers are unambiguous). */
  confidence: number;
  /** German sentences explaining the guess, for the import dialog. */
  reasons: string[];
}

const CANDIDATES: readonly CsvDelimiter[] = [';', '\t', ','];
const DELIMITER_NAME: Record<CsvDelimiter, string> = {
  ';': 'Semikolon',
  ',': 'Komma',
  '\t': 'Tabulator',
};
const MAX_LINES = 50;

function recordsOf(sample: string, delimiter: CsvDelimiter): string[][] {
  const parser = createCsvParser({ delimiter });
  const lastNl = sample.lastIndexOf('\n');
  // A sample usually ends mid-line: only complete lines count, unless there is just one line.
  const text = lastNl === -1 ? sample : sample.slice(0, lastNl + 1);
  const records = parser.push(text);
  if (lastNl === -1) records.push(...parser.end());
  return records.slice(0, MAX_LINES).map((r) => r.fields);
}

interface DelimiterScore {
  delimiter: CsvDelimiter;
  fields: number; // modal field count
  agreement: number; // share of lines having the modal count
  lines: number;
}

function scoreDelimiter(sample: string, delimiter: CsvDelimiter): DelimiterScore {
  const rows = recordsOf(sample, delimiter);
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let fields = 0;
  let best = 0;
  for (const [k, v] of counts) {
    if (v > best || (v === best && k > fields)) {
      fields = k;
      best = v;
    }
  }
  return {
    delimiter,
    fields,
    agreement: rows.length === 0 ? 0 : best / rows.length,
    lines: rows.length,
  };
}

// Evidence about the decimal mark from one field.
const RE_COMMA_GROUPED = /^[-−+]?\d{1,3}(?:\.\d{3})+,\d+\s*%?$/; // 1.234,5
const RE_DOT_GROUPED = /^[-−+]?\d{1,3}(?:,\d{3})+\.\d+\s*%?$/; // 1,234.5
const RE_COMMA_DEC = /^[-−+]?\d+,(\d+)\s*%?$/; // 12,5  (3 decimals: ambiguous)
const RE_DOT_DEC = /^[-−+]?\d+\.(\d+)\s*%?$/; // 12.5  (3 decimals: ambiguous)
const RE_DOTS_ONLY = /^[-−+]?\d{1,3}(?:\.\d{3}){2,}$/; // 1.234.567: only thousands
const RE_COMMAS_ONLY = /^[-−+]?\d{1,3}(?:,\d{3}){2,}$/;

/** Guesses delimiter, decimal mark and thousands separator from the first lines of a decoded CSV text. */
export function detectDialect(sample: string): CsvDialect {
  const reasons: string[] = [];
  if (sample.charCodeAt(0) === 0xfeff) sample = sample.slice(1);
  const scores = CANDIDATES.map((d) => scoreDelimiter(sample, d));
  // Prefer consistent field counts > 1; ties go to the order ; \t , (the German default first).
  let best: DelimiterScore | undefined;
  for (const s of scores) {
    if (s.fields < 2) continue;
    if (!best || s.agreement > best.agreement + 1e-9) best = s;
  }
  let confidence: number;
  let delimiter: CsvDelimiter;
  if (!best) {
    delimiter = ';';
    confidence = 0.2;
    reasons.push(
      'Kein Trennzeichen erkennbar (jede Zeile hat nur ein Feld); Semikolon angenommen.',
    );
  } else {
    delimiter = best.delimiter;
    confidence = best.agreement;
    const others = scores.filter(
      (s) => s !== best && s.fields >= 2 && s.agreement >= best!.agreement - 1e-9,
    );
    reasons.push(
      best.agreement === 1
        ? `Trennzeichen ${DELIMITER_NAME[delimiter]}: alle ${best.lines} geprüften Zeilen haben ${best.fields} Felder.`
        : `Trennzeichen ${DELIMITER_NAME[delimiter]}: ${Math.round(best.agreement * 100)} % der ${best.lines} geprüften Zeilen haben ${best.fields} Felder.`,
    );
    if (others.length > 0) {
      confidence *= 0.8;
      reasons.push(
        `Auch ${others.map((o) => DELIMITER_NAME[o.delimiter]).join(', ')} passt gleich gut; ${DELIMITER_NAME[delimiter]} bevorzugt.`,
      );
    }
  }

  // Decimal mark from the data lines (skip the header).
  const rows = recordsOf(sample, delimiter).slice(1);
  let comma = 0;
  let dot = 0;
  let commaWeak = 0;
  let dotWeak = 0;
  let dotGroups = 0;
  let commaGroups = 0;
  for (const row of rows) {
    for (const raw of row) {
      const f = raw.trim();
      if (f.length === 0 || f.length > 40) continue;
      if (RE_COMMA_GROUPED.test(f)) {
        comma += 2;
        dotGroups++;
      } else if (RE_DOT_GROUPED.test(f)) {
        dot += 2;
        commaGroups++;
      } else if (RE_DOTS_ONLY.test(f)) dotGroups++;
      else if (RE_COMMAS_ONLY.test(f)) commaGroups++;
      else {
        const mc = RE_COMMA_DEC.exec(f);
        if (mc) {
          if (mc[1]!.length === 3) commaWeak++;
          else comma++;
          continue;
        }
        const md = RE_DOT_DEC.exec(f);
        if (md) {
          if (md[1]!.length === 3) dotWeak++;
          else dot++;
        }
      }
    }
  }
  let decimal: ',' | '.';
  let thousands: '.' | ',' | null;
  if (comma > 0 && dot === 0) {
    decimal = ',';
    reasons.push(`Dezimalzeichen Komma: ${comma} Zahlen wie „12,5“.`);
  } else if (dot > 0 && comma === 0) {
    decimal = '.';
    reasons.push(`Dezimalzeichen Punkt: ${dot} Zahlen wie „12.5“.`);
  } else if (comma > 0 && dot > 0) {
    decimal = comma >= dot ? ',' : '.';
    confidence *= 0.5;
    reasons.push(
      `Widersprüchliche Zahlen: ${comma}× Komma, ${dot}× Punkt als Dezimalzeichen; ${decimal === ',' ? 'Komma' : 'Punkt'} angenommen – bitte prüfen.`,
    );
  } else if (delimiter === ',') {
    decimal = '.';
    if (commaWeak > 0)
      reasons.push(
        'Zahlen mit Komma stehen in Anführungszeichen; trotzdem Punkt als Dezimalzeichen angenommen.',
      );
    else reasons.push('Dezimalzeichen Punkt angenommen (Komma ist Trennzeichen).');
  } else {
    decimal = ',';
    reasons.push(
      'Dezimalzeichen Komma angenommen (deutsche Voreinstellung bei Semikolon/Tabulator).',
    );
    if (dotWeak > 0) confidence *= 0.9;
  }
  if (decimal === ',') {
    // "1.374" with a decimal comma can only be 1374 (Excel's "1.000er-Trennzeichen").
    thousands = '.';
    if (dotWeak + dotGroups > 0)
      reasons.push(`Punkt als Tausendertrennzeichen: ${dotWeak + dotGroups} Zahlen wie „1.374“.`);
  } else {
    thousands = commaGroups + commaWeak > 0 && delimiter !== ',' ? ',' : null;
    if (thousands)
      reasons.push(
        `Komma als Tausendertrennzeichen: ${commaGroups + commaWeak} Zahlen wie „1,374“.`,
      );
  }
  return { delimiter, decimal, thousands, confidence: Math.round(confidence * 100) / 100, reasons };
}
