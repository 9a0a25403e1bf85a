// Words for the measures' statuses and goal judgements in the current language.
import type { Dict } from '../../i18n/de.ts';

export const MEASURE_STATUS_IDS = [
  'planned',
  'in_progress',
  'paused',
  'done',
  'cancelled',
] as const;

/** The status of a measure in words. */
export function statusLabel(t: Dict, status: string): string {
  const map: Record<string, string> = {
    planned: t.msStatusPlanned,
    in_progress: t.msStatusInProgress,
    paused: t.msStatusPaused,
    done: t.msStatusDone,
    cancelled: t.msStatusCancelled,
  };
  return map[status] ?? status;
}

/** The judgement of a goal in words. */
export function goalStatusLabel(t: Dict, status: string): string {
  const map: Record<string, string> = {
    no_data: t.msGoalNoData,
    on_course: t.msGoalOnCourse,
    off_target: t.msGoalOffTarget,
    reached: t.msGoalReached,
    missed: t.msGoalMissed,
  };
  return map[status] ?? status;
}

/** The web address of a measure. */
export const measureUrl = (id: string) => `/massnahmen/${id}`;

/** Today as yyyy-mm-dd (UTC), for the timeline's today line. */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/** Days since 1970 of an ISO date (UTC). */
export const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000;

/** A changed field of the history (the audit entry's key) in words; unknown keys as they are. */
export function fieldLabel(t: Dict, key: string): string {
  const map: Record<string, string> = {
    title: t.msFormTitle,
    description: t.msDescription,
    status: t.msStatus,
    visibility: t.msVisibility,
    departmentId: t.msDepartment,
    organisationIds: t.msOrganisations,
    lebenslagen: t.msLebenslagen,
    targetGroups: t.msTargetGroups,
    start: t.msStart,
    end: t.msEnd,
    parentId: t.msParent,
    weight: t.msWeight,
    progress: t.msProgress,
    geometry: t.msOnMap,
    areaIds: t.msAreas,
    milestones: t.msMilestones,
    goals: t.msGoals,
  };
  return map[key] ?? key;
}
