// Changes since the previous edition of the same area system and level: areas whose status class
// got worse (the German explanation of the core) and areas with negative dynamics twice in a row.
import { type IndexEdition, monitoringApi } from '../../api/monitoring.ts';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { useI18n } from '../../i18n/index.tsx';

/** The latest edition before `edition` on the same system and level, or null. */
export function previousEdition(
  editions: readonly IndexEdition[],
  edition: IndexEdition,
): IndexEdition | null {
  const earlier = editions
    .filter(
      (e) => e.system === edition.system && e.level === edition.level && e.date < edition.date,
    )
    .sort((a, b) => b.date.localeCompare(a.date));
  return earlier[0] ?? null;
}

const linkStyle: React.CSSProperties = {
  background: 'none',
  border: 0,
  padding: 0,
  font: 'inherit',
  color: '#0b3a66',
  textDecoration: 'underline',
  cursor: 'pointer',
  textAlign: 'left',
};

export function ChangesList({
  indexId,
  edition,
  previous,
  onSelect,
}: {
  indexId: string;
  edition: IndexEdition;
  previous: IndexEdition;
  onSelect: (id: number) => void;
}) {
  const { t, lang } = useI18n();
  const q = useFetch(
    () =>
      monitoringApi.indexChanges(indexId, {
        system: edition.system,
        level: edition.level,
        from: previous.date,
        to: edition.date,
      }),
    [indexId, edition.system, edition.level, edition.date, previous.date],
  );
  if (!q.data || q.status !== 'ok') return null;
  const worse = q.data.status
    .filter((c) => c.direction === 'verschlechtert')
    .sort((a, b) => b.steps - a.steps || a.name.localeCompare(b.name, 'de'));
  const better = q.data.status.length - worse.length;
  const n = (x: number) => formatNumber(x, 0, lang);
  return (
    <section
      aria-labelledby="mon-changes-title"
      style={{ borderBottom: '1px solid #ccc', paddingBottom: 10, marginBottom: 12, fontSize: 13 }}
    >
      <h2 id="mon-changes-title" style={{ fontSize: 16, margin: '0 0 2px' }}>
        {t.monChangesTitle(formatDate(previous.date, lang))}
      </h2>
      <p style={{ margin: '0 0 6px', color: '#444' }}>
        {t.monChangesSummary(n(worse.length), n(better))}
      </p>
      <details>
        <summary>
          {t.monChangesWorse} ({n(worse.length)})
        </summary>
        <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
          {worse.map((c) => (
            <li key={c.areaId}>
              <button type="button" style={linkStyle} onClick={() => onSelect(c.areaId)}>
                {c.name}
              </button>
              : {c.fromLabel} → {c.toLabel}
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>
          {t.monRepeatedNegative} ({n(q.data.repeatedNegativeDynamics.length)})
        </summary>
        {q.data.repeatedNegativeDynamics.length === 0 ? (
          <p style={{ margin: '4px 0' }}>{t.monNone}</p>
        ) : (
          <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
            {q.data.repeatedNegativeDynamics.map((r) => (
              <li key={r.areaId}>
                <button type="button" style={linkStyle} onClick={() => onSelect(r.areaId)}>
                  {r.name}
                </button>{' '}
                <span style={{ color: '#555' }}>{r.code}</span>
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
