// App shell: skip link, top navigation (Karte, Indikatoren, Import), language switch, and the screen for the path.
import { useLocation } from './lib/router.ts';
import { matchRoute } from './lib/routes.ts';
import { useI18n } from './i18n/index.tsx';
import { Link } from './components/link.tsx';
import { MapScreen, LAST_MAP_URL_KEY } from './screens/map/map-screen.tsx';
import { ProfileScreen } from './screens/profile/profile-screen.tsx';
import { CatalogueScreen } from './screens/catalogue/catalogue-screen.tsx';
import { ImportScreen } from './screens/import/import-screen.tsx';
import { MonitoringScreen } from './screens/monitoring/monitoring-screen.tsx';
import { AlertsScreen } from './screens/alerts/alerts-screen.tsx';

function lastMapUrl(): string {
  try {
    return sessionStorage.getItem(LAST_MAP_URL_KEY) ?? '/';
  } catch {
    return '/';
  }
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const { path, search } = useLocation();
  const route = matchRoute(path);
  const monitoring = path.replace(/\/+$/, '') === '/monitoring';
  const alerts = path.replace(/\/+$/, '') === '/hinweise';
  const navItems = [
    {
      href: route.screen === 'map' ? `/${search}` : lastMapUrl(),
      label: t.navMap,
      active: route.screen === 'map' || route.screen === 'profile',
    },
    { href: '/indikatoren', label: t.navCatalogue, active: route.screen === 'catalogue' },
    { href: '/monitoring', label: t.navMonitoring, active: monitoring },
    { href: '/hinweise', label: t.navAlerts, active: alerts },
    { href: '/import', label: t.navImport, active: route.screen === 'import' },
  ];
  return (
    <div className={`app app-${monitoring ? 'monitoring' : alerts ? 'alerts' : route.screen}`}>
      <a href="#main" className="skip-link">
        {t.skipToContent}
      </a>
      <header className="app-header">
        <Link href="/" className="brand" aria-label={`${t.appName} – ${t.appTagline}`}>
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t.appName}</span>
        </Link>
        <nav aria-label={t.navMain} className="main-nav">
          <ul>
            {navItems.map((n) => (
              <li key={n.label}>
                <Link href={n.href} aria-current={n.active ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="lang-switch" role="group" aria-label={t.language}>
          <button
            type="button"
            lang="de"
            aria-pressed={lang === 'de'}
            onClick={() => setLang('de')}
            title={t.switchToDe}
          >
            DE
          </button>
          <button
            type="button"
            lang="en"
            aria-pressed={lang === 'en'}
            onClick={() => setLang('en')}
            title={t.switchToEn}
          >
            EN
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {route.screen === 'map' && <MapScreen search={search} />}
        {route.screen === 'catalogue' && <CatalogueScreen search={search} />}
        {route.screen === 'import' && <ImportScreen />}
        {route.screen === 'profile' && <ProfileScreen areaId={route.areaId} search={search} />}
        {monitoring && <MonitoringScreen search={search} />}
        {alerts && <AlertsScreen search={search} />}
        {route.screen === 'notFound' && !monitoring && !alerts && (
          <div className="page">
            <h1>{t.notFound}</h1>
            <p>
              <Link href="/">{t.backToMap}</Link>
            </p>
          </div>
        )}
      </main>
    </div>
  );
}
