// Room around the areas when the map fits them: the legend sits bottom left (about 270 px wide), so
// on a wide map the areas keep clear of it; on narrow screens there is no room to spare.
export interface FitPadding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const LEGEND_ROOM = 296;

export function fitPadding(canvasWidth: number): FitPadding {
  return {
    top: 24,
    right: 24,
    bottom: 24,
    left: canvasWidth >= 900 ? LEGEND_ROOM : 24,
  };
}
