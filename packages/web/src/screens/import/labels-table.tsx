// Long tables: every distinct label of the indicator column — of the whole file, counted by the
// server — mapped to an existing indicator (suggested by name), a new one, or skipped (counted and
// reported, never dropped silently).
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { indicatorName } from '../../lib/labels.ts';
import { useIndicatorOptions } from './columns-table.tsx';
import { NEW_INDICATOR } from './new-indicators.ts';
import { errorOf } from './step-target.tsx';
import { fieldIds, labelKey, SKIP_LABEL } from './table-form.ts';
import type { ImportState } from './use-import.ts';

export function LabelsTable({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  const options = useIndicatorOptions(s);
  const labels = s.form.labels;
  if (labels.length === 0) return <p className="hint">{t.impNoLabels}</p>;
  const setTarget = (i: number, target: string) =>
    s.setForm(
      { ...s.form, labels: labels.map((l, j) => (j === i ? { ...l, target } : l)) },
      fieldIds.label(i),
    );
  const rows = labels.reduce((n, l) => n + l.count, 0);
  const contextColumn = labels.find((l) => l.context)?.context?.column;
  return (
    <div className="table-wrap">
      {contextColumn && <p className="hint">{t.impLabelContextHint(contextColumn)}</p>}
      <table className="data-table labels-table">
        <caption>
          {t.longLabelsCaption(s.form.indicatorColumn)}
          <span className="hint">
            {' '}
            –{' '}
            {s.form.labelsComplete
              ? t.impLabelsWholeFile(
                  formatNumber(labels.length, 0, lang),
                  formatNumber(rows, 0, lang),
                )
              : t.impLabelsPreviewOnly}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.longLabel}</th>
            <th scope="col" className="num">
              {t.rows}
            </th>
            <th scope="col">{t.targetIndicator}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((l, i) => {
            const err = errorOf(s, fieldIds.label(i));
            return (
              <tr key={labelKey(l)}>
                <th scope="row" className="mono">
                  <label htmlFor={fieldIds.label(i)}>
                    {l.label}
                    {l.context && (
                      <span className="label-context hint">
                        {t.impLabelContext}: {l.context.column} = „{l.context.value}“
                        {l.firstLine !== undefined &&
                          ` · ${t.impLabelFirstLine(formatNumber(l.firstLine, 0, lang))}`}
                      </span>
                    )}
                  </label>
                </th>
                <td className="num">{formatNumber(l.count, 0, lang)}</td>
                <td>
                  <select
                    id={fieldIds.label(i)}
                    value={l.target}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${fieldIds.label(i)}-error` : undefined}
                    onChange={(e) => setTarget(i, e.target.value)}
                  >
                    <option value="">{t.pleaseChoose}</option>
                    <option value={SKIP_LABEL}>{t.impSkipLabel}</option>
                    <option value={NEW_INDICATOR}>{t.newIndicatorOption}</option>
                    {options.map((ind) => (
                      <option key={ind.id} value={ind.id}>
                        {indicatorName(ind, lang)} ({ind.id})
                        {ind.id === l.target && l.suggestedName ? ` – ${t.impSuggested}` : ''}
                      </option>
                    ))}
                  </select>
                  {err && (
                    <p id={`${fieldIds.label(i)}-error`} className="field-error">
                      {err}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
