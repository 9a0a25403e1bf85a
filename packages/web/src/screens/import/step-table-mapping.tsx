// Step 4 — table mapping: area column and key, where the Stichtag comes from (a column, a fixed date,
// or one date per column for years in the headers, shown and editable), and what each column (wide)
// or each label of the whole file (long) becomes (columns-table.tsx, labels-table.tsx).
import { useId } from 'react';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ColumnsTable } from './columns-table.tsx';
import { LabelsTable } from './labels-table.tsx';
import { errorOf } from './step-target.tsx';
import { fieldIds, type DateMode, type TableForm } from './table-form.ts';
import type { ImportState } from './use-import.ts';

function ColumnSelect({
  s,
  field,
  id,
  label,
  optional,
}: {
  s: ImportState;
  field:
    | 'areaColumn'
    | 'dateColumn'
    | 'indicatorColumn'
    | 'valueColumn'
    | 'numeratorColumn'
    | 'denominatorColumn';
  id: string;
  label: string;
  optional?: boolean;
}) {
  const { t } = useI18n();
  const columns = s.analysis?.detected.columns ?? [];
  return (
    <FormField id={id} label={label} error={errorOf(s, id)}>
      <select
        value={s.form[field]}
        onChange={(e) => s.setForm({ ...s.form, [field]: e.target.value }, id)}
      >
        <option value="">{optional ? '—' : t.pleaseChoose}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </FormField>
  );
}

function Radios<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onChange: (v: V) => void;
}) {
  return (
    <fieldset className="field fieldset-inline">
      <legend className="field-label">{legend}</legend>
      {options.map(([k, label]) => (
        <label key={k} className="radio">
          <input
            type="radio"
            name={name}
            value={k}
            checked={value === k}
            onChange={() => onChange(k)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

function DateFields({ s }: { s: ImportState }) {
  const { t } = useI18n();
  const id = useId();
  const plan = s.analysis?.published?.dateColumns ?? null;
  const modes: [DateMode, string][] = [
    ['column', t.dateFromColumn],
    ['fixed', t.dateFixed],
  ];
  if (plan || s.form.dateMode === 'perColumn') modes.push(['perColumn', t.impDatePerColumn]);
  return (
    <>
      <Radios
        legend={t.dateSource}
        name={`${id}-datemode`}
        value={s.form.dateMode}
        options={modes}
        onChange={(dateMode) => s.setForm({ ...s.form, dateMode })}
      />
      {s.form.dateMode === 'column' && (
        <ColumnSelect s={s} field="dateColumn" id={fieldIds.dateColumn} label={t.dateColumn} />
      )}
      {s.form.dateMode === 'fixed' && (
        <FormField
          id={fieldIds.fixedDate}
          label={t.fixedDate}
          hint={t.dateHint}
          error={errorOf(s, fieldIds.fixedDate)}
        >
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={s.form.fixedDateText}
            onChange={(e) =>
              s.setForm({ ...s.form, fixedDateText: e.target.value }, fieldIds.fixedDate)
            }
          />
        </FormField>
      )}
      {s.form.dateMode === 'perColumn' && plan && (
        <p className="hint form-grid-full date-plan">{plan.reason}</p>
      )}
    </>
  );
}

export function StepTableMapping({ s }: { s: ImportState }) {
  const { t } = useI18n();
  const id = useId();
  if (!s.analysis || !s.isTable) return null;
  const set = (patch: Partial<TableForm>) => s.setForm({ ...s.form, ...patch });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>4. {t.mapping}</h2>
      <div className="form-grid">
        <Radios
          legend={t.layout}
          name={`${id}-layout`}
          value={s.form.layout}
          options={[
            ['wide', t.layoutWide],
            ['long', t.layoutLong],
          ]}
          onChange={(layout) => set({ layout })}
        />
        <ColumnSelect s={s} field="areaColumn" id={fieldIds.areaColumn} label={t.areaColumn} />
        <Radios
          legend={t.areaKeyType}
          name={`${id}-areakey`}
          value={s.form.areaKey}
          options={[
            ['code', t.keyCode],
            ['name', t.keyName],
          ]}
          onChange={(areaKey) => set({ areaKey })}
        />
        <DateFields s={s} />
        {s.form.layout === 'long' && (
          <>
            <ColumnSelect
              s={s}
              field="indicatorColumn"
              id={fieldIds.indicatorColumn}
              label={t.indicator}
            />
            <ColumnSelect s={s} field="valueColumn" id={fieldIds.valueColumn} label={t.value} />
            <ColumnSelect
              s={s}
              field="numeratorColumn"
              id="imp-numcol"
              label={t.numerator}
              optional
            />
            <ColumnSelect
              s={s}
              field="denominatorColumn"
              id="imp-dencol"
              label={t.denominator}
              optional
            />
          </>
        )}
      </div>
      {s.form.layout === 'wide' ? <ColumnsTable s={s} /> : <LabelsTable s={s} />}
    </section>
  );
}
