// "Every number on screen can be traced to its source, method and licence": one line per source.
import type { Source } from '../api/sources.ts';
import { useI18n } from '../i18n/index.tsx';

/** Source title/publisher (linked when a URL is known), licence (linked) and the required attribution text. */
export function SourceLine({
  source,
  prefix,
  compact = false,
  noLabel = false,
}: {
  source: Source | null;
  prefix?: string;
  compact?: boolean;
  /** leave out „Quelle:“ where a label says it already (the catalogue's „Quelle“ row) */
  noLabel?: boolean;
}) {
  const { t } = useI18n();
  if (!source) return null;
  return (
    <span className="attribution-item">
      {prefix && <span className="attribution-prefix">{prefix} – </span>}
      {!noLabel && `${t.sourceLabel}: `}
      {source.url ? (
        <a href={source.url} target="_blank" rel="noreferrer">
          {source.title}
        </a>
      ) : (
        source.title
      )}
      {!compact && source.publisher && source.publisher !== source.title
        ? ` (${source.publisher})`
        : ''}
      {source.licence && (
        <>
          {' · '}
          {t.licenceLabel}:{' '}
          {source.licenceUrl ? (
            <a href={source.licenceUrl} target="_blank" rel="noreferrer license">
              {source.licence}
            </a>
          ) : (
            source.licence
          )}
        </>
      )}
      {!compact && source.attribution && source.attribution !== source.title
        ? ` · ${source.attribution}`
        : ''}
    </span>
  );
}
