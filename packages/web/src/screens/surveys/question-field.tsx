// One question of a questionnaire as form controls: radio buttons (single choice, scale),
// checkboxes (multiple), a text area (free text) or a select (area). Each group has a legend, an
// error is tied to its controls (aria-describedby, aria-invalid) — WCAG 2.1 AA, mobile first.
import type { AnswerValue, SurveyQuestion } from '@sozialraum/core';
import { useI18n } from '../../i18n/index.tsx';

interface Props {
  q: SurveyQuestion;
  value: AnswerValue | undefined;
  error: string | null;
  areas: { id: string; name: string }[];
  onChange: (v: AnswerValue | undefined) => void;
}

export function QuestionField({ q, value, error, areas, onChange }: Props) {
  const { t, lang } = useI18n();
  const label = (lang === 'en' && q.labelEn) || q.label;
  const base = `sv-q-${q.id}`;
  const errId = `${base}-err`;
  const described = error ? errId : undefined;
  const marker = <span className="sv-marker">({q.required ? t.svRequired : t.svOptional})</span>;
  const err = error ? (
    <p id={errId} className="sv-error">
      {error}
    </p>
  ) : null;

  if (q.type === 'text')
    return (
      <div className="sv-question">
        <label htmlFor={base}>
          {label} {marker}
        </label>
        <textarea
          id={base}
          rows={4}
          maxLength={2000}
          value={typeof value === 'string' ? value : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
        {err}
      </div>
    );

  if (q.type === 'area')
    return (
      <div className="sv-question">
        <label htmlFor={base}>
          {label} {marker}
        </label>
        <select
          id={base}
          value={typeof value === 'string' ? value : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">{t.svChooseArea}</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        {err}
      </div>
    );

  const choices =
    q.type === 'scale' && q.scale
      ? Array.from({ length: q.scale.max - q.scale.min + 1 }, (_, i) => {
          const v = q.scale!.min + i;
          const end =
            v === q.scale!.min ? q.scale!.minLabel : v === q.scale!.max ? q.scale!.maxLabel : null;
          return { id: String(v), label: end ? `${v} – ${end}` : String(v) };
        })
      : (q.options ?? []).map((o) => ({
          id: o.id,
          label: (lang === 'en' && o.labelEn) || o.label,
        }));
  const multiple = q.type === 'multiple';
  const chosen = Array.isArray(value) ? value : value === undefined ? [] : [String(value)];
  const toggle = (id: string, on: boolean) => {
    if (!multiple) return onChange(q.type === 'scale' ? Number(id) : id);
    const next = on ? [...chosen, id] : chosen.filter((c) => c !== id);
    onChange(next.length > 0 ? next : undefined);
  };
  return (
    <fieldset
      className={`sv-question${q.type === 'scale' ? ' sv-scale' : ''}`}
      aria-describedby={described}
    >
      <legend>
        {label} {marker}
        {q.type === 'scale' && q.scale && (
          <span className="visually-hidden"> {t.svScaleOf(q.scale.min, q.scale.max)}</span>
        )}
      </legend>
      {choices.map((c) => (
        <label key={c.id} className="sv-choice">
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={base}
            value={c.id}
            checked={chosen.includes(c.id)}
            aria-invalid={error ? true : undefined}
            onChange={(e) => toggle(c.id, e.target.checked)}
          />
          <span>{c.label}</span>
        </label>
      ))}
      {err}
    </fieldset>
  );
}
