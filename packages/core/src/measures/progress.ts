// Progress of measures (issue 14 § 2): a measure's own progress comes from its milestones (weighted
// share of those done) or, without milestones, from the percentage entered; a measure with
// sub-measures takes the weighted mean of its children instead, as Decidim's accountability
// component rolls results up (docs/adr/0032-measures.md).

/** The statuses a measure goes through. */
export const MEASURE_STATUSES = [
  { id: 'planned', de: 'Geplant', en: 'Planned' },
  { id: 'in_progress', de: 'In Umsetzung', en: 'In progress' },
  { id: 'paused', de: 'Pausiert', en: 'Paused' },
  { id: 'done', de: 'Abgeschlossen', en: 'Done' },
  { id: 'cancelled', de: 'Abgebrochen', en: 'Cancelled' },
] as const;

export type MeasureStatus = (typeof MEASURE_STATUSES)[number]['id'];
export const MEASURE_STATUS_IDS = MEASURE_STATUSES.map((s) => s.id) as [
  MeasureStatus,
  ...MeasureStatus[],
];

/** A milestone as the roll-up sees it: its weight (> 0) and whether it is reached. */
export interface MilestoneProgress {
  weight: number;
  done: boolean;
}

/** Percent (0–100) of the milestones' weight that is done; null without milestones. */
export function milestoneProgress(milestones: readonly MilestoneProgress[]): number | null {
  const total = milestones.reduce((s, m) => s + Math.max(0, m.weight), 0);
  if (milestones.length === 0 || total <= 0) return null;
  const done = milestones.reduce((s, m) => s + (m.done ? Math.max(0, m.weight) : 0), 0);
  return (done / total) * 100;
}

/** One measure in the tree: its parent, its weight among siblings and its own progress. */
export interface ProgressNode {
  id: string;
  parentId: string | null;
  /** Weight among its siblings (Decidim: `weight`, default 1). */
  weight: number;
  status: MeasureStatus;
  /** Entered percentage (0–100), used when the measure has no milestones. */
  progress: number | null;
  milestones: readonly MilestoneProgress[];
}

/** The measure's own progress: done = 100, else milestones, else the entered percentage, else 0. */
export function ownProgress(node: ProgressNode): number {
  if (node.status === 'done') return 100;
  const fromMilestones = milestoneProgress(node.milestones);
  if (fromMilestones !== null) return fromMilestones;
  return clampPercent(node.progress ?? 0);
}

const clampPercent = (p: number): number =>
  Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : 0;

/**
 * Rolled-up progress (percent, 0–100) of every measure: a measure with children gets the mean of
 * its children's rolled-up progress weighted by their weights; cancelled children do not count; a
 * measure whose children are all cancelled (or weigh nothing) keeps its own progress. A parent that
 * is not in the list counts as a root. Throws on a cycle (the server refuses one before saving).
 */
export function rollUpProgress(nodes: readonly ProgressNode[]): Map<string, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, ProgressNode[]>();
  for (const n of nodes) {
    if (n.parentId === null || !byId.has(n.parentId)) continue;
    let list = children.get(n.parentId);
    if (!list) children.set(n.parentId, (list = []));
    list.push(n);
  }
  const out = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (n: ProgressNode): number => {
    const known = out.get(n.id);
    if (known !== undefined) return known;
    if (visiting.has(n.id)) throw new Error(`Maßnahme ${n.id} ist ihr eigener Vorgänger (Zyklus).`);
    visiting.add(n.id);
    let sum = 0;
    let weights = 0;
    for (const c of children.get(n.id) ?? []) {
      const p = visit(c); // cancelled children still get their own value
      if (c.status === 'cancelled' || c.weight <= 0) continue;
      sum += p * c.weight;
      weights += c.weight;
    }
    const value = n.status === 'done' ? 100 : weights > 0 ? sum / weights : ownProgress(n);
    visiting.delete(n.id);
    out.set(n.id, value);
    return value;
  };
  for (const n of nodes) visit(n);
  return out;
}

/** True when making `parentId` the parent of `id` would close a cycle (parents: id → parent). */
export function wouldCycle(
  id: string,
  parentId: string | null,
  parents: ReadonlyMap<string, string | null>,
): boolean {
  let at = parentId;
  const seen = new Set<string>();
  while (at !== null && at !== undefined) {
    if (at === id || seen.has(at)) return true;
    seen.add(at);
    at = parents.get(at) ?? null;
  }
  return false;
}
