// Statistical disclosure control for public outputs: minimum population for indices, suppression of
// counts 1 and 2 (as the Bundesagentur für Arbeit does) and a simple secondary suppression so a
// suppressed cell cannot be recovered from a total and its siblings; values derived from suppressed
// counts are suppressed too. Rules and limits: docs/methods/change-detection.md § Geheimhaltung.
import { formatNumber } from '../format/number.ts';

/** Whether an index may be published for an area with this population (default minimum 300). */
export function checkIndexPublishable(
  population: number | null,
  minPopulation = 300,
): { publishable: boolean; reason: string | null } {
  if (population === null || !Number.isFinite(population))
    return {
      publishable: false,
      reason: 'Einwohnerzahl unbekannt: Index wird nicht veröffentlicht',
    };
  if (population < minPopulation) {
    return {
      publishable: false,
      reason: `Weniger als ${formatNumber(minPopulation)} Einwohnerinnen und Einwohner: Index wird nicht veröffentlicht`,
    };
  }
  return { publishable: true, reason: null };
}

/** A count cell of a table. */
export interface CountCell {
  id: string;
  value: number | null;
}

/** An additive group: `total` = Σ `cells` (e.g. a district total and its areas, or all age groups of an area). */
export interface AdditiveGroup {
  id: string;
  label: string;
  /** id of the total cell (may be absent when no total is published). */
  totalId?: string;
  cellIds: string[];
}

/** A value derived from counts (share, rate): suppressed when any source is suppressed. */
export interface DerivedValue {
  id: string;
  from: string[];
}

/** Suppression state of a cell or derived value. */
export interface SuppressionFlag {
  suppressed: boolean;
  kind: 'primary' | 'secondary' | 'derived' | null;
  reason: string | null;
}

/** Options of suppressCounts. */
export interface SuppressionOptions {
  /** counts from 1 to minCount − 1 are suppressed (default 3 → 1 and 2); 0 is shown. */
  minCount?: number;
}

/**
 * Primary suppression of counts 1 … minCount−1, secondary suppression within additive groups (no
 * group may have exactly one suppressed member), then derived values. Iterates until stable, so a
 * cell in several groups counts in all of them. Returns a flag per cell and derived value id.
 */
export function suppressCounts(
  cells: readonly CountCell[],
  groups: readonly AdditiveGroup[],
  derived: readonly DerivedValue[] = [],
  options: SuppressionOptions = {},
): Map<string, SuppressionFlag> {
  const minCount = options.minCount ?? 3;
  const value = new Map(cells.map((c) => [c.id, c.value]));
  const flags = new Map<string, SuppressionFlag>();
  for (const c of cells) {
    const v = c.value;
    if (v !== null && v > 0 && v < minCount) {
      flags.set(c.id, {
        suppressed: true,
        kind: 'primary',
        reason: `Fallzahl unter ${minCount} (Geheimhaltung)`,
      });
    } else flags.set(c.id, { suppressed: false, kind: null, reason: null });
  }
  const isSup = (id: string) => flags.get(id)?.suppressed === true;
  let changed = true;
  let guard = 0;
  while (changed && guard++ < cells.length + 1) {
    changed = false;
    for (const g of groups) {
      const members = [...g.cellIds, ...(g.totalId ? [g.totalId] : [])];
      const suppressedCount = members.filter(isSup).length;
      if (suppressedCount !== 1) continue;
      // Exactly one hidden member could be recovered as total − Σ others (or Σ cells for the total):
      // hide the smallest other cell (least information lost), zeros and the total only as last resort.
      const candidates = g.cellIds
        .filter((id) => !isSup(id))
        .map((id) => ({ id, v: value.get(id) ?? null }))
        .filter((c): c is { id: string; v: number } => c.v !== null)
        .sort(
          (a, b) =>
            (a.v === 0 ? 1 : 0) - (b.v === 0 ? 1 : 0) || a.v - b.v || a.id.localeCompare(b.id),
        );
      const pick = candidates[0]?.id ?? (g.totalId && !isSup(g.totalId) ? g.totalId : undefined);
      if (!pick) continue;
      flags.set(pick, {
        suppressed: true,
        kind: 'secondary',
        reason: `Geheimhaltung: sonst aus der Summe „${g.label}“ und den übrigen Werten errechenbar`,
      });
      changed = true;
    }
  }
  for (const d of derived) {
    const source = d.from.find(isSup);
    flags.set(
      d.id,
      source
        ? {
            suppressed: true,
            kind: 'derived',
            reason: `Geheimhaltung: aus einem gesperrten Wert (${source}) berechnet`,
          }
        : { suppressed: false, kind: null, reason: null },
    );
  }
  return flags;
}
