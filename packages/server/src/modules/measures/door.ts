// What other modules hand the measures module: a measure decided in a conference (issue 14 § 2,
// "trace both ways"). The decision's module calls this inside its own transaction.
import { measureBodySchema } from '@sozialraum/contracts/measures';
import type { Sql } from '../../db/db.ts';
import { badRequest } from '../../http/errors.ts';
import { insertCheckedMeasure, type ChangeContext } from './write.ts';

/** A measure decided in a conference (door shape, ADR 0032). */
export interface NewMeasureFromDecision {
  title: string;
  description?: string;
  /** The body's areas; empty for a city-wide measure (then `citywide` must be true). */
  areaIds: string[];
  /** gesamtstädtisch: decided by a body without areas (e.g. a Planungskonferenz of the city). */
  citywide?: boolean;
  departmentId?: string | null;
  dueDate?: string | null;
  visibility: 'public' | 'internal';
  origin: { kind: 'decision'; id: string; label: string; href: string };
}

/**
 * Creates a measure from a decision in the caller's transaction: checks the caller's rights on the
 * department (default: her own) and the areas, and writes the audit entry. Bad input → 400.
 */
export async function createMeasure(
  tx: Sql,
  ctx: ChangeContext,
  input: NewMeasureFromDecision,
): Promise<{ id: string }> {
  const parsed = measureBodySchema.safeParse({
    title: input.title,
    description: input.description ?? '',
    visibility: input.visibility,
    departmentId:
      input.departmentId === undefined ? ctx.principal.departmentId : input.departmentId,
    end: input.dueDate ?? null,
    areaIds: input.areaIds.map((id) => (/^\d{1,9}$/.test(id) ? Number(id) : -1)),
    citywide: input.citywide ?? false,
  });
  if (!parsed.success)
    throw badRequest(
      `Die Maßnahme ist unvollständig: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  return insertCheckedMeasure(tx, ctx, parsed.data, {
    kind: input.origin.kind,
    id: input.origin.id,
    label: input.origin.label,
    href: input.origin.href,
  });
}
