// The measure form's location drawn on a small map (issue 14 § 2): the measure's areas among their
// neighbours in core's one drawing (areaView, as the profile mini-map and the agenda evidence), no
// tiles, no network beyond the levels' cached geometry. A click places the point or adds the next
// point of the line; the click's position is turned back into degrees (unprojectFromView) and
// written into the coordinates field, which stays the keyboard alternative. The server still checks
// that the location lies inside the measure's areas.
import type { MouseEvent } from 'react';
import { areasApi, type AreaFeature } from '../../api/areas.ts';
import { useI18n } from '../../i18n/index.tsx';
import {
  areaViewOf,
  projectToView,
  unprojectFromView,
  type AreaView,
} from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import type { AreaChoice } from './form-parts.tsx';
import type { LocationDraft } from './location-field.tsx';

const WIDTH = 400;
const HEIGHT = 300;
const NUMBER = /-?\d+(?:[.,]\d+)?/g;

/** The positions [lon, lat] the draft's lines already give (lines that are not two numbers skipped). */
export function draftPositions(d: LocationDraft): [number, number][] {
  if (d.kind === 'none') return [];
  return d.text.split('\n').flatMap((line) => {
    const nums = (line.match(NUMBER) ?? []).map((x) => Number(x.replace(',', '.')));
    return nums.length === 2 && nums.every(Number.isFinite)
      ? [[nums[1]!, nums[0]!] as [number, number]]
      : [];
  });
}

const lineOf = (p: readonly number[]) => `${p[1]!.toFixed(6)}, ${p[0]!.toFixed(6)}`;

/** The draft after a click at `p` [lon, lat]: a point is replaced, a line gets one more point. */
export function placePosition(d: LocationDraft, p: readonly number[]): LocationDraft {
  if (d.kind === 'Point') return { kind: 'Point', text: lineOf(p) };
  if (d.kind === 'LineString')
    return { kind: 'LineString', text: [...draftPositions(d).map(lineOf), lineOf(p)].join('\n') };
  return d;
}

/** The draft without its last point. */
export function dropLastPosition(d: LocationDraft): LocationDraft {
  return { ...d, text: draftPositions(d).slice(0, -1).map(lineOf).join('\n') };
}

/** The features of every level the chosen areas lie on (one geometry request per level). */
async function loadLevels(ids: readonly number[]): Promise<AreaFeature[]> {
  const details = await Promise.all(ids.map((id) => areasApi.area(id)));
  const levels = new Map(details.map((a) => [`${a.systemId}\u0000${a.levelId}`, a]));
  const collections = await Promise.all(
    [...levels.values()].map((a) => areasApi.geometry(a.systemId, a.levelId)),
  );
  return collections.flatMap((c) => c.features);
}

/** The view of the chosen areas among the current areas of their levels. */
export function locationView(
  features: readonly AreaFeature[],
  ids: readonly number[],
): AreaView<number> | null {
  const shape = (f: AreaFeature) => ({ id: f.properties.id, geometry: f.geometry });
  const focus = features.filter((f) => ids.includes(f.properties.id));
  const others = features.filter((f) => f.properties.validTo === null);
  return areaViewOf(focus.map(shape), others.map(shape), WIDTH, HEIGHT);
}

/** The map: the areas, the drawn location, a click adds a point. */
export function LocationMap({
  areas,
  value,
  onChange,
}: {
  areas: AreaChoice[];
  value: LocationDraft;
  onChange: (v: LocationDraft) => void;
}) {
  const { t } = useI18n();
  const ids = areas.map((a) => a.id);
  const q = useFetch(ids.length ? () => loadLevels(ids) : null, [ids.join(',')]);
  if (ids.length === 0) return <p className="ms-map-hint">{t.msLocationMapNoAreas}</p>;
  const view = q.data ? locationView(q.data, ids) : null;
  if (!view) return null;
  const positions = draftPositions(value).map((p) => projectToView(view.frame, p));
  const click = (e: MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const xy: [number, number] = [
      ((e.clientX - r.left) / r.width) * WIDTH,
      ((e.clientY - r.top) / r.height) * HEIGHT,
    ];
    onChange(placePosition(value, unprojectFromView(view.frame, xy)));
  };
  return (
    <div className="ms-location-map">
      <p className="ms-map-hint" id="ms-map-hint">
        {value.kind === 'Point' ? t.msLocationMapPoint : t.msLocationMapLine}
      </p>
      <svg
        viewBox={view.viewBox}
        role="img"
        aria-label={t.msLocationMapLabel(areas.map((a) => a.name).join(', '))}
        aria-describedby="ms-map-hint"
        onClick={click}
        data-bounds={view.bounds.join(',')}
      >
        {view.neighbours.map((p) => (
          <path key={p.id} className="ms-map-neighbour" d={p.d} />
        ))}
        {view.focus.map((p) => (
          <path key={p.id} className="ms-map-area" d={p.d} />
        ))}
        {value.kind === 'LineString' && positions.length > 1 && (
          <polyline className="ms-map-line" points={positions.map((p) => p.join(',')).join(' ')} />
        )}
        {positions.map(([x, y], i) => (
          <circle
            key={i}
            className="ms-map-point"
            cx={x}
            cy={y}
            r={value.kind === 'Point' ? 6 : 4}
          />
        ))}
      </svg>
      {positions.length > 0 && (
        <div className="ms-inline">
          {value.kind === 'LineString' && (
            <button type="button" className="btn" onClick={() => onChange(dropLastPosition(value))}>
              {t.msLocationMapUndo}
            </button>
          )}
          <button type="button" className="btn" onClick={() => onChange({ ...value, text: '' })}>
            {t.msLocationMapClear}
          </button>
        </div>
      )}
    </div>
  );
}
