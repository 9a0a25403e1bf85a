// Wide tables: each column → an existing indicator, a new one, or not imported; with years or dates
// in the headers, the Stichtag of each column is shown and can be corrected.
import { useMemo } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { indicatorName } from '../../lib/labels.ts';
import { NEW_INDICATOR } from './new-indicators.ts';
import { errorOf } from './step-target.tsx';
import { fieldIds, visibleColumns } from './table-form.ts';
import type { ImportState } from './use-import.ts';

/** Known indicators sorted by name, for the pickers. */
export function useIndicatorOptions(s: ImportState) {
  const { lang } = useI18n();
  return useMemo(
    () =>
      (s.indicatorsQ.data ?? [])
        .slice()
        .sort((a, b) => indicatorName(a, lang).localeCompare(indicatorName(b, lang), 'de')),
    [s.indicatorsQ.data, lang],
  );
}

/** The Stichtag of one column (years/dates in the headers), editable, with its error beside it. */
function ColumnDateCell({
  s,
  column,
  index,
  onChange,
}: {
  s: ImportState;
  column: string;
  index: number;
  onChange: (dateText: string) => void;
}) {
  const { t } = useI18n();
  const id = fieldIds.columnDate(index);
  const err = errorOf(s, id);
  return (
    <td>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="input-date"
        aria-label={t.impColumnDateOf(column)}
        aria-invalid={err ? true : undefined}
        aria-describedby={err ? `${id}-error` : undefined}
        value={s.form.columns[column]?.dateText ?? ''}
        onChange={(e) => onChange(e.target.value)}
      />
      {err && (
        <p id={`${id}-error`} className="field-error">
          {err}
        </p>
      )}
    </td>
  );
}

export function ColumnsTable({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  const options = useIndicatorOptions(s);
  const perColumn = s.form.dateMode === 'perColumn';
  const columns = visibleColumns(s.form);
  const setChoice = (c: string, patch: { target?: string; dateText?: string }, field: string) =>
    s.setForm(
      { ...s.form, columns: { ...s.form.columns, [c]: { ...s.form.columns[c]!, ...patch } } },
      field,
    );
  return (
    <div className="table-wrap">
      <table className="data-table columns-table">
        <caption>{t.indicatorColumns}</caption>
        <thead>
          <tr>
            <th scope="col">{t.column}</th>
            {perColumn && <th scope="col">{t.impColumnDate}</th>}
            <th scope="col">{t.targetIndicator}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c, i) => {
            const choice = s.form.columns[c]!;
            const colErr = errorOf(s, fieldIds.column(i));
            return (
              <tr key={c}>
                <th scope="row" className="mono">
                  <label htmlFor={fieldIds.column(i)}>{c}</label>
                </th>
                {perColumn && (
                  <ColumnDateCell
                    s={s}
                    column={c}
                    index={i}
                    onChange={(dateText) => setChoice(c, { dateText }, fieldIds.columnDate(i))}
                  />
                )}
                <td>
                  <select
                    id={fieldIds.column(i)}
                    value={choice.target}
                    aria-invalid={colErr ? true : undefined}
                    aria-describedby={colErr ? `${fieldIds.column(i)}-error` : undefined}
                    onChange={(e) => setChoice(c, { target: e.target.value }, fieldIds.column(i))}
                  >
                    <option value="">{t.notImported}</option>
                    <option value={NEW_INDICATOR}>{t.newIndicatorOption}</option>
                    {options.map((ind) => (
                      <option key={ind.id} value={ind.id}>
                        {indicatorName(ind, lang)} ({ind.id})
                      </option>
                    ))}
                  </select>
                  {colErr && (
                    <p id={`${fieldIds.column(i)}-error`} className="field-error">
                      {colErr}
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
