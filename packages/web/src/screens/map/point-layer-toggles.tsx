// Check boxes to show point datasets (Standorte) on the map; loads a dataset's points when switched on.
// On phones the box starts folded to one button (fold.tsx), like the legend, so it does not cover the map.
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { FoldButton, useFold } from './fold.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { pointsApi, type PointFeatureCollection } from '../points/points-api.ts';
import { POINT_COLORS, type PointLayerData } from './point-layer.ts';

/** The toggles; `onChange` gets the datasets to show, with their points. */
export function PointLayerToggles({ onChange }: { onChange: (layers: PointLayerData[]) => void }) {
  const id = useId();
  const { t } = useI18n();
  const fold = useFold();
  const datasets = useFetch(() => pointsApi.datasets(), []);
  const [on, setOn] = useState<string[]>([]);
  const [loaded, setLoaded] = useState<Record<string, PointFeatureCollection>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    for (const d of on)
      if (!loaded[d])
        pointsApi.features(d).then(
          (fc) => setLoaded((l) => ({ ...l, [d]: fc })),
          () => setError('Die Standorte konnten nicht geladen werden.'),
        );
  }, [on, loaded]);

  useEffect(() => {
    const list = datasets.data ?? [];
    onChange(
      list.flatMap((d, i) =>
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
    );
  }, [on, loaded, datasets.data, onChange]);

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
