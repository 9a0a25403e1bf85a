import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rollUpLevels } from './aggregate.ts';
import { mean } from './descriptive.ts';

const T2 = new URL(
  '../../../../demo-data/berlin/population/ewr_plr_t2_age_groups.csv',
  import.meta.url,
);

/** Residents and residents 65+ per PLR (LOR 2021) on 31.12.2024, from the register statistics file T2. */
function readT2(): { plr: string; total: number; above65: number }[] {
  const [head, ...lines] = readFileSync(T2, 'utf8').trim().split(/\r?\n/);
  const cols = (head as string).split(',');
  const at = (name: string) => cols.indexOf(name);
  return lines
    .map((l) => l.split(','))
    .filter((c) => c[at('stichtag')] === '2024-12-31')
    .map((c) => ({
      plr: c[at('plr_id')] as string,
      total: Number(c[at('inhabitants')]),
      above65: Number(c[at('inhabitants_age_above_65')]),
    }));
}

describe('rollUpLevels on Berlin residents, 31.12.2024 (542 PLR → BZR → PGR → Bezirk → Berlin)', () => {
  const rows = readT2();
  // LOR 2021 codes nest by prefix: PLR 8 digits → BZR 6 → PGR 4 → Bezirk 2; id 0 stands for Berlin.
  // Numeric ids are the codes with a leading 1 (keeps leading zeros distinct: "01" → 101).
  const id = (code: string) => Number(`1${code}`);
  const parentOf = new Map<number, number | null>([[0, null]]);
  for (const { plr } of rows) {
    parentOf.set(id(plr), id(plr.slice(0, 6)));
    parentOf.set(id(plr.slice(0, 6)), id(plr.slice(0, 4)));
    parentOf.set(id(plr.slice(0, 4)), id(plr.slice(0, 2)));
    parentOf.set(id(plr.slice(0, 2)), 0);
  }

  it('sums the residents to the Berlin total computed independently (Python csv sum): 3,897,145', () => {
    expect(rows).toHaveLength(542);
    const out = rollUpLevels(
      rows.map((r) => ({ areaId: id(r.plr), value: r.total })),
      parentOf,
      'count',
      1,
    );
    expect(out).toHaveLength(143 + 58 + 12 + 1);
    expect(out.find((r) => r.areaId === 0)).toMatchObject({ value: 3_897_145, complete: true });
    expect(out.find((r) => r.areaId === id('03'))?.value).toBe(427_276); // Pankow
  });

  it('recomputes the 65+ share per Bezirk from sums, which differs from the mean of the PLR shares', () => {
    const out = rollUpLevels(
      rows.map((r) => ({
        areaId: id(r.plr),
        value: null,
        numerator: r.above65,
        denominator: r.total,
      })),
      parentOf,
      'share',
      100,
    );
    const pankow = out.find((r) => r.areaId === id('03'));
    // 63,314 of 427,276 residents of Pankow are 65 or older
    expect(pankow).toMatchObject({ numerator: 63_314, denominator: 427_276, complete: true });
    expect(pankow?.value).toBeCloseTo(14.818056712757095, 12);
    const plrShares = rows
      .filter((r) => r.plr.startsWith('03') && r.total > 0)
      .map((r) => (100 * r.above65) / r.total);
    expect(mean(plrShares)).toBeCloseTo(15.987799861966867, 12); // the unweighted mean is 1.2 points too high
    expect(out.find((r) => r.areaId === 0)?.value).toBeCloseTo((100 * 738_238) / 3_897_145, 12);
  });
});
