// The CSV of the gaps list on /versorgung (ADR 0055): headings in the language of the screen, the
// rows as the server gave them, and the provenance as a comment line; written with core's toCsv.
import type { SupplyGaps } from '../../api/supply.ts';
import type { Dict } from '../../i18n/de.ts';
import { toCsv } from '../../lib/core-bridge.ts';

type Headings = Pick<
  Dict,
  'supplyArea' | 'gapsCsvCode' | 'gapsNeedValue' | 'gapsClass' | 'gapsNearest' | 'gapsCsvDistance'
>;

/** The CSV text of a gaps answer, its headings from the screen's dictionary. */
export function gapsCsv(g: SupplyGaps, t: Headings): string {
  return toCsv([
    [t.supplyArea, t.gapsCsvCode, t.gapsNeedValue, t.gapsClass, t.gapsNearest, t.gapsCsvDistance],
    ...g.rows.map((r) => [
      r.name,
      r.code,
      r.need,
      r.needClass,
      r.nearest?.name ?? null,
      r.nearest?.distanceM ?? null,
    ]),
    [],
    [`# ${g.provenance}`],
  ]);
}
