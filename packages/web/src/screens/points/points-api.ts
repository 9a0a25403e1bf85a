// API calls of the Standorte screen and the map's point layer (docs/api-contract.md, „Standorte“).
import { request } from '../../api/http.ts';
import type { Source } from '../../api/sources.ts';

export interface PointDataset {
  id: string;
  nameDe: string;
  nameEn: string;
  referenceDate: string | null;
  count: number;
  source: Source;
}

export interface PointFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: Record<string, unknown> & { id: string; name: string };
  }[];
}

export type PointCrs = 4326 | 25832 | 25833;

export interface JoinSummary {
  points: number;
  outsideCount: number;
  outside: { ref: string; line?: number; id: string; name: string; lon: number; lat: number }[];
  levels: {
    systemId: string;
    systemName: string;
    levelId: string;
    levelName: string;
    assigned: number;
    areasWithPoints: number;
    areas: number;
    top: { areaId: number; code: string; name: string; count: number; capacity: number | null }[];
  }[];
}

export interface PointAnalysis {
  uploadId: string;
  files: { name: string; bytes: number }[];
  analysis: {
    file: string;
    format: 'CSV' | 'GeoJSON' | 'Shapefile' | 'GeoPackage';
    columns: string[];
    numericColumns: string[];
    coordinates: { x: string; y: string; crs: PointCrs; reason: string } | null;
    suggestion: { nameColumn: string | null; idColumn: string | null };
    sample: { name: string; lon: number; lat: number }[];
    warnings: string[];
    join: JoinSummary;
  };
}

export interface PointRunBody {
  dryRun: boolean;
  datasetId: string;
  nameDe: string;
  referenceDate?: string;
  source: { title: string; publisher: string; licence: string; attribution: string };
  nameColumn?: string;
  idColumn?: string;
  coordinates?: { x: string; y: string; crs: PointCrs };
  countIndicator?: { id: string; nameDe: string };
  capacityColumn?: string;
  capacityIndicator?: { id: string; nameDe: string };
  departmentId?: string;
  /** Lebenslage of new count indicators: required with countIndicator/capacityIndicator. */
  dimension?: string;
  definitionDe?: string;
}

export interface PointRunReport {
  status: 'dry_run' | 'succeeded';
  datasetId: string;
  replaced: boolean;
  format: string;
  join: JoinSummary;
  indicators: string[];
  observationsWritten: number;
  warnings: string[];
  importId?: number;
}

const enc = encodeURIComponent;

export const pointsApi = {
  datasets: () => request<PointDataset[]>('/api/point-datasets'),
  features: (id: string) =>
    request<PointFeatureCollection>(`/api/point-datasets/${enc(id)}/features`),
  analyze: (files: File[]) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return request<PointAnalysis>('/api/point-imports/analyze', { method: 'POST', body: form });
  },
  run: (uploadId: string, body: PointRunBody) =>
    request<PointRunReport>(`/api/point-imports/${enc(uploadId)}/run`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    }),
};
