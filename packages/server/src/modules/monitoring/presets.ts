// The core MSS presets (S1…/D1… ids) mapped onto the indicator ids the Berlin demo stores
// (packages/server/src/seed/berlin/catalogue.json, mssColumns.index). The method itself stays in
// core (packages/core/src/monitoring/presets.ts, docs/methods/index-engine.md § 5).
import { MSS_2013_2017, MSS_2019_2021, type IndexDefinition } from '@sozialraum/core';

/** Core MSS indicator id → demo indicator id. */
export const MSS_INDICATOR_IDS: Readonly<Record<string, string>> = {
  S1: 'mss_s1_unemployment',
  S2: 'mss_s2_long_term_unemployment',
  S3: 'mss_s3_transfer',
  S4: 'mss_s4_child_poverty',
  D1: 'mss_d1_unemployment_change',
  D2: 'mss_d2_long_term_unemployment_change',
  D3: 'mss_d3_transfer_change',
  D4: 'mss_d4_child_poverty_change',
};

/** Renames every indicator id of a definition (inputs, weights, changeOf). */
export function renameIndicators(
  def: IndexDefinition,
  map: Readonly<Record<string, string>>,
): IndexDefinition {
  const to = (id: string) => map[id] ?? id;
  const part = <P extends IndexDefinition['status']>(p: P): P => ({
    ...p,
    inputs: p.inputs.map((i) => ({ ...i, indicatorId: to(i.indicatorId) })),
    ...(p.weights
      ? { weights: Object.fromEntries(Object.entries(p.weights).map(([k, w]) => [to(k), w])) }
      : {}),
  });
  const dynamics = def.dynamics
    ? {
        ...part(def.dynamics),
        periodYears: def.dynamics.periodYears,
        ...(def.dynamics.changeOf
          ? {
              changeOf: Object.fromEntries(
                Object.entries(def.dynamics.changeOf).map(([k, v]) => [to(k), to(v)]),
              ),
            }
          : {}),
      }
    : undefined;
  return { ...def, status: part(def.status), ...(dynamics ? { dynamics } : {}) };
}

/** A built-in, read-only index definition. */
export interface Preset {
  id: string;
  definition: IndexDefinition;
}

/** The presets offered to every tenant: MSS 2019/2021 first (the current method, the default). */
export const PRESETS: readonly Preset[] = [MSS_2019_2021, MSS_2013_2017].map((d) => ({
  id: d.id,
  definition: renameIndicators(d, MSS_INDICATOR_IDS),
}));
