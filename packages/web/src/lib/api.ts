// Typed client for the HTTP API (docs/api-contract.md). The web app talks to the server only here.
import {
  syntheticColumns,
  type NumberPreview,
  type PublishedAnalysis,
  type PublishedRunFields,
} from './api-imports.ts';

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

/** Fields of a source to change (PATCH /api/sources/:id); null clears an optional field. */
export type SourcePatch = Partial<{
  title: string;
  publisher: string;
  licence: string;
  licenceUrl: string | null;
  attribution: string;
  url: string | null;
  notes: string | null;
}>;

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

import type { Dimension, Polarity } from '@sozialraum/contracts/enums';

export type { Dimension, Polarity };

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
  /** Who may read it (public = everyone, internal = signed-in, department = owner and shares). */
  visibility?: Visibility;
  /** Departments the owner shares a department-only indicator with. */
  sharedWith?: string[];
}

export type Visibility = 'public' | 'internal' | 'department';

/** Editable metadata of an indicator (PATCH /api/indicators/:id, all optional). */
export interface IndicatorPatch {
  nameDe?: string;
  nameEn?: string;
  shortDe?: string | null;
  definitionDe?: string;
  definitionEn?: string | null;
  polarity?: Polarity;
  updateCycle?: string | null;
  numeratorDef?: string | null;
  denominatorDef?: string | null;
  methodNote?: string | null;
  decimals?: number;
  /** Relabels only (counts stay 'count', shares keep their scale; ADR 0014). */
  unit?: string;
  dimension?: Dimension;
  /** Another existing source (its licence and attribution come with it). */
  sourceId?: string;
  visibility?: Visibility;
  sharedWith?: string[];
  department?: string;
}

/** GET /api/me: who is using the app. */
export interface Me {
  signedIn: boolean;
  kind: 'anonymous' | 'session' | 'token';
  tenant: { id: string; name: string; ags: string };
  user: {
    id: number;
    email: string;
    displayName: string;
    departmentId: string | null;
    roles: string[];
  } | null;
  permissions: string[];
  csrfToken: string | null;
  sso: { enabled: boolean; label: string };
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Department {
  id: string;
  name: string;
  kind: 'department' | 'organisation';
  orgType: string | null;
}

export interface PermissionInfo {
  id: string;
  module: string;
  descriptionDe: string;
}

export interface AdminUser {
  id: number;
  email: string;
  displayName: string;
  departmentId: string | null;
  roles: string[];
  active: boolean;
  hasPassword: boolean;
  sso: boolean;
}

export interface OneTimeLink {
  url: string;
  expiresAt: string;
}

export interface Role {
  id: string;
  nameDe: string;
  descriptionDe: string;
  builtin: boolean;
  permissions: string[];
}

export interface AuditEntry {
  id: number;
  seq: number | null;
  at: string;
  actor: string;
  userId: number | null;
  permission: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string;
  detail: unknown;
  hash: string | null;
}

export interface AuditVerify {
  ok: boolean;
  entries: number;
  problems: { seq: number | null; id: number | null; problem: string }[];
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
  /** shares: 95 % Wilson interval on the value's scale and the small-base flag; else null */
  reliability?: Reliability | null;
}

export interface Reliability {
  lower: number;
  upper: number;
  smallBase: boolean;
}

export interface ValuesResponse {
  indicator: Indicator;
  systemId: string;
  levelId: string;
  date: string;
  values: AreaValue[];
  city: {
    value: number | null;
    method: string;
    /** how many areas of the level have a value (the city value's coverage) */
    coverage?: { areasWithValue: number; areasTotal: number };
    /** German note, e.g. „Median von 11 der 13 Gebiete“ or why the value is withheld */
    note?: string | null;
  };
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
  /** aufgelöst: last day the area is valid; null = still valid */
  validTo?: string | null;
  hierarchy: AreaRef[];
  children: (AreaRef & { validTo?: string | null })[];
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
  flagReason?: string | null;
  reliability?: Reliability | null;
  cityValue: number | null;
  cityCoverage?: { areasWithValue: number; areasTotal: number };
  /** the import run that wrote the value (file, time); null for computed or seeded values */
  imported?: { importRunId: number; fileName: string | null; importedAt: string | null } | null;
  cityNote?: string | null;
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
  /** Retired area: the last day it is valid (ISO date); null = still valid (older servers: absent). */
  validTo?: string | null;
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

export interface ImportError {
  file: string;
  line?: number | null;
  column?: number | string | null;
  message: string;
  /** swap_axes: the file can be read again with x and y swapped. */
  hint?: 'swap_axes';
}

export interface ImportReport {
  status: 'succeeded' | 'failed' | 'unchanged' | 'dry_run';
  kind?: 'table' | 'areas';
  rowsRead: number;
  rowsWritten: number;
  errors: ImportError[];
  errorCount: number;
  warnings: string[];
  unmatched?: string[];
  missingAreas?: { count: number; values: number; alerts: number; examples: string[] };
  importId?: number;
  /** Table runs: header decision, name review, non-area rows, overwrite list, plausibility (see api-imports.ts). */
  details?: unknown;
}

/** Body of POST /api/imports/{uploadId}/run for a table. */
export interface TableRunBody {
  kind: 'table';
  dryRun: boolean;
  systemId: string;
  levelId: string;
  mapping: Record<string, unknown>;
  /** Indicators created with this import (columns that are no known indicator). */
  newIndicators?: {
    id: string;
    nameDe: string;
    unit: string;
    dimension: string;
    polarity: Polarity;
    kind?: 'count' | 'share' | 'value';
    definitionDe?: string;
  }[];
  /** Required with newIndicators: where the values come from. */
  source?: { title: string; publisher: string; licence: string; attribution: string; url?: string };
}

/** A table run body with the decisions for published tables. */
export type PublishedTableRunBody = TableRunBody & PublishedRunFields;

/** Body of POST /api/imports/{uploadId}/run for area geometries. */
export interface AreasRunBody {
  kind: 'areas';
  dryRun: boolean;
  systemId: string;
  systemName?: string;
  validFrom?: string;
  levelId: string;
  levelNameDe?: string;
  codeProperty: string;
  nameProperty: string;
  parentLevelId?: string | null;
  parentCodeProperty?: string | null;
  coveringFeatures?: 'exclude' | 'keep';
  missingAreas?: 'keep' | 'remove' | 'retire';
  swapAxes?: boolean;
  /** Required when the import creates a new area system. */
  source?: { title: string; publisher: string; licence: string; attribution: string; url?: string };
}

export interface ImportRun {
  id: number;
  kind: string;
  fileName: string;
  format: string;
  status: string;
  rowsRead: number;
  rowsWritten: number;
  errorCount: number;
  startedAt: string;
  finishedAt: string | null;
  actor: string;
  /** Milliseconds from start to end; null while running (older servers: absent). */
  durationMs?: number | null;
  /** SHA-256 of the imported file (hex). */
  fileSha256?: string;
}

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

export interface ImportProgress {
  /** 'warten', 'lesen', 'schreiben', 'berechnen', 'fertig', 'fehler' */
  phase?: string;
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
}

/** Monitoring: an index definition (preset or stored, latest version). */
export interface IndexSummary {
  id: string;
  version: number;
  label: string;
  preset: boolean;
  basedOn: string | null;
  definition: Record<string, unknown>;
}

/** Where an index can be computed. */
export interface IndexEdition {
  system: string;
  level: string;
  date: string;
}

export interface IndexDetail extends IndexSummary {
  editions: IndexEdition[];
}

export interface IndexClassCount {
  code: string;
  label: string;
  count: number;
}

export interface IndexAreaPart {
  z: Record<string, number>;
  sum: number;
  index: number;
  classCode: string;
  classLabel: string;
}

export interface IndexAreaResult {
  areaId: number;
  code: string;
  name: string;
  scored: boolean;
  reason: string | null;
  status: IndexAreaPart | null;
  dynamics: IndexAreaPart | null;
  group: { code: string; label: string } | null;
  attention: boolean;
}

export interface IndexResults {
  index: { id: string; version: number; label: string };
  system: string;
  level: string;
  date: string;
  inputs: { part: 'status' | 'dynamics'; indicatorId: string; label: string }[];
  counts: {
    scored: number;
    unscored: number;
    status: IndexClassCount[];
    dynamics: IndexClassCount[];
    matrix: { status: string; dynamics: string; code: string; label: string; count: number }[];
    attention: number;
  };
  areas: IndexAreaResult[];
}

export interface IndexContribution {
  indicatorId: string;
  label: string;
  standardised: number;
  contribution: number;
}

export interface IndexPartExplanation {
  label: string;
  index: number;
  classLabel: string;
  rank: number;
  of: number;
  contributions: IndexContribution[];
  nearThreshold: boolean;
  sentence: string;
}

export interface IndexExplanation {
  areaId: number;
  code: string;
  name: string;
  scored: boolean;
  reason: string | null;
  status: IndexPartExplanation | null;
  dynamics: IndexPartExplanation | null;
  group: { code: string; label: string } | null;
  attention: boolean;
  text: string;
}

export interface SimilarAreas {
  areaId: number;
  code: string;
  name: string;
  indicators: { indicatorId: string; label: string }[];
  compared: number;
  skipped: number;
  similar: {
    areaId: number;
    code: string;
    name: string;
    distance: number;
    differences: { indicatorId: string; label: string; difference: number }[];
  }[];
}

export interface IndexClassChange {
  areaId: number;
  code: string;
  name: string;
  fromLabel: string;
  toLabel: string;
  steps: number;
  direction: 'verschlechtert' | 'verbessert';
  explanation: string;
}

export interface IndexChanges {
  from: string;
  to: string;
  status: IndexClassChange[];
  dynamics: IndexClassChange[];
  repeatedNegativeDynamics: { areaId: number; code: string; name: string; explanation: string }[];
}

/** An API failure with the server's German message (or a network message). */
export type AlertStatus = 'new' | 'seen' | 'discussed' | 'closed';

/** One early warning of the feed (GET /api/alerts). */
export interface AlertItem {
  id: number;
  ruleId: string;
  ruleName: string;
  kind: string;
  severity: number;
  status: AlertStatus;
  statusComment: string | null;
  explanation: string;
  area: { id: number; code: string; name: string; system: string; level: string };
  indicator: { id: string; name: string } | null;
  indexId: string | null;
  refDate: string;
  previousDate: string;
  createdAt: string;
  links: { map: string; profile: string };
}

/** Outcome of POST /api/alerts/detect. */
export interface AlertDetection {
  raised: number;
  heldBack: number;
  existing: number;
  rules: { ruleId: string; notes: string[] }[];
  mail?: { mode: 'smtp' | 'in-app'; sent: number; failed: number; message: string };
}

/** An early-warning rule (GET /api/alert-rules). */
export interface AlertRule {
  id: string;
  nameDe: string;
  department: string;
  kind: 'indicator_change' | 'class_change' | 'repeated_negative_dynamics';
  params: Record<string, unknown>;
  active: boolean;
  createdAt: string;
}

/** Params of an indicator-change rule (the server fills defaults). */
export interface IndicatorChangeParams {
  indicatorIds: string[];
  sdThreshold: number;
  minBase: number;
  direction?: 'increase' | 'decrease' | 'both';
}

/** Params of a class-change or repeated-negative-dynamics rule. */
export interface IndexRuleParams {
  indexId: string;
  system: string;
  level: string;
}

/** An e-mail subscription of alerts (null = any area, indicator or rule). */
export interface AlertSubscription {
  id: number;
  email: string;
  areaId: number | null;
  indicatorId: string | null;
  ruleId: string | null;
  createdAt: string;
}

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

// The session's CSRF token (from /api/me or the sign-in answer); kept in memory only, never in storage.
let csrfToken: string | null = null;
// Whether csrfToken reflects the server's answer (false until the first /api/me arrived).
let csrfKnown = false;
let csrfLoading: Promise<void> | null = null;

/**
 * The municipality a visitor without sign-in looks at, when one installation serves several (a
 * Kreis and its Gemeinden): `?mandant=<id>` in the address, kept for the browser tab. Sent as
 * X-Sozialraum-Tenant; a signed-in person always sees her own municipality (the server decides).
 */
export function requestedTenant(
  search: string = typeof window === 'undefined' ? '' : window.location.search,
  store: Pick<Storage, 'getItem' | 'setItem'> | null = typeof sessionStorage === 'undefined'
    ? null
    : sessionStorage,
): string | null {
  const fromUrl = new URLSearchParams(search).get('mandant');
  if (fromUrl && /^[a-z0-9][a-z0-9_-]{0,62}$/.test(fromUrl)) {
    store?.setItem('sozialraum.mandant', fromUrl);
    return fromUrl;
  }
  return store?.getItem('sozialraum.mandant') ?? null;
}

const tenantHeader = (): Record<string, string> => {
  const t = requestedTenant();
  return t ? { 'X-Sozialraum-Tenant': t } : {};
};

/** Sets the CSRF token sent as X-CSRF-Token on every changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  csrfKnown = true;
}

/** A change sent before /api/me answered would lack the token: ask for it first (once). */
function ensureCsrfToken(): Promise<void> {
  if (csrfKnown) return Promise.resolve();
  csrfLoading ??= fetch('/api/me', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...tenantHeader() },
  })
    .then((r) => (r.ok ? (r.json() as Promise<{ csrfToken?: string | null }>) : null))
    .then(
      (me) => {
        if (!csrfKnown) setCsrfToken(me?.csrfToken ?? null);
      },
      () => undefined,
    )
    .finally(() => {
      csrfLoading = null;
    });
  return csrfLoading;
}

/** Event fired on window when a changing request was refused with 401 (the session has ended). */
export const AUTH_REQUIRED_EVENT = 'sozialraum:auth-required';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One API call with CSRF token, tenant header and the error shape of docs/api-contract.md. */
export async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  const method = (init?.method ?? 'GET').toUpperCase();
  const changing = CHANGING.has(method);
  if (changing) await ensureCsrfToken();
  try {
    res = await fetch(url, {
      ...init,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...tenantHeader(),
        ...(changing && csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
        ...init?.headers,
      },
    });
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
    const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)
      ?.error;
    if (res.status === 401 && changing && typeof window !== 'undefined')
      window.dispatchEvent(new Event(AUTH_REQUIRED_EVENT));
    // 502/503/504 from a proxy means the API process is not there.
    const status = res.status >= 502 && res.status <= 504 && !err ? UNREACHABLE : res.status;
    throw new ApiError(
      err?.message ?? `HTTP ${res.status}`,
      status,
      err?.code ?? 'http',
      err?.details,
    );
  }
  return body as T;
}

const q = (params: Record<string, string | number | null | undefined>): string => {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
};

const enc = encodeURIComponent;

const json = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body ?? {}),
  headers: { 'Content-Type': 'application/json' },
});

/** The API calls the web app uses, one function per endpoint. */
export const api = {
  me: () => request<Me>('/api/me'),
  signIn: (email: string, password: string) =>
    request<Me>('/api/auth/login', json('POST', { email, password })),
  /** providerLogoutUrl: after a single sign-on, the logout at the provider (navigate there). */
  signOut: () =>
    request<{ signedOut: boolean; providerLogoutUrl?: string }>(
      '/api/auth/logout',
      json('POST', {}),
    ),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<Me>('/api/auth/password', json('POST', { currentPassword, newPassword })),
  requestReset: (email: string) =>
    request<{ message: string }>('/api/auth/reset-request', json('POST', { email })),
  resetPassword: (token: string, newPassword: string) =>
    request<{ email: string }>('/api/auth/reset', json('POST', { token, newPassword })),
  setupFirstAdmin: (body: {
    token: string;
    email: string;
    displayName: string;
    password: string;
  }) => request<Me>('/api/auth/setup', json('POST', body)),
  tokens: () => request<ApiToken[]>('/api/me/tokens'),
  createToken: (body: { name: string; scopes: string[]; expiresInDays: number | null }) =>
    request<{ token: string; info: ApiToken }>('/api/me/tokens', json('POST', body)),
  revokeToken: (id: number) => request<ApiToken>(`/api/me/tokens/${id}`, { method: 'DELETE' }),
  departments: () => request<Department[]>('/api/departments'),
  permissions: () => request<PermissionInfo[]>('/api/permissions'),
  users: () => request<AdminUser[]>('/api/admin/users'),
  createUser: (body: {
    email: string;
    displayName: string;
    departmentId: string | null;
    roles: string[];
  }) =>
    request<{ user: AdminUser; setupLink: OneTimeLink }>('/api/admin/users', json('POST', body)),
  updateUser: (
    id: number,
    patch: {
      email?: string;
      displayName?: string;
      departmentId?: string | null;
      roles?: string[];
      active?: boolean;
      /** false: removes the link to the single sign-on identity. */
      sso?: false;
    },
  ) => request<AdminUser>(`/api/admin/users/${id}`, json('PATCH', patch)),
  resetLink: (id: number) =>
    request<OneTimeLink>(`/api/admin/users/${id}/reset-link`, json('POST', {})),
  createDepartment: (d: Department) =>
    request<Department>('/api/admin/departments', json('POST', d)),
  updateDepartment: (id: string, d: Omit<Department, 'id'>) =>
    request<Department>(`/api/admin/departments/${enc(id)}`, json('PUT', d)),
  roles: () => request<Role[]>('/api/admin/roles'),
  saveRole: (id: string, r: { nameDe: string; descriptionDe: string; permissions: string[] }) =>
    request<Role>(`/api/admin/roles/${enc(id)}`, json('PUT', r)),
  audit: (p: {
    entity?: string | null;
    entityId?: string | null;
    action?: string | null;
    before?: number | null;
    limit?: number | null;
  }) => request<AuditEntry[]>(`/api/audit${q(p)}`),
  auditExportUrl: (p: { entity?: string | null; action?: string | null }) =>
    `/api/audit/export${q(p)}`,
  verifyAudit: () => request<AuditVerify>('/api/audit/verify'),
  updateIndicator: (id: string, patch: IndicatorPatch) =>
    request<Indicator>(`/api/indicators/${enc(id)}`, json('PATCH', patch)),
  indicator: (id: string) => request<Indicator>(`/api/indicators/${enc(id)}`),
  health: () =>
    request<{ status: string; engine: string; version: string; tenant: string }>('/api/health'),
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
  updateSource: (id: string, patch: SourcePatch) =>
    request<Source>(`/api/sources/${enc(id)}`, json('PATCH', patch)),
  areaSystems: () => request<AreaSystem[]>('/api/area-systems'),
  geometry: (system: string, level: string) =>
    request<AreaCollection>(`/api/area-systems/${enc(system)}/levels/${enc(level)}/geometry`),
  area: (id: number) => request<AreaDetail>(`/api/areas/${id}`),
  indicators: () => request<Indicator[]>('/api/indicators'),
  values: (p: { indicator: string; system: string; level: string; date?: string | null }) =>
    request<ValuesResponse>(`/api/values${q(p)}`),
  profile: (id: number, date?: string | null) =>
    request<Profile>(`/api/areas/${id}/profile${q({ date })}`),
  imports: () => request<ImportRun[]>('/api/imports'),
  /** Areas of one level (id, code, name), e.g. to correct an area-name match of an import. */
  areasOfLevel: (system: string, level: string) =>
    request<{ id: number; code: string; name: string }[]>(`/api/areas${q({ system, level })}`),
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
    return normalizeAnalysis(await request<unknown>(url, { method: 'POST', body: form }));
  },
  runImport: (uploadId: string, body: PublishedTableRunBody | AreasRunBody) =>
    request<ImportReport>(`/api/imports/${enc(uploadId)}/run`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    }),
  importEventsUrl: (uploadId: string) => `/api/imports/${enc(uploadId)}/events`,
  indices: () => request<IndexSummary[]>('/api/indices'),
  index: (id: string) => request<IndexDetail>(`/api/indices/${enc(id)}`),
  indexResults: (id: string, e: IndexEdition) =>
    request<IndexResults>(`/api/indices/${enc(id)}/results${q({ ...e })}`),
  explainIndexArea: (id: string, areaId: number, e: IndexEdition) =>
    request<IndexExplanation>(`/api/indices/${enc(id)}/explain/${areaId}${q({ ...e })}`),
  previewIndex: (definition: Record<string, unknown>, e: IndexEdition) =>
    request<{ counts: IndexResults['counts'] }>('/api/indices/preview', {
      method: 'POST',
      body: JSON.stringify({ definition, ...e }),
      headers: { 'Content-Type': 'application/json' },
    }),
  /** Saves a new index (POST) or the next version of a stored one (PUT); `check` refuses what cannot be computed there. */
  saveIndex: (
    definition: Record<string, unknown>,
    opts: { update: boolean; basedOn?: string; check?: IndexEdition },
  ) =>
    request<IndexSummary>(
      opts.update ? `/api/indices/${enc(String(definition.id))}` : '/api/indices',
      {
        method: opts.update ? 'PUT' : 'POST',
        body: JSON.stringify({ definition, basedOn: opts.basedOn, check: opts.check }),
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  indexChanges: (id: string, p: { system: string; level: string; from: string; to: string }) =>
    request<IndexChanges>(`/api/indices/${enc(id)}/changes${q(p)}`),
  similarAreas: (id: string, areaId: number, e: IndexEdition, k = 5) =>
    request<SimilarAreas>(`/api/indices/${enc(id)}/similar/${areaId}${q({ ...e, k })}`),
  alerts: (p: { status?: AlertStatus | null } = {}) => request<AlertItem[]>(`/api/alerts${q(p)}`),
  detectAlerts: () =>
    request<AlertDetection>('/api/alerts/detect', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    }),
  alertRules: () => request<AlertRule[]>('/api/alert-rules'),
  createAlertRule: (body: {
    id: string;
    nameDe: string;
    department: string;
    kind: 'indicator_change';
    params: IndicatorChangeParams;
  }) =>
    request<AlertRule>('/api/alert-rules', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    }),
  updateAlertRule: (
    id: string,
    patch: {
      nameDe?: string;
      params?: IndicatorChangeParams | IndexRuleParams;
      active?: boolean;
    },
  ) =>
    request<AlertRule>(`/api/alert-rules/${enc(id)}`, {
      method: 'PATCH',
      body: JSON.stringify(patch),
      headers: { 'Content-Type': 'application/json' },
    }),
  setAlertStatus: (id: number, status: AlertStatus, comment?: string) =>
    request<AlertItem>(`/api/alerts/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ status, comment }),
      headers: { 'Content-Type': 'application/json' },
    }),
  alertSubscriptions: () => request<AlertSubscription[]>('/api/alert-subscriptions'),
  createAlertSubscription: (body: {
    email: string;
    areaId: number | null;
    indicatorId: string | null;
    ruleId: string | null;
  }) =>
    request<AlertSubscription>('/api/alert-subscriptions', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    }),
  deleteAlertSubscription: (id: number) =>
    request<{ deleted: number }>(`/api/alert-subscriptions/${id}`, { method: 'DELETE' }),
};
