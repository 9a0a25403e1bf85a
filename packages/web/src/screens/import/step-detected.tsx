// Step 1b — what the server detected: format, encoding, separators, layout, a preview; for tables the
// header switch ("Erste Zeile ist eine Überschrift", pre-set from the detection, with its reason) and
// the decimal/thousands override, which re-analyses the file and is sent with the next dry run or
// import (issue 9 § 2).
import { useEffect, useId } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import type { Decisions } from './decisions.ts';
import { IssuesTable } from './issues-table.tsx';
import type { ImportState } from './use-import.ts';

const DELIMITER_NAMES: Record<string, { de: string; en: string }> = {
  '\t': { de: 'Tabulator (\\t)', en: 'tab (\\t)' },
  ';': { de: 'Semikolon (;)', en: 'semicolon (;)' },
  ',': { de: 'Komma (,)', en: 'comma (,)' },
  '|': { de: 'senkrechter Strich (|)', en: 'vertical bar (|)' },
};

/** Names a CSV delimiter as the import dialog shows it (German by default). */
export function describeDelimiter(
  d: string | undefined,
  lang: 'de' | 'en' = 'de',
): string | undefined {
  if (d === undefined) return undefined;
  return DELIMITER_NAMES[d]?.[lang] ?? (lang === 'de' ? `„${d}“` : `“${d}”`);
}

function HeaderSwitch({ s }: { s: ImportState }) {
  const { t } = useI18n();
  const id = useId();
  const presence = s.analysis?.published?.headerPresence;
  if (!presence) return null;
  return (
    <div className="card-inner decision header-switch">
      <label className="checkbox">
        <input
          id={`${id}-header`}
          type="checkbox"
          checked={presence.used}
          disabled={s.flow.busy !== null}
          aria-describedby={`${id}-reason`}
          onChange={(e) => void s.analyze({ hasHeader: e.target.checked })}
        />
        {t.impHeaderSwitch}
      </label>
      <p id={`${id}-reason`} className="hint">
        {presence.decidedBy === 'person' ? t.impHeaderByPerson : t.impHeaderDetected}{' '}
        {presence.reason}
      </p>
    </div>
  );
}

/** The numbers of the preview as read with the current separators (from the server's analysis). */
function NumbersRead({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  const cols = s.analysis?.numbers?.columns ?? [];
  if (cols.length === 0) return null;
  const f = (n: number) => formatNumber(n, 0, lang);
  return (
    <div className="form-grid-full numbers-read">
      <p className="field-label">{t.impNumbersCaption}</p>
      <ul>
        {cols.slice(0, 6).map((c) => (
          <li key={c.column}>
            <span className="mono">{c.column}</span>:{' '}
            {c.examples
              .map((e) =>
                t.impNumbersRead(
                  e.text,
                  e.value === null
                    ? t.impNumbersNoNumber
                    : formatNumber(e.value, Number.isInteger(e.value) ? 0 : 3, lang),
                ),
              )
              .join(', ')}
            {c.invalid > 0 && (
              <span className="numbers-bad"> · {t.impNumbersInvalid(f(c.invalid))}</span>
            )}
            {c.withDecimals > 0 && (
              <span className="hint"> · {t.impNumbersDecimals(f(c.withDecimals))}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The decimal/thousands override: a change re-analyses the file with the chosen separators (the
 * preview numbers and the suggestion follow), keeping the person's header choice.
 */
/** The separator select that started a re-analysis; it gets the focus back when the answer is in. */
let refocus: 'dec' | 'thou' | null = null;

function SeparatorOverride({ s }: { s: ImportState }) {
  const { t } = useI18n();
  const id = useId();
  const d = s.decisions;
  const presence = s.analysis?.published?.headerPresence;
  const idle = s.flow.busy === null;
  useEffect(() => {
    // the re-analysis renders the step anew: keyboard users stay where they were
    if (!idle || refocus === null) return;
    document.getElementById(`${id}-${refocus}`)?.focus();
    refocus = null;
  }, [idle, id, s.analysis]);
  const reanalyse = (
    which: 'dec' | 'thou',
    patch: { decimal?: Decisions['decimal'] | null; thousands?: Decisions['thousands'] | null },
  ) => {
    refocus = which;
    void s.analyze({
      ...patch,
      ...(presence?.decidedBy === 'person' ? { hasHeader: presence.used } : {}),
    });
  };
  return (
    <fieldset className="card-inner form-grid separators" disabled={s.flow.busy !== null}>
      <legend>{t.impSeparators}</legend>
      <p className="hint form-grid-full">
        {t.impSeparatorsHint} {t.impSeparatorsReanalyse}
      </p>
      <div className="field">
        <label htmlFor={`${id}-dec`} className="field-label">
          {t.decimal}
        </label>
        <select
          id={`${id}-dec`}
          value={d.decimal ?? ''}
          onChange={(e) =>
            reanalyse('dec', { decimal: (e.target.value || null) as Decisions['decimal'] | null })
          }
        >
          <option value="">{t.impAsDetected}</option>
          <option value=",">{t.impComma}</option>
          <option value=".">{t.impDot}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-thou`} className="field-label">
          {t.impThousands}
        </label>
        <select
          id={`${id}-thou`}
          value={d.thousands ?? ''}
          onChange={(e) =>
            reanalyse('thou', {
              thousands: (e.target.value || null) as Decisions['thousands'] | null,
            })
          }
        >
          <option value="">{t.impAsDetected}</option>
          <option value=".">{t.impDot}</option>
          <option value=",">{t.impComma}</option>
          <option value="none">{t.impNoThousands}</option>
        </select>
      </div>
      <NumbersRead s={s} />
    </fieldset>
  );
}

function DetectedMeta({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  const det = s.analysis!.detected;
  const rows: [string, string | undefined][] = [
    [t.kind, det.kind === 'areas' ? t.kindAreas : t.kindTable],
    [t.format, det.format],
    [t.encoding, det.encoding],
    [t.delimiter, describeDelimiter(det.delimiter, lang)],
    [t.decimal, det.decimal ? `„${det.decimal}“` : undefined],
    [t.impThousands, det.thousands ? `„${det.thousands}“` : undefined],
    [
      t.layout,
      det.kind === 'table' ? (det.layout === 'long' ? t.layoutLong : t.layoutWide) : undefined,
    ],
    [t.crs, det.crs],
    [t.rows, det.rowCount !== undefined ? formatNumber(det.rowCount, 0, lang) : undefined],
    [
      t.features,
      det.featureCount !== undefined ? formatNumber(det.featureCount, 0, lang) : undefined,
    ],
  ];
  return (
    <dl className="meta meta-inline">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <div key={k} className="meta-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

export function StepDetected({ s }: { s: ImportState }) {
  const { t } = useI18n();
  const id = useId();
  const a = s.analysis;
  if (!a) return null;
  const columns = a.detected.columns ?? [];
  const sample = a.detected.sampleRows ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>2. {t.detected}</h2>
      <DetectedMeta s={s} />
      {s.isTable && <HeaderSwitch s={s} />}
      {(a.published?.nonAreaRows.length ?? 0) > 0 && (
        <p className="note">
          {t.impNonAreaPreview(
            a.published!.nonAreaRows.map((g) => `${g.label}: ${g.examples.join(', ')}`).join('; '),
          )}
        </p>
      )}
      {(a.reasons.length > 0 || a.warnings.length > 0) && (
        <details className="reasons">
          <summary>{t.detectionReasons}</summary>
          <ul>
            {[...a.reasons, ...a.warnings].map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </details>
      )}
      {a.problems.length > 0 && (
        <IssuesTable issues={a.problems} total={a.problems.length} caption={t.fileProblems} />
      )}
      {sample.length > 0 && (
        <div className="table-wrap table-sample">
          <table className="data-table">
            <caption>{t.sample}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sample.slice(0, 10).map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {s.isTable && <SeparatorOverride s={s} />}
    </section>
  );
}
