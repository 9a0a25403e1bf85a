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
});
