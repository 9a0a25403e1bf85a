// Area profile (Sozialraumprofil): hierarchy, index result, notable indicators, then every indicator by
// Lebenslage (profile-groups.tsx, indicator-row.tsx).
// Shown as a side panel next to the map and as its own page (/gebiete/{id}).
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { alertsApi } from '../../api/alerts.ts';
import type { AreaDetail } from '../../api/areas.ts';
import { ApiError } from '../../api/http.ts';
import { type Profile, indicatorsApi } from '../../api/indicators.ts';
import { type IndexEdition, monitoringApi } from '../../api/monitoring.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { dimensionRank } from '../../lib/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { Link } from '../../components/link.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { editionForDate, firstEditionFor, MSS_CURRENT, mssPresetFor } from './index-edition.ts';
import { AreaLifecycle, AreaRetiredNote } from '../areas/area-lifecycle.tsx';
import { NotableSection, ProfileGroups } from './profile-groups.tsx';
import { AreaFundingCard } from '../funding/area-funding.tsx';
import { AreaMeasures } from '../measures/area-measures.tsx';
import { AreaAssessments } from '../assessments/area-assessments.tsx';

/** URL of the profile as its own page. */
export function profileUrl(areaId: number, date: string | null): string {
  return `/gebiete/${areaId}${date ? `?date=${date}` : ''}`;
}

/** "Frühwarnungen zu diesem Gebiet abonnieren" for signed-in people with alerts.subscribe. */
function SubscribeArea({ areaId, areaName }: { areaId: number; areaName: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const [state, setState] = useState<'idle' | 'busy' | 'done' | { error: string }>('idle');
  const email = auth.me?.user?.email;
  if (!email || !auth.can('alerts.subscribe')) return null;
  if (state === 'done')
    return (
      <p className="profile-meta" role="status">
        {t.subscribedArea(areaName, email)}
      </p>
    );
  return (
    <p className="profile-meta">
      <button
        type="button"
        className="btn btn-small"
        disabled={state === 'busy'}
        onClick={() => {
          setState('busy');
          alertsApi
            .createAlertSubscription({ email, areaId, indicatorId: null, ruleId: null })
            .then(
              () => setState('done'),
              (err: unknown) =>
                setState({ error: err instanceof ApiError ? err.message : t.serverUnreachable }),
            );
        }}
      >
        {t.subscribeArea}
      </button>
      {typeof state === 'object' && (
        <span className="field-error" role="alert">
          {' '}
          {state.error}
        </span>
      )}
    </p>
  );
}

/** Latest ISO date of a list (null when empty). */
export function latestDate(dates: readonly string[]): string | null {
  return dates.reduce<string | null>((a, d) => (a === null || d > a ? d : a), null);
}

/** The index shown in the profile: the MSS (issue 4 § 6 "the index in the area profile"), current method. */
export const PROFILE_INDEX_ID = MSS_CURRENT;

/** Link to the monitoring screen at that edition with the area's explanation open. */
export function monitoringUrl(indexId: string, e: IndexEdition, areaId: number): string {
  const sp = new URLSearchParams({
    index: indexId,
    edition: `${e.system}~${e.level}~${e.date}`,
    area: String(areaId),
  });
  return `/monitoring?${sp.toString()}`;
}

/**
 * Status and dynamics class of the area with the German explanation, from the index edition that
 * matches the profile's date (the latest on or before it); nothing where the index has no edition.
 */
function IndexSection({
  area,
  headingId,
  date,
}: {
  area: AreaDetail;
  headingId: string;
  date: string | null;
}) {
  const { t, lang } = useI18n();
  const indicesQ = useFetch(() => monitoringApi.indices(), []);
  const current = indicesQ.data?.find((i) => i.id === PROFILE_INDEX_ID) ?? null;
  const detailQ = useFetch(current ? () => monitoringApi.index(current.id) : null, [current?.id]);
  const currentEditions = current && detailQ.data?.id === current.id ? detailQ.data.editions : [];
  const currentEdition = editionForDate(currentEditions, area.systemId, area.levelId, date);
  // an edition published with the earlier method is shown by that method (official classes)
  const olderId =
    currentEdition && mssPresetFor(currentEdition.date) !== PROFILE_INDEX_ID
      ? mssPresetFor(currentEdition.date)
      : null;
  const older = olderId ? (indicesQ.data?.find((i) => i.id === olderId) ?? null) : null;
  const olderQ = useFetch(older ? () => monitoringApi.index(older.id) : null, [older?.id]);
  const olderEdition =
    older && olderQ.data?.id === older.id
      ? editionForDate(olderQ.data.editions, area.systemId, area.levelId, date)
      : null;
  const useOlder =
    older !== null && olderEdition !== null && olderEdition.date === currentEdition?.date;
  // wait for the earlier method's editions instead of showing the current method first
  const waiting = older !== null && olderQ.status === 'loading';
  const preset = useOlder ? older : current;
  const edition = useOlder ? olderEdition : currentEdition;
  const first = firstEditionFor(currentEditions, area.systemId, area.levelId);
  const explainQ = useFetch(
    preset && edition && !waiting
      ? () => monitoringApi.explainIndexArea(preset.id, area.id, edition)
      : null,
    [preset?.id, area.id, edition?.system, edition?.level, edition?.date, waiting],
  );
  const ex = explainQ.data?.areaId === area.id ? explainQ.data : null;
  const titleId = `${headingId}-index`;
  if (waiting) return null;
  if (preset && !edition && first && date)
    // the index exists on this level, but only from a later date than the profile's
    return (
      <section className="profile-group profile-index" aria-labelledby={titleId}>
        <h3 id={titleId} className="profile-group-title">
          {t.profIndexTitle}
        </h3>
        <p className="profile-meta">
          {t.profIndexNoneYet(formatDate(date, lang), formatDate(first.date, lang))}
        </p>
      </section>
    );
  if (!preset || !edition) return null;
  return (
    <section className="profile-group profile-index" aria-labelledby={titleId}>
      <h3 id={titleId} className="profile-group-title">
        {t.profIndexTitle}
      </h3>
      <p className="profile-meta">
        {t.profIndexEdition(preset.label, formatDate(edition.date, lang))}
        {date && edition.date !== date && ` · ${t.profIndexMatches(formatDate(date, lang))}`}
      </p>
      {explainQ.status === 'error' && (
        <ErrorState error={explainQ.error} what={t.profIndexTitle} onRetry={explainQ.reload} />
      )}
      {explainQ.status === 'loading' && !ex && <Loading />}
      {ex && (
        <>
          {ex.scored ? (
            <dl className="profile-facts">
              {ex.status && (
                <div>
                  <dt>{t.monStatusClass}</dt>
                  <dd>
                    <strong>{ex.status.classLabel}</strong> (
                    {formatNumber(ex.status.index, 2, lang)})
                  </dd>
                </div>
              )}
              {ex.dynamics && (
                <div>
                  <dt>{t.monDynamicsClass}</dt>
                  <dd>
                    <strong>{ex.dynamics.classLabel}</strong> (
                    {formatNumber(ex.dynamics.index, 2, lang)})
                  </dd>
                </div>
              )}
              {ex.group && (
                <div>
                  <dt>{t.monGroup}</dt>
                  <dd>{ex.group.label}</dd>
                </div>
              )}
            </dl>
          ) : null}
          {ex.attention && (
            <p className="profile-meta">
              <strong>{t.profIndexAttention}</strong>
            </p>
          )}
          {/* the sentence of the monitoring API; it already names the reason when not scored */}
          <p style={{ margin: '6px 0', fontSize: '0.9rem' }}>
            {ex.text || t.profIndexNotScored(ex.reason ?? '')}
          </p>
        </>
      )}
      <p className="profile-source">
        <Link href={monitoringUrl(preset.id, edition, area.id)}>{t.profIndexOpen}</Link>
      </p>
    </section>
  );
}

/** The profile body: heading, hierarchy, groups by dimension. */
export function ProfileContent({
  profile,
  headingId,
  asPage,
  cameFrom,
  miniMap,
}: {
  profile: Profile;
  headingId: string;
  asPage: boolean;
  /** The indicator the person came from (the map's): its group and card lead. */
  cameFrom?: string | null;
  /** The area on a small map (the page only; next to the big map the panel needs none). */
  miniMap?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const area = profile.area;
  const groups = [...profile.groups].sort(
    (a, b) => dimensionRank(a.dimension) - dimensionRank(b.dimension),
  );
  // the date most indicators show; an indicator with another (older) date says so
  const mainDate =
    profile.date ?? latestDate(groups.flatMap((g) => g.indicators.map((i) => i.date)));
  const H = asPage ? 'h1' : 'h2';
  return (
    <>
      <header className="profile-header">
        {miniMap}
        <p className="profile-kicker">
          {t.profile} · {area.levelName} <span className="mono">{area.code}</span>
        </p>
        <H id={headingId} className="profile-title" tabIndex={-1}>
          {area.name}
        </H>
        {area.hierarchy.length > 0 && (
          <nav aria-label={t.hierarchy}>
            <ol className="breadcrumb">
              {area.hierarchy.map((h) => (
                <li key={h.id}>
                  <Link href={profileUrl(h.id, profile.date)}>
                    {h.name} <span className="crumb-level">({h.levelName})</span>
                  </Link>
                </li>
              ))}
              <li aria-current="page">
                {area.name} <span className="crumb-level">({area.levelName})</span>
              </li>
            </ol>
          </nav>
        )}
        <p className="profile-meta">
          {mainDate && (
            <>
              {t.referenceDate}: {formatDate(mainDate, lang)}
            </>
          )}
          {mainDate && area.areaM2 !== null && ' · '}
          {area.areaM2 !== null && (
            <>
              {t.areaSize}: {formatNumber(area.areaM2 / 1e6, 2, lang)}&nbsp;km²
            </>
          )}
        </p>
        <SubscribeArea areaId={area.id} areaName={area.name} />
      </header>
      <IndexSection area={area} headingId={headingId} date={mainDate} />
      {groups.length === 0 && <Empty>{t.noProfileData}</Empty>}
      <NotableSection groups={groups} headingId={headingId} />
      <AreaAssessments areaId={area.id} headingId={headingId} />
      <AreaMeasures areaId={area.id} headingId={headingId} />
      <AreaFundingCard areaId={area.id} headingId={headingId} />
      <ProfileGroups
        groups={groups}
        headingId={headingId}
        mainDate={mainDate}
        cameFrom={cameFrom ?? null}
      />
      {asPage && area.children.length > 0 && (
        <section className="profile-group">
          <h3 className="profile-group-title">{t.subAreas}</h3>
          <ul className="chip-list">
            {area.children.map((c) => (
              <li key={c.id} className={c.validTo ? 'chip-retired' : undefined}>
                <Link href={profileUrl(c.id, profile.date)}>{c.name}</Link>
                {c.validTo && <AreaRetiredNote validTo={c.validTo} />}
              </li>
            ))}
          </ul>
        </section>
      )}
      {asPage && <AreaLifecycle area={area} />}
    </>
  );
}

/** Side panel next to the map; Escape or the close button closes it; focus moves to its heading when opened. */
export function ProfilePanel({
  areaId,
  date,
  indicator,
  onClose,
}: {
  areaId: number;
  date: string | null;
  /** The map's indicator: shown first in the profile. */
  indicator?: string | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const q = useFetch(() => indicatorsApi.profile(areaId, date), [areaId, date]);
  const headingId = `profile-${areaId}`;
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    if (q.status === 'ok') document.getElementById(headingId)?.focus({ preventScroll: true });
    // focus only once per opened area
  }, [q.status === 'ok', areaId]);

  return (
    <aside
      ref={panel}
      className="profile-panel"
      aria-labelledby={q.data ? headingId : undefined}
      aria-label={q.data ? undefined : t.profile}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="panel-actions">
        <Link href={profileUrl(areaId, date)} className="btn btn-small">
          {t.openAsPage}
        </Link>
        <button
          type="button"
          className="btn btn-small btn-icon"
          onClick={onClose}
          aria-label={t.close}
          title={t.close}
        >
          ✕
        </button>
      </div>
      {q.status === 'error' && <ErrorState error={q.error} what={t.profile} onRetry={q.reload} />}
      {q.status === 'loading' && !q.data && <Loading />}
      {q.data && (
        <ProfileContent
          profile={q.data}
          headingId={headingId}
          asPage={false}
          cameFrom={indicator ?? null}
        />
      )}
    </aside>
  );
}
