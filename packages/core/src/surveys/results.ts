// Survey results per area (issue 13 § 3): n, shares with a 95 % Wilson interval for choice
// questions, means with a 95 % Student-t interval for scales, and withholding of small cells by the
// existing disclosure rules (primary below n = 5, secondary so a withheld area cannot be recovered
// from the total). Method and sources: docs/methods/surveys.md.
import { suppressCounts, type SuppressionFlag } from '../monitoring/disclosure.ts';
import { wilsonInterval } from '../stats/wilson.ts';
import type { SurveyAnswers } from './answers.ts';
import type { QuestionType, SurveyDefinition } from './definition.ts';

/** Below this many answers a cell is withheld (the survey's minimum cell size). */
export const SURVEY_MIN_CELL = 5;

// Two-sided 95 % quantiles of Student's t for df = 1 … 30 (any statistics table, e.g. NIST/SEMATECH
// e-Handbook § 1.3.6.7.2); above 30 the Cornish–Fisher expansion, which matches tables to 4 digits.
const T975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788,
  2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639,
  2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];

/** The 97.5 % quantile of Student's t with `df` degrees of freedom (df ≥ 1). */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new RangeError(`Freiheitsgrade müssen eine ganze Zahl ≥ 1 sein, erhalten: ${df}`);
  if (df <= T975.length) return T975[df - 1]!;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** Mean with a 95 % t interval (sample standard deviation, n − 1); null below n = 2. */
export function meanInterval(
  values: readonly number[],
): { mean: number; sd: number; lower: number; upper: number } | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { mean, sd, lower: mean - half, upper: mean + half };
}

/** Count and share of one option with its 95 % Wilson interval (shares 0–1). */
export interface OptionResult {
  optionId: string;
  count: number;
  share: number;
  lower: number;
  upper: number;
}

/** Why a cell is withheld: fewer than 5 answers, or to protect another withheld cell. */
export type Withheld = 'small' | 'secondary' | null;

/** One question in one area: n and its figures, or withheld (n and figures null). */
export interface QuestionCell {
  questionId: string;
  type: QuestionType;
  n: number | null;
  withheld: Withheld;
  options: OptionResult[] | null;
  mean: number | null;
  sd: number | null;
  lower: number | null;
  upper: number | null;
}

/** The results of one area (`areaId` null: all responses; '' : no area given). */
export interface AreaResults {
  areaId: string | null;
  responses: number | null;
  withheld: Withheld;
  questions: QuestionCell[];
}

/** Results of a survey: everyone together and per area of the area question (or of the survey). */
export interface SurveyResults {
  total: AreaResults;
  areas: AreaResults[];
}

const TOTAL = '\u0000total';

function cellOf(
  def: SurveyDefinition,
  qi: number,
  group: readonly SurveyAnswers[],
  flag: SuppressionFlag | undefined,
): QuestionCell {
  const q = def.questions[qi]!;
  const answered = group.map((a) => a[q.id]).filter((a) => a !== undefined);
  const empty = { options: null, mean: null, sd: null, lower: null, upper: null };
  if (flag?.suppressed) {
    const withheld = flag.kind === 'primary' ? 'small' : 'secondary';
    return { questionId: q.id, type: q.type, n: null, withheld, ...empty };
  }
  const n = answered.length;
  const base = { questionId: q.id, type: q.type, n, withheld: null };
  if (q.type === 'single' || q.type === 'multiple') {
    const options = (q.options ?? []).map((o) => {
      const count = answered.filter((a) =>
        Array.isArray(a) ? a.includes(o.id) : a === o.id,
      ).length;
      const w = wilsonInterval(count, n);
      return {
        optionId: o.id,
        count,
        share: n > 0 ? count / n : 0,
        lower: w?.lower ?? 0,
        upper: w?.upper ?? 0,
      };
    });
    return { ...base, ...empty, options: n > 0 ? options : null };
  }
  if (q.type === 'scale') {
    const m = meanInterval(answered.filter((a): a is number => typeof a === 'number'));
    return { ...base, ...empty, ...(m ?? {}) };
  }
  return { ...base, ...empty };
}

/**
 * Aggregates responses per area: the area is the answer to the area question, or `fixedArea` for
 * a survey about one area (responses without an area form the group ''). A question cell with
 * 1 … minCell − 1 answers is withheld, and one more cell of the same question when exactly one
 * would be withheld (core's suppressCounts: the total minus the others would reveal it).
 */
export function summariseSurvey(
  def: SurveyDefinition,
  responses: readonly SurveyAnswers[],
  options: { fixedArea?: string | null; minCell?: number } = {},
): SurveyResults {
  const minCount = options.minCell ?? SURVEY_MIN_CELL;
  const areaQ = def.questions.find((q) => q.type === 'area');
  const groups = new Map<string, SurveyAnswers[]>();
  for (const r of responses) {
    const picked = areaQ ? r[areaQ.id] : undefined;
    const key = typeof picked === 'string' ? picked : (options.fixedArea ?? '');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const keys = [...groups.keys()].sort((a, b) => a.localeCompare(b, 'de', { numeric: true }));
  const flagsOf = (count: (g: readonly SurveyAnswers[]) => number) =>
    suppressCounts(
      [
        { id: TOTAL, value: count(responses) },
        ...keys.map((k) => ({ id: k, value: count(groups.get(k)!) })),
      ],
      [{ id: 'areas', label: 'alle Gebiete', totalId: TOTAL, cellIds: keys }],
      [],
      { minCount },
    );
  const responseFlags = flagsOf((g) => g.length);
  const questionFlags = def.questions.map((q) =>
    flagsOf((g) => g.filter((a) => a[q.id] !== undefined).length),
  );
  const resultsOf = (key: string, group: readonly SurveyAnswers[]): AreaResults => {
    const f = responseFlags.get(key);
    const withheld: Withheld = f?.suppressed
      ? f.kind === 'primary'
        ? 'small'
        : 'secondary'
      : null;
    return {
      areaId: key === TOTAL ? null : key,
      responses: withheld ? null : group.length,
      withheld,
      questions: def.questions.map((_, qi) => cellOf(def, qi, group, questionFlags[qi]!.get(key))),
    };
  };
  return {
    total: resultsOf(TOTAL, responses),
    areas: keys.map((k) => resultsOf(k, groups.get(k)!)),
  };
}
