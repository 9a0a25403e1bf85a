// Class colours for choropleth maps. Rule (docs/methods/classification.md § Colours):
// the "bad" end is always the warm dark end. higher_is_worse → YlOrRd (high = dark red);
// higher_is_better → YlOrRd reversed (low = dark red); neutral → Blues (no value judgement).
//
// Colours: ColorBrewer 2.0 by Cynthia A. Brewer, Mark Harrower and The Pennsylvania State University,
// https://colorbrewer2.org, Apache License 2.0 (Brewer, Hatchard & Harrower 2003, Cartography and
// Geographic Information Science 30(1), 5–32). YlOrRd and Blues are marked colour-blind safe there.

/** Indicator polarity: which direction of the value is the better social situation. */
export type Polarity = 'higher_is_better' | 'higher_is_worse' | 'neutral';
/** The allowed polarities. */
export const POLARITIES: readonly Polarity[] = ['higher_is_better', 'higher_is_worse', 'neutral'];

/** ColorBrewer sequential schemes used here, by number of classes (3–9), light to dark. */
export const COLORBREWER = {
  YlOrRd: {
    3: ['#ffeda0', '#feb24c', '#f03b20'],
    4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
    5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
    6: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
    7: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
    8: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
    9: [
      '#ffffcc',
      '#ffeda0',
      '#fed976',
      '#feb24c',
      '#fd8d3c',
      '#fc4e2a',
      '#e31a1c',
      '#bd0026',
      '#800026',
    ],
  },
  Blues: {
    3: ['#deebf7', '#9ecae1', '#3182bd'],
    4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
    5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
    6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
    7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
    8: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
    9: [
      '#f7fbff',
      '#deebf7',
      '#c6dbef',
      '#9ecae1',
      '#6baed6',
      '#4292c6',
      '#2171b5',
      '#08519c',
      '#08306b',
    ],
  },
} as const satisfies Record<string, Record<3 | 4 | 5 | 6 | 7 | 8 | 9, readonly string[]>>;

/** Name of a ColorBrewer scheme hard-coded here. */
export type SchemeName = keyof typeof COLORBREWER;

/**
 * Colour of areas without a value: a neutral grey (ColorBrewer Greys), distinct in hue from
 * both schemes. The map should add a hatch pattern so "no data" does not rely on colour alone.
 */
export const NO_DATA_COLOR = '#bdbdbd';

/** Which scheme a polarity uses and whether it runs dark-to-light (reversed). */
export function schemeFor(polarity: Polarity): { scheme: SchemeName; reversed: boolean } {
  switch (polarity) {
    case 'higher_is_worse':
      return { scheme: 'YlOrRd', reversed: false };
    case 'higher_is_better':
      return { scheme: 'YlOrRd', reversed: true };
    case 'neutral':
      return { scheme: 'Blues', reversed: false };
    default:
      throw new Error(
        `Unbekannte Polarität "${String(polarity)}". Erlaubt sind: ${POLARITIES.join(', ')}.`,
      );
  }
}

/**
 * Hex colours for `classes` classes, ordered from the lowest to the highest class.
 * 3–9 classes come straight from ColorBrewer; 1 and 2 classes (after classify reduced the count)
 * take the middle, resp. the two outer colours of the 3-class scheme.
 */
export function paletteFor(polarity: Polarity, classes: number): string[] {
  const { scheme, reversed } = schemeFor(polarity);
  if (!Number.isInteger(classes) || classes < 1 || classes > 9) {
    throw new RangeError(`Farbskalen gibt es für 1 bis 9 Klassen, angefragt: ${String(classes)}`);
  }
  const three = COLORBREWER[scheme][3];
  let colors: string[];
  if (classes === 1) colors = [three[1]];
  else if (classes === 2) colors = [three[0], three[2]];
  else colors = [...COLORBREWER[scheme][classes as 3 | 4 | 5 | 6 | 7 | 8 | 9]];
  return reversed ? colors.reverse() : colors;
}
