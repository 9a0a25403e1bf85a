// Texts of the area lifecycle on the profile page (manage area: retire, remove), English.
import type { areasDe } from './areas-de.ts';
import type { Widen } from './de.ts';

export const areasEn: Widen<typeof areasDe> = {
  areaManage: 'Manage area',
  areaRetiredSince: (date: string) =>
    `Retired as of ${date}: it keeps its values but is no longer assigned for later reference dates.`,
  areaRetireDate: 'Retire as of (last valid day)',
  areaRetireHint: 'The area keeps its values and is listed as “retired”.',
  areaRetireDateMissing: 'Please enter the end date (the last day the area is valid).',
  areaRetire: 'Retire area',
  areaRemove: 'Remove area …',
  areaRemoveTitle: (label: string) => `Remove ${label}?`,
  areaRemoveWhat: 'Removing the area permanently removes:',
  areaRemoveHint:
    'The sums of the parent areas are recomputed. The change is recorded in the audit log. To keep the area with its values, retire it instead.',
  areaRemoveConfirm: 'Remove permanently',
  areaRemoveCancel: 'Cancel',
  areaRetiredNote: (date: string) => ` (retired ${date})`,
  areaUnreachable: 'The server cannot be reached. Please try again later.',
  areaLineValues: (n, one, indicators) =>
    `${n} ${one ? 'value' : 'values'}${indicators ? ` (${indicators})` : ''}`,
  areaLinePoints: (n, one) =>
    `${n} ${one ? 'facility assignment' : 'facility assignments'} (the facilities themselves stay)`,
  areaLineAlerts: (n, one) => `${n} early-warning ${one ? 'alert' : 'alerts'}`,
  areaLineSubs: (n, one) => `${n} ${one ? 'subscription' : 'subscriptions'} for this area`,
  areaLineSynonyms: (n, one) => `${n} stored ${one ? 'spelling' : 'spellings'} of the name`,
  missingRetire: (n) =>
    n === '1'
      ? 'Retire: the area keeps its values and is valid until the day before “valid from” (without it: until today)'
      : `Retire: the ${n} areas keep their values and are valid until the day before “valid from” (without it: until today)`,
  miniMapLabel: (name: string, n: number) =>
    `Location of ${name} with ${n === 1 ? 'one neighbouring area' : `${n} neighbouring areas`}`,
  miniMapNeighbour: (name: string) => `Neighbouring area ${name} – open profile`,
  miniMapCaption: (level: string, n: number) =>
    `Location: the area (dark) and ${n === 1 ? 'one surrounding area' : `${n} surrounding areas`} of the level ${level}.`,
  miniMapOpenMap: 'Show on the map',
};
