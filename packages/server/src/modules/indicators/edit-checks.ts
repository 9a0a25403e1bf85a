// Checks of an indicator edit that look beyond the indicator itself (issue 9 § 6): the source a
// body names, the unit against how the values are stored, the departments named. Each refusal is a
// 400 naming its field, in German. A unit change relabels, it never converts stored values — so it
// is allowed only where the stored numbers keep their meaning (docs/adr/0014-indicator-edit-and-index-binding.md).
import { UNITS, type Unit } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { badRequest } from '../../http/errors.ts';
import { selectDepartmentIds, type Principal } from '../access/index.ts';
import type { Indicator } from '@sozialraum/contracts/indicators';
import { selectSourceId } from './store-edit.ts';

/** German unit names for messages. */
const UNIT_DE: Record<Unit, string> = {
  percent: 'Prozent',
  per_mille: 'Promille',
  count: 'Anzahl',
  euro: 'Euro',
  sqm: 'Quadratmeter',
  percentage_points: 'Prozentpunkte',
  per_100: 'je 100',
  index: 'Indexwert',
  ratio: 'Verhältnis',
  class: 'Klasse',
};

/** The factor a share is computed with (numerator / denominator × scale) for each share unit. */
const SHARE_SCALE: Partial<Record<Unit, number>> = {
  percent: 100,
  per_100: 100,
  per_mille: 1000,
  ratio: 1,
};

const field = (name: string, reason: string) => [{ in: 'body', field: name, reason }];

/**
 * Refuses a unit the stored values cannot carry: counts are summed over areas and stay 'count';
 * shares are numerator / denominator × scale and may only take a unit of the same scale
 * (Prozent ↔ je 100). A 'value' indicator stores the value itself and may take any unit
 * (its scale is not used).
 */
export function checkUnitChange(before: Indicator, unit: string): void {
  if (!(UNITS as readonly string[]).includes(unit))
    throw badRequest(
      `Die Einheit „${unit}“ gibt es nicht; erlaubt sind: ${UNITS.join(', ')}.`,
      field('unit', 'unbekannt'),
    );
  if (unit === before.unit) return;
  const u = unit as Unit;
  if (before.kind === 'count' && u !== 'count')
    throw badRequest(
      `Der Indikator „${before.id}“ ist eine Anzahl (wird über Gebiete summiert); seine Einheit bleibt „Anzahl“, nicht „${UNIT_DE[u]}“.`,
      field('unit', 'passt nicht zur Art'),
    );
  if (before.kind === 'share' && SHARE_SCALE[u] !== before.scale)
    throw badRequest(
      `Der Indikator „${before.id}“ ist ein Anteil (Zähler / Nenner × ${before.scale}); die Einheit „${UNIT_DE[u]}“ passt nicht dazu, die gespeicherten Werte würden falsch gelesen.`,
      field('unit', 'passt nicht zur Art'),
    );
}

/**
 * Refuses a source the caller may not name: one the tenant does not have, or any source for a
 * caller without 'sources.read' (answered exactly like an unknown one).
 */
export async function checkSourceId(
  sql: Sql,
  principal: Principal,
  sourceId: string,
): Promise<void> {
  const rows = principal.permissions.has('sources.read')
    ? await selectSourceId(sql, principal.tenantId, sourceId)
    : [];
  if (rows.length === 0)
    throw badRequest(
      `Die Quelle „${sourceId}“ gibt es nicht. Vorhandene Quellen stehen unter „Quellen und Lizenzen“ (GET /api/sources).`,
      field('sourceId', 'unbekannt'),
    );
}

/** Refuses departments (owner, shares) the tenant does not have. */
export async function checkDepartments(
  sql: Sql,
  tenantId: string,
  patch: { department?: string | undefined; sharedWith?: string[] | undefined },
): Promise<void> {
  const departments = new Set((await selectDepartmentIds(sql, tenantId)).map((r) => r.id));
  for (const d of [...(patch.sharedWith ?? []), ...(patch.department ? [patch.department] : [])])
    if (!departments.has(d))
      throw badRequest(
        `Die Abteilung „${d}“ gibt es nicht.`,
        field(patch.department === d ? 'department' : 'sharedWith', 'unbekannt'),
      );
}
