// Index definitions are data (stored per tenant, edited in a form), not code. Plain TS types, no
// zod, so core stays dependency-free; `validateIndexDefinition` checks them and names every
// problem in German. Method and sources: docs/methods/index-engine.md.

/** Which way an indicator points. Standardised values are always oriented "higher = more disadvantaged". */
export type Direction = 'higher_is_worse' | 'higher_is_better';

/**
 * zscore: (x − mean) / SD with the population SD (÷ N) over the valid areas (MSS Berlin);
 * minmax: (x − min) / (max − min), KomMonitor's "Leitindikator" normalisation (0–1);
 * percentile_rank: share of valid areas below the value, ties counted half (0–1).
 */
export type StandardisationMethod = 'zscore' | 'minmax' | 'percentile_rank';

/** How the standardised inputs are combined into one value per area. */
export type CombinationMethod = 'sum' | 'mean' | 'weighted_sum';

/** One input indicator of an index part. */
export interface IndexInput {
  /** indicator id as used in the input values (e.g. 'S1'). */
  indicatorId: string;
  /** German label for explanations ("Arbeitslosigkeit"). */
  label: string;
  direction: Direction;
}

/**
 * A class boundary. `onBoundary` says to which class a value exactly equal to the boundary belongs:
 * 'lower' (the class below) or 'upper' (the class above). Berlin MSS: hoch < −1,0 ≤ mittel ≤ +1,0 < niedrig
 * → −1,0 has onBoundary 'upper', +1,0 has 'lower'.
 */
export interface ClassBoundary {
  value: number;
  onBoundary: 'lower' | 'upper';
}

/** A class of a scheme: a short code (used in matrix codes, e.g. '2' or '+/-') and a German label. */
export interface ClassLabel {
  code: string;
  label: string;
}

/**
 * Class scheme: n boundaries separate n + 1 classes (ascending).
 * sd: boundary values are multiples of the SD of the index around its mean (for a z re-standardised
 *     index exactly the given values); quantile: boundary values are probabilities 0–1 (type-7
 *     quantiles of the valid index values); fixed: boundary values in index units.
 */
export interface ClassScheme {
  kind: 'sd' | 'quantile' | 'fixed';
  boundaries: ClassBoundary[];
  classes: ClassLabel[];
}

/** One part of an index (status or dynamics). */
export interface IndexPart {
  /** German name of the index ("Status-Index"). */
  label: string;
  inputs: IndexInput[];
  standardisation: StandardisationMethod;
  combination: CombinationMethod;
  /** weights per indicator id; required for 'weighted_sum', must name exactly the inputs. */
  weights?: Record<string, number>;
  /** standardise the combined value again with the same method (MSS: yes). */
  restandardise: boolean;
  classes: ClassScheme;
}

/** The dynamics part: indicators are changes of shares over `periodYears` years, in percentage points. */
export interface DynamicsPart extends IndexPart {
  periodYears: number;
  /** dynamics indicator id → status indicator whose change it is (D1 → S1); for explanations. */
  changeOf?: Record<string, string>;
}

/** An area excluded by name, with the reason shown to users. */
export interface AreaExclusion {
  areaId: string;
  reason: string;
}

/** Which areas are scored. */
export interface ValidityRules {
  /** areas with fewer residents are not scored (MSS: 300); null/undefined = no minimum. */
  minPopulation?: number | null;
  /** explicit exclusions with reasons (e.g. an industrial estate as outlier). */
  exclusions?: AreaExclusion[];
  /** a missing value of a valid area: 'error' (default, refuse the computation) or 'exclude' the area. */
  missingValues?: 'error' | 'exclude';
}

/** A cell of the status × dynamics matrix. */
export interface MatrixGroup {
  /** status class code */
  status: string;
  /** dynamics class code */
  dynamics: string;
  /** group code, e.g. '2+/-' */
  code: string;
  /** German label, e.g. 'Status mittel, Dynamik stabil' */
  label: string;
}

/** A rule on the matrix: an area matches when any of the conditions holds. */
export interface MatrixRule {
  id: string;
  label: string;
  /** each condition: status class code in `status` and (if given) dynamics class code in `dynamics`. */
  when: { status: string[]; dynamics?: string[] }[];
}

/** A complete index definition. */
export interface IndexDefinition {
  id: string;
  label: string;
  /** free-text source of the method (shown in the UI and the method write-up). */
  source?: string;
  status: IndexPart;
  dynamics?: DynamicsPart;
  validity: ValidityRules;
  /** the status × dynamics matrix (requires `dynamics`): every combination exactly once. */
  matrix?: MatrixGroup[];
  rules?: MatrixRule[];
}
