// /mitmachen — the public portal's start: the form for a new report, then the map and list of
// public reports (filter by topic). Mobile first: one column, the form before the list.
import { useState } from 'react';
import { areasApi, type AreaCollection } from '../../api/areas.ts';
import { participationApi, type ParticipationConfig } from '../../api/participation.ts';
import { Link } from '../../components/link.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { PlaceMap } from './place-map.tsx';
import { ReportCard, topicLabel } from './report-card.tsx';
import { SubmitForm, type Submitted } from './submit-form.tsx';

/** Outlines of the top level of the first current area system (null when there is none). */
async function loadOutlines(): Promise<AreaCollection | null> {
  const systems = await areasApi.areaSystems();
  const system = systems.find((s) => !s.validTo) ?? systems[0];
  const level = system?.levels[0];
  return system && level ? areasApi.geometry(system.id, level.id) : null;
}

function Thanks({ r }: { r: Submitted }) {
  const { t } = useI18n();
  return (
    <div className="part-thanks" role="status">
      <p>
        <strong>{t.partThanks(r.report.id)}</strong>
      </p>
      <p>
        {t.partDeleteCode} <code>{r.deleteToken}</code>
      </p>
      {r.emailConfirmation === 'sent' && <p>{t.partEmailSent}</p>}
      {r.emailConfirmation === 'not_sent' && <p>{t.partEmailNotSent}</p>}
      {r.photosSaved > 0 && <p>{t.partPhotosSaved(r.photosSaved)}</p>}
      {r.photoErrors.map((e) => (
        <p key={e} className="error">
          {e}
        </p>
      ))}
    </div>
  );
}

export function PortalHome({ config }: { config: ParticipationConfig }) {
  const { t, lang } = useI18n();
  const [topic, setTopic] = useState('');
  const [done, setDone] = useState<Submitted | null>(null);
  const outlines = useFetch(loadOutlines, []);
  const list = useFetch(() => participationApi.reports(topic ? { topic } : {}), [topic]);
  const reports = list.data ?? [];
  return (
    <div className="page part-page">
      <h1>{t.partTitle}</h1>
      <p className="lead">{t.partIntro}</p>
      <p>
        <Link href="/mitmachen/befragungen">{t.svPortalLink}</Link>
      </p>
      {done ? (
        <Thanks r={done} />
      ) : (
        <SubmitForm
          config={config}
          areas={outlines.data ?? null}
          onSubmitted={(r) => {
            setDone(r);
            list.reload();
          }}
        />
      )}
      <section aria-labelledby="part-list-title">
        <h2 id="part-list-title">{t.partListTitle}</h2>
        <label htmlFor="part-filter">{t.partFilterTopic}</label>
        <select id="part-filter" value={topic} onChange={(e) => setTopic(e.target.value)}>
          <option value="">{t.partAllTopics}</option>
          {config.topics.map((tp) => (
            <option key={tp.id} value={tp.id}>
              {lang === 'en' ? tp.en : tp.de}
            </option>
          ))}
        </select>
        {config.bbox && reports.length > 0 && (
          <PlaceMap
            bbox={config.bbox}
            areas={outlines.data ?? null}
            reports={reports.map((r) => ({
              id: r.id,
              lon: r.lon,
              lat: r.lat,
              label: `${r.id}: ${topicLabel(config, r.topic, lang)}`,
            }))}
            onOpen={(id) => navigate(`/mitmachen/hinweis/${id}`)}
            label={t.partListTitle}
          />
        )}
        {list.status === 'loading' && !list.data && <Loading />}
        {list.status === 'error' && (
          <ErrorState error={list.error} what={t.partListTitle} onRetry={list.reload} />
        )}
        {list.data && reports.length === 0 && <Empty>{t.partListEmpty}</Empty>}
        <div className="part-list">
          {reports.map((r) => (
            <ReportCard key={r.id} report={r} config={config} />
          ))}
        </div>
      </section>
    </div>
  );
}
