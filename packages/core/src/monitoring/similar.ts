// Similar areas: the k nearest areas in standardised indicator space (z-values with the population
// SD over the areas that have all selected values), Euclidean distance. Used later as comparison
// areas for measures. Method and limits: docs/methods/index-engine.md § Ähnliche Gebiete.
import { MonitoringError } from './errors.ts';

/** One area with raw indicator values. */
export interface SimilarityAreaInput {
  id: string;
  values: Readonly<Record<string, number | null | undefined>>;
}

/** An indicator used for similarity. */
export interface SimilarityIndicator {
  indicatorId: string;
  label: string;
}

/** A difference of one indicator between the area and a neighbour, in SD units. */
export interface IndicatorDifference {
  indicatorId: string;
  label: string;
  /** z of the neighbour − z of the area */
  difference: number;
}

/** A similar area. */
export interface SimilarArea {
  areaId: string;
  /** Euclidean distance of the z-vectors (SD units). */
  distance: number;
  /** the indicators that differ most (largest |difference| first). */
  differences: IndicatorDifference[];
}

/** Result of findSimilarAreas. */
export interface SimilarAreasResult {
  areaId: string;
  indicators: SimilarityIndicator[];
  /** areas compared (all selected values present). */
  compared: number;
  /** areas left out for a missing value. */
  skipped: number;
  neighbours: SimilarArea[];
}

/** The k most similar areas to `areaId` over the selected indicators (Euclidean on z-values). */
export function findSimilarAreas(
  areas: readonly SimilarityAreaInput[],
  areaId: string,
  options: { indicators: readonly SimilarityIndicator[]; k?: number; differencesShown?: number },
): SimilarAreasResult {
  const k = options.k ?? 5;
  const shown = options.differencesShown ?? 3;
  const inds = options.indicators;
  if (inds.length === 0)
    throw new MonitoringError(
      'invalid_input',
      'Für ähnliche Gebiete ist mindestens ein Indikator nötig.',
    );
  const complete = areas.filter((a) =>
    inds.every((ind) => Number.isFinite(a.values[ind.indicatorId] as number)),
  );
  const target = complete.find((a) => a.id === areaId);
  if (!target) {
    const exists = areas.some((a) => a.id === areaId);
    throw new MonitoringError(
      exists ? 'missing_value' : 'unknown_area',
      exists
        ? `Gebiet ${areaId} hat nicht für alle gewählten Indikatoren einen Wert.`
        : `Gebiet ${areaId} ist in den Eingabedaten nicht enthalten.`,
    );
  }
  for (const ind of inds) {
    if (!areas.some((a) => a.values[ind.indicatorId] !== undefined)) {
      throw new MonitoringError(
        'unknown_indicator',
        `Indikator „${ind.label}“ (${ind.indicatorId}) ist in den Eingabedaten nicht enthalten.`,
      );
    }
  }
  const n = complete.length;
  const stats = inds.map((ind) => {
    let s = 0;
    for (const a of complete) s += a.values[ind.indicatorId] as number;
    const mean = s / n;
    let ss = 0;
    for (const a of complete) ss += ((a.values[ind.indicatorId] as number) - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    if (sd === 0)
      throw new MonitoringError(
        'zero_variance',
        `Indikator „${ind.label}“ (${ind.indicatorId}) hat keine Streuung; er trägt nichts zur Ähnlichkeit bei.`,
      );
    return { mean, sd };
  });
  const z = (a: SimilarityAreaInput, j: number) =>
    ((a.values[(inds[j] as SimilarityIndicator).indicatorId] as number) -
      (stats[j] as { mean: number }).mean) /
    (stats[j] as { sd: number }).sd;
  const tz = inds.map((_, j) => z(target, j));
  const scored = complete
    .filter((a) => a.id !== areaId)
    .map((a) => {
      const diffs = inds.map((ind, j) => ({
        indicatorId: ind.indicatorId,
        label: ind.label,
        difference: z(a, j) - (tz[j] as number),
      }));
      const distance = Math.sqrt(diffs.reduce((acc, d) => acc + d.difference * d.difference, 0));
      return { areaId: a.id, distance, diffs };
    })
    .sort((a, b) => a.distance - b.distance || a.areaId.localeCompare(b.areaId))
    .slice(0, k);
  return {
    areaId,
    indicators: [...inds],
    compared: n,
    skipped: areas.length - n,
    neighbours: scored.map((s) => ({
      areaId: s.areaId,
      distance: s.distance,
      differences: [...s.diffs]
        .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))
        .slice(0, shown),
    })),
  };
}
