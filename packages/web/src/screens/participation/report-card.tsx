// One report in the list and on its page: kind, topic, status, text (always as text — React
// escapes it, so stored HTML stays harmless), public answer and the support button.
import { useState } from 'react';
import {
  participationApi,
  type ParticipationConfig,
  type PublicReport,
} from '../../api/participation.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { deviceId } from './proof-of-work.ts';
import { ReportPhotos } from './report-photos.tsx';

export function topicLabel(config: ParticipationConfig, id: string, lang: string): string {
  const tp = config.topics.find((x) => x.id === id);
  return tp ? (lang === 'en' ? tp.en : tp.de) : id;
}

export function statusLabel(config: ParticipationConfig, id: string, lang: string): string {
  const s = config.statuses.find((x) => x.id === id);
  return s ? (lang === 'en' ? s.en : s.de) : id;
}

export function ReportCard({
  report,
  config,
  full = false,
}: {
  report: PublicReport;
  config: ParticipationConfig;
  full?: boolean;
}) {
  const { t, lang } = useI18n();
  const [count, setCount] = useState(report.supportCount);
  const [supported, setSupported] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const support = async () => {
    try {
      const r = await participationApi.support(report.id, deviceId());
      setCount(r.supportCount);
      setSupported(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const Heading = full ? 'h1' : 'h3';
  return (
    <article className="part-card" aria-labelledby={`part-r-${report.id}`}>
      <Heading id={`part-r-${report.id}`}>
        {report.kind === 'idea' ? t.partKindIdea.split(' (')[0] : t.partKindHint.split(' (')[0]}{' '}
        {report.id}: {topicLabel(config, report.topic, lang)}
      </Heading>
      <p className="part-meta">
        <span className={`part-status part-status-${report.status}`}>
          {t.partStatus}: {statusLabel(config, report.status, lang)}
        </span>{' '}
        · {t.partSince(formatDate(report.createdAt, lang))}
        {report.areaName && (
          <>
            {' '}
            · {t.partArea}: {report.areaName}
          </>
        )}
      </p>
      {report.hidden && (
        <p className="part-hidden">
          {t.partHidden} {report.hiddenReason && t.partHiddenReason(report.hiddenReason)}
        </p>
      )}
      {/* a hidden report's text reaches only its author (own view) and the moderation */}
      {report.text !== null && <p className="part-text">{report.text}</p>}
      <ReportPhotos reportId={report.id} photos={report.photos} size={full ? 'large' : 'small'} />
      {report.publicAnswer && (
        <div className="part-answer">
          <h4>{t.partAnswer}</h4>
          <p>{report.publicAnswer}</p>
        </div>
      )}
      {!report.hidden && (
        <div className="part-actions">
          <button
            type="button"
            className="btn btn-small"
            onClick={support}
            disabled={supported}
            aria-pressed={supported}
          >
            {supported ? t.partSupported : t.partSupport}
          </button>
          <span>{t.partSupports(formatNumber(count, 0, lang))}</span>
          {!full && (
            <Link href={`/mitmachen/hinweis/${report.id}`}>
              {t.partOpen}
              <span className="visually-hidden"> {report.id}</span>
            </Link>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </article>
  );
}
