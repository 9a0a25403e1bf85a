import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/test-db.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

describe('database layer', () => {
  it('returns dates as ISO text and big integers as numbers on every engine', async () => {
    const [row] = await db.query<{ d: unknown; i: unknown; n: unknown }>(
      'SELECT $1::date AS d, 9007199254740::int8 AS i, 1.25::numeric AS n',
      ['2020-12-31'],
    );
    expect(row).toEqual({ d: '2020-12-31', i: 9007199254740, n: 1.25 });
  });

  it('rolls back the whole transaction when one statement fails', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO tenant (id, ags, name) VALUES ('x', '11000000', 'X')");
        await tx.query("INSERT INTO tenant (id, ags, name) VALUES ('y', 'not-an-ags', 'Y')");
      }),
    ).rejects.toThrow(/tenant_ags_format/);
    expect(await db.query("SELECT id FROM tenant WHERE id IN ('x', 'y')")).toEqual([]);
  });

  it('applies migrations once: a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('copies rows with COPY: tabs, newlines, backslashes, NULL and numbers arrive unchanged', async () => {
    const rows = [
      ['a\tb\nc\\d\re', 1.5, null],
      ['\\N is text, not NULL', -0.25, '2020-02-29'],
      [null, 1e-7, '1999-12-31'],
    ] as const;
    const back = await db.transaction(async (tx) => {
      await tx.exec('CREATE TEMP TABLE copy_probe (t text, v float8, d date) ON COMMIT DROP');
      expect(await tx.copyRows('copy_probe', ['t', 'v', 'd'], rows)).toBe(3);
      return tx.query('SELECT t, v, d FROM copy_probe ORDER BY v');
    });
    expect(back).toEqual([
      { t: '\\N is text, not NULL', v: -0.25, d: '2020-02-29' },
      { t: null, v: 1e-7, d: '1999-12-31' },
      { t: 'a\tb\nc\\d\re', v: 1.5, d: null },
    ]);
  });

  it('fails a COPY with bad data and rolls the transaction back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO tenant (id, ags, name) VALUES ('z', '11000000', 'Z')");
        await tx.exec('CREATE TEMP TABLE copy_bad (d date) ON COMMIT DROP');
        await tx.copyRows('copy_bad', ['d'], [['2020-01-01'], ['kein Datum']]);
      }),
    ).rejects.toThrow(/date/);
    expect(await db.query("SELECT id FROM tenant WHERE id = 'z'")).toEqual([]);
    // the connection is usable afterwards
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('refuses table or column names that are not plain identifiers', async () => {
    await expect(db.copyRows('tenant; DROP TABLE tenant', ['id'], [['x']])).rejects.toThrow(
      /unzulässiger Name/,
    );
  });

  it('checks foreign keys again after withoutRowTriggers', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.withoutRowTriggers(async () => undefined);
        await tx.query(
          "INSERT INTO source (tenant_id, id, title, publisher, licence, attribution) VALUES ('nobody', 's', 't', 'p', 'l', 'a')",
        );
      }),
    ).rejects.toThrow(/foreign key/);
  });
});
