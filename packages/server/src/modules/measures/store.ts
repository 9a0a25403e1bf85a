// SQL of the measures module (issue 14 § 2): measures, their areas, milestones and goals, the
// departments and areas they name, the raw values their goals are judged by, and their history in
// the audit log (read only; the audit module writes it).
import type { Sql } from '../../db/db.ts';

/** One measure row with its department's name. */
export interface MeasureRow {
  id: number;
  title: string;
  description: string;
  status: string;
  visibility: string;
  department_id: string | null;
  department_name: string | null;
  organisation_ids: string[];
  lebenslagen: string[];
  target_groups: string[];
  start_date: string | null;
  end_date: string | null;
  parent_id: number | null;
  weight: number;
  progress: number | null;
  geometry: unknown;
  citywide: boolean;
  origin_kind: string | null;
  origin_id: string | null;
  origin_label: string | null;
  origin_href: string | null;
}

export interface MeasureAreaRow {
  measure_id: number;
  area_id: number;
  name: string;
  code: string;
  level_id: string;
  /** [minLon, minLat, maxLon, maxLat] of the area, for the measure's marker on the map. */
  bbox: number[] | null;
}

export interface MilestoneRow {
  measure_id: number;
  title: string;
  due_date: string | null;
  weight: number;
  done: boolean;
}

export interface GoalRow {
  measure_id: number;
  indicator_id: string;
  area_id: number;
  baseline_value: number;
  baseline_date: string;
  target_value: number;
  target_date: string;
}

/** Every measure of the tenant (a municipality has hundreds, not millions: the tree is rolled up whole). */
export function selectMeasures(sql: Sql, tenantId: string): Promise<MeasureRow[]> {
  return sql.query<MeasureRow>(
    `SELECT m.id, m.title, m.description, m.status, m.visibility, m.department_id, d.name AS department_name,
            m.organisation_ids, m.lebenslagen, m.target_groups, m.start_date, m.end_date, m.parent_id,
            m.weight, m.progress, m.geometry, m.citywide, m.origin_kind, m.origin_id, m.origin_label, m.origin_href
       FROM measure m
       LEFT JOIN department d ON d.tenant_id = m.tenant_id AND d.id = m.department_id
      WHERE m.tenant_id = $1
      ORDER BY m.end_date NULLS LAST, m.id`,
    [tenantId],
  );
}

/** The areas of every measure of the tenant. */
export function selectMeasureAreas(sql: Sql, tenantId: string): Promise<MeasureAreaRow[]> {
  return sql.query<MeasureAreaRow>(
    `SELECT ma.measure_id, a.id AS area_id, a.name, a.code, a.level_id, a.bbox
       FROM measure_area ma JOIN area a ON a.tenant_id = ma.tenant_id AND a.id = ma.area_id
      WHERE ma.tenant_id = $1
      ORDER BY a.code`,
    [tenantId],
  );
}

/** The milestones of every measure of the tenant, in their order. */
export function selectMilestones(sql: Sql, tenantId: string): Promise<MilestoneRow[]> {
  return sql.query<MilestoneRow>(
    `SELECT measure_id, title, due_date, weight, done FROM measure_milestone
      WHERE tenant_id = $1 ORDER BY measure_id, position`,
    [tenantId],
  );
}

/** The goals of every measure of the tenant, in their order. */
export function selectGoals(sql: Sql, tenantId: string): Promise<GoalRow[]> {
  return sql.query<GoalRow>(
    `SELECT measure_id, indicator_id, area_id, baseline_value, baseline_date, target_value, target_date
       FROM measure_goal WHERE tenant_id = $1 ORDER BY measure_id, position`,
    [tenantId],
  );
}

/** Stored values (as imported, before disclosure control) of the goals' indicators in their areas. */
export function selectGoalValues(
  sql: Sql,
  tenantId: string,
): Promise<{ indicator_id: string; area_id: number; ref_date: string; value: number | null }[]> {
  return sql.query(
    `SELECT o.indicator_id, o.area_id, o.ref_date, o.value
       FROM observation o
       JOIN (SELECT DISTINCT indicator_id, area_id FROM measure_goal WHERE tenant_id = $1) g
         ON g.indicator_id = o.indicator_id AND g.area_id = o.area_id
      WHERE o.tenant_id = $1
      ORDER BY o.ref_date`,
    [tenantId],
  );
}

/** The areas of the tenant among these ids. */
export function selectAreasByIds(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<{ id: number; name: string }[]> {
  return sql.query(`SELECT id, name FROM area WHERE tenant_id = $1 AND id = ANY($2::int[])`, [
    tenantId,
    ids,
  ]);
}

/** The outlines (GeoJSON Polygon/MultiPolygon, WGS84) of the tenant's areas among these ids. */
export function selectAreaGeometries(
  sql: Sql,
  tenantId: string,
  ids: readonly number[],
): Promise<{ id: number; name: string; geometry: unknown }[]> {
  return sql.query(
    `SELECT id, name, geometry FROM area WHERE tenant_id = $1 AND id = ANY($2::int[]) ORDER BY id`,
    [tenantId, ids],
  );
}

/** Money booked on a measure (funding_entry.measure_id RESTRICTs its deletion): entries and years. */
export async function selectFundingOnMeasure(
  sql: Sql,
  tenantId: string,
  id: number,
): Promise<{ entries: number; years: number[] }> {
  const rows = await sql.query<{ year: number; n: number }>(
    `SELECT year, count(*)::int AS n FROM funding_entry
      WHERE tenant_id = $1 AND measure_id = $2 GROUP BY year ORDER BY year`,
    [tenantId, id],
  );
  return { entries: rows.reduce((s, r) => s + Number(r.n), 0), years: rows.map((r) => r.year) };
}

/** Deletes a measure; its areas, milestones and goals go with it (ON DELETE CASCADE). */
export async function deleteMeasureRow(sql: Sql, tenantId: string, id: number): Promise<void> {
  await sql.query(`DELETE FROM measure WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
}

/** The tenant's departments and organisations (access records). */
export function selectDepartmentRecords(
  sql: Sql,
  tenantId: string,
): Promise<{ id: string; name: string; kind: string }[]> {
  return sql.query(`SELECT id, name, kind FROM department WHERE tenant_id = $1 ORDER BY name`, [
    tenantId,
  ]);
}

/** The columns a change writes, as the service hands them over. */
export interface MeasureWrite {
  title: string;
  description: string;
  status: string;
  visibility: string;
  departmentId: string | null;
  organisationIds: string[];
  lebenslagen: string[];
  targetGroups: string[];
  start: string | null;
  end: string | null;
  parentId: number | null;
  weight: number;
  progress: number | null;
  geometry: unknown;
  citywide: boolean;
}

const writeParams = (m: MeasureWrite): unknown[] => [
  m.title,
  m.description,
  m.status,
  m.visibility,
  m.departmentId,
  m.organisationIds,
  m.lebenslagen,
  m.targetGroups,
  m.start,
  m.end,
  m.parentId,
  m.weight,
  m.progress,
  m.geometry === null ? null : JSON.stringify(m.geometry),
  m.citywide,
];

/** Inserts a measure with its origin (null = without a conference); returns its id. */
export async function insertMeasure(
  tx: Sql,
  tenantId: string,
  m: MeasureWrite,
  origin: { kind: string; id: string; label: string; href: string | null } | null,
  createdBy: string,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO measure (tenant_id, title, description, status, visibility, department_id, organisation_ids,
                          lebenslagen, target_groups, start_date, end_date, parent_id, weight, progress,
                          geometry, citywide, origin_kind, origin_id, origin_label, origin_href, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::text[], $10, $11, $12, $13, $14, $15::jsonb,
             $16, $17, $18, $19, $20, $21)
     RETURNING id`,
    [
      tenantId,
      ...writeParams(m),
      origin?.kind ?? null,
      origin?.id ?? null,
      origin?.label ?? null,
      origin?.href ?? null,
      createdBy,
    ],
  );
  return row!.id;
}

/** Overwrites a measure's own columns (origin and creator stay). */
export async function updateMeasureRow(
  tx: Sql,
  tenantId: string,
  id: number,
  m: MeasureWrite,
): Promise<void> {
  await tx.query(
    `UPDATE measure SET title = $3, description = $4, status = $5, visibility = $6, department_id = $7,
            organisation_ids = $8::text[], lebenslagen = $9::text[], target_groups = $10::text[],
            start_date = $11, end_date = $12, parent_id = $13, weight = $14, progress = $15,
            geometry = $16::jsonb, citywide = $17, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, ...writeParams(m)],
  );
}

/** Replaces the areas, milestones and goals of a measure. */
export async function replaceMeasureParts(
  tx: Sql,
  tenantId: string,
  id: number,
  parts: {
    areaIds: readonly number[];
    milestones: readonly { title: string; dueDate: string | null; weight: number; done: boolean }[];
    goals: readonly {
      indicatorId: string;
      areaId: number;
      baseline: { date: string; value: number };
      target: { date: string; value: number };
    }[];
  },
): Promise<void> {
  for (const table of ['measure_area', 'measure_milestone', 'measure_goal'])
    await tx.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND measure_id = $2`, [tenantId, id]);
  await tx.query(
    `INSERT INTO measure_area (tenant_id, measure_id, area_id)
     SELECT $1, $2, unnest($3::int[]) ON CONFLICT DO NOTHING`,
    [tenantId, id, [...new Set(parts.areaIds)]],
  );
  for (const [i, m] of parts.milestones.entries())
    await tx.query(
      `INSERT INTO measure_milestone (tenant_id, measure_id, position, title, due_date, weight, done)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, id, i, m.title, m.dueDate, m.weight, m.done],
    );
  for (const [i, g] of parts.goals.entries())
    await tx.query(
      `INSERT INTO measure_goal (tenant_id, measure_id, position, indicator_id, area_id, baseline_value,
                                 baseline_date, target_value, target_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tenantId,
        id,
        i,
        g.indicatorId,
        g.areaId,
        g.baseline.value,
        g.baseline.date,
        g.target.value,
        g.target.date,
      ],
    );
}

/** The audit entries of one measure, newest first. */
export function selectMeasureHistory(
  sql: Sql,
  tenantId: string,
  id: number,
): Promise<{ at: Date | string; action: string; actor: string; detail: unknown }[]> {
  return sql.query(
    `SELECT at, action, actor, detail FROM audit_log
      WHERE tenant_id = $1 AND entity = 'measure' AND entity_id = $2
      ORDER BY id DESC LIMIT 100`,
    [tenantId, String(id)],
  );
}

/**
 * When each of these measure ids was deleted (the audit's measures.delete entry), for ids that no
 * longer name a measure — so a decision or agenda item says „gelöscht am …“ instead of a dead link.
 */
export function selectMeasureDeletions(
  sql: Sql,
  tenantId: string,
  ids: readonly string[],
): Promise<{ entity_id: string; at: Date | string }[]> {
  return sql.query(
    `SELECT a.entity_id, max(a.at) AS at FROM audit_log a
      WHERE a.tenant_id = $1 AND a.entity = 'measure' AND a.action = 'measures.delete'
        AND a.entity_id = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM measure m WHERE m.tenant_id = a.tenant_id AND m.id::text = a.entity_id)
      GROUP BY a.entity_id`,
    [tenantId, [...ids]],
  );
}

/** The visibility of one measure (none or one row). */
export function selectMeasureVisibility(
  sql: Sql,
  tenantId: string,
  id: number,
): Promise<{ visibility: string }[]> {
  return sql.query<{ visibility: string }>(
    'SELECT visibility FROM measure WHERE tenant_id = $1 AND id = $2',
    [tenantId, id],
  );
}
