// The source (publisher, licence, attribution) of what an import creates: new indicators or a new
// area system. Every figure and every map names it (issue 9 § 3, § 6). Examples are hints below the
// field, never placeholders that look like a filled value.
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { FieldError } from './flow.ts';
import type { SourceDraft } from './new-indicators.ts';

export function SourceFieldset({
  idPrefix,
  draft,
  onChange,
  hint,
  title,
  errors = [],
}: {
  idPrefix: string;
  draft: SourceDraft;
  onChange: (d: SourceDraft, field: string) => void;
  hint: string;
  /** Legend; default „Quelle der neuen Indikatoren“. */
  title?: string;
  /** Field errors; ids are `<idPrefix>-src-<field>`. */
  errors?: readonly FieldError[];
}) {
  const { t } = useI18n();
  const fields = [
    ['title', t.sourceTitle, true, null],
    ['publisher', t.sourcePublisher, true, null],
    ['licence', t.licenceLabel, true, t.impLicenceHint],
    ['attribution', t.attribution, true, t.impAttributionHint],
    ['url', t.sourceUrl, false, null],
  ] as const;
  return (
    <fieldset className="card-inner form-grid">
      <legend>{title ?? t.sourceFormTitle}</legend>
      <p className="hint form-grid-full">{hint}</p>
      {fields.map(([k, label, required, fieldHint]) => {
        const id = `${idPrefix}-src-${k}`;
        return (
          <FormField
            key={k}
            id={id}
            label={label}
            hint={fieldHint}
            error={errors.find((e) => e.field === id)?.message ?? null}
          >
            <input
              type={k === 'url' ? 'url' : 'text'}
              value={draft[k]}
              aria-required={required}
              onChange={(e) => onChange({ ...draft, [k]: e.target.value }, id)}
            />
          </FormField>
        );
      })}
    </fieldset>
  );
}
