// SQL of the health module.
import type { Sql } from '../../db/db.ts';

/** Asks the database the smallest question; throws when it cannot answer. */
export async function pingDatabase(db: Sql): Promise<void> {
  await db.query('SELECT 1');
}
