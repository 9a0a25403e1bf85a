// SQL for alerts of areas that go away (an areas re-import removes them; issue 10 § 2: moved here
// unchanged from the imports module).
import type { Sql } from '../../db/db.ts';

/** Deletes the alerts of these areas. */
export async function deleteAreaAlerts(tx: Sql, tenantId: string, ids: number[]): Promise<void> {
  await tx.query('DELETE FROM alert WHERE tenant_id = $1 AND area_id = ANY($2::int[])', [
    tenantId,
    ids,
  ]);
}
