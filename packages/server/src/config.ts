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
}

/** Reads the configuration from environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SOZIALRAUM_DATA_DIR ?? path.join(repoRoot, 'data')),
    tenantId: env.SOZIALRAUM_TENANT ?? 'berlin',
    tenantAgs:
      env.SOZIALRAUM_TENANT_AGS ??
      ((env.SOZIALRAUM_TENANT ?? 'berlin') === 'berlin' ? '11000000' : '00000000'),
    tenantName: env.SOZIALRAUM_TENANT_NAME ?? capitalise(env.SOZIALRAUM_TENANT ?? 'berlin'),
    loadDemo: (env.SOZIALRAUM_DEMO ?? 'berlin') !== 'none',
    basemapStyleUrl: env.SOZIALRAUM_BASEMAP_STYLE_URL || undefined,
    maxUploadBytes: Number(env.SOZIALRAUM_MAX_UPLOAD_MB ?? 512) * 1024 * 1024,
    webDist: path.join(repoRoot, 'packages/web/dist'),
    smtpUrl: env.SOZIALRAUM_SMTP_URL || undefined,
    mailFrom: env.SOZIALRAUM_MAIL_FROM || undefined,
    publicUrl: env.SOZIALRAUM_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    trustProxy: env.SOZIALRAUM_TRUST_PROXY === 'true' || env.SOZIALRAUM_TRUST_PROXY === '1',
    oidc:
      env.SOZIALRAUM_OIDC_ISSUER &&
      env.SOZIALRAUM_OIDC_CLIENT_ID &&
      env.SOZIALRAUM_OIDC_CLIENT_SECRET
        ? {
            issuer: env.SOZIALRAUM_OIDC_ISSUER,
            clientId: env.SOZIALRAUM_OIDC_CLIENT_ID,
            clientSecret: env.SOZIALRAUM_OIDC_CLIENT_SECRET,
            label: env.SOZIALRAUM_OIDC_LABEL || 'Mit Single Sign-on anmelden',
            autoCreate: env.SOZIALRAUM_OIDC_AUTO_CREATE === 'true',
          }
        : undefined,
  };
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
