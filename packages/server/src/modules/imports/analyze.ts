// Analysing an upload: detected format, encoding, delimiter, CRS and a suggested mapping — or the
// problems that stop it. Nothing is written.
import { selectLevelCodes } from '../areas/index.ts';
import { selectIndicatorNames } from '../indicators/index.ts';
import { readFile } from 'node:fs/promises';
import {
  findCoveringFeatures,
  suggestMapping,
  type AreaGeometry,
  type TableMapping,
} from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { readGeometryFiles } from './readers/geo/index.ts';
import { ImportFileError } from './readers/errors.ts';
import type { FileIssue } from './report.ts';
import { detectTable, type TableDetection } from './table-source.ts';
import type { Upload, UploadedFile } from './uploads.ts';
import { analysePublished, previewRows, type PublishedAnalysis } from './analyze-published.ts';
import { numberPreview, type NumberPreview } from './analyze-numbers.ts';

const GEO_EXT = /\.(geojson|json|zip|shp|shx|dbf|prj|cpg|gpkg)$/i;

export interface TableAnalysis {
  kind: 'table';
  file: string;
  detection: Omit<TableDetection, 'problems'>;
  problems: FileIssue[];
  suggestion: {
    systemId: string | null;
    levelId: string | null;
    matchedCodes: number;
    mapping: TableMapping;
    confidence: number;
    reasons: string[];
    unresolved: string[];
    unmatchedColumns: string[];
  };
  /** Tables as cities publish them: header row, dates in headers, name review, non-area rows, labels. */
  published: PublishedAnalysis;
  /** The mapped value columns of the preview read with the (detected or overridden) separators. */
  numbers: NumberPreview | null;
}

/** Separators the person chose instead of the detected ones (null thousands: none). */
export interface SeparatorChoice {
  decimal?: ',' | '.';
  thousands?: '.' | ',' | null;
}

/** The detection with the person's separators; a thousands mark equal to the new decimal mark is dropped. */
export function withSeparators(det: TableDetection, choice: SeparatorChoice): TableDetection {
  if (!det.dialect || (choice.decimal === undefined && choice.thousands === undefined)) return det;
  const decimal = choice.decimal ?? det.dialect.decimal;
  let thousands = choice.thousands !== undefined ? choice.thousands : det.dialect.thousands;
  if (thousands === decimal) thousands = null;
  const reasons = [
    ...det.dialect.reasons,
    `Trennzeichen von Hand gewählt: Dezimal „${decimal}“, Tausender ${thousands ? `„${thousands}“` : 'keines'}.`,
  ];
  return { ...det, dialect: { ...det.dialect, decimal, thousands, reasons } };
}

export interface AreasAnalysis {
  kind: 'areas';
  files: string[];
  format: string;
  crs: string;
  featureCount: number;
  properties: string[];
  sampleProperties: Record<string, unknown>[];
  warnings: string[];
  problems: FileIssue[];
  suggestion: {
    codeProperty: string | null;
    nameProperty: string | null;
    parentCodeProperty: string | null;
  };
  /** Features that cover nearly all others (the whole city, "Gesamt"): to leave out, or keep on purpose. */
  covering: CoveringNote[];
}

/** A feature that covers nearly all others, with the reason in German. */
export interface CoveringNote {
  /** Object number as in every message (1-based). */
  feature: number;
  message: string;
}

/** The covering features of a read file, described for the person (issue 9 § 3). */
export function coveringNotes(
  features: readonly { properties: Record<string, unknown> | null; geometry: unknown }[],
): CoveringNote[] {
  const polygons = features.map((f) => {
    const g = f.geometry as AreaGeometry | null;
    return { geometry: g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? g : null };
  });
  return findCoveringFeatures(polygons).map((c) => {
    const label = Object.values(features[c.index]?.properties ?? {})
      .filter((v) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== ''))
      .slice(0, 2)
      .join(' ');
    const pct = (x: number) => `${Math.round(x * 100).toLocaleString('de-DE')} %`;
    return {
      feature: c.index + 1,
      message: `Objekt ${c.index + 1}${label ? ` („${label}“)` : ''} überdeckt ${pct(c.coveredShare)} der anderen Objekte und ist ${pct(c.areaRatio)} so groß wie alle anderen zusammen – vermutlich die ganze Stadt oder eine Gesamtfläche, kein Gebiet.`,
    };
  });
}

export type Analysis = TableAnalysis | AreasAnalysis;

/** Whether the upload holds geometries (areas) rather than a table. */
export function isGeometryUpload(files: UploadedFile[]): boolean {
  return files.length > 0 && files.every((f) => GEO_EXT.test(f.name));
}

export async function loadGeometry(files: UploadedFile[], crs?: string, swapAxes = false) {
  const bytes = await Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await readFile(f.path)) })),
  );
  return readGeometryFiles(bytes, {
    expect: 'polygon',
    ...(crs ? { crs } : {}),
    ...(swapAxes ? { swapAxes } : {}),
  });
}

export function issuesOf(err: unknown, file: string): FileIssue[] {
  if (err instanceof ImportFileError) return err.issues.map((i) => ({ ...i }));
  return [{ file, message: err instanceof Error ? err.message : String(err) }];
}

/** Analyses a geometry upload: format, CRS, properties, suggested code/name, covering features. */
async function analyzeAreas(files: UploadedFile[], swapAxes?: boolean): Promise<AreasAnalysis> {
  const names = files.map((f) => f.name);
  const read = await loadGeometry(files, undefined, swapAxes);
  const props = new Set<string>();
  for (const f of read.features.slice(0, 200))
    for (const k of Object.keys(f.properties ?? {})) props.add(k);
  const properties = [...props];
  const pick = (re: RegExp) => properties.find((p) => re.test(p)) ?? null;
  return {
    kind: 'areas',
    files: names,
    format: read.format ?? names.map((n) => n.split('.').pop()).join('+'),
    crs: read.sourceCrs,
    featureCount: read.features.length,
    properties,
    sampleProperties: read.features.slice(0, 5).map((f) => f.properties ?? {}),
    warnings: read.warnings,
    problems: [],
    suggestion: {
      codeProperty:
        pick(/(^|_)(id|code|schluessel|schlüssel|nr|nummer|key)$/i) ?? pick(/id|code|nr/i),
      nameProperty: pick(/name|bezeichnung|bez_name/i),
      parentCodeProperty: null,
    },
    covering: coveringNotes(read.features),
  };
}

interface LevelCodes {
  system_id: string;
  level_id: string;
  codes: string[];
  names: string[];
  valid_to: string | null;
}

/** Which level do the area codes belong to? The one whose codes match most sample values (current systems first). */
async function bestLevel(
  db: Sql,
  tenantId: string,
  det: TableDetection,
  known: { id: string; name: string }[],
): Promise<{ level: LevelCodes; s: ReturnType<typeof suggestMapping>; matched: number } | null> {
  const levels: LevelCodes[] = await selectLevelCodes(db, tenantId);
  let best: { level: LevelCodes; s: ReturnType<typeof suggestMapping>; matched: number } | null =
    null;
  for (const level of levels) {
    const s = suggestMapping(det.header, det.sampleRows, known, level.codes, {
      knownAreaNames: level.names,
      ...(det.dialect
        ? { numberFormat: { decimal: det.dialect.decimal, thousands: det.dialect.thousands } }
        : {}),
    });
    const areaCol = det.header.indexOf(s.mapping.areaColumn);
    const codes = new Set(level.codes);
    const matched =
      areaCol < 0
        ? 0
        : det.sampleRows.filter(
            (r) =>
              codes.has(r[areaCol] ?? '') ||
              codes.has((r[areaCol] ?? '').padStart(level.codes[0]?.length ?? 0, '0')),
          ).length;
    const better =
      !best ||
      matched > best.matched ||
      (matched === best.matched && level.valid_to === null && best.level.valid_to !== null);
    if (better) best = { level, s, matched };
  }
  return best;
}

/** Analyses an upload: detected format and a suggested mapping, or the problems that stop it. */
export async function analyzeUpload(
  db: Sql,
  tenantId: string,
  upload: Upload,
  opts: { swapAxes?: boolean; hasHeader?: boolean | undefined } & SeparatorChoice = {},
): Promise<Analysis> {
  if (upload.files.length === 0)
    throw new ImportFileError([{ file: '(keine)', message: 'Es wurde keine Datei hochgeladen.' }]);
  if (isGeometryUpload(upload.files)) return analyzeAreas(upload.files, opts.swapAxes);
  if (upload.files.length > 1) {
    throw new ImportFileError([
      {
        file: upload.files.map((f) => f.name).join(', '),
        message:
          'Bitte jeweils eine Tabelle hochladen (mehrere Dateien sind nur für Shapefile-Sätze vorgesehen).',
      },
    ]);
  }
  const file = upload.files[0]!;
  const det = withSeparators(await detectTable(file), opts);
  const { problems, ...detection } = det;
  const indicators = await selectIndicatorNames(db, tenantId);
  const known = indicators.map((i) => ({ id: i.id, name: i.name_de }));
  const best = await bestLevel(db, tenantId, det, known);
  let s = best?.s ?? suggestMapping(det.header, det.sampleRows, known, []);
  const level = best?.level ?? null;
  const publishedFor = (mapping: TableMapping, hasHeader: boolean | 'auto') =>
    analysePublished(db, tenantId, {
      file,
      det,
      level,
      mapping,
      known,
      hasHeader,
    });
  let published = await publishedFor(s.mapping, opts.hasHeader ?? 'auto');
  if (!published.headerPresence.used) {
    // no header row: the columns are "Spalte 1" …, the first row is data, the mapping guessed again
    const p = previewRows(det, false);
    s = suggestMapping(p.header, p.rows, known, level?.codes ?? [], {
      knownAreaNames: level?.names ?? [],
      ...(det.dialect
        ? { numberFormat: { decimal: det.dialect.decimal, thousands: det.dialect.thousands } }
        : {}),
    });
    published = await publishedFor(s.mapping, opts.hasHeader ?? 'auto');
  }
  const shown = previewRows(det, published.headerPresence.used);
  const numbers = det.dialect
    ? numberPreview(shown.header, shown.rows, s.mapping, {
        decimal: det.dialect.decimal,
        thousands: det.dialect.thousands,
      })
    : null;
  return {
    kind: 'table',
    file: file.name,
    detection,
    problems,
    suggestion: {
      systemId: best?.level.system_id ?? null,
      levelId: best?.level.level_id ?? null,
      matchedCodes: best?.matched ?? 0,
      mapping: s.mapping,
      confidence: s.confidence,
      reasons: s.reasons,
      unresolved: s.unresolved,
      unmatchedColumns: s.unmatchedColumns,
    },
    published,
    numbers,
  };
}
