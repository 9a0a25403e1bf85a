// Editing an indicator's metadata (every field, issue 9 § 6: names, definition, Lebenslage, unit,
// polarity, decimals, source), visibility and shares: only its department (or holders of
// 'indicators.edit_all'); a change of owner only with 'indicators.edit_all'. One transaction with
// the audit entry (before/after of the changed fields). Licence and attribution belong to the
// source (PATCH /api/sources/:id); here an indicator only cites another source.
import type { Db } from '../../db/db.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { diffRecords, writeAudit, type AuditActor } from '../audit/index.ts';
import type { Dimension } from '@sozialraum/core';
import { checkDepartments, checkSourceId, checkUnitChange } from './edit-checks.ts';
import { assertCanEditIndicator } from './policy.ts';
import { getIndicator, invalidateCatalogueCache } from './service.ts';
import { EDITABLE_COLUMNS, replaceIndicatorShares, updateIndicatorFields } from './store-edit.ts';
import type { Indicator } from '@sozialraum/contracts/indicators';

export interface IndicatorPatch {
  nameDe?: string | undefined;
  nameEn?: string | undefined;
  shortDe?: string | null | undefined;
  definitionDe?: string | undefined;
  definitionEn?: string | null | undefined;
  polarity?: 'higher_is_better' | 'higher_is_worse' | 'neutral' | undefined;
  updateCycle?: string | null | undefined;
  numeratorDef?: string | null | undefined;
  denominatorDef?: string | null | undefined;
  methodNote?: string | null | undefined;
  decimals?: number | undefined;
  unit?: string | undefined;
  dimension?: Dimension | undefined;
  sourceId?: string | undefined;
  visibility?: 'public' | 'internal' | 'department' | undefined;
  sharedWith?: string[] | undefined;
  department?: string | undefined;
}

function editable(i: Indicator): Record<string, unknown> {
  return {
    nameDe: i.nameDe,
    nameEn: i.nameEn,
    shortDe: i.shortDe,
    definitionDe: i.definitionDe,
    definitionEn: i.definitionEn,
    polarity: i.polarity,
    updateCycle: i.updateCycle,
    numeratorDef: i.numeratorDef,
    denominatorDef: i.denominatorDef,
    methodNote: i.methodNote,
    decimals: i.decimals,
    unit: i.unit,
    dimension: i.dimension,
    sourceId: i.source.id,
    visibility: i.visibility,
    department: i.department,
    sharedWith: [...i.sharedWith].sort(),
  };
}

export async function updateIndicator(
  db: Db,
  principal: Principal,
  id: string,
  patch: IndicatorPatch,
  actor: AuditActor,
): Promise<Indicator> {
  const tenantId = principal.tenantId;
  let before: Indicator;
  try {
    before = await getIndicator(db, principal, id);
  } catch {
    throw notFound(`Den Indikator „${id}“ gibt es nicht.`);
  }
  assertCanEditIndicator(principal, before.department, id);
  if (
    patch.department !== undefined &&
    patch.department !== before.department &&
    !principal.permissions.has('indicators.edit_all')
  )
    throw forbidden(
      'Den Indikator einer anderen Abteilung übergeben darf nur die Datenverantwortung oder Administration.',
    );
  await checkDepartments(db, tenantId, patch);
  if (patch.unit !== undefined) checkUnitChange(before, patch.unit);
  if (patch.sourceId !== undefined && patch.sourceId !== before.source.id)
    await checkSourceId(db, principal, patch.sourceId);
  await db.transaction(async (tx) => {
    await updateIndicatorFields(tx, tenantId, id, patch);
    if (patch.sharedWith !== undefined)
      await replaceIndicatorShares(tx, tenantId, id, new Set(patch.sharedWith));
    const after = { ...editable(before) };
    for (const key of Object.keys(EDITABLE_COLUMNS)) {
      const v = (patch as Record<string, unknown>)[key];
      if (v !== undefined) after[key] = typeof v === 'string' ? v.trim() : v;
    }
    if (patch.sharedWith !== undefined) after.sharedWith = [...new Set(patch.sharedWith)].sort();
    await writeAudit(tx, tenantId, {
      actor,
      action: 'indicators.update',
      entity: 'indicator',
      entityId: id,
      detail: diffRecords(editable(before), after),
    });
  });
  invalidateCatalogueCache();
  // The editor may have taken away their own access (e.g. handed it to another department).
  try {
    return await getIndicator(db, principal, id);
  } catch {
    return { ...before, ...(patch as object) } as Indicator;
  }
}
