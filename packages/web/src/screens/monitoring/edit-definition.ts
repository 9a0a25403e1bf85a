// Pure helpers of the index form: a derived definition from a base definition and the planner's
// choices (which indicators, their direction, the standardisation). The server validates the result
// with the core validator and answers in German when it cannot be computed.

export type Direction = 'higher_is_worse' | 'higher_is_better';
export type Standardisation = 'zscore' | 'minmax' | 'percentile_rank';

interface Input {
  indicatorId: string;
  label: string;
  direction: Direction;
}

interface Part {
  inputs: Input[];
  standardisation: Standardisation;
  weights?: Record<string, number>;
  changeOf?: Record<string, string>;
  [k: string]: unknown;
}

/** What the form edits. */
export interface DefinitionEdits {
  id: string;
  label: string;
  standardisation: Standardisation;
  /** per indicator id: used or not, and its direction. */
  inputs: Record<string, { use: boolean; direction: Direction }>;
}

const partOf = (def: Record<string, unknown>, key: 'status' | 'dynamics') =>
  def[key] as Part | undefined;

/** The form's start values for a definition: all indicators used, their directions, its standardisation. */
export function editsFrom(
  def: Record<string, unknown>,
  id: string,
  label: string,
): DefinitionEdits {
  const inputs: DefinitionEdits['inputs'] = {};
  for (const key of ['status', 'dynamics'] as const)
    for (const i of partOf(def, key)?.inputs ?? [])
      inputs[i.indicatorId] = { use: true, direction: i.direction };
  return { id, label, standardisation: partOf(def, 'status')?.standardisation ?? 'zscore', inputs };
}

function editPart(part: Part, edits: DefinitionEdits): Part {
  const keep = (id: string) => edits.inputs[id]?.use !== false;
  const inputs = part.inputs
    .filter((i) => keep(i.indicatorId))
    .map((i) => ({ ...i, direction: edits.inputs[i.indicatorId]?.direction ?? i.direction }));
  const out: Part = { ...part, inputs, standardisation: edits.standardisation };
  if (part.weights)
    out.weights = Object.fromEntries(Object.entries(part.weights).filter(([k]) => keep(k)));
  if (part.changeOf)
    out.changeOf = Object.fromEntries(Object.entries(part.changeOf).filter(([k]) => keep(k)));
  return out;
}

/** The definition with the edits applied (id, label, inputs, directions, standardisation of both parts). */
export function applyEdits(
  def: Record<string, unknown>,
  edits: DefinitionEdits,
): Record<string, unknown> {
  const status = partOf(def, 'status');
  const dynamics = partOf(def, 'dynamics');
  return {
    ...def,
    id: edits.id.trim(),
    label: edits.label.trim(),
    ...(status ? { status: editPart(status, edits) } : {}),
    ...(dynamics ? { dynamics: editPart(dynamics, edits) } : {}),
  };
}
