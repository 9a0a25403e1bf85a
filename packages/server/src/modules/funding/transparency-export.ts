// Exports of the transparency view: a German CSV (semicolon, decimal comma, UTF-8 with BOM, CRLF)
// and an XLSX with one sheet, both ending with the attribution and method lines. The XLSX is a
// minimal SpreadsheetML package (inline strings, numbers as numbers) zipped with fflate, which the
// server already uses — no spreadsheet library for writing.
import {
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  NEED_MONEY_QUADRANT_LABELS,
  type FundingSource,
} from '@sozialraum/core';
import type { Transparency } from '@sozialraum/contracts/funding-transparency';
import { strToU8, zipSync } from 'fflate';

type Cell = string | number | null;

/** A source column's German label; `total` is money booked without a split by source. */
const sourceLabel = (s: FundingSource): string =>
  s === 'total' ? 'ohne Aufteilung' : FUNDING_SOURCE_LABELS[s];

/** The table as rows of cells: header, one row per area, a blank row, then provenance. */
export function transparencyTable(t: Transparency): Cell[][] {
  const parts = t.detail !== 'totals';
  const head: Cell[] = [
    'Gebietsschlüssel',
    'Gebiet',
    `Einwohner/innen${t.residents?.date ? ` (${t.residents.date})` : ''}`,
    `Fördermittel ${t.year ?? ''} (EUR)`,
    'EUR je Einwohner/in',
    t.need ? `${t.need.label}${t.need.date ? ` (${t.need.date})` : ''}` : 'Bedarf',
    'Einordnung',
  ];
  if (parts) {
    head.push(...FUNDING_SOURCES.map((s) => `${sourceLabel(s)} (EUR)`));
    head.push(...t.programmes.map((p) => `${p.name} (EUR)`));
  }
  const rows: Cell[][] = [head];
  for (const a of t.areas) {
    const row: Cell[] = [
      a.code,
      a.name,
      a.residents,
      a.money,
      a.perResident === null ? null : Math.round(a.perResident * 100) / 100,
      a.need,
      a.quadrant ? NEED_MONEY_QUADRANT_LABELS[a.quadrant] : null,
    ];
    if (parts) {
      row.push(...FUNDING_SOURCES.map((s) => a.bySource?.[s] ?? null));
      row.push(...t.programmes.map((p) => a.byProgramme?.[p.id] ?? null));
    }
    rows.push(row);
  }
  rows.push([]);
  rows.push([
    'Art der Mittel',
    { planned: 'geplant', approved: 'bewilligt', spent: 'verausgabt' }[t.kind],
  ]);
  if (t.allocation && t.allocation.rolledUp > 0)
    rows.push(['davon aus feineren Gebieten aufsummiert', t.allocation.rolledUp]);
  if (t.allocation && t.allocation.spread > 0)
    rows.push(['davon nach Einwohneranteil verteilt', t.allocation.spread]);
  if (t.wholeProgramme > 0)
    rows.push([
      'Mittel nicht verteilt (Programm ohne Fördergebiet oder Gebiete ohne Einwohnerzahl)',
      t.wholeProgramme,
    ]);
  if (t.notOnLevel > 0) rows.push(['Mittel auf Gebieten anderer Gebietssysteme', t.notOnLevel]);
  rows.push(['Quellen', t.provenance.attribution]);
  for (const s of t.provenance.sources)
    rows.push([
      'Lizenz',
      `${s.title} – ${s.publisher} – ${s.licence}${s.licenceUrl ? ` (${s.licenceUrl})` : ''}`,
    ]);
  rows.push(['Methode', t.provenance.method]);
  return rows;
}

function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v).replace('.', ',');
  // a leading = + - @ would be a formula in a spreadsheet (CSV injection)
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** German CSV: `;`, decimal comma, UTF-8 BOM, CRLF. */
export function transparencyCsv(t: Transparency): string {
  return (
    '\uFEFF' +
    transparencyTable(t)
      .map((r) => r.map(csvCell).join(';'))
      .join('\r\n') +
    '\r\n'
  );
}

const xml = (s: string): string =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // characters XML 1.0 does not allow
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function sheetXml(rows: readonly Cell[][]): string {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const ref = `${columnName(c)}${r + 1}`;
          if (v === null) return '';
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xml(v)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${body}</sheetData></worksheet>`
  );
}

/** One-sheet XLSX of the table (sheet "Transparenz"). */
export function transparencyXlsx(t: Transparency): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheets><sheet name="Transparenz" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '</Relationships>',
    'xl/worksheets/sheet1.xml': sheetXml(transparencyTable(t)),
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), {
    level: 6,
    mtime: new Date('2000-01-01T00:00:00Z'),
  });
}
