// The run buttons (Probelauf, Importieren) with the progress of a running import, and the summary of
// what the check found missing (each entry focuses its field). After a successful import the button
// stays disabled until a new file is chosen.
import { useId } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { canImport } from './flow.ts';
import type { ImportState } from './use-import.ts';

function Problems({ s }: { s: ImportState }) {
  const { t } = useI18n();
  const errors = s.flow.fieldErrors;
  if (errors.length === 0) return null;
  return (
    <div className="form-problems" role="alert">
      <p>{t.impCheckFailed(errors.length)}</p>
      <ul>
        {errors.map((e) => (
          <li key={e.field + e.message}>
            <a
              href={`#${e.field}`}
              onClick={(ev) => {
                ev.preventDefault();
                document.getElementById(e.field)?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RunActions({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  const id = useId();
  const { busy, done } = s.flow;
  const p = s.progress;
  const pct =
    p && p.bytesTotal > 0 ? Math.min(100, Math.round((p.bytesRead / p.bytesTotal) * 100)) : null;
  return (
    <div className="run-actions">
      <Problems s={s} />
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => void s.run(true)}
          disabled={!canImport(s.flow)}
        >
          {busy === 'dry' ? t.running : s.report ? t.impDryRunAgain : t.dryRun}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void s.run(false)}
          disabled={!canImport(s.flow)}
          aria-describedby={done ? `${id}-done` : undefined}
        >
          {busy === 'run' ? t.running : t.runImport}
        </button>
        {done && (
          <span id={`${id}-done`} className="hint">
            {t.impDoneHint}
          </span>
        )}
      </div>
      {(busy === 'dry' || busy === 'run') && (
        <div className="progress-block">
          <label htmlFor={`${id}-progress`} className="field-label">
            {t.progress}
            {p && p.rowsRead > 0 ? ` – ${t.progressRows(formatNumber(p.rowsRead, 0, lang))}` : ''}
          </label>
          <progress id={`${id}-progress`} max={100} value={pct ?? undefined}>
            {pct !== null ? `${pct} %` : ''}
          </progress>
        </div>
      )}
    </div>
  );
}
