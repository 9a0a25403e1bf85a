// Check boxes to show point datasets (Standorte) on the map; loads a dataset's points when switched on.
// On phones the box starts folded to one button (fold.tsx), like the legend, so it does not cover the map.
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { FoldButton, useFold } from './fold.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { pointsApi, type PointFeatureCollection } from '../points/points-api.ts';
import { POINT_COLORS, type LineFeatureCollection, type PointLayerData } from './point-colors.ts';
import { measuresApi } from '../../api/measures.ts';
import { useAuth } from '../../lib/auth.tsx';

/** The id of the measures' layer among the point layers (no dataset id has an umlaut). */
const MEASURES = 'maßnahmen';
const MEASURE_COLOR = '#b30059';

type Loaded = PointFeatureCollection & { lines?: LineFeatureCollection };

/**
 * Measures as points: their own point, a line's first point, or the centre of their areas; a
 * measure located along a line is drawn as that line too (issue 14 § 2).
 */
async function loadMeasurePoints(): Promise<Loaded> {
  const list = await measuresApi.list();
  return {
    type: 'FeatureCollection',
    lines: {
      type: 'FeatureCollection',
      features: list.flatMap((m) =>
        m.geometry?.type === 'LineString'
          ? [
              {
                type: 'Feature' as const,
                id: m.id,
                geometry: { type: 'LineString' as const, coordinates: m.geometry.coordinates },
                properties: { id: m.id, name: m.title },
              },
            ]
          : [],
      ),
    },
    features: list.flatMap((m) =>
      m.marker && m.marker.length === 2
        ? [
            {
              type: 'Feature' as const,
              id: m.id,
              geometry: { type: 'Point' as const, coordinates: [m.marker[0]!, m.marker[1]!] },
              properties: { id: m.id, name: m.title },
            },
          ]
        : [],
    ),
  };
}

/** The toggles; `onChange` gets the datasets to show, with their points. */
export function PointLayerToggles({ onChange }: { onChange: (layers: PointLayerData[]) => void }) {
  const id = useId();
  const { t } = useI18n();
  const fold = useFold();
  const datasets = useFetch(() => pointsApi.datasets(), []);
  const [on, setOn] = useState<string[]>([]);
  const [loaded, setLoaded] = useState<Record<string, Loaded>>({});
  const [error, setError] = useState<string | null>(null);
  const measures = useAuth().can('measures.read');

  useEffect(() => {
    for (const d of on)
      if (!loaded[d])
        (d === MEASURES ? loadMeasurePoints() : pointsApi.features(d)).then(
          (fc) => setLoaded((l) => ({ ...l, [d]: fc })),
          () => setError('Die Standorte konnten nicht geladen werden.'),
        );
  }, [on, loaded]);

  useEffect(() => {
    const list = datasets.data ?? [];
    const measureLayer: PointLayerData[] =
      on.includes(MEASURES) && loaded[MEASURES]
        ? [
            {
              id: MEASURES,
              name: t.navMeasures,
              color: MEASURE_COLOR,
              data: loaded[MEASURES],
              ...(loaded[MEASURES].lines ? { lines: loaded[MEASURES].lines } : {}),
            },
          ]
        : [];
    onChange([
      ...measureLayer,
      ...list.flatMap((d, i) =>
        on.includes(d.id) && loaded[d.id]
          ? [
              {
                id: d.id,
                name: d.nameDe,
                color: POINT_COLORS[i % POINT_COLORS.length]!,
                data: loaded[d.id]!,
              },
            ]
          : [],
      ),
    ]);
  }, [on, loaded, datasets.data, onChange, t.navMeasures]);

  if (!datasets.data || datasets.data.length === 0) return null;
  return (
    <section className={`point-toggles ${fold.className}`} aria-labelledby={`${id}-h`}>
      <div className="point-toggles-head">
        <h2 id={`${id}-h`} className="point-toggles-title">
          Standorte
        </h2>
        <FoldButton fold={fold} showLabel={t.pointsShow} hideLabel={t.pointsHide} />
      </div>
      <fieldset
        className="point-toggles-body fold-body"
        id={fold.bodyId}
        aria-labelledby={`${id}-h`}
        aria-describedby={error ? `${id}-err` : undefined}
      >
        {measures && (
          <label>
            <input
              type="checkbox"
              checked={on.includes(MEASURES)}
              onChange={(e) =>
                setOn((o) =>
                  e.target.checked ? [...o, MEASURES] : o.filter((x) => x !== MEASURES),
                )
              }
            />{' '}
            <span
              aria-hidden="true"
              className="point-swatch"
              style={{ background: MEASURE_COLOR }}
            />{' '}
            {t.navMeasures}
          </label>
        )}
        {datasets.data.map((d, i) => (
          <label key={d.id}>
            <input
              type="checkbox"
              checked={on.includes(d.id)}
              onChange={(e) =>
                setOn((o) => (e.target.checked ? [...o, d.id] : o.filter((x) => x !== d.id)))
              }
            />{' '}
            <span
              aria-hidden="true"
              className="point-swatch"
              style={{ background: POINT_COLORS[i % POINT_COLORS.length] }}
            />{' '}
            {d.nameDe} ({d.count.toLocaleString('de-DE')})
          </label>
        ))}
        {error && (
          <p id={`${id}-err`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
    </section>
  );
}
