// A button that copies a text (a one-time link or token) and says so in a live region.
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** Copies `text` to the clipboard; the outcome is announced politely. */
export function CopyButton({
  text,
  label,
  ariaLabel,
}: {
  text: string;
  label?: string;
  /** Accessible name when the visible label alone does not say what is copied. */
  ariaLabel?: string;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  return (
    <span className="copy">
      <button
        type="button"
        className="btn btn-small"
        aria-label={ariaLabel}
        onClick={() => {
          if (!navigator.clipboard) {
            setNote(t.copyFailed);
            return;
          }
          navigator.clipboard.writeText(text).then(
            () => setNote(t.copied),
            () => setNote(t.copyFailed),
          );
        }}
      >
        {label ?? t.copy}
      </button>
      <span className="copy-note" role="status" aria-live="polite">
        {note}
      </span>
    </span>
  );
}

/** A secret or link shown once: read-only, selectable, with a copy button. */
export function SecretBox({ text, label }: { text: string; label: string }) {
  return (
    <div className="secret-box">
      <label className="field">
        <span className="field-label">{label}</span>
        <input
          type="text"
          readOnly
          value={text}
          className="mono"
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <CopyButton text={text} />
    </div>
  );
}
