// Exports of the transparency view: a German CSV (semicolon, decimal comma, UTF-8 with BOM, CRLF)
// and an XLSX with one sheet, both ending with the attribution and method lines; written by the
// shared writers (core's toCsv, http/xlsx-writer).
import {
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  formatDate,
  NEED_MONEY_QUADRANT_LABELS,
  toCsv,
  type FundingSource,
} from '@sozialraum/core';
import type { Transparency } from '@sozialraum/contracts/funding-transparency';
import { writeXlsx } from '../../http/xlsx-writer.ts';

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
  if (t.allocation && t.allocation.bridged > 0)
    rows.push(['davon von Gebieten anderer Gebietssysteme übertragen', t.allocation.bridged]);
  if (t.allocation && t.allocation.outside > 0)
    rows.push([
      'Mittel anderer Gebietssysteme außerhalb aller Gebiete der Ebene (nicht übertragen)',
      t.allocation.outside,
    ]);
  if (t.bridge)
    rows.push([
      `Brücke zwischen Gebietssystemen (${t.bridge.systems.join(', ')})`,
      t.bridge.note ?? t.bridge.method,
    ]);
  if (t.notOnLevel > 0)
    rows.push(['Mittel auf Gebieten anderer Gebietssysteme (ohne Geometrie)', t.notOnLevel]);
  for (const line of residentsLines(t)) rows.push(line);
  rows.push(['Quellen', t.provenance.attribution]);
  for (const s of t.provenance.sources)
    rows.push([
      'Lizenz',
      `${s.title} – ${s.publisher} – ${s.licence}${s.licenceUrl ? ` (${s.licenceUrl})` : ''}`,
    ]);
  rows.push(['Methode', t.provenance.method]);
  return rows;
}

/** Per booking year the residents' date the money is weighed by (and when another year stood in). */
export function residentsLines(t: Transparency): Cell[][] {
  if (!t.residents) return [];
  return t.residents.byYear.map((r) => [
    `Einwohner/innen für ${r.year}`,
    r.date === null
      ? 'keine Einwohnerzahlen: nicht verteilt'
      : `Stichtag ${formatDate(r.date)}${r.fallback ? ` (kein Stichtag bis Ende ${r.year}, nächstgelegener Stichtag)` : ''}`,
  ]);
}

/** German CSV: `;`, decimal comma, UTF-8 BOM, CRLF. */
export const transparencyCsv = (t: Transparency): string => toCsv(transparencyTable(t));

/** One-sheet XLSX of the table (sheet "Transparenz"). */
export const transparencyXlsx = (t: Transparency): Uint8Array =>
  writeXlsx('Transparenz', transparencyTable(t));
