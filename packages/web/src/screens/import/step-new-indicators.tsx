// Step 5 — new indicators the import creates: suggestions from the column (name, unit from header and
// values), the Lebenslage chosen by the person (no default), a definition, and their source. They
// start "verwaltungsintern"; publishing is a later, deliberate step (issue 9 § 6).
import { useId } from 'react';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { dimensionLabel } from '../../lib/labels.ts';
import { DIMENSION_IDS, POLARITIES, UNITS, type NewIndicatorDraft } from './new-indicators.ts';
import { SourceFieldset } from './source-fieldset.tsx';
import { errorOf } from './step-target.tsx';
import { fieldIds } from './table-form.ts';
import type { ImportState } from './use-import.ts';

function DraftFieldset({
  s,
  draftKey,
  d,
}: {
  s: ImportState;
  draftKey: string;
  d: NewIndicatorDraft;
}) {
  const { t, lang } = useI18n();
  const f = (name: string) => fieldIds.draft(draftKey, name);
  const update = (patch: Partial<NewIndicatorDraft>, field: string) => {
    s.setDrafts({ ...s.drafts, [draftKey]: { ...d, ...patch } });
    s.dispatch({ type: 'fieldEdited', field });
  };
  const columns = draftKey.startsWith('label:')
    ? s.form.columnOrder.filter((c) => s.form.columns[c]?.draftKey === draftKey)
    : [d.column];
  return (
    <fieldset className="card-inner form-grid">
      <legend>
        {d.origin === 'label'
          ? t.newIndicatorFor(d.column)
          : t.impNewFromColumns(columns.join(', '))}
      </legend>
      <FormField id={f('name')} label={t.newIndicatorName} error={errorOf(s, f('name'))}>
        <input
          type="text"
          value={d.nameDe}
          onChange={(e) => update({ nameDe: e.target.value }, f('name'))}
        />
      </FormField>
      <FormField
        id={f('id')}
        label={t.newIndicatorId}
        hint={t.newIndicatorIdHint}
        error={errorOf(s, f('id'))}
      >
        <input
          type="text"
          className="mono"
          autoComplete="off"
          spellCheck={false}
          value={d.id}
          onChange={(e) => update({ id: e.target.value.trim() }, f('id'))}
        />
      </FormField>
      <FormField id={f('unit')} label={t.unit} error={errorOf(s, f('unit'))}>
        <select
          value={d.unit}
          onChange={(e) => update({ unit: e.target.value as NewIndicatorDraft['unit'] }, f('unit'))}
        >
          <option value="">{t.pleaseChoose}</option>
          {UNITS.map((u) => (
            <option key={u.id} value={u.id}>
              {u[lang]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={f('dim')} label={t.dimension} error={errorOf(s, f('dim'))}>
        <select
          value={d.dimension}
          onChange={(e) =>
            update({ dimension: e.target.value as NewIndicatorDraft['dimension'] }, f('dim'))
          }
        >
          <option value="">{t.pleaseChoose}</option>
          {DIMENSION_IDS.map((dim) => (
            <option key={dim} value={dim}>
              {dimensionLabel(dim, lang)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={f('pol')} label={t.polarity}>
        <select
          value={d.polarity}
          onChange={(e) =>
            update({ polarity: e.target.value as NewIndicatorDraft['polarity'] }, f('pol'))
          }
        >
          {POLARITIES.map((p) => (
            <option key={p} value={p}>
              {t.polarityLabel(p)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id={f('def')}
        label={t.impDefinition}
        hint={t.impDefinitionHint}
        error={errorOf(s, f('def'))}
        className="form-grid-full"
      >
        <textarea
          rows={2}
          value={d.definitionDe ?? ''}
          onChange={(e) => update({ definitionDe: e.target.value }, f('def'))}
        />
      </FormField>
    </fieldset>
  );
}

export function StepNewIndicators({ s }: { s: ImportState }) {
  const { t } = useI18n();
  const id = useId();
  const entries = Object.entries(s.drafts);
  if (!s.isTable || entries.length === 0) return null;
  return (
    <section className="card new-indicators" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>5. {t.impNewIndicators}</h2>
      <p className="note visibility-note">{t.impInternalNote}</p>
      {entries.map(([key, d]) => (
        <DraftFieldset key={key} s={s} draftKey={key} d={d} />
      ))}
      <SourceFieldset
        idPrefix="imp-table"
        draft={s.source}
        onChange={(next, field) => {
          s.setSource(next);
          s.dispatch({ type: 'fieldEdited', field });
        }}
        hint={t.sourceFormHint}
        errors={s.flow.fieldErrors}
      />
    </section>
  );
}
