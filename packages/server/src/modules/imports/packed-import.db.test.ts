// A long table of a new indicator goes into packs (ADR 0063) and reads, through the view
// observation, exactly as the same table imported into an existing indicator row by row — values,
// aggregates and the withheld incomplete ones. A later import of the same table into it turns the
// packs back into rows and changes nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { insertFixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { PACK_MIN_VALUES } from '../ingest/index.ts';
import { runTableImport } from './service.ts';

const CODES = ['01100101', '01100102', '02100101', '02100102'];
const DATES = 600;

let db: Db;
let dir: string;

/** 4 Planungsräume × 600 dates; 02100101 lacks a value on every seventh date. */
function table(): string {
  const lines = ['Planungsraum;Stichtag;Merkmal;Wert'];
  for (let d = 0; d < DATES; d++) {
    const date = new Date(Date.UTC(1990, 0, 1 + d)).toISOString().slice(0, 10);
    CODES.forEach((code, k) => {
      if (d % 7 === 3 && code === '02100101') return;
      lines.push(`${code};${date};Plätze;${String((d * 13 + k * 7) % 500).replace('.', ',')},5`);
    });
  }
  return lines.join('\n');
}

async function importAs(indicatorId: string, create: boolean) {
  const file = path.join(dir, `${indicatorId}.csv`);
  const text = table().replace(/;Plätze;/g, `;${indicatorId};`);
  await writeFile(file, text);
  return runTableImport(
    db,
    'berlin',
    {
      id: `t-${indicatorId}`,
      dir,
      files: [{ name: `${indicatorId}.csv`, path: file, bytes: Buffer.byteLength(text) }],
    },
    {
      dryRun: false,
      systemId: 'lor2021',
      levelId: 'plr',
      mapping: {
        layout: 'long',
        areaColumn: 'Planungsraum',
        areaKey: 'code',
        date: { column: 'Stichtag' },
        indicatorColumn: 'Merkmal',
        valueColumn: 'Wert',
      },
      ...(create
        ? {
            newIndicators: [
              {
                id: indicatorId,
                nameDe: indicatorId,
                unit: 'count',
                dimension: 'education',
                polarity: 'neutral' as const,
              },
            ],
            source: {
              id: '',
              title: 'Test',
              publisher: 'Test',
              licence: 'CC0-1.0',
              attribution: 'Test',
            },
          }
        : {}),
    },
  );
}

const rowsOf = (indicatorId: string) =>
  db.query(
    `SELECT a.code, o.ref_date::text AS d, o.value, o.numerator, o.denominator, o.flag, o.flag_reason, o.origin
       FROM observation o JOIN area a ON a.id = o.area_id
      WHERE o.indicator_id = $1 ORDER BY a.code, o.ref_date`,
    [indicatorId],
  );
const packsOf = async (indicatorId: string) =>
  (
    await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM observation_pack WHERE indicator_id = $1',
      [indicatorId],
    )
  )[0]!.n;

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  dir = await mkdtemp(path.join(tmpdir(), 'sz-packs-'));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a long table of a new indicator', () => {
  it('is stored as packs and reads like the same table imported row by row', async () => {
    const values = CODES.length * DATES - Math.ceil((DATES - 3) / 7);
    expect(values).toBeGreaterThanOrEqual(PACK_MIN_VALUES);
    const packed = await importAs('plaetze_neu', true);
    expect(packed).toMatchObject({ status: 'succeeded', rowsWritten: values });
    // one pack per date; the 1,114 sums of the two Bezirke are fewer than PACK_MIN_VALUES: rows
    expect(await packsOf('plaetze_neu')).toBe(DATES);

    // the same values into an existing indicator: the upsert path and the SQL roll-up
    await importAs('plaetze_alt', true);
    const [first] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM observation WHERE indicator_id = 'plaetze_alt'",
    );
    await db.query("DELETE FROM observation_pack WHERE indicator_id = 'plaetze_alt'");
    await db.query("DELETE FROM observation_row WHERE indicator_id = 'plaetze_alt'");
    const again = await importAs('plaetze_alt', false);
    expect(again).toMatchObject({ status: 'succeeded', rowsWritten: values });
    expect(await packsOf('plaetze_alt')).toBe(0);

    const a = await rowsOf('plaetze_neu');
    expect(a).toEqual(await rowsOf('plaetze_alt'));
    expect(a.length).toBe(first!.n);
    // Bezirk 02 withheld where 02100101 has no value, summed elsewhere
    expect(a).toContainEqual(
      expect.objectContaining({
        code: '02',
        d: '1990-01-04',
        value: null,
        flag: 'invalid',
        origin: 'aggregated',
      }),
    );
    expect(a).toContainEqual(
      expect.objectContaining({
        code: '01',
        d: '1990-01-01',
        value: 7.5 + 0.5,
        origin: 'aggregated',
      }),
    );
  });

  it('becomes rows when the same table is imported into it again, changing no value', async () => {
    const before = await rowsOf('plaetze_neu');
    const r = await importAs('plaetze_neu', false);
    expect(r).toMatchObject({ status: 'unchanged', rowsWritten: 0 });
    expect(await packsOf('plaetze_neu')).toBe(0);
    expect(await rowsOf('plaetze_neu')).toEqual(before);
  });
});
