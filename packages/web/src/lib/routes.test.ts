import { describe, expect, it } from 'vitest';
import { matchRoute } from './routes.ts';

describe('matchRoute', () => {
  it('maps the paths of the navigation', () => {
    expect(matchRoute('/')).toEqual({ screen: 'map' });
    expect(matchRoute('/indikatoren/')).toEqual({ screen: 'catalogue' });
    expect(matchRoute('/import')).toEqual({ screen: 'import' });
    expect(matchRoute('/quellen')).toEqual({ screen: 'sources' });
    expect(matchRoute('/auftraege')).toEqual({ screen: 'jobs' });
  });
  it('reads the area id of a profile page', () => {
    expect(matchRoute('/gebiete/745')).toEqual({ screen: 'profile', areaId: 745 });
  });
  it('does not take a non-numeric area id', () => {
    expect(matchRoute('/gebiete/abc')).toEqual({ screen: 'notFound' });
  });
});
