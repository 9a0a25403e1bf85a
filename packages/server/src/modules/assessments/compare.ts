// Assessments against the numbers (issue 13 § 4): loads the series of the area's indicators of the
// assessment's Lebenslage — as a reader sees them (disclosure applied) or raw for the detection job —
// and hands them to core's compareAssessment (docs/methods/participation-signals.md).
import {
  compareAssessment,
  type DisagreementResult,
  type IndicatorSeries,
  type MovementPoint,
} from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import type { Principal } from '../access/index.ts';
import {
  getCatalogue,
  getSeries,
  getTenantCatalogue,
  type Catalogue,
} from '../indicators/index.ts';
import { selectAreaObservations, type AssessmentRow } from './store.ts';

/** Loads the series of these indicators in an area. */
export type SeriesLoader = (
  areaId: number,
  indicators: Catalogue['indicators'],
) => Promise<IndicatorSeries[]>;

const toSeries = (
  ind: Catalogue['indicators'][number],
  points: MovementPoint[],
): IndicatorSeries => ({
  indicatorId: ind.id,
  label: ind.shortDe ?? ind.nameDe,
  polarity: ind.polarity,
  points,
});

/** Series as this reader may see them (values kept back by disclosure control are null). */
export async function readerLoader(
  sql: Sql,
  principal: Principal,
): Promise<{ catalogue: Catalogue; load: SeriesLoader }> {
  const catalogue = await getCatalogue(sql, principal);
  // one loader serves one request: the assessments of an area share their Lebenslage's series, so
  // each series is read once, not once per assessment
  const seen = new Map<string, ReturnType<typeof getSeries>>();
  const series = (areaId: number, indicatorId: string) => {
    const key = `${areaId}\u0000${indicatorId}`;
    let pending = seen.get(key);
    if (!pending) seen.set(key, (pending = getSeries(sql, principal, areaId, indicatorId)));
    return pending;
  };
  const load: SeriesLoader = async (areaId, indicators) => {
    const out: IndicatorSeries[] = [];
    for (const ind of indicators) {
      const points = await series(areaId, ind.id);
      out.push(
        toSeries(
          ind,
          points.map((p) => ({
            date: p.date,
            value: p.value,
            numerator: p.numerator,
            denominator: p.denominator,
          })),
        ),
      );
    }
    return out;
  };
  return { catalogue, load };
}

/** Raw series of the tenant (the detection job: no reader, only the verdict leaves the server). */
export async function rawLoader(
  sql: Sql,
  tenantId: string,
): Promise<{ catalogue: Catalogue; load: SeriesLoader }> {
  const catalogue = await getTenantCatalogue(sql, tenantId);
  const load: SeriesLoader = async (areaId, indicators) => {
    const rows = await selectAreaObservations(
      sql,
      tenantId,
      areaId,
      indicators.map((i) => i.id),
    );
    return indicators.map((ind) =>
      toSeries(
        ind,
        rows
          .filter((r) => r.indicator_id === ind.id)
          .map((r) => ({
            date: r.ref_date,
            value: r.value,
            numerator: r.numerator,
            denominator: r.denominator,
          })),
      ),
    );
  };
  return { catalogue, load };
}

/** The comparison of one assessment with the indicators of its Lebenslage in its area. */
export async function compareRow(
  row: Pick<AssessmentRow, 'area_id' | 'dimension' | 'trend' | 'observed_date'>,
  source: { catalogue: Catalogue; load: SeriesLoader },
): Promise<DisagreementResult> {
  const indicators = source.catalogue.indicators.filter((i) => i.dimension === row.dimension);
  const series = indicators.length === 0 ? [] : await source.load(row.area_id, indicators);
  return compareAssessment({ trend: row.trend, observedDate: row.observed_date }, series);
}
