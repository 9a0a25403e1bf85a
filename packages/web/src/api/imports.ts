// Client of the imports capability: upload and analysis, the run (dry or real), its progress
// (Server-Sent Events) and the history. Bodies, the report and the history are typed from the
// contract; the analysis (`analysis` is not described field by field in the contract yet) is read
// defensively into the shape the import screen needs (normalizeAnalysis).
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

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const cell = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * Reads the analyze answer. The server sends `{ uploadId, files, analysis }` with a table `detection`
 * (format, encoding, dialect, header, sampleRows) and a `suggestion`, or an areas analysis (format, crs,
 * featureCount, properties, sampleProperties, suggestion); the contract's `{ detected, suggestedMapping }`
 * is read as well.
 */
export function normalizeAnalysis(raw: unknown): AnalyzeResponse {
  const r = obj(raw);
  const files = Array.isArray(r.files) ? (r.files as { name: string; bytes: number }[]) : [];
  const base = { uploadId: str(r.uploadId) ?? '', files };
  const a = obj(r.analysis);
  if (a.kind === 'table') {
    const det = obj(a.detection);
    const dialect = obj(det.dialect);
    const sug = obj(a.suggestion);
    const mapping = obj(sug.mapping);
    const published = a.published ? (a.published as PublishedAnalysis) : undefined;
    // without a header row the first row is data and the columns are "Spalte 1" … (as on the server)
    const headerUsed = published?.headerPresence?.used !== false;
    const header = strings(det.header);
    const rows = Array.isArray(det.sampleRows)
      ? (det.sampleRows as unknown[][]).map((row) => row.map(cell))
      : [];
    const allRows = headerUsed ? rows : [header, ...rows];
    return {
      ...base,
      published,
      ...(a.numbers ? { numbers: a.numbers as NumberPreview } : {}),
      detected: {
        kind: 'table',
        format: str(det.format) ?? '',
        encoding: str(det.encoding),
        delimiter: str(dialect.delimiter),
        decimal: str(dialect.decimal),
        thousands: (dialect.thousands as string | null | undefined) ?? undefined,
        layout: mapping.layout === 'long' ? 'long' : 'wide',
        columns: headerUsed
          ? header
          : syntheticColumns(Math.max(0, ...allRows.map((r) => r.length))),
        sampleRows: allRows,
      },
      suggestedMapping: Object.keys(mapping).length ? mapping : null,
      suggestedSystemId: str(sug.systemId) ?? null,
      suggestedLevelId: str(sug.levelId) ?? null,
      reasons: [...strings(dialect.reasons), ...strings(sug.reasons)],
      warnings: [],
      problems: Array.isArray(a.problems) ? (a.problems as ImportError[]) : [],
    };
  }
  if (a.kind === 'areas') {
    const properties = strings(a.properties);
    const samples = Array.isArray(a.sampleProperties)
      ? (a.sampleProperties as Record<string, unknown>[])
      : [];
    const sug = obj(a.suggestion);
    return {
      ...base,
      detected: {
        kind: 'areas',
        format: str(a.format) ?? '',
        crs: str(a.crs),
        featureCount: typeof a.featureCount === 'number' ? a.featureCount : undefined,
        columns: properties,
        sampleRows: samples.map((p) => properties.map((k) => cell(p[k]))),
      },
      suggestedMapping: sug,
      suggestedSystemId: null,
      suggestedLevelId: null,
      reasons: [],
      warnings: strings(a.warnings),
      problems: Array.isArray(a.problems) ? (a.problems as ImportError[]) : [],
      covering: Array.isArray(a.covering)
        ? (a.covering as { feature: number; message: string }[])
        : [],
    };
  }
  // the shape written in docs/api-contract.md
  const detected = obj(r.detected) as unknown as DetectedFormat;
  const sm = obj(r.suggestedMapping);
  const inner = obj(sm.mapping);
  return {
    ...base,
    detected: {
      ...detected,
      kind: detected.kind === 'areas' ? 'areas' : 'table',
      format: detected.format ?? '',
    },
    suggestedMapping: Object.keys(inner).length ? inner : Object.keys(sm).length ? sm : null,
    suggestedSystemId: str(sm.systemId) ?? null,
    suggestedLevelId: str(sm.levelId) ?? null,
    reasons: strings(sm.reasons),
    warnings: [],
    problems: [],
  };
}

/** Progress of a running import (the „progress“ events of GET /api/imports/{uploadId}/events). */
export interface ImportProgress {
  /** 'warten', 'lesen', 'schreiben', 'berechnen', 'fertig', 'fehler' */
  phase?: string;
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
}

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
    const raw = await request<z.output<typeof c.analysisSchema>>(url, {
      method: 'POST',
      body: form,
    });
    return normalizeAnalysis(raw);
  },
  runImport: (uploadId: string, body: PublishedTableRunBody | AreasRunBody) =>
    request<ImportReport>(`/api/imports/${enc(uploadId)}/run`, json('POST', body)),
  importEventsUrl: (uploadId: string) => `/api/imports/${enc(uploadId)}/events`,
};
