// The planners' question editor: one card per question with type, text, options or scale,
// required flag and a display condition on an earlier question.
import type { QuestionType } from '@sozialraum/core';
import { QUESTION_TYPES } from '@sozialraum/core';
import { useI18n } from '../../i18n/index.tsx';
import { emptyDraft, parseOptions, type QuestionDraft } from './question-drafts.ts';

interface Props {
  drafts: QuestionDraft[];
  onChange: (d: QuestionDraft[]) => void;
}

function Condition({
  d,
  earlier,
  set,
}: {
  d: QuestionDraft;
  earlier: QuestionDraft[];
  set: (p: Partial<QuestionDraft>) => void;
}) {
  const { t } = useI18n();
  const target = earlier.find((x) => x.id === d.condQuestion);
  const base = `sv-ed-${d.id}`;
  return (
    <div className="sv-ed-cond">
      <label htmlFor={`${base}-cond`}>{t.svCondition}</label>
      <select
        id={`${base}-cond`}
        value={d.condQuestion}
        onChange={(e) => set({ condQuestion: e.target.value, condValues: [], condMin: '' })}
      >
        <option value="">{t.svConditionNone}</option>
        {earlier
          .filter((x) => x.type !== 'text' && x.type !== 'area')
          .map((x) => (
            <option key={x.id} value={x.id}>
              {x.label || x.id}
            </option>
          ))}
      </select>
      {target && target.type !== 'scale' && (
        <fieldset>
          <legend className="visually-hidden">{t.svCondition}</legend>
          {parseOptions(target.optionsText).map((o) => (
            <label key={o.id} className="sv-choice">
              <input
                type="checkbox"
                checked={d.condValues.includes(o.id)}
                onChange={(e) =>
                  set({
                    condValues: e.target.checked
                      ? [...d.condValues, o.id]
                      : d.condValues.filter((v) => v !== o.id),
                  })
                }
              />
              <span>{o.label}</span>
            </label>
          ))}
        </fieldset>
      )}
      {target && target.type === 'scale' && (
        <label>
          ≥{' '}
          <input
            type="number"
            value={d.condMin}
            min={target.scaleMin}
            max={target.scaleMax}
            onChange={(e) => set({ condMin: e.target.value })}
          />
        </label>
      )}
    </div>
  );
}

export function QuestionEditor({ drafts, onChange }: Props) {
  const { t } = useI18n();
  const update = (i: number, p: Partial<QuestionDraft>) =>
    onChange(drafts.map((d, j) => (j === i ? { ...d, ...p } : d)));
  return (
    <fieldset className="sv-editor">
      <legend>{t.svQuestions}</legend>
      {drafts.map((d, i) => {
        const base = `sv-ed-${i}`;
        return (
          <div key={i} className="sv-ed-card">
            <h3>{t.svQuestion(i + 1)}</h3>
            <div className="sv-ed-row">
              <label htmlFor={`${base}-type`}>{t.svQuestionType}</label>
              <select
                id={`${base}-type`}
                value={d.type}
                onChange={(e) => update(i, { type: e.target.value as QuestionType })}
              >
                {QUESTION_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t.svTypes(ty)}
                  </option>
                ))}
              </select>
              <label htmlFor={`${base}-id`}>{t.svQuestionId}</label>
              <input
                id={`${base}-id`}
                value={d.id}
                size={12}
                onChange={(e) => update(i, { id: e.target.value.trim() })}
              />
            </div>
            <label htmlFor={`${base}-label`}>{t.svQuestionLabel}</label>
            <input
              id={`${base}-label`}
              value={d.label}
              onChange={(e) => update(i, { label: e.target.value })}
            />
            {(d.type === 'single' || d.type === 'multiple') && (
              <>
                <label htmlFor={`${base}-opts`}>{t.svOptions}</label>
                <textarea
                  id={`${base}-opts`}
                  rows={3}
                  value={d.optionsText}
                  onChange={(e) => update(i, { optionsText: e.target.value })}
                />
              </>
            )}
            {d.type === 'scale' && (
              <div className="sv-ed-row">
                <label htmlFor={`${base}-min`}>{t.svScaleMin}</label>
                <input
                  id={`${base}-min`}
                  type="number"
                  value={d.scaleMin}
                  onChange={(e) => update(i, { scaleMin: Number(e.target.value) })}
                />
                <label htmlFor={`${base}-max`}>{t.svScaleMax}</label>
                <input
                  id={`${base}-max`}
                  type="number"
                  value={d.scaleMax}
                  onChange={(e) => update(i, { scaleMax: Number(e.target.value) })}
                />
              </div>
            )}
            <label className="sv-choice">
              <input
                type="checkbox"
                checked={d.required}
                onChange={(e) => update(i, { required: e.target.checked })}
              />
              <span>{t.svRequiredField}</span>
            </label>
            <Condition d={d} earlier={drafts.slice(0, i)} set={(p) => update(i, p)} />
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onChange(drafts.filter((_, j) => j !== i))}
            >
              {t.svRemoveQuestion}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="btn"
        onClick={() => onChange([...drafts, emptyDraft(drafts.length + 1)])}
      >
        {t.svAddQuestion}
      </button>
    </fieldset>
  );
}
