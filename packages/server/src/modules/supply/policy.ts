// Policy of supply against need (issue 12 § 3): the ratios are derived from public directory entries
// and published population counts, so everyone may read them; signed-in people also count the
// directory's internal entries and internal population indicators. Setting the target populations
// and storing ratios as indicators is planning work (Sozialplanung, data stewards, administrators).
import type { Principal } from '../access/index.ts';

export const permissions = {
  'supply.read':
    'Versorgung gegen Bedarf lesen: Plätze je Zielbevölkerung, Lücken, Erreichbarkeit (ohne Anmeldung aus öffentlichen Einträgen)',
  'supply.configure':
    'Versorgung einrichten: Zielbevölkerung je Angebotsart festlegen, Versorgungsquoten als Indikatoren speichern',
} as const;

/** Whether internal directory entries and internal indicators count for the principal. */
export function countsInternal(principal: Principal): boolean {
  return principal.kind !== 'anonymous';
}
