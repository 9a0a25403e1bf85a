// Finds features that cover (nearly) all the others: the whole city or a "Gesamt" polygon that
// published area files often carry beside the areas themselves (issue 9 § 3). Such a feature must
// never become an area silently — the import offers to leave it out. Criteria (docs/methods/geometry.md,
// "Gesamtflächen"): its area is at least 80 % of the sum of all other areas, and it contains the bbox
// centres of at least 90 % of the other features. Both hold for a whole-city polygon; neither holds
// for an ordinary area, even a large one.
import { bboxOf, geodesicArea } from './measure.ts';
import { pointInPolygon } from './point-in-polygon.ts';
import type { AreaGeometry } from './types.ts';

export interface CoveringFeature {
  /** Position of the feature in the input (0-based). */
  index: number;
  /** Share of the other features whose bbox centre lies inside it (0–1). */
  coveredShare: number;
  /** Its area divided by the sum of all other areas. */
  areaRatio: number;
}

const MIN_AREA_RATIO = 0.8;
const MIN_COVERED_SHARE = 0.9;

/** Features that cover nearly all others (needs at least 3 features; null geometries are skipped). */
export function findCoveringFeatures(
  features: readonly { geometry: AreaGeometry | null }[],
): CoveringFeature[] {
  const areas = features.map((f) => (f.geometry ? geodesicArea(f.geometry) : 0));
  const total = areas.reduce((s, a) => s + a, 0);
  const present = features.filter((f) => f.geometry).length;
  if (present < 3) return [];
  const centres = features.map((f) => {
    const b = f.geometry ? bboxOf(f.geometry) : null;
    return b ? ([(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] as [number, number]) : null;
  });
  const out: CoveringFeature[] = [];
  features.forEach((f, i) => {
    const rest = total - areas[i]!;
    if (!f.geometry || rest <= 0) return;
    const areaRatio = areas[i]! / rest;
    if (areaRatio < MIN_AREA_RATIO) return;
    let inside = 0;
    let others = 0;
    centres.forEach((c, j) => {
      if (j === i || !c) return;
      others++;
      if (pointInPolygon(c, f.geometry!)) inside++;
    });
    const coveredShare = others ? inside / others : 0;
    if (coveredShare >= MIN_COVERED_SHARE) out.push({ index: i, coveredShare, areaRatio });
  });
  return out;
}
