// /mitmachen/befragungen/:id — answering a survey: questions appear and disappear as earlier
// answers change (display conditions, core's isQuestionShown), errors are checked with core's rule
// before sending and shown at each question and in a summary; the browser solves the proof of work;
// a thank-you message replaces the form.
import { useRef, useState, type FormEvent } from 'react';
import {
  checkSurveyAnswers,
  isQuestionShown,
  type AnswerValue,
  type SurveyAnswers,
  type SurveyDefinition,
} from '@sozialraum/core';
import { ApiError } from '../../api/http.ts';
import { participationApi } from '../../api/participation.ts';
import { surveysApi, type PublicSurvey } from '../../api/surveys.ts';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { solvePow } from '../participation/proof-of-work.ts';
import { QuestionField } from './question-field.tsx';
import { ResultsView } from './results-view.tsx';

const TOKEN_KEY = 'sozialraum.survey-browser';

/** A random id of this browser for surveys (one response per survey and browser). */
function browserToken(): string {
  try {
    let id = localStorage.getItem(TOKEN_KEY);
    if (!id) {
      id = `s-${crypto.randomUUID()}`;
      localStorage.setItem(TOKEN_KEY, id);
    }
    return id;
  } catch {
    return `s-${crypto.randomUUID()}`;
  }
}

/** The answers to the questions shown, in order (what the server will keep). */
function shownAnswers(def: SurveyDefinition, answers: SurveyAnswers): SurveyAnswers {
  const kept: SurveyAnswers = {};
  for (const q of def.questions)
    if (isQuestionShown(q, kept) && answers[q.id] !== undefined) kept[q.id] = answers[q.id]!;
  return kept;
}

function SurveyForm({ survey, onDone }: { survey: PublicSurvey; onDone: () => void }) {
  const { t } = useI18n();
  const def = survey.definition as SurveyDefinition;
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const kept = shownAnswers(def, answers);
  const set = (id: string, v: AnswerValue | undefined) =>
    setAnswers((a) => {
      const next = { ...a };
      if (v === undefined) delete next[id];
      else next[id] = v;
      return next;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const check = checkSurveyAnswers(def, kept, new Set(survey.pickerAreas.map((a) => a.id)));
    const errs = Object.fromEntries(
      check.problems.map((p) => [
        p.questionId,
        p.message === 'bitte beantworten' ? t.svErrRequired : p.message,
      ]),
    );
    setErrors(errs);
    if (check.problems.length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const c = await participationApi.challenge();
      const nonce = await solvePow(c.challenge, c.difficulty);
      await surveysApi.answer(survey.id, {
        token: browserToken(),
        answers: check.answers,
        pow: { challenge: c.challenge, nonce },
      });
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && /schon teilgenommen/.test(err.message))
        setFailure(t.svAlready);
      else if (err instanceof ApiError && err.status === 403) setFailure(t.svSignInNeeded);
      else setFailure(err instanceof Error ? err.message : String(err));
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const errorCount = Object.keys(errors).length;
  return (
    <form className="sv-form" onSubmit={(e) => void submit(e)} noValidate>
      <div ref={summary} tabIndex={-1} className="sv-summary">
        {(errorCount > 0 || failure) && (
          <div className="sv-error-box" role="alert">
            {failure ?? t.svFixErrors}
          </div>
        )}
      </div>
      {def.questions.map((q) =>
        isQuestionShown(q, kept) ? (
          <QuestionField
            key={q.id}
            q={q}
            value={answers[q.id]}
            error={errors[q.id] ?? null}
            areas={survey.pickerAreas}
            onChange={(v) => set(q.id, v)}
          />
        ) : null,
      )}
      <p className="sv-privacy">{t.svPrivacy}</p>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t.svSubmit}
      </button>
      {busy && (
        <p role="status" className="sv-working">
          {t.svWorking}
        </p>
      )}
    </form>
  );
}

export function SurveyPage({ id }: { id: number }) {
  const { t, lang } = useI18n();
  const s = useFetch(() => surveysApi.publicSurvey(id), [id]);
  const [done, setDone] = useState(false);
  if (!s.data)
    return (
      <div className="page sv-page">
        {s.status === 'error' ? (
          <ErrorState error={s.error} what={t.svPublicTitle} onRetry={s.reload} />
        ) : (
          <Loading />
        )}
      </div>
    );
  const survey = s.data;
  return (
    <div className="page sv-page">
      <p>
        <Link href="/mitmachen/befragungen">{t.svBackToList}</Link>
      </p>
      <h1>{survey.title}</h1>
      <p className="sv-meta">
        {survey.areaName ? t.svForArea(survey.areaName) : t.svWholeCity}
        {survey.status === 'open' &&
          survey.closesOn &&
          ` · ${t.svUntil(formatDate(survey.closesOn, lang))}`}
      </p>
      {survey.intro && <p className="lead">{survey.intro}</p>}
      {done ? (
        <div className="sv-thanks" role="status">
          <h2>{t.svThanksTitle}</h2>
          <p>{t.svThanks}</p>
        </div>
      ) : survey.status === 'open' ? (
        <SurveyForm survey={survey} onDone={() => setDone(true)} />
      ) : (
        <>
          <p className="sv-closed">{t.svClosed}</p>
          {survey.resultsAvailable && <ResultsView surveyId={survey.id} editor={false} />}
        </>
      )}
    </div>
  );
}
