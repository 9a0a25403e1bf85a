// What an areas import asks the person to decide (issue 9 § 3): swapped axes (read again swapped?),
// a feature that covers all others (leave it out?), and areas a re-import no longer has (remove them
// with their values?). The server refuses or keeps until she decides; these controls say what goes.
import { useId } from 'react';
import type { ImportError, ImportReport } from '../../api/imports.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';

/** Offers to read the file again with x and y swapped when the server saw swapped axes. */
export function SwapAxesOffer({
  issues,
  busy,
  onSwap,
}: {
  issues: readonly ImportError[];
  busy: boolean;
  onSwap: () => void;
}) {
  const { t } = useI18n();
  if (!issues.some((i) => i.hint === 'swap_axes')) return null;
  return (
    <div className="note swap-offer">
      <p>{t.swapAxesExplain}</p>
      <button type="button" className="btn btn-primary" disabled={busy} onClick={onSwap}>
        {t.swapAxesButton}
      </button>
    </div>
  );
}

export type CoveringChoice = 'exclude' | 'keep';
export type MissingChoice = 'keep' | 'retire' | 'remove';

/** Radios for covering features (from the analysis) and missing areas (from a dry run). */
export function AreaDecisions({
  covering,
  coveringChoice,
  onCovering,
  missing,
  missingChoice,
  onMissing,
}: {
  covering: readonly { feature: number; message: string }[];
  coveringChoice: CoveringChoice;
  onCovering: (c: CoveringChoice) => void;
  missing: ImportReport['missingAreas'];
  missingChoice: MissingChoice;
  onMissing: (c: MissingChoice) => void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const fmt = (n: number) => formatNumber(n, 0, lang);
  return (
    <>
      {covering.length > 0 && (
        <fieldset className="card-inner decision">
          <legend>{t.coveringTitle}</legend>
          <ul>
            {covering.map((c) => (
              <li key={c.feature}>{c.message}</li>
            ))}
          </ul>
          {(['exclude', 'keep'] as const).map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name={`${id}-covering`}
                checked={coveringChoice === k}
                onChange={() => onCovering(k)}
              />
              {k === 'exclude' ? t.coveringExclude : t.coveringKeep}
            </label>
          ))}
        </fieldset>
      )}
      {missing && (
        <fieldset className="card-inner decision">
          <legend>{t.missingTitle(fmt(missing.count))}</legend>
          <p>
            {missing.examples.join(', ')}
            {missing.count > missing.examples.length ? ', …' : ''}
          </p>
          {(['keep', 'retire', 'remove'] as const).map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name={`${id}-missing`}
                checked={missingChoice === k}
                onChange={() => onMissing(k)}
              />
              {k === 'keep'
                ? t.missingKeep(fmt(missing.count))
                : k === 'retire'
                  ? t.missingRetire(fmt(missing.count))
                  : t.missingRemove(fmt(missing.count), fmt(missing.values), fmt(missing.alerts))}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}
