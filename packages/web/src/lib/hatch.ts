// The "keine Daten" hatch: diagonal grey lines on light grey, drawn on a canvas for MapLibre's fill-pattern.
// The legend uses the same colours via CSS (.swatch-nodata) so the two match.

export const HATCH_IMAGE_ID = 'nodata-hatch';
export const HATCH_BACKGROUND = '#f2f2f2';
export const HATCH_LINE = '#8c8c8c';
const SIZE = 8;

/** Draws the hatch tile (8×8 px, 45° lines that join seamlessly across tiles). */
export function createHatchImage(): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D nicht verfügbar');
  ctx.fillStyle = HATCH_BACKGROUND;
  ctx.fillRect(0, 0, SIZE, SIZE);
  ctx.strokeStyle = HATCH_LINE;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  // the main diagonal plus the two corner pieces make the pattern continuous when tiled
  ctx.moveTo(0, SIZE);
  ctx.lineTo(SIZE, 0);
  ctx.moveTo(-SIZE / 2, SIZE / 2);
  ctx.lineTo(SIZE / 2, -SIZE / 2);
  ctx.moveTo(SIZE / 2, SIZE + SIZE / 2);
  ctx.lineTo(SIZE + SIZE / 2, SIZE / 2);
  ctx.stroke();
  return ctx.getImageData(0, 0, SIZE, SIZE);
}
