// The map drawing (MapLibre, about half of the app's code) loads as its own chunk when a screen
// with a map opens, not with the app: other screens start faster, and a map screen fetches its
// geometry and values while the chunk loads (issue 11 § 6).
import { lazy, Suspense } from 'react';
import type { MapViewProps } from './map-view.tsx';

const MapViewChunk = lazy(() => import('./map-view.tsx').then((m) => ({ default: m.MapView })));

export function LazyMapView(props: MapViewProps) {
  return (
    <Suspense fallback={<div className="map-canvas" aria-busy="true" />}>
      <MapViewChunk {...props} />
    </Suspense>
  );
}
