// Pure helpers of sign-in and permissions: who may see which screen or edit which indicator, safe
// return paths after sign-in, the password rules, and audit diffs in German words.
import {
  isSafeReturnPath,
  mayEditIndicator,
  passwordRuleBreaks,
  RETURN_PATH_MAX_CHARS,
  type Editor,
} from '@sozialraum/contracts/rules';
import type { Me, PermissionInfo } from '../api/access.ts';
import type { AuditEntry } from '../api/audit.ts';

/** Whether the person holds a permission. */
export function can(me: Me | null, permission: string): boolean {
  return !!me && me.permissions.includes(permission);
}

/** Whether the person holds any of the permissions. */
export function canAny(me: Me | null, permissions: readonly string[]): boolean {
  return permissions.some((p) => can(me, p));
}

/** The signed-in person as the contract's edit rules see her; null for visitors. */
export function editorOf(me: Me | null): Editor | null {
  if (!me?.user) return null;
  return { holds: (p) => can(me, p), departmentId: me.user.departmentId };
}

/** The server's rule (contracts): indicators.edit_all, or indicators.edit for the own department's. */
export function canEditIndicator(me: Me | null, ind: { department: string | null }): boolean {
  const who = editorOf(me);
  return !!who && mayEditIndicator(who, ind.department);
}

/**
 * Where to go after sign-in: an in-app path (from ?weiter=), never another site ('//host', 'http:')
 * and never back to the sign-in or password pages (the contract's rule); otherwise '/'.
 */
export function safeReturnPath(next: string | null | undefined): string {
  return isSafeReturnPath(next) ? next.slice(0, RETURN_PATH_MAX_CHARS) : '/';
}

/** The sign-in path that brings the person back to `current` afterwards. */
export function signInHref(current: string): string {
  const back = safeReturnPath(current);
  return back === '/' ? '/anmelden' : `/anmelden?weiter=${encodeURIComponent(back)}`;
}

/** The password rules of the server (contracts: ≥ 12 characters, ≥ 5 different, not the address's name). */
export function passwordProblems(password: string, email?: string | null): string[] {
  return passwordRuleBreaks(password, email).map((r) => r.short);
}

/** Reads the one-time token from a location hash like '#token=abc'. */
export function tokenFromHash(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const v = new URLSearchParams(h).get('token');
  return v && v.length >= 10 ? v : null;
}

/** Permissions grouped by module, modules and permissions in a stable order. */
export function groupPermissions(all: readonly PermissionInfo[]): [string, PermissionInfo[]][] {
  const by = new Map<string, PermissionInfo[]>();
  for (const p of all) {
    const list = by.get(p.module) ?? [];
    list.push(p);
    by.set(p.module, list);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([m, list]) => [m, [...list].sort((a, b) => a.id.localeCompare(b.id))]);
}

/** German names of the permission modules. */
export const MODULE_NAMES: Record<string, string> = {
  account: 'Eigenes Konto',
  access: 'Zugang und Verwaltung',
  alerts: 'Frühwarnungen',
  areas: 'Gebiete',
  audit: 'Protokoll',
  disclosure: 'Geheimhaltung',
  imports: 'Import',
  indicators: 'Indikatoren',
  monitoring: 'Monitoring',
  points: 'Standorte',
  sources: 'Quellen',
};

/** German names of the fields that appear in audit diffs. */
export const FIELD_NAMES: Record<string, string> = {
  nameDe: 'Name (deutsch)',
  nameEn: 'Name (englisch)',
  shortDe: 'Kurzname',
  definitionDe: 'Definition (deutsch)',
  definitionEn: 'Definition (englisch)',
  polarity: 'Polarität',
  updateCycle: 'Aktualisierung',
  numeratorDef: 'Zähler',
  denominatorDef: 'Nenner',
  methodNote: 'Methodenhinweis',
  decimals: 'Nachkommastellen',
  dimension: 'Lebenslage',
  unit: 'Einheit',
  sourceId: 'Quelle',
  visibility: 'Sichtbarkeit',
  sharedWith: 'Freigegeben für',
  department: 'Abteilung',
  departmentId: 'Abteilung',
  displayName: 'Name',
  email: 'E-Mail-Adresse',
  roles: 'Rollen',
  active: 'aktiv',
  permissions: 'Berechtigungen',
  descriptionDe: 'Beschreibung',
  name: 'Name',
  kind: 'Art',
  orgType: 'Organisationsform',
  org_type: 'Organisationsform',
  display_name: 'Name',
  department_id: 'Abteilung',
  has_password: 'Passwort gesetzt',
  sso: 'Anmeldung über SSO',
  sso_subject: 'SSO-Kennung',
  name_de: 'Name',
  description_de: 'Beschreibung',
  method: 'Verfahren',
  expiresAt: 'Läuft ab',
  prefix: 'Anfang',
  reason: 'Grund',
  builtin: 'eingebaut',
  id: 'Kennung',
  scopes: 'Berechtigungen',
  status: 'Status',
  comment: 'Kommentar',
  params: 'Parameter',
  indicatorIds: 'Indikatoren',
  sdThreshold: 'Schwelle (SD)',
  minBase: 'Mindestbasis',
  direction: 'Richtung',
  indexId: 'Index',
  system: 'Gebietssystem',
  level: 'Ebene',
  rules: 'Regeln',
  ruleId: 'Regel',
  raised: 'neu',
  heldBack: 'zurückgehalten',
  existing: 'schon bekannt',
  // what the Berlin demo loaded (demo.load)
  areas: 'Gebiete',
  points: 'Standorte',
  observations: 'Werte',
  aggregated: 'aufsummierte Werte',
  derived: 'abgeleitete Anteile',
  // imports of tables, areas and Standorte, and removed areas (issue 11 § 5: Protokoll in German)
  file: 'Datei',
  files: 'Dateien',
  sha256: 'Prüfsumme (SHA-256)',
  rowsRead: 'gelesene Zeilen',
  rowsWritten: 'geschriebene Zeilen',
  indicators: 'Indikatoren',
  createdIndicators: 'neu angelegte Indikatoren',
  source: 'Quelle',
  systemId: 'Gebietssystem',
  levelId: 'Ebene',
  features: 'gelesene Flächen',
  written: 'geschriebene Gebiete',
  excluded: 'ausgelassene Flächen (Nr.)',
  synonyms: 'Namensvarianten',
  importId: 'Import',
  removedPoints: 'entfernte Standorte',
  outside: 'außerhalb aller Gebiete',
  referenceDate: 'Stichtag',
  code: 'Schlüssel',
  removed: 'entfernt',
};

/** German words for audit actions (unknown ones are shown as they are). */
export const ACTION_NAMES: Record<string, string> = {
  'access.sign_in': 'Anmeldung',
  'access.sign_in_failed': 'Anmeldung fehlgeschlagen',
  'access.sign_out': 'Abmeldung',
  'access.password_changed': 'Passwort geändert',
  'access.password_set': 'Passwort gesetzt (Einrichtung)',
  'access.password_reset': 'Passwort zurückgesetzt',
  'access.reset_requested': 'Zurücksetzen angefordert',
  'access.reset_link_issued': 'Einmal-Link erzeugt',
  'access.user_created': 'Person angelegt',
  'access.user_updated': 'Person geändert',
  'access.department_created': 'Abteilung angelegt',
  'access.department_updated': 'Abteilung geändert',
  'access.role_created': 'Rolle angelegt',
  'access.role_updated': 'Rolle geändert',
  'access.token_created': 'API-Token angelegt',
  'access.token_revoked': 'API-Token widerrufen',
  'indicators.update': 'Indikator geändert',
  'import.observations': 'Werte importiert',
  'import.areas': 'Gebiete importiert',
  'alerts.detect': 'Frühwarnungen geprüft',
  'alerts.rule_create': 'Regel angelegt',
  'alerts.rule_update': 'Regel geändert',
  'alerts.status': 'Status einer Frühwarnung geändert',
  'alerts.subscribe': 'Abonniert',
  'alerts.unsubscribe': 'Abo beendet',
  'monitoring.index_created': 'Index angelegt',
  'monitoring.index_updated': 'Index geändert',
  'demo.load': 'Demodaten geladen',
};

/** German words for audited objects. */
export const ENTITY_NAMES: Record<string, string> = {
  indicator: 'Indikator',
  user: 'Person',
  tenant: 'Mandant',
  import_run: 'Import',
  alert_subscription: 'Abonnement',
  department: 'Abteilung',
  role: 'Rolle',
  api_token: 'API-Token',
  session: 'Sitzung',
  alert_rule: 'Regel',
  alert: 'Frühwarnung',
  import: 'Import',
  index: 'Index',
  index_definition: 'Index',
  disclosure: 'Geheimhaltung',
  source: 'Quelle',
};

const VISIBILITY_WORDS: Record<string, string> = {
  public: 'öffentlich',
  internal: 'verwaltungsintern',
  department: 'nur Abteilung',
};
const RULE_KIND_WORDS: Record<string, string> = {
  indicator_change: 'Indikatorveränderung',
  class_change: 'Klassenwechsel',
  repeated_negative_dynamics: 'Wiederholt negative Dynamik',
  participation_signal: 'Ungewöhnlich viele Hinweise/negative Einschätzungen',
};
const ALERT_STATUS_WORDS: Record<string, string> = {
  new: 'neu',
  seen: 'gesehen',
  discussed: 'besprochen',
  closed: 'geschlossen',
};
const DIRECTION_WORDS: Record<string, string> = {
  increase: 'Anstieg',
  decrease: 'Rückgang',
  both: 'Anstieg und Rückgang',
};
const POLARITY_WORDS: Record<string, string> = {
  higher_is_better: 'höhere Werte günstiger',
  higher_is_worse: 'höhere Werte ungünstiger',
  neutral: 'neutral',
};

/** How a person signed in (detail.method of sign-in records). */
const METHOD_WORDS: Record<string, string> = {
  password: 'Passwort',
  oidc: 'Single Sign-on',
  setup: 'Einrichtung mit Einmal-Link',
};

/** Fields whose values are department ids (shown by name when the names are known). */
const DEPARTMENT_FIELDS = new Set(['department', 'departmentId', 'department_id', 'sharedWith']);

/** Name of a department by id (returns the id when unknown); absent before the list is loaded. */
export type DepartmentNamer = (id: string) => string;

/** A value of an audit diff as short German text ('—' for empty). */
export function auditValueText(
  field: string,
  v: unknown,
  departmentName?: DepartmentNamer,
): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'ja' : 'nein';
  if (typeof v === 'number') return v.toLocaleString('de-DE');
  if (Array.isArray(v))
    return v.length
      ? v
          .map((x) => auditValueText(field, x, departmentName))
          .join(v.some((x) => x !== null && typeof x === 'object') ? '; ' : ', ')
      : '—';
  if (typeof v === 'object')
    // nested details (rule params, per-rule counts): "Feld: Wert" pairs with German names
    return (
      Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${FIELD_NAMES[k] ?? k}: ${auditValueText(k, x, departmentName)}`)
        .join(', ') || '—'
    );
  if (typeof v === 'string') {
    if (field === 'roles') return ROLE_NAMES[v] ?? v;
    if (field === 'method') return METHOD_WORDS[v] ?? v;
    if (field === 'kind' && RULE_KIND_WORDS[v]) return RULE_KIND_WORDS[v];
    if (field === 'direction') return DIRECTION_WORDS[v] ?? v;
    if (field === 'status') return ALERT_STATUS_WORDS[v] ?? v;
    if (departmentName && DEPARTMENT_FIELDS.has(field)) return departmentName(v) || v;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatDateTime(v);
    if (field === 'visibility') return VISIBILITY_WORDS[v] ?? v;
    if (field === 'polarity') return POLARITY_WORDS[v] ?? v;
    return v;
  }
  return JSON.stringify(v);
}

/** Fields not worth showing in a history (the tenant is always the own one). */
const HIDDEN_FIELDS = new Set(['tenant_id', 'tenantId']);

export interface DiffRow {
  field: string;
  label: string;
  before: string;
  after: string;
}

const isChange = (v: unknown): v is { before: unknown; after: unknown } =>
  !!v && typeof v === 'object' && !Array.isArray(v) && 'before' in v && 'after' in v;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

interface Change {
  /** Field whose value words apply (the inner key for nested params). */
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

/**
 * Splits a detail into field changes and the rest. Three shapes are changes: {field: {before,
 * after}} per field; {before: {…}, after: {…}} whole records (only differing fields, nested objects
 * such as rule params one level deep); {from, to} of a status.
 */
function splitDetail(d: Record<string, unknown>): {
  changes: Change[];
  rest: [string, unknown][];
} {
  const changes: Change[] = [];
  const rest: [string, unknown][] = [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const whole = isPlain(d.before) && isPlain(d.after);
  if (whole) {
    const before = d.before as Record<string, unknown>;
    const after = d.after as Record<string, unknown>;
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (HIDDEN_FIELDS.has(k) || same(before[k], after[k])) continue;
      const b = before[k];
      const a = after[k];
      if (isPlain(b) && isPlain(a)) {
        for (const sub of new Set([...Object.keys(b), ...Object.keys(a)])) {
          if (same(b[sub], a[sub])) continue;
          changes.push({
            field: sub,
            label: `${FIELD_NAMES[k] ?? k}: ${FIELD_NAMES[sub] ?? sub}`,
            before: b[sub],
            after: a[sub],
          });
        }
      } else changes.push({ field: k, label: FIELD_NAMES[k] ?? k, before: b, after: a });
    }
  }
  const statusMove = typeof d.from === 'string' && typeof d.to === 'string';
  if (statusMove) changes.push({ field: 'status', label: 'Status', before: d.from, after: d.to });
  for (const [k, v] of Object.entries(d)) {
    if (HIDDEN_FIELDS.has(k)) continue;
    if (whole && (k === 'before' || k === 'after')) continue;
    if (statusMove && (k === 'from' || k === 'to')) continue;
    if (isChange(v)) changes.push({ field: k, label: FIELD_NAMES[k] ?? k, ...v });
    else rest.push([k, v]);
  }
  return { changes, rest };
}

/** The field changes of an audit entry (see splitDetail); [] for other details. */
export function auditDiff(
  entry: Pick<AuditEntry, 'detail'>,
  departmentName?: DepartmentNamer,
): DiffRow[] {
  const d = entry.detail;
  if (!isPlain(d)) return [];
  return splitDetail(d).changes.map((c) => ({
    field: c.field,
    label: c.label,
    before: auditValueText(c.field, c.before, departmentName),
    after: auditValueText(c.field, c.after, departmentName),
  }));
}

/** Details of an entry that are no field changes, as "Feld: Wert" text (e.g. a created record). */
export function auditOtherDetail(
  entry: Pick<AuditEntry, 'detail'>,
  departmentName?: DepartmentNamer,
): string {
  const d = entry.detail;
  if (d === null || d === undefined) return '';
  if (!isPlain(d)) return auditValueText('', d, departmentName);
  return splitDetail(d)
    .rest.map(([k, v]) => `${FIELD_NAMES[k] ?? k}: ${auditValueText(k, v, departmentName)}`)
    .join(' · ');
}

/** Date and time as de-DE shows it (also in the English UI): 05.03.2026, 14:07, in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('de-DE', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** German names of the built-in roles (own roles are shown by their id when the list is not loaded). */
export const ROLE_NAMES: Record<string, string> = {
  anonymous: 'Öffentlichkeit',
  viewer: 'Lesend',
  provider: 'Träger',
  moderator: 'Moderation',
  department_planner: 'Fachplanung',
  data_steward: 'Datenverantwortung',
  sozialplanung: 'Sozialplanung',
  administrator: 'Administration',
};

/** A role's display name. */
export function roleName(id: string, roles?: readonly { id: string; nameDe: string }[]): string {
  return roles?.find((r) => r.id === id)?.nameDe ?? ROLE_NAMES[id] ?? id;
}

/** Looks like an e-mail address (name@domain.tld) – the form's check before the server's. */
export function looksLikeEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());
}
