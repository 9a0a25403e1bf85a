// The map drawing (MapLibre, about half of the app's code) loads as its own chunk when a screen
// with a map opens, not with the app: other screens start faster, and a map screen fetches its
// geometry and values while the chunk loads (issue 11 § 6): the screen asks for the chunk when it
// opens (preloadMapView), not only once the geometry is there to draw.
import { lazy, Suspense } from 'react';
import type { MapViewProps } from './map-view.tsx';

let chunk: Promise<typeof import('./map-view.tsx')> | null = null;

/** Starts loading the map's code (once); the map view uses the same load. */
export function preloadMapView(): Promise<typeof import('./map-view.tsx')> {
  chunk ??= import('./map-view.tsx');
  return chunk;
}

const MapViewChunk = lazy(() => preloadMapView().then((m) => ({ default: m.MapView })));

export function LazyMapView(props: MapViewProps) {
  return (
    <Suspense fallback={<div className="map-canvas" aria-busy="true" />}>
      <MapViewChunk {...props} />
    </Suspense>
  );
}
