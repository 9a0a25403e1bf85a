// The one place the conferences module meets the measures module (issue 14 § 1): overdue or
// off-target measures for the agenda builder, and the measure a decision's task becomes.
// MERGE: wire to measures/index.ts (the measures door) — the measures module is built on another branch; until it
// is merged these are stubs with the door's signatures: no measure signals, and a task stays on
// its decision with measure_id null.
import type { Sql } from '../../db/db.ts';
import type { Principal } from '../access/index.ts';
import type { AuditActor } from '../audit/index.ts';

export interface MeasureSignal {
  measureId: string;
  title: string;
  areaIds: string[];
  kind: 'overdue' | 'off_target';
  detail: string;
  since: string;
  href: string;
}

export interface NewMeasureFromDecision {
  title: string;
  description?: string;
  areaIds: string[];
  departmentId?: string | null;
  dueDate?: string | null;
  visibility: 'public' | 'internal';
  origin: { kind: 'decision'; id: string; label: string; href: string };
}

/** Overdue and off-target measures in these areas since a date (stub: none). */
export function listMeasureSignals(
  _db: Sql,
  _tenantId: string,
  _areaIds: readonly string[],
  _since: string | null,
): Promise<MeasureSignal[]> {
  return Promise.resolve([]);
}

/** Creates the measure a decision's task becomes, in the caller's transaction (stub: none, null). */
export function createMeasure(
  _tx: Sql,
  _ctx: { principal: Principal; actor: AuditActor },
  _input: NewMeasureFromDecision,
): Promise<{ id: string } | null> {
  return Promise.resolve(null);
}
