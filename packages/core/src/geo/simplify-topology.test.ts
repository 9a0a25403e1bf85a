import { describe, expect, test } from 'vitest';
import { loadBerlinPlr } from './berlin-fixture.ts';
import { geodesicArea } from './measure.ts';
import { simplifyTopology, simplifyTopologyWithStats } from './simplify-topology.ts';
import type { AreaGeometry, Position } from './types.ts';
import { validatePolygons } from './validate.ts';

const key = (p: Position, decimals?: number): string =>
  decimals === undefined
    ? `${p[0]},${p[1]}`
    : `${+p[0].toFixed(decimals)},${+p[1].toFixed(decimals)}`;
/** A closed ring rotated to start at its smallest vertex: output rings may start at a different junction. */
const canonicalRing = (ring: Position[]): Position[] => {
  const open = ring.slice(0, -1);
  let m = 0;
  open.forEach((p, i) => {
    if (p[0] < open[m]![0] || (p[0] === open[m]![0] && p[1] < open[m]![1])) m = i;
  });
  const rotated = [...open.slice(m), ...open.slice(0, m)];
  return [...rotated, rotated[0]!];
};
const verticesOf = (g: AreaGeometry): Position[] =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);

/**
 * For every pair of features that share vertices in the input, the shared input vertices that survive in
 * one output must survive in the other. Returns the pairs that break this (a gap or sliver along their border).
 */
function brokenBorders(
  input: { id: string; geometry: AreaGeometry }[],
  output: { id: string; geometry: AreaGeometry }[],
  decimals?: number,
): string[] {
  const owners = new Map<string, Set<number>>();
  input.forEach((f, i) => {
    for (const p of verticesOf(f.geometry)) {
      const k = key(p, decimals);
      (owners.get(k) ?? owners.set(k, new Set()).get(k)!).add(i);
    }
  });
  const outKeys = output.map((f) => new Set(verticesOf(f.geometry).map((p) => key(p))));
  const broken = new Set<string>();
  let pairsChecked = 0;
  const seenPairs = new Set<string>();
  for (const [k, set] of owners) {
    if (set.size < 2) continue;
    const ids = [...set];
    for (const a of ids)
      for (const b of ids) {
        if (a >= b) continue;
        const pair = `${input[a]!.id}|${input[b]!.id}`;
        if (!seenPairs.has(pair)) {
          seenPairs.add(pair);
          pairsChecked++;
        }
        if (outKeys[a]!.has(k) !== outKeys[b]!.has(k)) broken.add(pair);
      }
  }
  expect(pairsChecked).toBeGreaterThan(0);
  return [...broken];
}

describe('simplifyTopology on two neighbours', () => {
  // Two unit squares sharing a wiggly border x ≈ 1.
  const border: Position[] = [
    [1, 0],
    [1.01, 0.2],
    [0.99, 0.4],
    [1.01, 0.6],
    [0.99, 0.8],
    [1, 1],
  ];
  const left = {
    id: 'L',
    geometry: {
      type: 'Polygon' as const,
      coordinates: [[[0, 0], ...border, [0, 1], [0, 0]] as Position[]],
    },
  };
  const right = {
    id: 'R',
    geometry: {
      type: 'Polygon' as const,
      coordinates: [[[2, 0], [2, 1], ...[...border].reverse(), [2, 0]] as Position[]],
    },
  };

  test('simplifies the shared border once, so both sides get identical vertices', () => {
    const out = simplifyTopology([left, right], { tolerance: 0.05 });
    expect(canonicalRing(out[0]!.geometry.coordinates[0] as Position[])).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    expect(canonicalRing(out[1]!.geometry.coordinates[0] as Position[])).toEqual([
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 0],
    ]);
  });

  test('keeps the wiggles below the tolerance and the ids in order', () => {
    const out = simplifyTopology([left, right], { tolerance: 0.001 });
    expect(out.map((f) => f.id)).toEqual(['L', 'R']);
    expect(canonicalRing(out[0]!.geometry.coordinates[0] as Position[])).toEqual(
      left.geometry.coordinates[0],
    );
  });

  test('keeps an enclave identical to the hole it fills', () => {
    const hole: Position[] = [
      [0.2, 0.2],
      [0.2, 0.5],
      [0.21, 0.55],
      [0.2, 0.6],
      [0.5, 0.6],
      [0.5, 0.2],
      [0.2, 0.2],
    ];
    const outer: Position[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const holed = { id: 'A', geometry: { type: 'Polygon' as const, coordinates: [outer, hole] } };
    const enclave = {
      id: 'B',
      geometry: { type: 'Polygon' as const, coordinates: [[...hole].reverse()] },
    };
    const out = simplifyTopology([holed, enclave], { tolerance: 0.02 });
    const holeOut = out[0]!.geometry.coordinates[1] as Position[];
    const enclaveOut = out[1]!.geometry.coordinates[0] as Position[];
    expect(holeOut).toHaveLength(5);
    expect(new Set(enclaveOut.map((p) => key(p)))).toEqual(new Set(holeOut.map((p) => key(p))));
  });

  test('keeps MultiPolygons as MultiPolygons and shares the border of one part with a neighbour', () => {
    const multi = {
      id: 'M',
      geometry: {
        type: 'MultiPolygon' as const,
        coordinates: [
          [[[0, 0], ...border, [0, 1], [0, 0]] as Position[]],
          [
            [
              [5, 5],
              [6, 5],
              [6, 6],
              [5, 5],
            ] as Position[],
          ],
        ],
      },
    };
    const out = simplifyTopology([multi, right], { tolerance: 0.05 });
    expect(out[0]!.geometry.type).toBe('MultiPolygon');
    const parts = out[0]!.geometry.coordinates as Position[][][];
    expect(parts).toHaveLength(2);
    expect(canonicalRing(parts[0]![0]!)).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    expect(canonicalRing(parts[1]![0]!)).toEqual([
      [5, 5],
      [6, 5],
      [6, 6],
      [5, 5],
    ]);
    expect(canonicalRing(out[1]!.geometry.coordinates[0] as Position[])).toEqual([
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 0],
    ]);
  });

  test('never collapses a ring below 3 corners, even with a huge tolerance', () => {
    const tiny = {
      id: 'T',
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [0, 0],
            [0.001, 0],
            [0.002, 0.0001],
            [0.001, 0.001],
            [0, 0.001],
            [0, 0],
          ] as Position[],
        ],
      },
    };
    const r = simplifyTopologyWithStats([tiny], { tolerance: 1 });
    expect(r.stats.ringsRepaired).toBe(1);
    const ring = r.features[0]!.geometry.coordinates[0] as Position[];
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });
});

describe('simplifyTopology on the 542 Berlin Planungsräume (LOR 2021)', { timeout: 30_000 }, () => {
  const plr = loadBerlinPlr().map((f) => ({
    id: f.properties.PLR_ID,
    geometry: f.geometry as AreaGeometry,
  }));
  const rawBytes = JSON.stringify(plr).length;

  test('the border check detects gaps when each polygon is simplified on its own (the check can fail)', () => {
    const naive = plr.map((f) => simplifyTopology([f], { tolerance: 0.00005 })[0]!);
    expect(brokenBorders(plr, naive).length).toBeGreaterThan(100);
  });

  test('keeps every shared border identical between neighbours, unquantized and quantized to 6 decimals', () => {
    const exact = simplifyTopology(plr, { tolerance: 0.00005 });
    expect(brokenBorders(plr, exact)).toEqual([]);
    const quantized = simplifyTopology(plr, { tolerance: 0.00005, quantize: 6 });
    expect(brokenBorders(plr, quantized, 6)).toEqual([]);
  });

  test('shrinks the JSON to 10 % at 0.00005° (≈ 5 m) without invalid or collapsed rings, areas within 2 %', () => {
    const r = simplifyTopologyWithStats(plr, { tolerance: 0.00005, quantize: 6 });
    const ratio = JSON.stringify(r.features).length / rawBytes;
    // Golden figures (input: 198 087 positions, 7 decimals): 1 550 arcs, 1 477 of them shared by two PLR.
    expect(r.stats).toEqual({
      arcs: 1550,
      sharedArcs: 1477,
      verticesIn: 198_087,
      verticesOut: 20_037,
      ringsRepaired: 0,
    });
    expect(ratio).toBeCloseTo(0.1, 2);
    expect(
      validatePolygons(
        r.features.map((f) => ({ properties: { PLR_ID: f.id }, geometry: f.geometry })),
        { idProperty: 'PLR_ID' },
      ),
    ).toEqual([]);
    const worst = Math.max(
      ...r.features.map((f, i) =>
        Math.abs(geodesicArea(f.geometry) / geodesicArea(plr[i]!.geometry) - 1),
      ),
    );
    expect(worst).toBeCloseTo(0.01205, 4); // golden: PLR 01200518, a narrow strip; the median PLR changes by 0.12 %
  });
});
