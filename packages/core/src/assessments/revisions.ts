// What an edit of an assessment changed (issue 13 § 4, ADR 0045): each kept revision is the version
// an edit replaced; the next revision (or the current assessment) is what the edit made of it.
// Pure: the server reads the snapshots, the screen shows the changes in words.

/** The fields of an assessment an edit may change, in the order a reader expects them. */
export const ASSESSMENT_REVISION_FIELDS = [
  'observedDate',
  'dimension',
  'trend',
  'urgency',
  'text',
  'evidence',
  'organisationId',
  'areaId',
  'visibility',
] as const;
export type AssessmentRevisionField = (typeof ASSESSMENT_REVISION_FIELDS)[number];

/** One field an edit changed: the value before and after. */
export interface AssessmentFieldChange {
  field: AssessmentRevisionField;
  before: string | number | null;
  after: string | number | null;
}

/** A version of an assessment: the fields above (others are ignored). */
export type AssessmentVersion = Partial<Record<AssessmentRevisionField, unknown>>;

const value = (v: unknown): string | number | null =>
  v === undefined || v === null ? null : typeof v === 'number' ? v : String(v);

/** The fields that differ between two versions, in ASSESSMENT_REVISION_FIELDS order. */
export function assessmentChanges(
  before: AssessmentVersion,
  after: AssessmentVersion,
): AssessmentFieldChange[] {
  const changes: AssessmentFieldChange[] = [];
  for (const field of ASSESSMENT_REVISION_FIELDS) {
    const b = value(before[field]);
    const a = value(after[field]);
    if (b !== a) changes.push({ field, before: b, after: a });
  }
  return changes;
}

/** A kept revision: its number and the version it replaced. */
export interface StoredRevision<T> {
  revision: number;
  snapshot: AssessmentVersion;
  meta: T;
}

/**
 * The edits of an assessment, newest first: revision n replaced snapshot n by snapshot n + 1 (or by
 * the current version for the newest revision).
 */
export function assessmentEdits<T>(
  revisions: readonly StoredRevision<T>[],
  current: AssessmentVersion,
): { revision: number; meta: T; changes: AssessmentFieldChange[] }[] {
  const sorted = [...revisions].sort((a, b) => a.revision - b.revision);
  const edits = sorted.map((r, i) => ({
    revision: r.revision,
    meta: r.meta,
    changes: assessmentChanges(r.snapshot, sorted[i + 1]?.snapshot ?? current),
  }));
  return edits.reverse();
}
