// The configuration is checked at start: a bad value stops the server with the variable's name and
// the reason (German / English) instead of becoming NaN or being silently ignored.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

/** The problems loadConfig reports for env, or [] when it accepts it. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('loadConfig', () => {
  it('has working defaults with no variables set', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.maxUploadBytes).toBe(512 * 1024 * 1024);
    expect(c.tenantId).toBe('berlin');
    expect(c.tenantAgs).toBe('11000000');
    expect(c.loadDemo).toBe(true);
    expect(c.oidc).toBeUndefined();
    expect(c.trustProxy).toBe(false);
    expect(c.alertScheduleMinutes).toBe(1440);
  });

  it('reads the alert schedule in minutes, or off', () => {
    expect(loadConfig({ SOZIALRAUM_ALERT_SCHEDULE: '60' }).alertScheduleMinutes).toBe(60);
    expect(loadConfig({ SOZIALRAUM_ALERT_SCHEDULE: 'off' }).alertScheduleMinutes).toBeNull();
    expect(loadConfig({ SOZIALRAUM_ALERT_SCHEDULE: 'OFF' }).alertScheduleMinutes).toBeNull();
  });

  it('reads valid values', () => {
    const c = loadConfig({
      PORT: '0',
      SOZIALRAUM_MAX_UPLOAD_MB: '1,5',
      SOZIALRAUM_TENANT: 'leipzig',
      SOZIALRAUM_TENANT_AGS: '14713000',
      SOZIALRAUM_DEMO: 'none',
      SOZIALRAUM_PUBLIC_URL: 'https://sozialraum.leipzig.de/',
      SOZIALRAUM_SMTP_URL: 'smtp://127.0.0.1:2525',
      SOZIALRAUM_MAIL_FROM: 'Sozialraum <sozialraum@leipzig.de>',
      SOZIALRAUM_TRUST_PROXY: '1',
      DATABASE_URL: 'postgres://u:p@db:5432/sozialraum',
      SOZIALRAUM_OIDC_ISSUER: 'https://sso.leipzig.de/realms/stadt',
      SOZIALRAUM_OIDC_CLIENT_ID: 'sozialraum',
      SOZIALRAUM_OIDC_CLIENT_SECRET: 'geheim',
      SOZIALRAUM_OIDC_AUTO_CREATE: 'true',
    });
    expect(c.port).toBe(0);
    expect(c.maxUploadBytes).toBe(Math.round(1.5 * 1024 * 1024));
    expect(c.tenantName).toBe('Leipzig');
    expect(c.loadDemo).toBe(false);
    expect(c.publicUrl).toBe('https://sozialraum.leipzig.de');
    expect(c.trustProxy).toBe(true);
    expect(c.oidc).toMatchObject({ clientId: 'sozialraum', autoCreate: true });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', SOZIALRAUM_SMTP_URL: ' ' }).port).toBe(8080);
  });

  it.each([
    ['PORT', 'abc', 'keine ganze Zahl von 0 bis 65.535'],
    ['PORT', '-1', 'keine ganze Zahl'],
    ['PORT', '80.5', 'keine ganze Zahl'],
    ['PORT', '70000', 'keine ganze Zahl'],
    ['PORT', '1e3', 'keine ganze Zahl'],
    ['SOZIALRAUM_MAX_UPLOAD_MB', '-5', 'keine Zahl größer 0'],
    [
      'SOZIALRAUM_MAX_UPLOAD_MB',
      '0',
      'keine Zahl größer 0 und höchstens 100.000 / not a number above 0 and at most 100000',
    ],
    ['SOZIALRAUM_MAX_UPLOAD_MB', 'viel', 'keine Zahl größer 0'],
    ['DATABASE_URL', 'localhost:5432/db', 'Adresse muss mit postgres://, postgresql:// beginnen'],
    ['DATABASE_URL', 'not a url', 'keine gültige Adresse (URL)'],
    ['SOZIALRAUM_PUBLIC_URL', 'sozialraum.stadt.de', 'keine gültige Adresse (URL)'],
    ['SOZIALRAUM_PUBLIC_URL', 'ftp://stadt.de', 'Adresse muss mit http://, https:// beginnen'],
    ['SOZIALRAUM_PUBLIC_URL', 'https://stadt.de/?x=1', 'ohne ? und #'],
    ['SOZIALRAUM_SMTP_URL', 'http://mail', 'Adresse muss mit smtp://, smtps:// beginnen'],
    ['SOZIALRAUM_BASEMAP_STYLE_URL', 'tiles/style.json', 'keine gültige Adresse (URL)'],
    ['SOZIALRAUM_MAIL_FROM', 'sozialraum', 'keine E-Mail-Adresse'],
    ['SOZIALRAUM_TRUST_PROXY', 'ja', 'erlaubt sind true, false, 1 oder 0'],
    ['SOZIALRAUM_DEMO', 'leipzig', 'erlaubt sind berlin, none'],
    ['SOZIALRAUM_TENANT', 'Leipzig Stadt', 'Kennung aus Kleinbuchstaben'],
    ['SOZIALRAUM_TENANT_AGS', '14 713', 'Gemeindeschlüssel aus 2 bis 12 Ziffern'],
    ['SOZIALRAUM_OIDC_ISSUER', 'sso', 'keine gültige Adresse'],
    ['SOZIALRAUM_ALERT_SCHEDULE', 'täglich', 'keine ganze Zahl von 5 bis 44.640'],
    ['SOZIALRAUM_ALERT_SCHEDULE', '1', 'keine ganze Zahl von 5 bis 44.640'],
  ])('refuses %s=%s naming the variable and the reason', (name, value, reason) => {
    const found = problems({ [name]: value });
    expect(found).toHaveLength(name === 'SOZIALRAUM_OIDC_ISSUER' ? 2 : 1);
    expect(found[0]).toContain(`${name}=${JSON.stringify(value)}`);
    expect(found[0]).toContain(reason);
    expect(found[0]).toContain(' / '); // the English half follows
    expect(found[0]).not.toContain('NaN');
  });

  it('reports every bad variable at once', () => {
    const found = problems({ PORT: 'abc', SOZIALRAUM_MAX_UPLOAD_MB: '-1', DATABASE_URL: 'x' });
    expect(found.map((p) => p.split('=')[0])).toEqual([
      'PORT',
      'DATABASE_URL',
      'SOZIALRAUM_MAX_UPLOAD_MB',
    ]);
  });

  it('refuses single sign-on set up only in part, naming what is missing', () => {
    const found = problems({
      SOZIALRAUM_OIDC_ISSUER: 'https://sso.stadt.de',
      SOZIALRAUM_OIDC_CLIENT_ID: 'x',
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^SOZIALRAUM_OIDC_CLIENT_SECRET: fehlt/);
  });

  it('the message lists each problem on its own line', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      /^Ungültige Konfiguration \/ invalid configuration:\n {2}- PORT="abc": keine ganze Zahl/,
    );
  });
});

describe('sozialraum serve with a bad variable', () => {
  it('stops at once with exit code 1 and the variable named, never listening on NaN', () => {
    const bin = fileURLToPath(new URL('../bin/sozialraum.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'serve'], {
      env: { ...process.env, PORT: 'abc', SOZIALRAUM_DEMO: 'none', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain('PORT="abc": keine ganze Zahl von 0 bis 65.535');
    expect(r.stderr).not.toContain('NaN');
  }, 90_000);
});
