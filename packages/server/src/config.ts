// Configuration from the environment; every setting has a safe default for `npm start`.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; unset = embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The tenant this installation serves (AGS-identified municipality). */
  tenantId: string;
  /** Amtlicher Gemeindeschlüssel and name of that tenant (used when it is created). */
  tenantAgs: string;
  tenantName: string;
  /** Load the Berlin demo into an empty database at start. */
  loadDemo: boolean;
  /** Optional MapLibre style URL for a basemap; the app works fully offline without it. */
  basemapStyleUrl: string | undefined;
  /** Upload size limit in bytes. */
  maxUploadBytes: number;
  webDist: string;
  /** SMTP server for alert e-mails, e.g. smtp://127.0.0.1:2525; unset = alerts in-app only. */
  smtpUrl: string | undefined;
  /** Sender address of alert e-mails. */
  mailFrom: string | undefined;
  /**
   * The address people reach the app at, e.g. https://sozialraum.leipzig.de — used for links in
   * e-mails (password reset, alerts), the OIDC redirect and Secure cookies/HSTS when https.
   * Unset: http://localhost:PORT.
   */
  publicUrl: string | undefined;
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto (Fastify trustProxy). */
  trustProxy: boolean;
  /** Single sign-on by OpenID Connect (Keycloak, ADFS, …); all three set = enabled. */
  oidc:
    | {
        issuer: string;
        clientId: string;
        clientSecret: string;
        /** Label of the sign-in button, e.g. 'Mit Stadt-Konto anmelden'. */
        label: string;
        /** Create unknown people at first sign-in (role viewer) instead of refusing them. */
        autoCreate: boolean;
      }
    | undefined;
  /**
   * Minutes between scheduled alert detections (a job per tenant, ADR 0025); null = off (only the
   * button). Only `sozialraum serve` schedules; tests and the CLI never do.
   */
  alertScheduleMinutes: number | null;
}

/**
 * A setting that cannot be used: start stops with every such variable named and why, in German and
 * English (config errors are read by whoever runs the server, not only by German users).
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Ungültige Konfiguration / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** A number as German texts write it (65.535). */
const deNumber = (n: number) => n.toLocaleString('de-DE');

const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const AGS = /^[0-9]{2,12}$/;
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };

/** Reads variables and collects every problem instead of stopping at the first. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The trimmed value; '' counts as unset. */
  raw(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v ? v : undefined;
  }

  private fail(name: string, value: string, de: string, en: string): undefined {
    this.problems.push(`${name}=${JSON.stringify(value)}: ${de} / ${en}`);
    return undefined;
  }

  /** A whole number in [min, max]; NaN, '12abc', '1e3', '-1' are refused. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max) return Number(v);
    this.fail(
      name,
      v,
      `keine ganze Zahl von ${deNumber(min)} bis ${deNumber(max)}`,
      `not a whole number from ${min} to ${max}`,
    );
    return fallback;
  }

  /** A decimal number greater than 0 and at most max ('1.5' or '1,5'). */
  positive(name: string, fallback: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const n = /^\d+([.,]\d+)?$/.test(v) ? Number(v.replace(',', '.')) : NaN;
    if (n > 0 && n <= max) return n;
    this.fail(
      name,
      v,
      `keine Zahl größer 0 und höchstens ${deNumber(max)}`,
      `not a number above 0 and at most ${max}`,
    );
    return fallback;
  }

  /** An absolute URL with one of the protocols (e.g. ['http:', 'https:']). */
  url(
    name: string,
    protocols: string[],
    extra?: (u: URL) => string | undefined,
  ): string | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      return this.fail(name, v, 'keine gültige Adresse (URL)', 'not a valid URL');
    }
    const list = protocols.map((p) => p.replace(/:$/, '://')).join(', ');
    if (!protocols.includes(u.protocol))
      return this.fail(name, v, `Adresse muss mit ${list} beginnen`, `URL must start with ${list}`);
    const more = extra?.(u);
    if (more) return this.fail(name, v, more, more);
    return v;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const b = BOOLEAN_WORDS[v.toLowerCase()];
    if (b !== undefined) return b;
    this.fail(name, v, 'erlaubt sind true, false, 1 oder 0', 'allowed are true, false, 1 or 0');
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    this.fail(name, v, `erlaubt sind ${allowed.join(', ')}`, `allowed are ${allowed.join(', ')}`);
    return fallback;
  }

  matching(name: string, fallback: string, pattern: RegExp, de: string, en: string): string {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (pattern.test(v)) return v;
    this.fail(name, v, de, en);
    return fallback;
  }
}

/** Largest upload limit accepted (MB): beyond it the server could not hold a file anyway. */
const MAX_UPLOAD_MB = 100_000;

/**
 * Reads the configuration from environment variables and checks every one that is set; a bad value
 * (PORT=abc, a negative size, an address that is no URL) throws a ConfigError naming the variable
 * and the reason, so the server never starts with NaN or a silently ignored setting.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  const r = new EnvReader(env);
  const tenantId = r.matching(
    'SOZIALRAUM_TENANT',
    'berlin',
    TENANT_ID,
    'Kennung aus Kleinbuchstaben, Ziffern, - und _ (z. B. leipzig)',
    'an id of lower-case letters, digits, - and _ (e.g. leipzig)',
  );
  const config: Config = {
    port: r.integer('PORT', 8080, 0, 65535),
    host: r.raw('HOST') ?? '0.0.0.0',
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: path.resolve(r.raw('SOZIALRAUM_DATA_DIR') ?? path.join(repoRoot, 'data')),
    tenantId,
    tenantAgs: r.matching(
      'SOZIALRAUM_TENANT_AGS',
      tenantId === 'berlin' ? '11000000' : '00000000',
      AGS,
      'Gemeindeschlüssel aus 2 bis 12 Ziffern (z. B. 14713000)',
      'a municipality key of 2 to 12 digits (e.g. 14713000)',
    ),
    tenantName: r.raw('SOZIALRAUM_TENANT_NAME') ?? capitalise(tenantId),
    loadDemo: r.oneOf('SOZIALRAUM_DEMO', 'berlin', ['berlin', 'none'] as const) !== 'none',
    basemapStyleUrl: r.url('SOZIALRAUM_BASEMAP_STYLE_URL', ['http:', 'https:']),
    maxUploadBytes: Math.round(
      r.positive('SOZIALRAUM_MAX_UPLOAD_MB', 512, MAX_UPLOAD_MB) * 1024 * 1024,
    ),
    webDist: path.join(repoRoot, 'packages/web/dist'),
    smtpUrl: r.url('SOZIALRAUM_SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom:
      r.matching(
        'SOZIALRAUM_MAIL_FROM',
        '',
        /@/,
        'keine E-Mail-Adresse (z. B. Sozialraum <sozialraum@stadt.de>)',
        'not an e-mail address (e.g. Sozialraum <sozialraum@city.de>)',
      ) || undefined,
    publicUrl: r
      .url('SOZIALRAUM_PUBLIC_URL', ['http:', 'https:'], (u) =>
        u.search || u.hash ? 'ohne ? und # angeben / give it without ? and #' : undefined,
      )
      ?.replace(/\/+$/, ''),
    trustProxy: r.bool('SOZIALRAUM_TRUST_PROXY', false),
    oidc: readOidc(r),
    alertScheduleMinutes: readAlertSchedule(r),
  };
  if (r.problems.length) throw new ConfigError(r.problems);
  return config;
}

const OIDC_VARS = [
  'SOZIALRAUM_OIDC_ISSUER',
  'SOZIALRAUM_OIDC_CLIENT_ID',
  'SOZIALRAUM_OIDC_CLIENT_SECRET',
] as const;

function readOidc(r: EnvReader): Config['oidc'] {
  const issuer = r.url('SOZIALRAUM_OIDC_ISSUER', ['http:', 'https:']);
  const clientId = r.raw('SOZIALRAUM_OIDC_CLIENT_ID');
  const clientSecret = r.raw('SOZIALRAUM_OIDC_CLIENT_SECRET');
  const autoCreate = r.bool('SOZIALRAUM_OIDC_AUTO_CREATE', false);
  const set = OIDC_VARS.filter((n) => r.raw(n) !== undefined);
  if (set.length > 0 && set.length < OIDC_VARS.length) {
    const missing = OIDC_VARS.filter((n) => !set.includes(n)).join(', ');
    r.problems.push(
      `${missing}: fehlt – für Single Sign-on sind alle drei SOZIALRAUM_OIDC_-Angaben nötig / ` +
        `missing – single sign-on needs all three SOZIALRAUM_OIDC_ settings`,
    );
  }
  if (!issuer || !clientId || !clientSecret) return undefined;
  return {
    issuer,
    clientId,
    clientSecret,
    label: r.raw('SOZIALRAUM_OIDC_LABEL') ?? 'Mit Single Sign-on anmelden',
    autoCreate,
  };
}

/** Daily by default; 5 minutes at the shortest (detection reads every active rule), 31 days at most. */
export const ALERT_SCHEDULE_DEFAULT_MINUTES = 1440;

function readAlertSchedule(r: EnvReader): number | null {
  const v = r.raw('SOZIALRAUM_ALERT_SCHEDULE');
  if (v?.toLowerCase() === 'off') return null;
  return r.integer('SOZIALRAUM_ALERT_SCHEDULE', ALERT_SCHEDULE_DEFAULT_MINUTES, 5, 44_640);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The repository root (where demo-data/ and db/ live). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/** The origin links in e-mails point to: SOZIALRAUM_PUBLIC_URL, else http://localhost:PORT. */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl;
  const h =
    config.host === '0.0.0.0' || config.host === '::' || config.host === ''
      ? 'localhost'
      : config.host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${config.port}`;
}

/**
 * People reach the app over https: the request came over https (behind a proxy with
 * SOZIALRAUM_TRUST_PROXY), or the public URL says so. Decides Secure cookies and HSTS.
 */
export function servedOverHttps(protocol: string, config: Pick<Config, 'publicUrl'>): boolean {
  return protocol === 'https' || config.publicUrl?.startsWith('https:') === true;
}
