// Pure helpers of the index editor: the form state derived from a base definition, the planner's
// changes (indicators, directions, standardisation, weights and combination, re-standardisation,
// class schemes, validity rules, dynamics, matrix rules) and the definition built from them. A
// local check names obvious slips in German before anything is sent; the server validates the
// result with the core validator (validateIndexDefinition) and answers in German as well.
import type {
  AreaExclusion,
  ClassBoundary,
  ClassLabel,
  ClassScheme,
  CombinationMethod,
  Direction,
  MatrixGroup,
  MatrixRule,
  StandardisationMethod,
} from '@sozialraum/core';

export type { Direction };
export type Standardisation = StandardisationMethod;

interface Input {
  indicatorId: string;
  label: string;
  direction: Direction;
}

interface Part {
  label?: string;
  inputs: Input[];
  standardisation: Standardisation;
  combination?: CombinationMethod;
  weights?: Record<string, number>;
  restandardise?: boolean;
  classes?: ClassScheme;
  periodYears?: number;
  changeOf?: Record<string, string>;
  [k: string]: unknown;
}

/** What the editor changes in one part (status or dynamics). */
export interface PartEdits {
  combination: CombinationMethod;
  /** weight per indicator id (used for 'weighted_sum' only). */
  weights: Record<string, number>;
  restandardise: boolean;
  /** null when the base part has no class scheme (then it is left as it is). */
  classes: ClassScheme | null;
  /** dynamics only: the period of the changes in years. */
  periodYears?: number;
}

/** What the form edits. */
export interface DefinitionEdits {
  id: string;
  label: string;
  standardisation: Standardisation;
  /** per indicator id: used or not, and its direction. */
  inputs: Record<string, { use: boolean; direction: Direction }>;
  parts: { status?: PartEdits; dynamics?: PartEdits };
  /** minimum residents for an area to be scored; null = no minimum. */
  minPopulation: number | null;
  exclusions: AreaExclusion[];
  rules: MatrixRule[];
}

const partOf = (def: Record<string, unknown>, key: 'status' | 'dynamics') =>
  def[key] as Part | undefined;

const cloneScheme = (s: ClassScheme): ClassScheme => ({
  kind: s.kind,
  boundaries: s.boundaries.map((b) => ({ ...b })),
  classes: s.classes.map((c) => ({ ...c })),
});

function partEditsFrom(part: Part): PartEdits {
  const weights: Record<string, number> = {};
  for (const i of part.inputs) weights[i.indicatorId] = part.weights?.[i.indicatorId] ?? 1;
  return {
    combination: part.combination ?? 'sum',
    weights,
    restandardise: part.restandardise ?? true,
    classes: part.classes ? cloneScheme(part.classes) : null,
    ...(typeof part.periodYears === 'number' ? { periodYears: part.periodYears } : {}),
  };
}

/** The form's start values for a definition: all indicators used, and everything else as in the definition. */
export function editsFrom(
  def: Record<string, unknown>,
  id: string,
  label: string,
): DefinitionEdits {
  const inputs: DefinitionEdits['inputs'] = {};
  const parts: DefinitionEdits['parts'] = {};
  for (const key of ['status', 'dynamics'] as const) {
    const part = partOf(def, key);
    if (!part) continue;
    for (const i of part.inputs) inputs[i.indicatorId] = { use: true, direction: i.direction };
    parts[key] = partEditsFrom(part);
  }
  const validity = (def.validity ?? {}) as {
    minPopulation?: number | null;
    exclusions?: AreaExclusion[];
  };
  return {
    id,
    label,
    standardisation: partOf(def, 'status')?.standardisation ?? 'zscore',
    inputs,
    parts,
    minPopulation: validity.minPopulation ?? null,
    exclusions: (validity.exclusions ?? []).map((e) => ({ ...e })),
    rules: ((def.rules ?? []) as MatrixRule[]).map((r) => ({
      ...r,
      when: r.when.map((w) => ({
        status: [...w.status],
        ...(w.dynamics ? { dynamics: [...w.dynamics] } : {}),
      })),
    })),
  };
}

function editPart(part: Part, edits: DefinitionEdits, p: PartEdits | undefined): Part {
  const keep = (id: string) => edits.inputs[id]?.use !== false;
  const inputs = part.inputs
    .filter((i) => keep(i.indicatorId))
    .map((i) => ({ ...i, direction: edits.inputs[i.indicatorId]?.direction ?? i.direction }));
  const out: Part = { ...part, inputs, standardisation: edits.standardisation };
  delete out.weights;
  if (p) {
    out.combination = p.combination;
    out.restandardise = p.restandardise;
    if (p.classes) out.classes = cloneScheme(p.classes);
    if (p.periodYears !== undefined) out.periodYears = p.periodYears;
    // Weights only for the weighted sum (the validator refuses weights that name unused indicators).
    if (p.combination === 'weighted_sum')
      out.weights = Object.fromEntries(
        inputs.map((i) => [i.indicatorId, p.weights[i.indicatorId] ?? 1]),
      );
  } else if (part.weights)
    out.weights = Object.fromEntries(Object.entries(part.weights).filter(([k]) => keep(k)));
  if (part.changeOf)
    out.changeOf = Object.fromEntries(Object.entries(part.changeOf).filter(([k]) => keep(k)));
  return out;
}

/**
 * The status × dynamics matrix for the given classes: every combination once; groups of `existing`
 * with the same status and dynamics codes keep their code and label, new ones are named from the classes.
 */
export function matrixFor(
  status: readonly ClassLabel[],
  dynamics: readonly ClassLabel[],
  existing: readonly MatrixGroup[] = [],
): MatrixGroup[] {
  // Same classes: keep the existing matrix as it is (its order is the legend's order).
  if (
    existing.length === status.length * dynamics.length &&
    status.every((s) =>
      dynamics.every((d) => existing.some((g) => g.status === s.code && g.dynamics === d.code)),
    )
  )
    return existing.map((g) => ({ ...g }));
  const out: MatrixGroup[] = [];
  const used = new Set<string>();
  for (const s of status)
    for (const d of dynamics) {
      const old = existing.find((g) => g.status === s.code && g.dynamics === d.code);
      let code = old?.code ?? `${s.code}${d.code}`;
      if (used.has(code)) code = `${s.code}|${d.code}`;
      used.add(code);
      out.push({
        status: s.code,
        dynamics: d.code,
        code,
        label: old?.label ?? `Status ${s.label}, Dynamik ${d.label}`,
      });
    }
  return out;
}

/** Rules without class codes that no longer exist; conditions left without a status class are dropped. */
export function pruneRules(
  rules: readonly MatrixRule[],
  statusCodes: readonly string[],
  dynamicsCodes: readonly string[],
): MatrixRule[] {
  return rules.map((r) => ({
    ...r,
    when: r.when
      .map((w) => ({
        status: w.status.filter((c) => statusCodes.includes(c)),
        ...(w.dynamics ? { dynamics: w.dynamics.filter((c) => dynamicsCodes.includes(c)) } : {}),
      }))
      .filter((w) => w.status.length > 0),
  }));
}

/** The definition with the edits applied (id, label, both parts, validity, matrix and rules). */
export function applyEdits(
  def: Record<string, unknown>,
  edits: DefinitionEdits,
): Record<string, unknown> {
  const status = partOf(def, 'status');
  const dynamics = partOf(def, 'dynamics');
  const newStatus = status ? editPart(status, edits, edits.parts.status) : undefined;
  const newDynamics = dynamics ? editPart(dynamics, edits, edits.parts.dynamics) : undefined;
  const baseValidity = (def.validity ?? {}) as Record<string, unknown>;
  const validity: Record<string, unknown> = { ...baseValidity, minPopulation: edits.minPopulation };
  if (edits.exclusions.length > 0 || baseValidity.exclusions !== undefined)
    validity.exclusions = edits.exclusions.map((e) => ({
      areaId: e.areaId.trim(),
      reason: e.reason.trim(),
    }));
  const out: Record<string, unknown> = {
    ...def,
    id: edits.id.trim(),
    label: edits.label.trim(),
    ...(newStatus ? { status: newStatus } : {}),
    ...(newDynamics ? { dynamics: newDynamics } : {}),
    validity,
  };
  const sClasses = newStatus?.classes?.classes;
  const dClasses = newDynamics?.classes?.classes;
  if (def.matrix !== undefined && sClasses && dClasses)
    out.matrix = matrixFor(sClasses, dClasses, def.matrix as MatrixGroup[]);
  if (def.rules !== undefined || edits.rules.length > 0)
    out.rules = pruneRules(
      edits.rules.map((r) => ({ ...r, label: r.label.trim() })),
      (sClasses ?? []).map((c) => c.code),
      (dClasses ?? []).map((c) => c.code),
    );
  return out;
}

/** Default boundaries when the kind of a scheme changes (same number of classes). */
export function changeSchemeKind(scheme: ClassScheme, kind: ClassScheme['kind']): ClassScheme {
  const n = scheme.boundaries.length;
  const values =
    kind === 'quantile'
      ? scheme.boundaries.map((_, k) => Math.round(((k + 1) / (n + 1)) * 1000) / 1000)
      : kind === 'sd'
        ? scheme.boundaries.map((_, k) => (n === 1 ? 0 : -1 + (2 * k) / (n - 1)))
        : scheme.boundaries.map((b) => b.value);
  return {
    kind,
    boundaries: scheme.boundaries.map((b, k) => ({ ...b, value: values[k] ?? b.value })),
    classes: scheme.classes.map((c) => ({ ...c })),
  };
}

/** A further class at the top end: one more boundary above the last one. */
export function addClass(scheme: ClassScheme): ClassScheme {
  const last = scheme.boundaries[scheme.boundaries.length - 1];
  const value =
    scheme.kind === 'quantile'
      ? Math.round((((last?.value ?? 0) + 1) / 2) * 1000) / 1000
      : (last?.value ?? 0) + (scheme.kind === 'sd' ? 0.5 : 1);
  const codes = new Set(scheme.classes.map((c) => c.code));
  let k = scheme.classes.length + 1;
  while (codes.has(String(k))) k++;
  return {
    ...scheme,
    boundaries: [
      ...scheme.boundaries.map((b) => ({ ...b })),
      { value, onBoundary: last?.onBoundary ?? 'lower' },
    ],
    classes: [...scheme.classes.map((c) => ({ ...c })), { code: String(k), label: `Klasse ${k}` }],
  };
}

/** Removes class `k`; it merges into its neighbour (the boundary below it, or above for the first class, goes). */
export function removeClass(scheme: ClassScheme, k: number): ClassScheme {
  if (scheme.classes.length <= 2) return scheme;
  const b = k === 0 ? 0 : k - 1;
  return {
    ...scheme,
    boundaries: scheme.boundaries.filter((_, i) => i !== b).map((x) => ({ ...x })),
    classes: scheme.classes.filter((_, i) => i !== k).map((c) => ({ ...c })),
  };
}

const de = (x: number) => String(x).replace('.', ',');

function checkScheme(scheme: ClassScheme, what: string, out: string[]): void {
  let previous = -Infinity;
  scheme.boundaries.forEach((b: ClassBoundary, i) => {
    if (!Number.isFinite(b.value)) {
      out.push(`${what}: Grenze ${i + 1} ist keine Zahl.`);
      return;
    }
    if (b.value <= previous)
      out.push(
        `${what}: Grenzen müssen aufsteigen, Grenze ${i + 1} (${de(b.value)}) liegt nicht über ${de(previous)}.`,
      );
    if (scheme.kind === 'quantile' && (b.value <= 0 || b.value >= 1))
      out.push(
        `${what}: Quantilgrenze ${i + 1} (${de(b.value)}) muss zwischen 0 und 1 liegen (z. B. 0,25).`,
      );
    previous = b.value;
  });
  const codes = new Set<string>();
  scheme.classes.forEach((c, i) => {
    if (c.code.trim() === '' || c.label.trim() === '')
      out.push(`${what}: Klasse ${i + 1} braucht Kürzel und Bezeichnung.`);
    else if (codes.has(c.code.trim())) out.push(`${what}: Kürzel „${c.code}“ kommt mehrfach vor.`);
    codes.add(c.code.trim());
  });
}

/** Slips the form can name before asking the server (German; empty = nothing found). */
export function checkEdits(def: Record<string, unknown>, edits: DefinitionEdits): string[] {
  const out: string[] = [];
  if (!/^[a-z0-9_-]+$/.test(edits.id.trim()))
    out.push('Kennung: nur Kleinbuchstaben, Ziffern, - und _ (und nicht leer).');
  if (edits.label.trim() === '') out.push('Name fehlt.');
  for (const key of ['status', 'dynamics'] as const) {
    const part = partOf(def, key);
    const p = edits.parts[key];
    if (!part || !p) continue;
    const what = part.label ?? (key === 'status' ? 'Status-Index' : 'Dynamik-Index');
    const used = part.inputs.filter((i) => edits.inputs[i.indicatorId]?.use !== false);
    if (used.length === 0) out.push(`${what}: mindestens ein Indikator ist nötig.`);
    if (p.combination === 'weighted_sum')
      for (const i of used) {
        const w = p.weights[i.indicatorId];
        if (w === undefined || !Number.isFinite(w) || w <= 0)
          out.push(`${what}: Gewicht für „${i.label}“ muss eine positive Zahl sein.`);
      }
    if (p.classes) checkScheme(p.classes, `${what}, Klassen`, out);
    if (p.periodYears !== undefined && !(Number.isInteger(p.periodYears) && p.periodYears >= 1))
      out.push(`${what}: Zeitraum muss eine ganze Zahl von Jahren (mindestens 1) sein.`);
  }
  if (
    edits.minPopulation !== null &&
    !(Number.isInteger(edits.minPopulation) && edits.minPopulation >= 0)
  )
    out.push('Mindesteinwohnerzahl: eine ganze Zahl ab 0, oder leer für keine Mindestzahl.');
  const seen = new Set<string>();
  edits.exclusions.forEach((e, i) => {
    const id = e.areaId.trim();
    if (id === '') out.push(`Ausschluss ${i + 1}: Gebietskennung fehlt.`);
    else if (seen.has(id)) out.push(`Ausschluss ${i + 1}: Gebiet ${id} ist schon ausgeschlossen.`);
    seen.add(id);
    if (e.reason.trim() === '')
      out.push(`Ausschluss ${i + 1}${id ? ` (${id})` : ''}: Begründung fehlt.`);
  });
  edits.rules.forEach((r, i) => {
    if (r.label.trim() === '') out.push(`Regel ${i + 1}: Bezeichnung fehlt.`);
    if (r.when.length === 0 || r.when.some((w) => w.status.length === 0))
      out.push(
        `Regel „${r.label || i + 1}“: jede Bedingung braucht mindestens eine Status-Klasse.`,
      );
  });
  return out;
}
