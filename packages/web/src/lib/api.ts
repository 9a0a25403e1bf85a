// Typed client for the HTTP API (docs/api-contract.md). The web app talks to the server only here.

export interface Source {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  licenceUrl: string | null;
  attribution: string;
  url: string | null;
  notes: string | null;
}

export interface Level {
  id: string;
  nameDe: string;
  nameEn: string;
  depth: number;
  areaCount: number;
}

export interface AreaSystem {
  id: string;
  name: string;
  description: string | null;
  validFrom: string | null;
  validTo: string | null;
  source: Source | null;
  levels: Level[];
}

export type Polarity = 'higher_is_better' | 'higher_is_worse' | 'neutral';
export type Dimension =
  | 'income'
  | 'work'
  | 'education'
  | 'health'
  | 'housing'
  | 'environment'
  | 'participation'
  | 'demography'
  | 'social_index';

export interface Coverage {
  systemId: string;
  levelId: string;
  dates: string[];
}

export interface Indicator {
  id: string;
  nameDe: string;
  nameEn: string;
  shortDe: string | null;
  definitionDe: string | null;
  definitionEn: string | null;
  unit: string;
  kind: 'count' | 'share' | 'value';
  scale: number | null;
  dimension: Dimension | string;
  polarity: Polarity;
  department: string | null;
  updateCycle: string | null;
  numeratorDef: string | null;
  denominatorDef: string | null;
  decimals: number | null;
  methodNote: string | null;
  source: Source | null;
  coverage: Coverage[];
}

export interface AreaValue {
  areaId: number;
  code: string;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flag: string | null;
  flagReason: string | null;
}

export interface ValuesResponse {
  indicator: Indicator;
  systemId: string;
  levelId: string;
  date: string;
  values: AreaValue[];
  city: { value: number | null; method: string };
}

export interface AreaRef {
  id: number;
  code: string;
  name: string;
  levelId?: string;
  levelName?: string;
}

export interface AreaDetail {
  id: number;
  code: string;
  name: string;
  systemId: string;
  levelId: string;
  levelName: string;
  areaM2: number | null;
  bbox: number[] | null;
  hierarchy: AreaRef[];
  children: AreaRef[];
}

export interface SeriesPoint {
  date: string;
  value: number | null;
}

export interface ProfileIndicator {
  indicator: Indicator;
  date: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flag: string | null;
  cityValue: number | null;
  rank: number | null;
  rankOf: number | null;
  series: SeriesPoint[];
}

export interface Profile {
  area: AreaDetail;
  date: string | null;
  groups: { dimension: string; indicators: ProfileIndicator[] }[];
}

export interface AreaFeatureProps {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
}

export interface AreaFeature {
  type: 'Feature';
  id: number;
  geometry: { type: string; coordinates: unknown };
  properties: AreaFeatureProps;
}

export interface AreaCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

export interface AppConfig {
  basemapStyleUrl?: string | null;
}

export interface DetectedFormat {
  kind: 'areas' | 'table';
  format: string;
  encoding?: string;
  delimiter?: string;
  decimal?: string;
  layout?: 'wide' | 'long';
  crs?: string;
  columns?: string[];
  sampleRows?: string[][];
  featureCount?: number;
  rowCount?: number;
}

export interface AnalyzeResponse {
  uploadId: string;
  files: { name: string; bytes: number }[];
  detected: DetectedFormat;
  suggestedMapping: Record<string, unknown> | null;
}

export interface ImportError {
  file: string;
  line: number | null;
  column: string | null;
  message: string;
}

export interface ImportReport {
  status: 'succeeded' | 'failed' | 'unchanged' | 'dry_run';
  rowsRead: number;
  rowsWritten: number;
  errors: ImportError[];
  errorCount: number;
  warnings: string[];
  unmatched?: string[];
}

export interface ImportProgress {
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
}

/** An API failure with the server's German message (or a network message). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status 0 marks "server unreachable" (network failure, no HTTP answer). */
export const UNREACHABLE = 0;

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch (e) {
    throw new ApiError(e instanceof Error ? e.message : String(e), UNREACHABLE, 'unreachable');
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    // 502/503/504 from a proxy means the API process is not there.
    const status = res.status >= 502 && res.status <= 504 && !err ? UNREACHABLE : res.status;
    throw new ApiError(err?.message ?? `HTTP ${res.status}`, status, err?.code ?? 'http', err?.details);
  }
  return body as T;
}

const q = (params: Record<string, string | number | null | undefined>): string => {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
};

const enc = encodeURIComponent;

/** The API calls the web app uses, one function per endpoint. */
export const api = {
  health: () => request<{ status: string; engine: string; version: string; tenant: string }>('/api/health'),
  /** Optional; a 404 means "no basemap configured". */
  config: async (): Promise<AppConfig> => {
    try {
      return await request<AppConfig>('/api/config');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return {};
      throw e;
    }
  },
  sources: () => request<Source[]>('/api/sources'),
  areaSystems: () => request<AreaSystem[]>('/api/area-systems'),
  geometry: (system: string, level: string) =>
    request<AreaCollection>(`/api/area-systems/${enc(system)}/levels/${enc(level)}/geometry`),
  area: (id: number) => request<AreaDetail>(`/api/areas/${id}`),
  indicators: () => request<Indicator[]>('/api/indicators'),
  values: (p: { indicator: string; system: string; level: string; date?: string | null }) =>
    request<ValuesResponse>(`/api/values${q(p)}`),
  profile: (id: number, date?: string | null) => request<Profile>(`/api/areas/${id}/profile${q({ date })}`),
  imports: () => request<unknown[]>('/api/imports'),
  analyzeImport: (files: File[]) => {
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    return request<AnalyzeResponse>('/api/imports/analyze', { method: 'POST', body: form });
  },
  runImport: (uploadId: string, body: { dryRun: boolean; mapping: Record<string, unknown> }) =>
    request<ImportReport>(`/api/imports/${enc(uploadId)}/run`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    }),
  importEventsUrl: (uploadId: string) => `/api/imports/${enc(uploadId)}/events`,
};
