// Create or edit a survey: title, introduction, area (whole city or one area of the top level),
// the level the area question offers, dates, who may answer, publication of results, questions.
import { useState, type FormEvent } from 'react';
import type { SurveyDefinition } from '@sozialraum/core';
import { areasApi } from '../../api/areas.ts';
import { surveysApi, type Survey } from '../../api/surveys.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { QuestionEditor } from './question-editor.tsx';
import { emptyDraft, toDefinition, toDrafts } from './question-drafts.ts';

async function loadAreaChoices() {
  const systems = await areasApi.areaSystems();
  const system = systems.find((s) => !s.validTo) ?? systems[0];
  if (!system) return null;
  const top = system.levels[0];
  const areas = top ? await areasApi.areasOfLevel(system.id, top.id) : [];
  return { system, areas: areas.filter((a) => !a.validTo) };
}

export function SurveyEditor({
  survey,
  onSaved,
  onCancel,
}: {
  survey: Survey | null;
  onSaved: (s: Survey) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const choices = useFetch(loadAreaChoices, []);
  const [title, setTitle] = useState(survey?.title ?? '');
  const [intro, setIntro] = useState(survey?.intro ?? '');
  const [areaId, setAreaId] = useState(survey?.areaId ? String(survey.areaId) : '');
  const [level, setLevel] = useState(survey?.pickerLevelId ?? '');
  const [opensOn, setOpensOn] = useState(survey?.opensOn ?? '');
  const [closesOn, setClosesOn] = useState(survey?.closesOn ?? '');
  const [access, setAccess] = useState<'anonymous' | 'signed_in'>(survey?.access ?? 'anonymous');
  const [resultsPublic, setResultsPublic] = useState(survey?.resultsPublic ?? true);
  const [drafts, setDrafts] = useState(() =>
    survey ? toDrafts(survey.definition as SurveyDefinition) : [emptyDraft(1)],
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const system = choices.data?.system;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const body = {
      title,
      intro,
      areaId: areaId ? Number(areaId) : null,
      pickerSystemId: level && system ? system.id : null,
      pickerLevelId: level || null,
      opensOn: opensOn || null,
      closesOn: closesOn || null,
      access,
      resultsPublic,
      definition: toDefinition(drafts),
    };
    try {
      onSaved(await (survey ? surveysApi.update(survey.id, body) : surveysApi.create(body)));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sv-form sv-admin-form" onSubmit={(e) => void save(e)}>
      <label htmlFor="sv-title">{t.svTitle}</label>
      <input id="sv-title" required value={title} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="sv-intro">{t.svIntroField}</label>
      <textarea id="sv-intro" rows={3} value={intro} onChange={(e) => setIntro(e.target.value)} />
      <div className="sv-ed-row">
        <label htmlFor="sv-area">{t.svArea}</label>
        <select id="sv-area" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
          <option value="">{t.svWholeCity}</option>
          {(choices.data?.areas ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <label htmlFor="sv-level">{t.svPickerLevel}</label>
        <select id="sv-level" value={level} onChange={(e) => setLevel(e.target.value)}>
          <option value="">{t.svNoLevel}</option>
          {(system?.levels ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {lang === 'en' ? l.nameEn : l.nameDe}
            </option>
          ))}
        </select>
      </div>
      <div className="sv-ed-row">
        <label htmlFor="sv-opens">{t.svOpensOn}</label>
        <input
          id="sv-opens"
          type="date"
          value={opensOn}
          onChange={(e) => setOpensOn(e.target.value)}
        />
        <label htmlFor="sv-closes">{t.svClosesOn}</label>
        <input
          id="sv-closes"
          type="date"
          value={closesOn}
          onChange={(e) => setClosesOn(e.target.value)}
        />
      </div>
      <fieldset>
        <legend>{t.svAccess}</legend>
        <label className="sv-choice">
          <input
            type="radio"
            name="sv-access"
            checked={access === 'anonymous'}
            onChange={() => setAccess('anonymous')}
          />
          <span>{t.svAccessAnonymous}</span>
        </label>
        <label className="sv-choice">
          <input
            type="radio"
            name="sv-access"
            checked={access === 'signed_in'}
            onChange={() => setAccess('signed_in')}
          />
          <span>{t.svAccessSignedIn}</span>
        </label>
      </fieldset>
      <label className="sv-choice">
        <input
          type="checkbox"
          checked={resultsPublic}
          onChange={(e) => setResultsPublic(e.target.checked)}
        />
        <span>{t.svResultsPublic}</span>
      </label>
      <QuestionEditor drafts={drafts} onChange={setDrafts} />
      {error && (
        <div className="sv-error-box" role="alert">
          {error}
        </div>
      )}
      <div className="sv-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t.svSave}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t.svCancel}
        </button>
      </div>
    </form>
  );
}
