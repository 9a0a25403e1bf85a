// Why an area is classified as it is: the German sentence of the core explanation and the
// contribution of each indicator (z-value × weight) to the status and dynamics sums.
import {
  type IndexEdition,
  type IndexPartExplanation,
  monitoringApi,
} from '../../api/monitoring.ts';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';

function PartTable({ part }: { part: IndexPartExplanation }) {
  const { t, lang } = useI18n();
  const max = Math.max(...part.contributions.map((c) => Math.abs(c.contribution)), 1e-9);
  return (
    <div style={{ margin: '8px 0' }}>
      <h4 style={{ margin: '0 0 2px', fontSize: 14 }}>
        {part.label}: {formatNumber(part.index, 2, lang)} ({part.classLabel})
      </h4>
      <p style={{ margin: '0 0 4px', fontSize: 12, color: '#444' }}>
        {t.monRank(formatNumber(part.rank, 0, lang), formatNumber(part.of, 0, lang))}
        {part.nearThreshold ? ` · ${t.monNearThreshold}` : ''}
      </p>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
        <thead>
          <tr style={{ borderBottom: '1px solid #999' }}>
            <th scope="col" style={{ textAlign: 'left' }}>
              {t.monIndicator}
            </th>
            <th scope="col" style={{ textAlign: 'right' }}>
              {t.monZValue}
            </th>
            <th scope="col" style={{ textAlign: 'left', paddingLeft: 8 }}>
              {t.monContribution}
            </th>
          </tr>
        </thead>
        <tbody>
          {part.contributions.map((c) => {
            const w = (Math.abs(c.contribution) / max) * 45;
            return (
              <tr key={c.indicatorId} style={{ borderBottom: '1px solid #eee' }}>
                <td>{c.label}</td>
                <td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(c.standardised, 2, lang)}
                </td>
                <td style={{ paddingLeft: 8 }}>
                  <span
                    aria-hidden="true"
                    style={{
                      display: 'inline-block',
                      width: 100,
                      height: 10,
                      position: 'relative',
                      background: '#f0f0f0',
                      verticalAlign: 'middle',
                      marginRight: 6,
                    }}
                  >
                    <span
                      style={{
                        position: 'absolute',
                        top: 0,
                        height: 10,
                        left: c.contribution >= 0 ? 50 : 50 - w,
                        width: w,
                        background: c.contribution >= 0 ? '#b35806' : '#542788',
                      }}
                    />
                  </span>
                  <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {c.contribution > 0 ? '+' : ''}
                    {formatNumber(c.contribution, 2, lang)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SimilarList({
  indexId,
  areaId,
  edition,
  onSelect,
}: {
  indexId: string;
  areaId: number;
  edition: IndexEdition;
  onSelect: (id: number) => void;
}) {
  const { t, lang } = useI18n();
  const q = useFetch(
    () => monitoringApi.similarAreas(indexId, areaId, edition),
    [indexId, areaId, edition.system, edition.level, edition.date],
  );
  if (q.status === 'error') return null;
  if (!q.data) return <Loading />;
  const d = q.data;
  return (
    <div style={{ marginTop: 8 }}>
      <h3 style={{ fontSize: 14, margin: '6px 0 2px' }}>{t.monSimilarTitle}</h3>
      <p style={{ margin: '0 0 4px', fontSize: 12, color: '#444' }}>
        {t.monSimilarNote(d.indicators.map((i) => i.label).join(', '))}
      </p>
      <ol style={{ margin: 0, paddingLeft: 20, fontSize: 13 }}>
        {d.similar.map((s) => {
          const top = s.differences[0];
          return (
            <li key={s.areaId}>
              <button
                type="button"
                onClick={() => onSelect(s.areaId)}
                style={{
                  background: 'none',
                  border: 0,
                  padding: 0,
                  font: 'inherit',
                  color: '#0b3a66',
                  textDecoration: 'underline',
                  cursor: 'pointer',
                }}
              >
                {s.name}
              </button>{' '}
              <span style={{ color: '#555' }}>
                {t.monSimilarDistance} {formatNumber(s.distance, 2, lang)}
                {top
                  ? ` (${top.label} ${top.difference > 0 ? '+' : ''}${formatNumber(top.difference, 1, lang)})`
                  : ''}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function ExplainPanel({
  indexId,
  areaId,
  edition,
  onClose,
  onSelect,
}: {
  indexId: string;
  areaId: number;
  edition: IndexEdition;
  onClose: () => void;
  onSelect: (id: number) => void;
}) {
  const { t } = useI18n();
  const q = useFetch(
    () => monitoringApi.explainIndexArea(indexId, areaId, edition),
    [indexId, areaId, edition.system, edition.level, edition.date],
  );
  return (
    <section
      aria-labelledby="mon-explain-title"
      style={{ borderBottom: '1px solid #ccc', paddingBottom: 10, marginBottom: 12 }}
    >
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
        <h2 id="mon-explain-title" style={{ fontSize: 16, margin: 0, flex: 1 }}>
          {q.data ? `${q.data.name} (${q.data.code})` : t.monExplainTitle}
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label={t.monClose}>
          ×
        </button>
      </div>
      {q.status === 'loading' && <Loading />}
      {q.status === 'error' && <ErrorState error={q.error} onRetry={q.reload} />}
      {q.data && q.status === 'ok' && (
        <>
          <h3 style={{ fontSize: 14, margin: '6px 0 2px' }}>{t.monExplainTitle}</h3>
          <p style={{ margin: '0 0 6px', lineHeight: 1.45 }}>{q.data.text}</p>
          {q.data.status && <PartTable part={q.data.status} />}
          {q.data.dynamics && <PartTable part={q.data.dynamics} />}
          {q.data.scored && (
            <SimilarList indexId={indexId} areaId={areaId} edition={edition} onSelect={onSelect} />
          )}
        </>
      )}
    </section>
  );
}
