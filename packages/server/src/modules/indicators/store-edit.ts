// SQL of an indicator edit (edit.ts, edit-checks.ts): the source a body names, the changed columns
// and the shares. Column names come only from EDITABLE_COLUMNS below, never from a request; the
// values travel as parameters. Every query is scoped to one tenant ($1).
import type { Sql } from '../../db/db.ts';

/** The indicator's editable fields (the patch's keys) and their columns, in statement order. */
export const EDITABLE_COLUMNS = {
  nameDe: 'name_de',
  nameEn: 'name_en',
  shortDe: 'short_de',
  definitionDe: 'definition_de',
  definitionEn: 'definition_en',
  polarity: 'polarity',
  updateCycle: 'update_cycle',
  numeratorDef: 'numerator_def',
  denominatorDef: 'denominator_def',
  methodNote: 'method_note',
  decimals: 'decimals',
  unit: 'unit',
  dimension: 'dimension',
  sourceId: 'source_id',
  visibility: 'visibility',
  department: 'department',
} as const;

export type EditableField = keyof typeof EDITABLE_COLUMNS;

/** The source with this id, when the tenant has it (none or one row). */
export function selectSourceId(
  sql: Sql,
  tenantId: string,
  sourceId: string,
): Promise<{ id: string }[]> {
  return sql.query<{ id: string }>('SELECT id FROM source WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    sourceId,
  ]);
}

/**
 * Writes the given fields (undefined ones stay as they are) and stamps updated_at; nothing when no
 * field is given. Strings are stored trimmed.
 */
export async function updateIndicatorFields(
  tx: Sql,
  tenantId: string,
  id: string,
  fields: Partial<Record<EditableField, unknown>>,
): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [tenantId, id];
  for (const [key, column] of Object.entries(EDITABLE_COLUMNS)) {
    const v = fields[key as EditableField];
    if (v === undefined) continue;
    values.push(typeof v === 'string' ? v.trim() : v);
    sets.push(`${column} = $${values.length}`);
  }
  if (sets.length)
    await tx.query(
      `UPDATE indicator SET ${sets.join(', ')}, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      values,
    );
}

/** Replaces the departments an indicator is shared with. */
export async function replaceIndicatorShares(
  tx: Sql,
  tenantId: string,
  id: string,
  departments: Iterable<string>,
): Promise<void> {
  await tx.query('DELETE FROM indicator_share WHERE tenant_id = $1 AND indicator_id = $2', [
    tenantId,
    id,
  ]);
  for (const d of departments)
    await tx.query(
      'INSERT INTO indicator_share (tenant_id, indicator_id, department_id) VALUES ($1, $2, $3)',
      [tenantId, id, d],
    );
}
