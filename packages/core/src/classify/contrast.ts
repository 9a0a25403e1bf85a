// Colour contrast after WCAG 2.1 (W3C Recommendation, 5 June 2018), definitions "relative
// luminance" and "contrast ratio", success criterion 1.4.3 Contrast (Minimum): text needs ≥ 4.5:1.
// WCAG 2.1 writes the sRGB threshold as 0.03928; IEC 61966-2-1 says 0.04045. No 8-bit channel value
// lies between the two (10/255 = 0.0392, 11/255 = 0.0431), so both give identical results.

/** Minimum contrast ratio for normal-size text (WCAG 2.1, SC 1.4.3, level AA). */
export const WCAG_AA_TEXT_CONTRAST = 4.5;

/** Parses '#rgb' or '#rrggbb' (case-insensitive) into [r, g, b] 0–255; throws a German Error otherwise. */
export function parseHexColor(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`Ungültige Farbe "${hex}": erwartet wird #rgb oder #rrggbb`);
  let digits = m[1] as string;
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
}

/** Relative luminance (0 = black, 1 = white) of a hex colour, per WCAG 2.1. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHexColor(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), from 1 to 21. */
export function contrastRatio(hexA: string, hexB: string): number {
  const a = relativeLuminance(hexA);
  const b = relativeLuminance(hexB);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Black or white, whichever contrasts more with `background` for a label on it. The better of
 * the two always reaches at least 4.58:1 (the worst case is L ≈ 0.179, where both are equal),
 * so WCAG AA for text (4.5:1) holds on every colour.
 */
export function textColorFor(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff')
    ? '#000000'
    : '#ffffff';
}
