// Reading the files of an HSDS upload into records: JSON files (one object, an array, an HSDS API
// page or a full export), CSV files of the HSDS tabular data package, or a ZIP of either. Budgets
// as every reader: ZIP entries through the imports module's inflater (bomb checks), text as strict
// UTF-8, JSON no deeper than the request limits and free of NUL. Anything unreadable is an
// ImportFileError naming the file (the route answers 400).
import { readFile } from 'node:fs/promises';
import {
  hsdsRecordsOfCsv,
  hsdsRecordsOfJson,
  type HsdsIssue,
  type HsdsRecord,
} from '@sozialraum/core';
import { inputProblem } from '../../http/route.ts';
import {
  DecompressionBudget,
  ImportFileError,
  inflateEntry,
  listZipEntries,
  openFileSource,
} from '../imports/index.ts';

/** Records of all files of an upload, and the problems found while reading them. */
export interface HsdsFiles {
  records: HsdsRecord[];
  issues: HsdsIssue[];
}

// Nested exports are 6 levels deep (export → services → places → location → addresses → field);
// the request limit (20) leaves room and still stops a pathologically deep file early.
function parseJson(file: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ImportFileError([
      { file, message: `ist kein gültiges JSON (${(err as Error).message}).` },
    ]);
  }
  const problem = inputProblem(value);
  if (problem)
    throw new ImportFileError([{ file, message: `${problem.field}: ${problem.reason}.` }]);
  return value;
}

function decode(file: string, bytes: Uint8Array): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000'))
      throw new ImportFileError([{ file, message: 'enthält das Steuerzeichen NUL.' }]);
    return text;
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError([{ file, message: 'ist kein Text in UTF-8.' }]);
  }
}

function readText(file: string, bytes: Uint8Array, out: HsdsFiles): void {
  const text = decode(file, bytes);
  const lower = file.toLowerCase();
  const got = lower.endsWith('.csv')
    ? hsdsRecordsOfCsv(file, text)
    : hsdsRecordsOfJson(file, parseJson(file, text));
  out.records.push(...got.records);
  out.issues.push(...got.issues);
}

async function readZip(file: string, filePath: string, out: HsdsFiles): Promise<void> {
  const src = await openFileSource(filePath);
  try {
    const budget = new DecompressionBudget();
    const entries = (await listZipEntries(src, file, budget.limits)).filter(
      (e) =>
        !e.name.endsWith('/') &&
        /\.(json|csv)$/i.test(e.name) &&
        !/(^|\/)datapackage\.json$/i.test(e.name) &&
        !e.name.startsWith('__MACOSX/'),
    );
    if (entries.length === 0)
      throw new ImportFileError([
        { file, message: 'enthält keine JSON- oder CSV-Dateien des HSDS-Datenpakets.' },
      ]);
    for (const e of entries) {
      const chunks: Uint8Array[] = [];
      for await (const c of inflateEntry(src, e, file, budget)) chunks.push(c);
      readText(`${file}/${e.name}`, Buffer.concat(chunks), out);
    }
  } finally {
    await src.close();
  }
}

/** Reads every file of an upload (.json, .csv, .zip). */
export async function readHsdsFiles(
  files: readonly { name: string; path: string }[],
): Promise<HsdsFiles> {
  const out: HsdsFiles = { records: [], issues: [] };
  for (const f of files) {
    const lower = f.name.toLowerCase();
    if (lower.endsWith('.zip')) await readZip(f.name, f.path, out);
    else if (lower.endsWith('.json') || lower.endsWith('.csv'))
      readText(f.name, await readFile(f.path), out);
    else
      throw new ImportFileError([
        {
          file: f.name,
          message:
            'wird nicht gelesen: erwartet werden HSDS-Dateien als .json, .csv (Tabellen des Datenpakets) oder .zip.',
        },
      ]);
  }
  return out;
}
