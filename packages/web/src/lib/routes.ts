// Paths of the app's screens.
export type Route =
  | { screen: 'map' }
  | { screen: 'catalogue' }
  | { screen: 'sources' }
  | { screen: 'import' }
  | { screen: 'points' }
  | { screen: 'directory' }
  | { screen: 'service'; serviceId: string }
  | { screen: 'serviceForm'; serviceId: string | null }
  | { screen: 'hsdsImport' }
  | { screen: 'taxonomy' }
  | { screen: 'funding' }
  | { screen: 'programme'; programmeId: string }
  | { screen: 'transparency' }
  | { screen: 'effect' }
  | { screen: 'supply' }
  | { screen: 'network' }
  | { screen: 'profile'; areaId: number }
  | { screen: 'signIn' }
  | { screen: 'password' }
  | { screen: 'setup' }
  | { screen: 'account' }
  | { screen: 'admin' }
  | { screen: 'audit' }
  | { screen: 'jobs' }
  | { screen: 'indicatorEdit'; indicatorId: string }
  | { screen: 'notFound' };

/** Maps a path to a screen. */
export function matchRoute(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/' || p === '/karte') return { screen: 'map' };
  if (p === '/indikatoren') return { screen: 'catalogue' };
  if (p === '/quellen') return { screen: 'sources' };
  if (p === '/import') return { screen: 'import' };
  if (p === '/standorte') return { screen: 'points' };
  if (p === '/angebote') return { screen: 'directory' };
  if (p === '/angebote/import') return { screen: 'hsdsImport' };
  if (p === '/angebote/arten') return { screen: 'taxonomy' };
  if (p === '/angebote/neu') return { screen: 'serviceForm', serviceId: null };
  const se = /^\/angebote\/([0-9a-f-]{36})\/bearbeiten$/i.exec(p);
  if (se) return { screen: 'serviceForm', serviceId: se[1]!.toLowerCase() };
  const sv = /^\/angebote\/([0-9a-f-]{36})$/i.exec(p);
  if (sv) return { screen: 'service', serviceId: sv[1]!.toLowerCase() };
  if (p === '/foerderung') return { screen: 'funding' };
  if (p === '/foerderung/transparenz') return { screen: 'transparency' };
  const fp = /^\/foerderung\/([a-z0-9-]{1,80})$/.exec(p);
  if (fp) return { screen: 'programme', programmeId: fp[1]! };
  if (p === '/wirkung') return { screen: 'effect' };
  if (p === '/versorgung') return { screen: 'supply' };
  if (p === '/netzwerk') return { screen: 'network' };
  if (p === '/anmelden') return { screen: 'signIn' };
  if (p === '/passwort') return { screen: 'password' };
  if (p === '/einrichten') return { screen: 'setup' };
  if (p === '/konto') return { screen: 'account' };
  if (p === '/verwaltung') return { screen: 'admin' };
  if (p === '/protokoll') return { screen: 'audit' };
  if (p === '/auftraege') return { screen: 'jobs' };
  const e = /^\/indikatoren\/([a-z0-9_-]{1,63})\/bearbeiten$/i.exec(p);
  if (e) return { screen: 'indicatorEdit', indicatorId: e[1]! };
  const m = /^\/gebiete\/(\d{1,15})$/.exec(p);
  if (m) return { screen: 'profile', areaId: Number(m[1]) };
  return { screen: 'notFound' };
}
