// One indicator of the area profile: value, city value and what it is, rank (never for classes),
// reliability, flag, time series and source line. Split from profile-panel.tsx (issue 11 § 3).
import type { ProfileIndicator } from '../../api/indicators.ts';
import { formatDate, formatValue, unitShort } from '../../lib/core-bridge.ts';
import { indicatorName } from '../../lib/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { SourceLine } from '../../components/source-line.tsx';
import { Link } from '../../components/link.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { canEditIndicator } from '../../lib/access.ts';
import { cityValueText } from '../../lib/city-text.ts';
import { Sparkline } from './sparkline.tsx';
/** The calendar day (JJJJ-MM-TT) of an instant in Berlin: an import at 00:30 MESZ is that day, not the UTC day before. */
export function berlinDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  // en-CA formats as JJJJ-MM-TT
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

/** The file name without a path (older demo runs stored one, e.g. demo-data/berlin/…/x.csv). */
export function fileBaseName(name: string): string {
  return name.split(/[\\/]/).pop() || name;
}

/** One indicator card of the profile. */
export function IndicatorRow({ item, showDate }: { item: ProfileIndicator; showDate: boolean }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const ind = item.indicator;
  const name = indicatorName(ind, lang);
  // same rule as the catalogue's "Bearbeiten" (the server refuses others anyway)
  const editable = canEditIndicator(auth.me, ind);
  // the profile API sends the reason with the flag
  const reason = item.flagReason ?? null;
  // the value cell already says "nicht bewertet"; the note then only adds the reason
  const flagText = item.flag
    ? item.value === null && reason
      ? reason
      : `${t.flagLabel(item.flag)}${reason ? `: ${reason}` : ''}`
    : null;
  return (
    <li className="profile-indicator">
      <div className="profile-indicator-head">
        <h4 className="profile-indicator-name">{name}</h4>
        <span className={`profile-value${item.value === null ? ' profile-value-missing' : ''}`}>
          {item.value === null
            ? item.flag
              ? t.flagLabel(item.flag)
              : t.noData
            : formatValue(item.value, ind.unit, ind.decimals, lang)}
        </span>
      </div>
      <dl className="profile-facts">
        <div>
          <dt>{t.city}</dt>
          <dd>
            {cityValueText(
              {
                value: item.cityValue,
                method: item.cityMethod ?? null,
                coverage: item.cityCoverage,
                note: item.cityNote ?? null,
              },
              ind.unit,
              (v) => formatValue(v, ind.unit, ind.decimals, lang),
              lang,
            ) ?? t.noData}
          </dd>
        </div>
        {item.rank !== null && item.rankOf !== null && ind.unit !== 'class' && (
          <div>
            <dt className="visually-hidden">{t.rankHint}</dt>
            <dd title={t.rankHint}>{t.rank(item.rank, item.rankOf)}</dd>
          </div>
        )}
        {showDate && (
          <div>
            <dt className="visually-hidden">{t.referenceDate}</dt>
            <dd>{t.asOf(formatDate(item.date, lang))}</dd>
          </div>
        )}
        {item.reliability && item.value !== null && (
          <div className={item.reliability.smallBase ? 'profile-flag' : undefined}>
            <dt className={item.reliability.smallBase ? undefined : 'visually-hidden'}>
              {item.reliability.smallBase ? t.smallBase : t.interval95Label}
            </dt>
            <dd title={t.interval95Hint}>
              {t.interval95(
                formatValue(item.reliability.lower, ind.unit, ind.decimals, lang),
                formatValue(item.reliability.upper, ind.unit, ind.decimals, lang),
              )}
              {item.reliability.smallBase && item.denominator !== null
                ? ` · ${t.smallBaseOf(formatValue(item.denominator, 'count', 0, lang))}`
                : ''}
            </dd>
          </div>
        )}
        {flagText && (
          <div className="profile-flag">
            <dt>{t.flagged}</dt>
            <dd>{flagText}</dd>
          </div>
        )}
      </dl>
      {item.series.filter((p) => p.value !== null).length > 1 && (
        <Sparkline
          series={item.series}
          label={t.timeSeries(name)}
          decimals={ind.decimals ?? 1}
          unit={unitShort(ind.unit, lang)}
          highlightDate={item.date}
        />
      )}
      <p className="profile-source">
        <SourceLine source={ind.source} compact />
        {item.imported && (
          <span className="profile-imported">
            {' · '}
            {lang === 'de' ? 'aus Import' : 'from import'}:{' '}
            {item.imported.fileName
              ? fileBaseName(item.imported.fileName)
              : `#${item.imported.importRunId}`}
            {item.imported.importedAt &&
              `, ${formatDate(berlinDay(item.imported.importedAt), lang)}`}
          </span>
        )}
        {editable && (
          <>
            {' · '}
            <Link
              href={`/indikatoren/${encodeURIComponent(ind.id)}/bearbeiten`}
              aria-label={t.editIndicatorOf(name)}
            >
              {t.editIndicator}
            </Link>
          </>
        )}
      </p>
    </li>
  );
}
