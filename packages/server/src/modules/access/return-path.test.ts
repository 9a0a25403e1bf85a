import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './oidc.ts';

describe('safeReturnPath (after single sign-on)', () => {
  it('keeps in-app paths', () => {
    expect(safeReturnPath('/verwaltung?reiter=rollen')).toBe('/verwaltung?reiter=rollen');
    expect(safeReturnPath('/gebiete/12')).toBe('/gebiete/12');
  });

  it('refuses other sites, the API and odd paths', () => {
    for (const p of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
      '/api/me',
      'verwaltung',
      '/a\nb',
      '',
    ])
      expect(safeReturnPath(p), p).toBeUndefined();
    expect(safeReturnPath(undefined)).toBeUndefined();
  });
});
