// Client of the imports capability: upload and analysis, the run (dry or real), its progress
// (Server-Sent Events) and the history. Bodies, answers and the history are typed from the contract;
// the analysis is brought into the shape the import screen needs (normalizeAnalysis).
import type * as c from '@sozialraum/contracts/imports';
import type { z } from 'zod';
import { enc, json, q, request } from './http.ts';
import {
  syntheticColumns,
  type NumberPreview,
  type PublishedAnalysis,
} from './imports-published.ts';

export interface DetectedFormat {
  kind: 'areas' | 'table';
  format: string;
  encoding?: string;
  delimiter?: string;
  decimal?: string;
  thousands?: string | null;
  layout?: 'wide' | 'long';
  crs?: string;
  /** Table columns, or the feature properties of an area file. */
  columns?: string[];
  sampleRows?: string[][];
  featureCount?: number;
  rowCount?: number;
}

/** What the web app needs from an analysis, whichever shape the server sent (see normalizeAnalysis). */
export interface AnalyzeResponse {
  uploadId: string;
  files: { name: string; bytes: number }[];
  detected: DetectedFormat;
  /** Table: core's TableMapping; areas: { codeProperty, nameProperty, parentCodeProperty }. */
  suggestedMapping: Record<string, unknown> | null;
  suggestedSystemId: string | null;
  suggestedLevelId: string | null;
  /** German sentences explaining the guesses (dialect, area column, …). */
  reasons: string[];
  warnings: string[];
  problems: ImportError[];
  /** Areas: features that cover nearly all others (the whole city). */
  covering?: { feature: number; message: string }[];
  /** Tables as cities publish them: header row, dates in headers, name review, labels (issue 9 § 2). */
  published?: PublishedAnalysis;
  /** Tables: the mapped value columns of the preview read with the (chosen) separators. */
  numbers?: NumberPreview;
}

/** A problem of a file (line, column) as the analysis and the run report name it. */
export type ImportError = ImportReport['errors'][number];
export type ImportReport = z.output<typeof c.reportSchema>;
type RunBody = z.input<typeof c.runBodySchema>;
/** Body of POST /api/imports/{uploadId}/run for a table (with the decisions for published tables). */
export type TableRunBody = Extract<RunBody, { kind: 'table' }>;
/** A table run body with the decisions for published tables (the same body: the options are optional). */
export type PublishedTableRunBody = TableRunBody;
/** Body of POST /api/imports/{uploadId}/run for area geometries. */
export type AreasRunBody = Extract<RunBody, { kind: 'areas' }>;
/** One earlier import of the history (GET /api/imports). */
export type ImportRun = z.output<typeof c.importRunSchema>;

type AnalysisAnswer = z.output<typeof c.analysisSchema>;
type TableAnalysis = Extract<AnalysisAnswer['analysis'], { kind: 'table' }>;
type AreasAnalysis = Extract<AnalysisAnswer['analysis'], { kind: 'areas' }>;

const cell = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** The analysis of a table in the shape the import screen needs. */
function tableResponse(a: TableAnalysis): Omit<AnalyzeResponse, 'uploadId' | 'files'> {
  const det = a.detection;
  const sug = a.suggestion;
  const published = a.published;
  // without a header row the first row is data and the columns are "Spalte 1" … (as on the server)
  const headerUsed = published.headerPresence.used;
  const allRows = headerUsed ? det.sampleRows : [det.header, ...det.sampleRows];
  return {
    published,
    ...(a.numbers ? { numbers: a.numbers } : {}),
    detected: {
      kind: 'table',
      format: det.format,
      encoding: det.encoding,
      delimiter: det.dialect?.delimiter,
      decimal: det.dialect?.decimal,
      thousands: det.dialect?.thousands,
      layout: sug.mapping.layout,
      columns: headerUsed
        ? det.header
        : syntheticColumns(Math.max(0, ...allRows.map((r) => r.length))),
      sampleRows: allRows,
    },
    suggestedMapping: Object.keys(sug.mapping).length ? sug.mapping : null,
    suggestedSystemId: sug.systemId,
    suggestedLevelId: sug.levelId,
    reasons: [...(det.dialect?.reasons ?? []), ...sug.reasons],
    warnings: [],
    problems: a.problems,
  };
}

/** The analysis of an area file in the shape the import screen needs. */
function areasResponse(a: AreasAnalysis): Omit<AnalyzeResponse, 'uploadId' | 'files'> {
  return {
    detected: {
      kind: 'areas',
      format: a.format,
      crs: a.crs,
      featureCount: a.featureCount,
      columns: a.properties,
      sampleRows: a.sampleProperties.map((p) => a.properties.map((k) => cell(p[k]))),
    },
    suggestedMapping: a.suggestion,
    suggestedSystemId: null,
    suggestedLevelId: null,
    reasons: [],
    warnings: a.warnings,
    problems: a.problems,
    covering: a.covering,
  };
}

/** Reads the analyze answer (typed by the contract, contracts/import-analysis.ts) for the import screen. */
export function normalizeAnalysis(r: AnalysisAnswer): AnalyzeResponse {
  const base = { uploadId: r.uploadId, files: r.files };
  const a = r.analysis;
  return { ...base, ...(a.kind === 'table' ? tableResponse(a) : areasResponse(a)) };
}

/** Progress of a running import (the „progress“ events of GET /api/imports/{uploadId}/events). */
export type ImportProgress = z.output<typeof c.importProgressEventSchema>;

export const importsApi = {
  imports: () => request<z.output<typeof c.importRunListSchema>>('/api/imports'),
  analyzeImport: async (
    files: File[],
    opts: {
      swapAxes?: boolean;
      hasHeader?: boolean;
      decimal?: ',' | '.';
      thousands?: '.' | ',' | 'none';
    } = {},
  ): Promise<AnalyzeResponse> => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    const url = `/api/imports/analyze${q({
      swapAxes: opts.swapAxes ? 'true' : null,
      hasHeader: opts.hasHeader === undefined ? null : String(opts.hasHeader),
      decimal: opts.decimal ?? null,
      thousands: opts.thousands ?? null,
    })}`;
    const raw = await request<AnalysisAnswer>(url, {
      method: 'POST',
      body: form,
    });
    return normalizeAnalysis(raw);
  },
  runImport: (uploadId: string, body: PublishedTableRunBody | AreasRunBody) =>
    request<ImportReport>(`/api/imports/${enc(uploadId)}/run`, json('POST', body)),
  importEventsUrl: (uploadId: string) => `/api/imports/${enc(uploadId)}/events`,
};
