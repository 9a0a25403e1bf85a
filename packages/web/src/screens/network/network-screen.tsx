// /netzwerk: the actor network — organisations and bodies on a circle (no graph library), their
// cooperations and memberships as lines, the same as a table for screen readers and keyboards,
// filters by Lebenslage and area, and downloads as GraphML and CSV for network-analysis tools.
import { useId, useMemo, useState } from 'react';
import { graphQuery, supplyApi, type NetworkGraph } from '../../api/supply.ts';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { circularLayout, DIMENSIONS, formatDate } from '../../lib/core-bridge.ts';
import { dimensionLabel } from '../../lib/labels.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { AreaFilter } from './area-filter.tsx';
import { LinkForm } from './link-form.tsx';

export function NetworkScreen({ search }: { search: string }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const id = useId();
  const params = new URLSearchParams(search);
  const [dimension, setDimension] = useState(params.get('lebenslage') ?? '');
  const fromUrl = params.get('gebiet') ?? '';
  const initialArea = /^\d{1,9}$/.test(fromUrl) ? Number(fromUrl) : null;
  const [area, setArea] = useState<number | null>(initialArea);
  const filter = { dimension: dimension || null, area };
  const res = useFetch(() => supplyApi.graph(filter), [dimension, area]);
  const query = graphQuery(filter);
  return (
    <div className="page page-network">
      <h1>{t.networkTitle}</h1>
      <p className="lead">{t.networkIntro}</p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-dim`} className="field-label">
            {t.networkDimension}
          </label>
          <select id={`${id}-dim`} value={dimension} onChange={(e) => setDimension(e.target.value)}>
            <option value="">{t.networkAllDimensions}</option>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {dimensionLabel(d, lang)}
              </option>
            ))}
          </select>
        </div>
        <AreaFilter id={`${id}-area`} initialId={initialArea} onChange={setArea} />
        <div className="field network-exports">
          <a className="btn" href={`/api/network/graph.graphml${query}`} download>
            {t.networkExportGraphml}
          </a>
          <a className="btn" href={`/api/network/graph.csv${query}`} download>
            {t.networkExportCsv}
          </a>
        </div>
      </form>
      {auth.can('network.edit_own') && <LinkForm onSaved={res.reload} />}
      {res.status === 'error' && (
        <ErrorState error={res.error} what={t.networkTitle} onRetry={res.reload} />
      )}
      {res.status === 'loading' && !res.data && <Loading />}
      {res.data && res.data.edges.length === 0 && <p className="empty-state">{t.networkEmpty}</p>}
      {res.data && res.data.edges.length > 0 && <NetworkView graph={res.data} />}
    </div>
  );
}

function NetworkView({ graph }: { graph: NetworkGraph }) {
  const { t, lang } = useI18n();
  const pos = useMemo(() => circularLayout(graph.nodes), [graph.nodes]);
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const size = 640;
  // room beside the circle for a label of up to 34 characters at the drawn font size
  const margin = 220;
  return (
    <>
      <svg
        className="network-svg"
        viewBox={`${-margin} -20 ${size + 2 * margin} ${size + 40}`}
        role="img"
        aria-label={t.networkGraphLabel(graph.nodes.length, graph.edges.length)}
      >
        {graph.edges.map((e, i) => {
          const a = pos.get(e.source)!;
          const b = pos.get(e.target)!;
          return (
            <line
              key={i}
              x1={a.x * size}
              y1={a.y * size}
              x2={b.x * size}
              y2={b.y * size}
              className={e.kind === 'mitgliedschaft' ? 'network-edge member' : 'network-edge'}
            />
          );
        })}
        {graph.nodes.map((n) => {
          const p = pos.get(n.id)!;
          const right = p.x >= 0.5;
          return (
            <g key={n.id} transform={`translate(${p.x * size},${p.y * size})`}>
              {n.kind === 'body' ? (
                <rect x={-7} y={-7} width={14} height={14} className="network-node body" />
              ) : (
                <circle r={6} className="network-node" />
              )}
              <text x={right ? 10 : -10} y={4} textAnchor={right ? 'start' : 'end'}>
                {n.label.length > 34 ? `${n.label.slice(0, 33)}…` : n.label}
              </text>
            </g>
          );
        })}
      </svg>
      <h2>{t.networkEdges}</h2>
      {/* not ListTable: the rows hold no link, so the scrolling wrapper must take focus itself (axe
          scrollable-region-focusable on narrow screens) */}
      <div className="list-wrap" tabIndex={0} role="region" aria-label={t.networkEdges}>
        <table className="list-table">
          <caption className="visually-hidden">{t.networkEdges}</caption>
          <thead>
            <tr>
              {[t.networkFrom, t.networkTo, t.networkKind, t.networkPeriod].map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {graph.edges.map((e, i) => (
              <tr key={i}>
                <td>{label.get(e.source)}</td>
                <td>{label.get(e.target)}</td>
                <td>{t.networkLinkKinds(e.kind)}</td>
                <td>
                  {e.validFrom ? formatDate(e.validFrom, lang) : '…'} –{' '}
                  {e.validTo ? formatDate(e.validTo, lang) : '…'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
