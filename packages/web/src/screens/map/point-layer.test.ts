// Issue 9 § 4: point layers are clustered at low zoom — the GeoJSON source clusters, one circle layer
// draws the clusters (features with point_count), the other the single points (features without).
import { describe, expect, it } from 'vitest';
import { pointLayerSpecs, type PointLayerData } from './point-layer.ts';

const kitas: PointLayerData = {
  id: 'kitas',
  name: 'Kitas',
  color: '#6a3d9a',
  data: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: 'k1',
        geometry: { type: 'Point', coordinates: [13.4, 52.5] },
        properties: { id: 'k1', name: 'Kita Sonnenschein' },
      },
    ],
  },
};

describe('point layers on the map', () => {
  const { sourceId, source, clusters, points } = pointLayerSpecs(kitas);

  it('clusters the points of a dataset at low zoom (radius 40 px, up to zoom 13)', () => {
    expect(sourceId).toBe('points-kitas');
    expect(source.type).toBe('geojson');
    expect(source.cluster).toBe(true);
    expect(source.clusterRadius).toBe(40);
    expect(source.clusterMaxZoom).toBe(13);
    expect(source.data).toBe(kitas.data);
  });

  it('draws clusters as circles sized by point_count, from the clustered source', () => {
    expect(clusters.id).toBe('points-kitas-clusters');
    expect(clusters.type).toBe('circle');
    expect(clusters.source).toBe(sourceId);
    expect(clusters.filter).toEqual(['has', 'point_count']);
    expect(clusters.paint?.['circle-radius']).toEqual([
      'step',
      ['get', 'point_count'],
      9,
      10,
      13,
      50,
      18,
    ]);
  });

  it('draws single points where they are not clustered (no point_count), in the dataset colour', () => {
    expect(points.id).toBe('points-kitas-points');
    expect(points.type).toBe('circle');
    expect(points.source).toBe(sourceId);
    expect(points.filter).toEqual(['!', clusters.filter]);
    expect(points.paint?.['circle-color']).toBe('#6a3d9a');
  });
});
