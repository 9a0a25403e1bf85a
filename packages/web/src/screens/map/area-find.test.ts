import { describe, expect, it } from 'vitest';
import { areasInView, bboxOf, findAreas, overlaps, type AreaHit } from './area-find.ts';

const hit = (p: Partial<AreaHit> & { id: number; name: string }): AreaHit => ({
  code: String(p.id),
  levelId: 'plr',
  levelName: 'Planungsraum',
  depth: 3,
  retired: false,
  ...p,
});

describe('bboxOf', () => {
  it('spans every ring of a multipolygon', () => {
    const g = {
      coordinates: [
        [
          [
            [13, 52],
            [13.5, 52.2],
            [13.1, 52.6],
          ],
        ],
        [
          [
            [12.9, 52.1],
            [13.2, 52.3],
          ],
        ],
      ],
    };
    expect(bboxOf(g)).toEqual([12.9, 52, 13.5, 52.6]);
    expect(bboxOf({ coordinates: [] })).toBeNull();
    expect(bboxOf(null)).toBeNull();
  });
});

describe('areasInView', () => {
  it('keeps areas overlapping the view, not hidden ones, sorted by German name', () => {
    const areas = [
      { id: 1, name: 'Wedding', code: '1', bbox: [13, 52, 13.1, 52.1] as const },
      { id: 2, name: 'Alt-Treptow', code: '2', bbox: [13.05, 52.05, 13.2, 52.2] as const },
      { id: 3, name: 'Spandau', code: '3', bbox: [12, 51, 12.5, 51.5] as const },
      { id: 4, name: 'Ästhetik', code: '4', bbox: [13, 52, 13.1, 52.1] as const },
      { id: 5, name: 'Mitte', code: '5', bbox: null },
    ].map((a) => ({
      ...a,
      bbox: a.bbox ? ([...a.bbox] as [number, number, number, number]) : null,
    }));
    const view: [number, number, number, number] = [13.02, 52.02, 13.3, 52.3];
    expect(areasInView(areas, view).map((a) => a.name)).toEqual([
      'Alt-Treptow',
      'Ästhetik',
      'Wedding',
    ]);
    expect(areasInView(areas, view, new Set([1])).map((a) => a.id)).toEqual([2, 4]);
    expect(overlaps([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
  });
});

describe('findAreas', () => {
  const areas = [
    hit({ id: 1, name: 'Neukölln', code: '08', levelId: 'bez', levelName: 'Bezirk', depth: 0 }),
    hit({ id: 2, name: 'Neuköllner Straße', code: '08100101' }),
    hit({ id: 3, name: 'Alt-Neukölln', code: '08100102' }),
    hit({ id: 4, name: 'Rixdorf', code: '08100103' }),
    hit({ id: 5, name: 'Neukölln alt', code: '0999', retired: true }),
  ];
  it('finds by name without umlauts, the district before its namesakes, retired last', () => {
    expect(findAreas(areas, 'neukolln').map((a) => a.id)).toEqual([1, 2, 5, 3]);
  });
  it('finds by key, the exact key first', () => {
    expect(findAreas(areas, '08100103').map((a) => a.id)).toEqual([4]);
    expect(findAreas(areas, '08').map((a) => a.id)[0]).toBe(1);
  });
  it('finds nothing for an empty query and honours the limit', () => {
    expect(findAreas(areas, '  ')).toEqual([]);
    expect(findAreas(areas, '0', 2)).toHaveLength(2);
  });
});
