// The demo's population register (Einwohnerregister, four CSV files of 20 half-year dates each):
// read once into values per file and date, so the two phases of the demo load (ADR 0053) can write
// any date on its own — its values, their aggregates and the derived shares, each indicator of a
// date complete in one transaction.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ObservationInput } from '../../modules/ingest/index.ts';
import { berlinCatalogue } from './catalogue.ts';
import { readCsvRecords } from './read-csv.ts';

/** Sums of age groups published separately (children and youth under 18). */
const EWR_SUMS: Record<string, { id: string; parts: string[] }> = {
  'ewr_plr_t2_age_groups.csv': {
    id: 'ewr_age_below_18',
    parts: ['inhabitants_age_below_6', 'inhabitants_age_6_15', 'inhabitants_age_15_18'],
  },
  'ewr_plr_t3_migration_background_by_age.csv': {
    id: 'ewr_mb_age_below_18',
    parts: [
      'inhabitants_with_migration_background_age_below_6',
      'inhabitants_with_migration_background_age_6_15',
      'inhabitants_with_migration_background_age_15_18',
    ],
  },
};

/** One population file as read: its path, the records read and its values by date. */
export interface PopulationFile {
  file: string;
  path: string;
  rowsRead: number;
  /** values written for the file in all (rowsWritten of its import run) */
  rowsWritten: number;
  byDate: Map<string, ObservationInput[]>;
}

function parseCount(text: string, where: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v))
    throw new Error(`${where}: '${text}' ist keine Zahl`);
  return v;
}

/** The population files of the catalogue, in its order (the order of their import runs). */
export const populationFileNames = (): string[] => berlinCatalogue().ewrFiles.map((f) => f.file);

/**
 * Reads the population files into values (area ids from `ids`: Planungsraum code → id per LOR
 * version). Throws on an unknown area or a cell that is no number, naming file, line and column.
 */
export async function readPopulation(
  dir: string,
  ids: Record<'2006' | '2021', Map<string, number>>,
): Promise<PopulationFile[]> {
  const out: PopulationFile[] = [];
  for (const { file, columns } of berlinCatalogue().ewrFiles) {
    const full = path.join(dir, 'population', file);
    const { header, records } = readCsvRecords(await readFile(full, 'utf8'));
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`${file}: Spalte ${name} fehlt`);
      return i;
    };
    const iDate = col('stichtag'),
      iVersion = col('lor_version'),
      iPlr = col('plr_id');
    const valueCols = Object.entries(columns).map(([c, ind]) => [col(c), ind] as const);
    const sum = EWR_SUMS[file];
    const sumCols = sum ? sum.parts.map(col) : [];
    const byDate = new Map<string, ObservationInput[]>();
    let rowsWritten = 0;
    for (const { line, fields } of records) {
      const version = fields[iVersion] as '2006' | '2021';
      const areaId = ids[version]?.get(fields[iPlr]!);
      if (areaId === undefined)
        throw new Error(
          `${file}, Zeile ${line}: Planungsraum ${fields[iPlr]} (LOR ${version}) unbekannt`,
        );
      const refDate = fields[iDate]!;
      let rows = byDate.get(refDate);
      if (!rows) byDate.set(refDate, (rows = []));
      for (const [i, indicatorId] of valueCols) {
        rows.push({
          indicatorId,
          areaId,
          refDate,
          value: parseCount(fields[i]!, `${file}, Zeile ${line}, Spalte ${header[i]}`),
        });
      }
      if (sum) {
        const v = sumCols.reduce((s, i) => s + parseCount(fields[i]!, `${file}, Zeile ${line}`), 0);
        rows.push({ indicatorId: sum.id, areaId, refDate, value: v });
      }
      rowsWritten += valueCols.length + (sum ? 1 : 0);
    }
    out.push({ file, path: full, rowsRead: records.length, rowsWritten, byDate });
  }
  return out;
}

/** Every date of the population files, newest first. */
export function populationDates(files: readonly PopulationFile[]): string[] {
  const dates = new Set(files.flatMap((f) => [...f.byDate.keys()]));
  return [...dates].sort().reverse();
}
