import type { IndexResults } from '../../api/monitoring.ts';

// Colours of the monitoring map: colour-blind safe (no red/green contrast; lightness carries the
// order, so the classes stay distinguishable in grey too). Status: ColorBrewer OrRd (4 classes,
// "colorblind safe" in ColorBrewer 2.0); dynamics: ColorBrewer PuOr (3 classes, colorblind safe);
// the 12 matrix groups: a bivariate scheme, lightness = status, hue = dynamics.

/** What the map shows: status class, dynamics class or the status × dynamics group. */
export type MonitoringView = 'status' | 'dynamics' | 'matrix';

/** Status classes hoch → sehr niedrig (ColorBrewer OrRd 4). */
export const STATUS_COLORS = ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'] as const;

/** Dynamics classes positiv, stabil, negativ (ColorBrewer PuOr 3: purple, light grey, orange). */
export const DYNAMICS_COLORS = ['#998ec3', '#f7f7f7', '#f1a340'] as const;

/**
 * The 12 status × dynamics groups (rows status hoch → sehr niedrig, columns dynamics positiv,
 * stabil, negativ): lightness carries the status, hue the dynamics (purple / grey / orange, the
 * PuOr hues of the dynamics map), so "mittel, stabil", where most areas are, stays a neutral grey.
 */
export const MATRIX_COLORS: readonly (readonly string[])[] = [
  ['#e6e1f0', '#f0f0f0', '#fde0c5'],
  ['#bfb3da', '#c8c8c8', '#f9b074'],
  ['#8c77bd', '#8f8f8f', '#e66101'],
  ['#5e3c99', '#4d4d4d', '#a63603'],
];

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Colour of matrix cell (status class s 0–3, dynamics class d 0–2). */
export function matrixColor(s: number, d: number): string {
  return MATRIX_COLORS[s]?.[d] ?? '#ffffff';
}

/** Black or white text on a fill, whichever has more contrast (WCAG relative luminance). */
export function textOn(hex: string): string {
  const lum = rgb(hex)
    .map((v) => v / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * (lum[0] as number) + 0.7152 * (lum[1] as number) + 0.0722 * (lum[2] as number);
  return l > 0.18 ? '#1a1a1a' : '#ffffff';
}

/** Fill colour per area id for the chosen view; null (hatched on the map) for areas not scored. */
export function colorsFor(results: IndexResults, view: MonitoringView): Map<number, string | null> {
  const statusIdx = new Map(results.counts.status.map((c, i) => [c.code, i]));
  const dynIdx = new Map(results.counts.dynamics.map((c, i) => [c.code, i]));
  const out = new Map<number, string | null>();
  for (const a of results.areas) {
    if (!a.scored || !a.status) {
      out.set(a.areaId, null);
      continue;
    }
    const s = statusIdx.get(a.status.classCode) ?? 0;
    const d = a.dynamics ? (dynIdx.get(a.dynamics.classCode) ?? 0) : -1;
    if (view === 'status') out.set(a.areaId, STATUS_COLORS[s] ?? null);
    else if (view === 'dynamics') out.set(a.areaId, d >= 0 ? (DYNAMICS_COLORS[d] ?? null) : null);
    else out.set(a.areaId, d >= 0 ? matrixColor(s, d) : null);
  }
  return out;
}
