// Test helpers: read the real Berlin MSS files in demo-data/berlin/mss (source and licence:
// demo-data/README.md). Only tests import this file; the engine itself stays pure.
import { readFileSync } from 'node:fs';
import { parseCsv } from '../tabular/csv-parser.ts';
import type { IndexAreaInput } from './compute-index.ts';
import type { MssEdition } from './presets.ts';

const DIR = new URL('../../../../demo-data/berlin/mss/', import.meta.url);

/** Reads a CSV of the MSS folder into objects keyed by header. */
export function readMssCsv(file: string): Record<string, string>[] {
  const { records, errors } = parseCsv(readFileSync(new URL(file, DIR), 'utf8'), {
    delimiter: ',',
  });
  if (errors.length > 0) throw new Error(`${file}: ${errors[0]?.message ?? ''}`);
  const [header, ...rows] = records;
  if (!header) throw new Error(`${file}: leer`);
  return rows.map((r) => Object.fromEntries(header.fields.map((h, i) => [h, r.fields[i] ?? ''])));
}

/** A value of an MSS file: '' and the −9999 code of invalid 2021 PLR become null. */
export function mssNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const v = Number(text);
  return v === -9999 ? null : v;
}

/** The official result of one PLR. */
export interface OfficialClass {
  statusLabel: string;
  dynamicsCode: string;
  groupCode: string;
}

/** Input areas and the official classes of one MSS edition. */
export interface MssEditionData {
  areas: IndexAreaInput[];
  official: Map<string, OfficialClass>;
  /** the scored PLR per the official file (2021: KOM = "gültig"; 2013–2019: listed in the indices file). */
  validIds: string[];
}

/** Loads an MSS edition from the real files. */
export function loadMssEdition(edition: MssEdition): MssEditionData {
  if (edition === 2021) {
    const ind = readMssCsv('mss2021_index_indicators_plr542.csv');
    const res = readMssCsv('mss2021_indices_plr542.csv');
    const areas = ind.map((r) => ({
      id: r.PLR_ID as string,
      population: mssNumber(r.EW),
      values: { S1: mssNumber(r.S1), S3: mssNumber(r.S3), S4: mssNumber(r.S4) },
      dynamics: { D1: mssNumber(r.D1), D3: mssNumber(r.D3), D4: mssNumber(r.D4) },
    }));
    const official = new Map<string, OfficialClass>();
    for (const r of res)
      if (r.KOM === 'gültig')
        official.set(r.PLR_ID as string, {
          statusLabel: r.SI_V as string,
          dynamicsCode: (r.SDI as string).replace(/^\d/, ''),
          groupCode: r.SDI as string,
        });
    return {
      areas,
      official,
      validIds: ind.filter((r) => r.KOM === 'gültig').map((r) => r.PLR_ID as string),
    };
  }
  const ind = readMssCsv(`mss${edition}_index_indicators_plr447_lor2006.csv`);
  const res = readMssCsv(`mss${edition}_indices_plr447_lor2006.csv`);
  const four = edition !== 2019;
  const areas = ind.map((r) => ({
    id: r.id as string,
    population: mssNumber(r.inhabitants),
    values: {
      S1: mssNumber(r.s1_percentage_unemployed),
      ...(four ? { S2: mssNumber(r.s2_percentage_long_term_unemployed) } : {}),
      S3: mssNumber(r.s3_percentage_transfer_payments_recipients),
      S4: mssNumber(r.s4_percentage_transfer_payments_recipients_below_15_years),
    },
    dynamics: {
      D1: mssNumber(r.d1_percentage_unemployed),
      ...(four ? { D2: mssNumber(r.d2_percentage_long_term_unemployed) } : {}),
      D3: mssNumber(r.d3_percentage_transfer_payments_recipients),
      D4: mssNumber(r.d4_percentage_transfer_payments_recipients_below_15_years),
    },
  }));
  const official = new Map<string, OfficialClass>();
  for (const r of res) {
    official.set(r.id as string, {
      statusLabel: r.status_index_klasse as string,
      dynamicsCode: r.dynamik_index as string,
      groupCode: r.status_dynamik_index as string,
    });
  }
  return { areas, official, validIds: res.map((r) => r.id as string) };
}

/** Reads the official MSS 2021 table 3 (z-values and indices, rounded to 2 decimals). */
export function readTable3(): Map<string, Record<string, number | string>> {
  const rows = readMssCsv('mss2021_table3_zvalues_indices_plr542.csv');
  const out = new Map<string, Record<string, number | string>>();
  for (const r of rows) {
    if ((r.zS1 ?? '') === '') continue;
    out.set(r['PLR-ID'] as string, {
      zS1: Number(r.zS1),
      zS3: Number(r.zS3),
      zS4: Number(r.zS4),
      statusSum: Number(r['Status-summe']),
      statusIndex: Number(r['Status-Index (standardisierte Statussumme)']),
      statusClass: r['Zuordnung Klasse Status-Index'] as string,
      zD1: Number(r.zD1),
      zD3: Number(r.zD3),
      zD4: Number(r.zD4),
      dynamicsSum: Number(r['Dynamik-summe']),
      dynamicsIndex: Number(r['Dynamik-Index (standardisierte Dynamik-summe)']),
      dynamicsClass: r['Zuordnung Klasse Dynamik-Index'] as string,
    });
  }
  return out;
}
