// Panels over a map (the map legend, the Standorte toggles, the monitoring legend) start folded on
// phones (≤ 600 px, decided once when they mount) so the map stays visible; a button unfolds them.
// Wider screens always show them whole and never the button (styles.css: .fold-toggle, .is-folded).
import { useId, useState } from 'react';

/** The phone breakpoint of the folding panels (ADR 0019 § 4). */
export const FOLD_QUERY = '(max-width: 600px)';

/** Folded at first on a phone-sized screen only. */
export function startFolded(): boolean {
  try {
    return window.matchMedia(FOLD_QUERY).matches;
  } catch {
    return false;
  }
}

export interface Fold {
  folded: boolean;
  toggle: () => void;
  /** id for the folding part (`aria-controls` of the button). */
  bodyId: string;
  /** class for the panel: `is-folded` while folded, else ''. */
  className: string;
}

/** State of one folding panel. */
export function useFold(): Fold {
  const [folded, setFolded] = useState(startFolded);
  const bodyId = useId();
  return {
    folded,
    toggle: () => setFolded((f) => !f),
    bodyId,
    className: folded ? 'is-folded' : '',
  };
}

/** The button that folds and unfolds; shown on phones only (CSS). */
export function FoldButton({
  fold,
  showLabel,
  hideLabel,
}: {
  fold: Fold;
  showLabel: string;
  hideLabel: string;
}) {
  return (
    <button
      type="button"
      className="btn btn-small fold-toggle"
      aria-expanded={!fold.folded}
      aria-controls={fold.bodyId}
      onClick={fold.toggle}
    >
      {fold.folded ? showLabel : hideLabel}
    </button>
  );
}
