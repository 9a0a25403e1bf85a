// Supply ratios, gap ranking and reachability on small cases checked by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankSupplyGaps } from './gaps.ts';
import { bandsForTarget, computeSupplyRatios, overallRatio } from './ratios.ts';
import { areaCentroid, distanceM, distanceToAreaM } from '../geo/distance.ts';
import { computeReachability, createNearestFinder } from './reachability.ts';

const BERLIN_BANDS = [
  { id: 'below_6', min: 0, max: 6 },
  { id: '6_15', min: 6, max: 15 },
  { id: '15_18', min: 15, max: 18 },
  { id: '18_27', min: 18, max: 27 },
  { id: 'above_65', min: 65, max: null },
];

describe('bandsForTarget', () => {
  it('makes 6–18 out of 6–15 and 15–18', () => {
    expect(bandsForTarget({ min: 6, max: 18 }, BERLIN_BANDS)).toEqual(['6_15', '15_18']);
  });
  it('takes one band that matches exactly, open-ended too', () => {
    expect(bandsForTarget({ min: 0, max: 6 }, BERLIN_BANDS)).toEqual(['below_6']);
    expect(bandsForTarget({ min: 65, max: null }, BERLIN_BANDS)).toEqual(['above_65']);
  });
  it('refuses a target the bands do not add up to (0–10 would need part of 6–15)', () => {
    expect(bandsForTarget({ min: 0, max: 10 }, BERLIN_BANDS)).toBeNull();
    expect(bandsForTarget({ min: 3, max: 6 }, BERLIN_BANDS)).toBeNull();
    expect(bandsForTarget({ min: 18, max: null }, BERLIN_BANDS)).toBeNull();
  });
});

describe('supply ratios', () => {
  it('computes places per 100 children and facilities per 100, null for no population', () => {
    const rows = computeSupplyRatios(
      [
        { areaId: 1, facilities: 2, places: 150, population: 200 },
        { areaId: 2, facilities: 0, places: null, population: 50 },
        { areaId: 3, facilities: 1, places: 40, population: 0 },
      ],
      100,
    );
    expect(rows[0]!.placesPer).toBe(75);
    expect(rows[0]!.facilitiesPer).toBe(1);
    expect(rows[1]!.placesPer).toBeNull();
    expect(rows[1]!.facilitiesPer).toBe(0);
    expect(rows[2]!.placesPer).toBeNull();
  });
  it('per 1,000 for youth centres: 30 places for 1,200 aged 6–18 = 25', () => {
    const [r] = computeSupplyRatios(
      [{ areaId: 1, facilities: 1, places: 30, population: 1200 }],
      1000,
    );
    expect(r!.placesPer).toBe(25);
  });
  it('the city ratio sums places and population: (150 + 0) / (200 + 50) × 100 = 60', () => {
    expect(
      overallRatio(
        [
          { areaId: 1, facilities: 2, places: 150, population: 200 },
          { areaId: 2, facilities: 0, places: null, population: 50 },
          { areaId: 3, facilities: 1, places: 40, population: null },
        ],
        100,
      ),
    ).toBe(60);
  });
  it('refuses a non-positive base', () => {
    expect(() => computeSupplyRatios([], 0)).toThrow(/per muss positiv/);
  });
});

describe('rankSupplyGaps', () => {
  it('ranks by missing places against the benchmark, largest first', () => {
    // benchmark 60 per 100: area 1 expects 120, has 150 (gap −30); area 2 expects 30, has 0 (gap 30);
    // area 4 expects 60 of 100 children, has 20 (gap 40).
    const gaps = rankSupplyGaps(
      [
        { areaId: 1, facilities: 2, places: 150, population: 200 },
        { areaId: 2, facilities: 0, places: null, population: 50 },
        { areaId: 3, facilities: 1, places: 40, population: null },
        { areaId: 4, facilities: 1, places: 20, population: 100 },
      ],
      60,
      100,
    );
    expect(gaps.map((g) => [g.areaId, g.gap, g.rank])).toEqual([
      [4, 40, 1],
      [2, 30, 2],
      [1, -30, 3],
    ]);
    expect(gaps[0]!.expected).toBe(60);
  });
});

describe('distance and centroid', () => {
  it('one degree of latitude is about 111.3 km on the WGS84 radius', () => {
    expect(distanceM([13, 52], [13, 53])).toBeCloseTo(111_319.5, 0);
  });
  it('0.01° of longitude at 52° N is about 685 m', () => {
    expect(distanceM([13, 52], [13.01, 52])).toBeCloseTo(685.4, 0);
  });
  it('the centroid of a square is its middle, of two squares the area-weighted middle', () => {
    const sq = (x: number, w: number) => [
      [x, 0],
      [x + w, 0],
      [x + w, w],
      [x, w],
      [x, 0],
    ];
    expect(
      areaCentroid({ type: 'Polygon', coordinates: [sq(0, 2) as [number, number][]] }),
    ).toEqual([1, 1]);
    const c = areaCentroid({
      type: 'MultiPolygon',
      coordinates: [[sq(0, 1) as [number, number][]], [sq(3, 1) as [number, number][]]],
    });
    expect(c).toEqual([2, 0.5]);
  });
});

describe('computeReachability', () => {
  // Service at 13.00/52.00. Points at 0.005° (≈ 342.7 m) and 0.01° (≈ 685.4 m) east.
  const services: [number, number][] = [
    [13, 52],
    [14, 52],
  ];
  const population = [
    { areaId: 1, lon: 13.005, lat: 52, count: 30 },
    { areaId: 1, lon: 13.01, lat: 52, count: 10 },
    { areaId: 2, lon: 13.01, lat: 52, count: 5 },
  ];

  it('counts the people within 500 m of the nearest service: 30 of 40 in area 1', () => {
    const [a1, a2] = computeReachability(population, services, 500);
    expect(a1!.population).toBe(40);
    expect(a1!.reached).toBe(30);
    expect(a1!.share).toBe(0.75);
    // (30 × 342.7 + 10 × 685.4) / 40 = 428.4
    expect(a1!.meanDistanceM).toBeCloseTo(428.4, 0);
    expect(a1!.maxDistanceM).toBeCloseTo(685.4, 0);
    expect(a2!.share).toBe(0);
  });
  it('at 1 km everyone is reached', () => {
    const rows = computeReachability(population, services, 1000);
    expect(rows.map((r) => r.share)).toEqual([1, 1]);
  });
  it('finds the nearest of many services, not just a near one in plain degrees', () => {
    // At 52° N, 0.01° east is 685 m but 0.008° north is 890 m: the east one is nearer although its
    // difference in degrees is larger.
    const d = computeReachability(
      [{ areaId: 1, lon: 13, lat: 52, count: 1 }],
      [
        [13.01, 52],
        [13, 52.008],
      ],
      2000,
    );
    expect(d[0]!.meanDistanceM).toBeCloseTo(685.4, 0);
  });
  it('reports no distance and share 0 without any service', () => {
    const [a] = computeReachability([{ areaId: 1, lon: 13, lat: 52, count: 7 }], [], 500);
    expect(a).toEqual({
      areaId: 1,
      population: 7,
      reached: 0,
      share: 0,
      meanDistanceM: null,
      maxDistanceM: null,
    });
  });
});

describe('distanceToAreaM', () => {
  const square = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [13, 52],
        [13.1, 52],
        [13.1, 52.1],
        [13, 52.1],
        [13, 52],
      ] as [number, number][],
    ],
  };
  it('is 0 inside the area', () => {
    expect(distanceToAreaM([13.05, 52.05], square)).toBe(0);
  });
  it('measures to the nearest edge: 0.01° east of the east edge at 52.05° N ≈ 684 m', () => {
    // 0.01° × π/180 × 6,378,137 m × cos 52.05° ≈ 684.5 m
    expect(distanceToAreaM([13.11, 52.05], square)).toBeCloseTo(684.5, 0);
  });
  it('measures to a corner when the point lies diagonally outside', () => {
    const d = distanceToAreaM([13.11, 52.11], square);
    expect(d).toBeGreaterThan(1100);
    expect(d).toBeLessThan(1400);
  });
});

describe('nearest service', () => {
  it('equals the brute-force nearest great-circle distance on random Berlin-sized point sets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 13.0, max: 13.8, noNaN: true }),
            fc.double({ min: 52.3, max: 52.7, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        fc.tuple(
          fc.double({ min: 13.0, max: 13.8, noNaN: true }),
          fc.double({ min: 52.3, max: 52.7, noNaN: true }),
        ),
        (services, p) => {
          const brute = Math.min(...services.map((s) => distanceM(p, s)));
          const found = createNearestFinder(services as [number, number][]).nearest(p[0], p[1]);
          expect(found).toBeCloseTo(brute, 6);
        },
      ),
      { seed: 37, numRuns: 300 },
    );
  });
});
