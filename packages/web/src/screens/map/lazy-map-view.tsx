// The map drawing (MapLibre, about half of the app's code) loads as its own chunk when a screen
// with a map opens, not with the app: other screens start faster, and a map screen fetches its
// geometry and values while the chunk loads (issue 11 § 6): the screen asks for the chunk when it
// opens (preloadMapView), not only once the geometry is there to draw. Until MapLibre has drawn
// the areas, an SVG picture of them in the same place stands in (map-preview.tsx).
import { Component, lazy, Suspense, useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { MapPreview } from './map-preview.tsx';
import type { MapViewProps } from './map-view.tsx';

let chunk: Promise<typeof import('./map-view.tsx')> | null = null;

/** Starts loading the map's code (once); the map view uses the same load. */
export function preloadMapView(): Promise<typeof import('./map-view.tsx')> {
  chunk ??= import('./map-view.tsx');
  return chunk;
}

const MapViewChunk = lazy(() => preloadMapView().then((m) => ({ default: m.MapView })));

/** When the map's code cannot be loaded (offline, a new release): a notice, not a blank app. */
class ChunkBoundary extends Component<{ fallback: ReactNode; children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function ChunkFailed() {
  const { t } = useI18n();
  return (
    <div className="map-loading" role="alert">
      <p className="state">
        {t.mapChunkFailed}{' '}
        <button type="button" className="btn btn-small" onClick={() => window.location.reload()}>
          {t.mapReload}
        </button>
      </p>
    </div>
  );
}

export function LazyMapView(props: MapViewProps) {
  const [mapPainted, setMapPainted] = useState(false);
  return (
    <>
      <ChunkBoundary fallback={<ChunkFailed />}>
        <Suspense fallback={<div className="map-canvas" aria-busy="true" />}>
          <MapViewChunk {...props} onPainted={() => setMapPainted(true)} />
        </Suspense>
      </ChunkBoundary>
      {!mapPainted && (
        <MapPreview geometry={props.geometry} colors={props.colors} hidden={props.hidden} />
      )}
    </>
  );
}
