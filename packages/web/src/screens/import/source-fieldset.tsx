// The source (publisher, licence, attribution) of what an import creates: new indicators or a new
// area system. Every figure and every map names it (issue 9 § 3, § 6).
import { useI18n } from '../../i18n/index.tsx';
import type { SourceDraft } from './new-indicators.ts';

export function SourceFieldset({
  idPrefix,
  draft,
  onChange,
  hint,
  title,
}: {
  idPrefix: string;
  draft: SourceDraft;
  onChange: (d: SourceDraft) => void;
  hint: string;
  /** Legend; default „Quelle der neuen Indikatoren“. */
  title?: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="card-inner form-grid">
      <legend>{title ?? t.sourceFormTitle}</legend>
      <p className="hint form-grid-full">{hint}</p>
      {(
        [
          ['title', t.sourceTitle, true],
          ['publisher', t.sourcePublisher, true],
          ['licence', t.licenceLabel, true],
          ['attribution', t.attribution, true],
          ['url', t.sourceUrl, false],
        ] as const
      ).map(([k, label, required]) => (
        <div key={k} className="field">
          <label htmlFor={`${idPrefix}-src-${k}`} className="field-label">
            {label}
          </label>
          <input
            id={`${idPrefix}-src-${k}`}
            type={k === 'url' ? 'url' : 'text'}
            value={draft[k]}
            aria-required={required}
            placeholder={k === 'licence' ? 'dl-de/by-2-0' : k === 'url' ? 'https://' : undefined}
            onChange={(e) => onChange({ ...draft, [k]: e.target.value })}
          />
        </div>
      ))}
    </fieldset>
  );
}
