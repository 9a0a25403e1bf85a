// The body of the area profile (issue 11 § 3): the notable indicators first — furthest out among the
// level's areas, read by polarity in words and colour — then every indicator by Lebenslage in
// folding groups, the group and indicator the person came from first, and the indicators without a
// value for the date folded into one line per group.
import { useState } from 'react';
import type { ProfileIndicator } from '../../api/indicators.ts';
import { formatValue } from '../../lib/core-bridge.ts';
import { dimensionLabel, indicatorName } from '../../lib/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { IndicatorRow } from './indicator-row.tsx';
import { cameFromFirst, notableIndicators, splitEmpty, type Notable } from './notable.ts';
import './profile-groups.css';

export interface ProfileGroup {
  dimension: string;
  indicators: ProfileIndicator[];
}

function NotableRow({ n }: { n: Notable }) {
  const { t, lang } = useI18n();
  const ind = n.item.indicator;
  const pct = Math.round((n.high ? n.above : 1 - n.above) * 100);
  return (
    <li className={`notable notable-${n.reading}`}>
      <span className="notable-name">{indicatorName(ind, lang)}</span>
      <span className="notable-value">
        {formatValue(n.item.value, ind.unit, ind.decimals, lang)}
      </span>
      <span className="notable-why">
        {n.high ? t.profNotableHigher(pct) : t.profNotableLower(pct)}
        {n.reading !== 'neutral' && ` – ${t.profNotableReading(n.reading)}`}
      </span>
    </li>
  );
}

/** "Auffällig": the indicators furthest out; nothing when none is. */
export function NotableSection({
  groups,
  headingId,
}: {
  groups: readonly ProfileGroup[];
  headingId: string;
}) {
  const { t } = useI18n();
  const notable = notableIndicators(groups.flatMap((g) => g.indicators));
  if (notable.length === 0) return null;
  return (
    <section className="profile-group profile-notable" aria-labelledby={`${headingId}-notable`}>
      <h3 id={`${headingId}-notable`} className="profile-group-title">
        {t.profNotable}
      </h3>
      <p className="profile-meta">{t.profNotableHint}</p>
      <ul className="notable-list">
        {notable.map((n) => (
          <NotableRow key={n.item.indicator.id} n={n} />
        ))}
      </ul>
    </section>
  );
}

function Group({
  group,
  headingId,
  mainDate,
  cameFrom,
}: {
  group: ProfileGroup;
  headingId: string;
  mainDate: string | null;
  cameFrom: string | null;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(true);
  const id = `${headingId}-${group.dimension}`;
  const { shown, empty } = splitEmpty(cameFromFirst(group.indicators, cameFrom));
  return (
    <section className="profile-group" aria-labelledby={id}>
      <h3 id={id} className="profile-group-title">
        <button
          type="button"
          className="group-toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true" className="group-chevron">
            {open ? '▾' : '▸'}
          </span>
          {dimensionLabel(group.dimension, lang)}
          <span className="group-count"> ({group.indicators.length})</span>
        </button>
      </h3>
      <div id={`${id}-body`} hidden={!open}>
        {shown.length > 0 && (
          <ul className="profile-list">
            {shown.map((item) => (
              <IndicatorRow key={item.indicator.id} item={item} showDate={item.date !== mainDate} />
            ))}
          </ul>
        )}
        {empty.length > 0 && (
          <p className="profile-empty-line profile-no-values">
            {t.profNoValues(empty.length)}{' '}
            {empty.map((i) => indicatorName(i.indicator, lang)).join(' · ')}
          </p>
        )}
      </div>
    </section>
  );
}

/** All groups; the one holding the indicator the person came from leads. */
export function ProfileGroups({
  groups,
  headingId,
  mainDate,
  cameFrom,
}: {
  groups: readonly ProfileGroup[];
  headingId: string;
  mainDate: string | null;
  cameFrom: string | null;
}) {
  const lead = groups.filter((g) => g.indicators.some((i) => i.indicator.id === cameFrom));
  const ordered = [...lead, ...groups.filter((g) => !lead.includes(g))];
  return (
    <>
      {ordered.map((g) => (
        <Group
          key={g.dimension}
          group={g}
          headingId={headingId}
          mainDate={mainDate}
          cameFrom={cameFrom}
        />
      ))}
    </>
  );
}
