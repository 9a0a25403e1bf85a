// The area profile as its own page: /gebiete/{id}?date=YYYY-MM-DD.
import { indicatorsApi } from '../../api/indicators.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { serializeMapState, DEFAULT_MAP_STATE } from '../../lib/url-state.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { Link } from '../../components/link.tsx';
import { AreaActors } from '../network/area-actors.tsx';
import { AreaMiniMap } from './area-minimap.tsx';
import { ProfileContent, profileUrl } from './profile-panel.tsx';

export function ProfileScreen({ areaId, search }: { areaId: number; search: string }) {
  const { t } = useI18n();
  const dateRaw = new URLSearchParams(search).get('date');
  const date = dateRaw && /^\d{4}-\d{2}-\d{2}$/.test(dateRaw) ? dateRaw : null;
  const q = useFetch(() => indicatorsApi.profile(areaId, date), [areaId, date]);
  const a = q.data?.area;
  const mapHref = a
    ? `/${serializeMapState({ ...DEFAULT_MAP_STATE, system: a.systemId, level: a.levelId, date, area: a.id })}`
    : '/';
  return (
    <div className="page page-profile">
      <p>
        <Link href={mapHref}>← {t.backToMap}</Link>
      </p>
      {q.status === 'error' && <ErrorState error={q.error} what={t.profile} onRetry={q.reload} />}
      {q.status === 'loading' && !q.data && <Loading />}
      {q.data && a && (
        <ProfileContent
          profile={q.data}
          headingId="profile-page"
          asPage
          miniMap={<AreaMiniMap area={a} date={date} mapHref={mapHref} profileHref={profileUrl} />}
        />
      )}
      {q.data && <AreaActors areaId={areaId} mapHref={mapHref} />}
    </div>
  );
}
