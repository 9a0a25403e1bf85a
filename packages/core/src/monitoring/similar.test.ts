import { describe, expect, it } from 'vitest';
import { MonitoringError } from './errors.ts';
import { findSimilarAreas } from './similar.ts';

const indicators = [
  { indicatorId: 'A', label: 'Arbeitslosigkeit' },
  { indicatorId: 'K', label: 'Kinderarmut' },
];
const areas = [
  { id: 'ziel', values: { A: 5, K: 20 } },
  { id: 'nah', values: { A: 5.5, K: 21 } },
  { id: 'mittel', values: { A: 8, K: 20 } },
  { id: 'fern', values: { A: 12, K: 50 } },
  { id: 'ohne', values: { A: 5, K: null } },
];

describe('findSimilarAreas', () => {
  it('returns the k nearest areas by Euclidean distance of z-values with the indicators that differ most', () => {
    const r = findSimilarAreas(areas, 'ziel', { indicators, k: 2 });
    expect(r).toMatchObject({ compared: 4, skipped: 1 });
    expect(r.neighbours.map((n) => n.areaId)).toEqual(['nah', 'mittel']);
    // z over the 4 complete areas: A mean 7.625, SD 2.838…; K mean 27.75, SD 12.698…
    const sdA = Math.sqrt([5, 5.5, 8, 12].reduce((a, v) => a + (v - 7.625) ** 2, 0) / 4);
    const sdK = Math.sqrt([20, 21, 20, 50].reduce((a, v) => a + (v - 27.75) ** 2, 0) / 4);
    expect(r.neighbours[0]?.distance).toBeCloseTo(Math.hypot(0.5 / sdA, 1 / sdK), 12);
    expect(r.neighbours[1]?.differences[0]).toMatchObject({
      indicatorId: 'A',
      label: 'Arbeitslosigkeit',
    });
    expect(r.neighbours[1]?.differences[0]?.difference).toBeCloseTo(3 / sdA, 12);
  });

  it('refuses an area without all values, an unknown area and an indicator without variance', () => {
    expect(() => findSimilarAreas(areas, 'ohne', { indicators })).toThrow(
      'Gebiet ohne hat nicht für alle gewählten Indikatoren einen Wert.',
    );
    expect(() => findSimilarAreas(areas, 'x', { indicators })).toThrow(MonitoringError);
    const flat = areas.map((a) => ({ ...a, values: { ...a.values, C: 1 } }));
    expect(() =>
      findSimilarAreas(flat, 'ziel', { indicators: [{ indicatorId: 'C', label: 'C' }] }),
    ).toThrow('keine Streuung');
  });
});
