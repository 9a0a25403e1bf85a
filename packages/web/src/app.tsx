// App shell: skip link, top navigation (components/main-nav.tsx; only the screens the person may use), account menu,
// language switch, the "Bitte anmelden" note after an ended session, and the screen for the path.
import { useLocation } from './lib/router.ts';
import { matchRoute } from './lib/routes.ts';
import { useI18n } from './i18n/index.tsx';
import { useAuth } from './lib/auth.tsx';
import { signInHref } from './lib/access.ts';
import { Link } from './components/link.tsx';
import { RequireAuth } from './components/guard.tsx';
import { UserMenu } from './components/user-menu.tsx';
import { MainNav } from './components/main-nav.tsx';
import { DemoLoadingNote } from './components/demo-loading.tsx';
import { LAST_MAP_URL_KEY } from './screens/map/last-map-url.ts';
import { MapScreen } from './screens/map/map-screen.tsx';
import { MonitoringScreen } from './screens/monitoring/monitoring-screen.tsx';
import { ProfileScreen } from './screens/profile/profile-screen.tsx';
import { CatalogueScreen } from './screens/catalogue/catalogue-screen.tsx';
import { IndicatorEditScreen } from './screens/catalogue/indicator-edit-screen.tsx';
import { ImportScreen } from './screens/import/import-screen.tsx';
import { AlertsScreen } from './screens/alerts/alerts-screen.tsx';
import { SignInScreen } from './screens/access/sign-in-screen.tsx';
import { PasswordScreen } from './screens/access/password-screen.tsx';
import { AccountScreen } from './screens/access/account-screen.tsx';
import { AdminScreen } from './screens/access/admin-screen.tsx';
import { AuditScreen } from './screens/access/audit-screen.tsx';
import { JobsScreen } from './screens/jobs/jobs-screen.tsx';
import { SourcesScreen } from './screens/sources/sources-screen.tsx';
import { EffectScreen } from './screens/effect/effect-screen.tsx';
import { ProgrammeScreen } from './screens/funding/programme-screen.tsx';
import { ProgrammesScreen } from './screens/funding/programmes-screen.tsx';
import { TransparencyScreen } from './screens/funding/transparency-screen.tsx';
import { NetworkScreen } from './screens/network/network-screen.tsx';
import { SupplyScreen } from './screens/supply/supply-screen.tsx';
import { PointsScreen } from './screens/points/points-screen.tsx';
import { DirectoryScreen } from './screens/directory/directory-screen.tsx';
import { ServiceScreen } from './screens/directory/service-screen.tsx';
import { ServiceFormScreen } from './screens/directory/service-form.tsx';
import { HsdsImportScreen } from './screens/directory/hsds-import-screen.tsx';
import { TaxonomyScreen } from './screens/directory/taxonomy-screen.tsx';
import { ConferencesScreen, isConferencesPath } from './screens/conferences/conferences-screen.tsx';
import {
  isParticipationPath,
  ParticipationScreen,
} from './screens/participation/participation-screen.tsx';
import { isMeasuresPath, MeasuresScreen } from './screens/measures/measures-screen.tsx';
import { SurveysAdmin } from './screens/surveys/surveys-admin.tsx';

function lastMapUrl(): string {
  try {
    return sessionStorage.getItem(LAST_MAP_URL_KEY) ?? '/';
  } catch {
    return '/';
  }
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const auth = useAuth();
  const { path, search } = useLocation();
  const route = matchRoute(path);
  const monitoring = path.replace(/\/+$/, '') === '/monitoring';
  const alerts = path.replace(/\/+$/, '') === '/hinweise';
  const participation = isParticipationPath(path);
  const measures = isMeasuresPath(path);
  const conferences = isConferencesPath(path);
  const surveys = path.replace(/\/+$/, '') === '/befragungen';
  // before /api/me answers, show what the public may use; the server refuses the rest anyway
  const navItems = [
    {
      href: route.screen === 'map' ? `/${search}` : lastMapUrl(),
      label: t.navMap,
      active: route.screen === 'map' || route.screen === 'profile',
      show: true,
    },
    {
      href: '/indikatoren',
      label: t.navCatalogue,
      active:
        route.screen === 'catalogue' ||
        route.screen === 'indicatorEdit' ||
        route.screen === 'sources',
      show: true,
    },
    { href: '/monitoring', label: t.navMonitoring, active: monitoring, show: true },
    { href: '/hinweise', label: t.navAlerts, active: alerts, show: auth.can('alerts.read') },
    {
      href: '/import',
      label: t.navImport,
      active: route.screen === 'import',
      show: auth.can('imports.run'),
    },
    {
      href: '/standorte',
      label: t.navLocations,
      active: route.screen === 'points',
      show: true,
    },
    {
      href: '/angebote',
      label: t.navDirectory,
      // Versorgung and Akteursnetz live under Angebote (the header has no room for another entry at
      // 1440 px when signed in); the directory screen links to both
      active:
        route.screen === 'directory' ||
        route.screen === 'service' ||
        route.screen === 'serviceForm' ||
        route.screen === 'hsdsImport' ||
        route.screen === 'taxonomy' ||
        route.screen === 'supply' ||
        route.screen === 'network',
      show: auth.can('directory.read'),
    },
    {
      href: '/massnahmen',
      label: t.navMeasures,
      active: measures,
      show: auth.can('measures.read'),
    },
    // one entry for Förderung and Wirkung (the header has no room for two at 1440 px when signed
    // in); each screen links to the other
    {
      href: '/foerderung',
      label: t.navFunding,
      active:
        route.screen === 'funding' ||
        route.screen === 'programme' ||
        route.screen === 'transparency' ||
        route.screen === 'effect',
      show: auth.can('funding.read') || auth.can('effect.read'),
    },
    // the planners' /befragungen is reached from the portal's survey page: the header has no room
    {
      href: '/mitmachen',
      label: t.navParticipation,
      active: participation || surveys,
      show: true,
    },
    {
      href: '/konferenzen',
      label: t.navConferences,
      active: conferences,
      show: auth.can('conferences.read'),
    },
  ].filter((n) => n.show);
  const screenClass = monitoring
    ? 'monitoring'
    : alerts
      ? 'alerts'
      : measures
        ? 'measures'
        : route.screen;
  return (
    <div className={`app app-${screenClass}`}>
      <a href="#main" className="skip-link">
        {t.skipToContent}
      </a>
      <header className="app-header">
        {/* the accessible name starts with the visible text (WCAG 2.5.3 label in name); the tagline is read after it */}
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t.appName}</span>
          {auth.me?.tenant && <span className="brand-tenant"> {auth.me.tenant.name}</span>}
          <span className="visually-hidden"> – {t.appTagline}</span>
        </Link>
        <MainNav items={navItems} />
        <div className="header-end">
          <UserMenu departmentName={auth.departmentName} />
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
        </div>
      </header>
      <DemoLoadingNote />
      {auth.sessionExpired && !auth.me?.signedIn && route.screen !== 'signIn' && (
        <div className="session-note" role="alert">
          <span>{t.sessionExpired}</span>{' '}
          <Link href={signInHref(path + search)} className="btn btn-small btn-primary">
            {t.pleaseSignIn}
          </Link>
          <button type="button" className="btn btn-small" onClick={auth.dismissExpired}>
            {t.close}
          </button>
        </div>
      )}
      <main id="main" tabIndex={-1} className="app-main">
        {route.screen === 'map' && <MapScreen search={search} />}
        {route.screen === 'catalogue' && <CatalogueScreen search={search} />}
        {route.screen === 'indicatorEdit' && (
          <IndicatorEditScreen indicatorId={route.indicatorId} />
        )}
        {route.screen === 'import' && (
          <RequireAuth anyOf={['imports.run', 'imports.areas']} title={t.importTitle}>
            <ImportScreen />
          </RequireAuth>
        )}
        {route.screen === 'profile' && <ProfileScreen areaId={route.areaId} search={search} />}
        {route.screen === 'signIn' && <SignInScreen search={search} />}
        {route.screen === 'password' && <PasswordScreen />}
        {route.screen === 'setup' && <PasswordScreen setup />}
        {route.screen === 'account' && <AccountScreen />}
        {route.screen === 'admin' && <AdminScreen search={search} />}
        {route.screen === 'audit' && <AuditScreen search={search} />}
        {route.screen === 'jobs' && <JobsScreen />}
        {route.screen === 'sources' && <SourcesScreen />}
        {route.screen === 'points' && <PointsScreen />}
        {route.screen === 'directory' && <DirectoryScreen />}
        {route.screen === 'service' && <ServiceScreen serviceId={route.serviceId} />}
        {route.screen === 'serviceForm' && <ServiceFormScreen serviceId={route.serviceId} />}
        {route.screen === 'hsdsImport' && (
          <RequireAuth
            anyOf={['directory.edit_own', 'directory.edit_all']}
            title={t.hsdsImportTitle}
          >
            <HsdsImportScreen />
          </RequireAuth>
        )}
        {route.screen === 'taxonomy' && <TaxonomyScreen />}
        {route.screen === 'funding' && <ProgrammesScreen />}
        {route.screen === 'programme' && <ProgrammeScreen programmeId={route.programmeId} />}
        {route.screen === 'transparency' && <TransparencyScreen />}
        {route.screen === 'effect' && <EffectScreen search={search} />}
        {route.screen === 'supply' && <SupplyScreen search={search} />}
        {route.screen === 'network' && <NetworkScreen search={search} />}
        {monitoring && <MonitoringScreen search={search} />}
        {alerts && (
          <RequireAuth anyOf={['alerts.read']} title={t.alertsTitle}>
            <AlertsScreen search={search} />
          </RequireAuth>
        )}
        {participation && <ParticipationScreen path={path} search={search} />}
        {measures && <MeasuresScreen path={path} search={search} />}
        {conferences && <ConferencesScreen path={path} />}
        {surveys && (
          <RequireAuth anyOf={['surveys.edit']} title={t.svAdminTitle}>
            <SurveysAdmin />
          </RequireAuth>
        )}
        {route.screen === 'notFound' &&
          !monitoring &&
          !alerts &&
          !participation &&
          !measures &&
          !conferences &&
          !surveys && (
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
