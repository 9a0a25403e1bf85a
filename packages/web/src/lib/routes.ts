// Paths of the app's screens.
export type Route =
  | { screen: 'map' }
  | { screen: 'catalogue' }
  | { screen: 'import' }
  | { screen: 'profile'; areaId: number }
  | { screen: 'notFound' };

/** Maps a path to a screen. */
export function matchRoute(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/' || p === '/karte') return { screen: 'map' };
  if (p === '/indikatoren') return { screen: 'catalogue' };
  if (p === '/import') return { screen: 'import' };
  const m = /^\/gebiete\/(\d{1,15})$/.exec(p);
  if (m) return { screen: 'profile', areaId: Number(m[1]) };
  return { screen: 'notFound' };
}
