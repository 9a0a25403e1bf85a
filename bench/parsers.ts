// (i) Parser and geometry speed figures that used to be timing assertions in unit tests (issue 10
// § 4: they flaked on a busy 2-core CI). The tests keep only a generous timeout against hangs; the
// figures live here, each the median of 3 rounds. Pure computation, no database. Alone:
//   npx tsx -e "import('./bench/parsers.ts').then(m=>m.benchParsers()).then(console.log)"
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createCsvParser,
  createSheetParser,
  simplifyTopologyWithStats,
  validatePolygons,
  XlsxFormatError,
  type PolygonGeometry,
} from '@sozialraum/core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PLR_FILE = path.join(ROOT, 'demo-data/berlin/geo/lor_2021_planungsraeume.geojson');

const de = (n: number, digits = 0) =>
  n.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Median milliseconds of `rounds` runs of fn. */
function median(fn: () => void, rounds = 3): number {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function csvRows(): string {
  const rows = ['plr;datum;ew;anteil'];
  for (let i = 0; i < 200_000; i++)
    rows.push(`${String(i).padStart(8, '0')};31.12.2020;${i % 977};"12,5"`);
  return rows.join('\r\n');
}

/** Markdown section (i) with the figures and the bounds the unit tests used to assert. */
export async function benchParsers(): Promise<string> {
  const csv = csvRows();
  const csvMs = median(() => {
    const p = createCsvParser({ delimiter: ';' });
    for (let i = 0; i < csv.length; i += 65536) p.push(csv.slice(i, i + 65536));
    p.end();
  });
  const xml = `<?xml version="1.0"?><worksheet xmlns="x"><sheetData>${'<row r="1"><c r="A1"><v>1</v></c>'.repeat(200_000)}</sheetData></worksheet>`;
  const xlsxMs = median(() => {
    const parser = createSheetParser({ shared: ['Text'], dateStyle: [false, true] });
    try {
      for (let i = 0; i < xml.length; i += 65_536) parser.push(xml.slice(i, i + 65_536));
      parser.end();
    } catch (err) {
      if (!(err instanceof XlsxFormatError)) throw err;
    }
  });
  const plr = (
    JSON.parse(readFileSync(PLR_FILE, 'utf8')) as {
      features: { properties: { PLR_ID: string }; geometry: PolygonGeometry }[];
    }
  ).features;
  const validateMs = median(() => validatePolygons(plr, { idProperty: 'PLR_ID' }));
  const areas = plr.map((f) => ({ id: f.properties.PLR_ID, geometry: f.geometry }));
  const simplifyMs = median(() =>
    simplifyTopologyWithStats(areas, { tolerance: 0.00005, quantize: 6 }),
  );
  const row = (what: string, ms: number, bound: string) =>
    `| ${what} | ${de(ms, ms < 10 ? 1 : 0)} ms | ${bound} |`;
  return [
    '### (i) Parser und Geometrie (früher Zeitgrenzen in Unit-Tests)',
    '',
    '| Messung | Median (3 Läufe) | frühere Testgrenze |',
    '|---|---:|---:|',
    row('CSV: 200.000 Zeilen in 64-KiB-Stücken', csvMs, '2.000 ms'),
    row('XLSX: Zeile ohne Ende (200.000 Zellen) erkannt', xlsxMs, '2.000 ms'),
    row('Polygonprüfung: 542 Berliner Planungsräume', validateMs, '3.000 ms'),
    row('Topologische Vereinfachung: 542 Planungsräume', simplifyMs, '5.000 ms'),
    '',
  ].join('\n');
}
