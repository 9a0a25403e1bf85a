import { describe, expect, it } from 'vitest';
import { checkIndexPublishable, suppressCounts } from './disclosure.ts';

describe('checkIndexPublishable', () => {
  it('publishes indices only from the minimum population on (default 300)', () => {
    expect(checkIndexPublishable(300)).toEqual({ publishable: true, reason: null });
    expect(checkIndexPublishable(299).reason).toBe(
      'Weniger als 300 Einwohnerinnen und Einwohner: Index wird nicht veröffentlicht',
    );
    expect(checkIndexPublishable(null).publishable).toBe(false);
    expect(checkIndexPublishable(150, 100).publishable).toBe(true);
  });
});

describe('suppressCounts', () => {
  it('suppresses counts of 1 and 2 but shows 0, and hides one more cell so the total cannot reveal them', () => {
    const cells = [
      { id: 'summe', value: 10 },
      { id: 'a', value: 2 },
      { id: 'b', value: 3 },
      { id: 'c', value: 5 },
      { id: 'd', value: 0 },
    ];
    const flags = suppressCounts(cells, [
      { id: 'g', label: 'Bezirk', totalId: 'summe', cellIds: ['a', 'b', 'c', 'd'] },
    ]);
    expect(flags.get('a')).toEqual({
      suppressed: true,
      kind: 'primary',
      reason: 'Fallzahl unter 3 (Geheimhaltung)',
    });
    expect(flags.get('b')).toEqual({
      suppressed: true,
      kind: 'secondary',
      reason: 'Geheimhaltung: sonst aus der Summe „Bezirk“ und den übrigen Werten errechenbar',
    });
    expect(flags.get('c')?.suppressed).toBe(false);
    expect(flags.get('d')?.suppressed).toBe(false);
    expect(flags.get('summe')?.suppressed).toBe(false);
  });

  it('needs no secondary suppression when two cells of a group are already hidden', () => {
    const flags = suppressCounts(
      [
        { id: 't', value: 9 },
        { id: 'a', value: 1 },
        { id: 'b', value: 2 },
        { id: 'c', value: 6 },
      ],
      [{ id: 'g', label: 'Summe', totalId: 't', cellIds: ['a', 'b', 'c'] }],
    );
    expect([...flags].filter(([, f]) => f.suppressed).map(([id]) => id)).toEqual(['a', 'b']);
  });

  it('propagates through cells shared by two groups and suppresses values derived from hidden counts', () => {
    // a table of 2 areas × 2 age groups with row totals; cell x1 = 1
    const cells = [
      { id: 'x1', value: 1 },
      { id: 'x2', value: 10 },
      { id: 'y1', value: 7 },
      { id: 'y2', value: 8 },
      { id: 'xt', value: 11 },
      { id: 'yt', value: 15 },
      { id: 't1', value: 8 },
      { id: 't2', value: 18 },
    ];
    const groups = [
      { id: 'x', label: 'Gebiet X', totalId: 'xt', cellIds: ['x1', 'x2'] },
      { id: 'y', label: 'Gebiet Y', totalId: 'yt', cellIds: ['y1', 'y2'] },
      { id: 'c1', label: 'Altersgruppe 1', totalId: 't1', cellIds: ['x1', 'y1'] },
      { id: 'c2', label: 'Altersgruppe 2', totalId: 't2', cellIds: ['x2', 'y2'] },
    ];
    const flags = suppressCounts(cells, groups, [{ id: 'anteil_x1', from: ['x1', 'xt'] }]);
    const hidden = [...flags]
      .filter(([, f]) => f.suppressed)
      .map(([id]) => id)
      .sort();
    // x1 primary; x2 (row X) and y1 (column 1) secondary; then y2 closes row Y and column 2
    expect(hidden).toEqual(['anteil_x1', 'x1', 'x2', 'y1', 'y2']);
    for (const g of groups)
      expect([...g.cellIds, g.totalId].filter((id) => flags.get(id)?.suppressed).length).not.toBe(
        1,
      );
    expect(flags.get('anteil_x1')?.kind).toBe('derived');
  });
});
