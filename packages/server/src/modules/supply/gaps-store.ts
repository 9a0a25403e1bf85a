// SQL of the gaps view (issue 12 § 2): which areas of a level have a service of a type working there
// (the located services come from store.ts). Every query is scoped to one tenant ($1).
import type { Sql } from '../../db/db.ts';

/**
 * Areas of the level where an active service of the type works: one of its places lies in the
 * area, or its organisation names the area — or an area containing it — as a work area (ADR 0055).
 */
export async function selectServedAreas(
  sql: Sql,
  tenantId: string,
  serviceType: string,
  systemId: string,
  levelId: string,
  internal: boolean,
): Promise<Set<number>> {
  const rows = await sql.query<{ area_id: number }>(
    `WITH RECURSIVE svc AS (
       SELECT s.id, s.organization_id FROM directory_service s
         JOIN directory_organization o ON o.tenant_id = s.tenant_id AND o.id = s.organization_id
        WHERE s.tenant_id = $1 AND s.service_type = $2 AND s.status = 'active' AND ($5 OR (s.public AND o.public))),
     up (area_id, ancestor) AS (
       SELECT id, id FROM area WHERE tenant_id = $1 AND system_id = $3 AND level_id = $4
       UNION ALL
       SELECT up.area_id, a.parent_id FROM up JOIN area a ON a.tenant_id = $1 AND a.id = up.ancestor
        WHERE a.parent_id IS NOT NULL)
     SELECT la.area_id FROM svc
       JOIN directory_service_at_location sal ON sal.tenant_id = $1 AND sal.service_id = svc.id
       JOIN directory_location_area la ON la.tenant_id = $1 AND la.location_id = sal.location_id
       JOIN area a ON a.tenant_id = $1 AND a.id = la.area_id AND a.system_id = $3 AND a.level_id = $4
     UNION
     SELECT up.area_id FROM svc
       JOIN network_organization_area w ON w.tenant_id = $1 AND w.organization_id = svc.organization_id
       JOIN up ON up.ancestor = w.area_id`,
    [tenantId, serviceType, systemId, levelId, internal],
  );
  return new Set(rows.map((r) => Number(r.area_id)));
}
