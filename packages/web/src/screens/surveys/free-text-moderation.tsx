// Moderation of a survey's free-text answers (issue 13 § 3): staff read every free-text answer
// (month of arrival only) and hide one with a reason — it then leaves the free-text export, while
// the response still counts in the results — or show it again. Text is shown as plain text.
import { useState } from 'react';
import type { SurveyDefinition } from '@sozialraum/core';
import { surveysApi, type FreeTextAnswer } from '../../api/surveys.ts';
import { ApiError } from '../../api/http.ts';
import { FormField } from '../../components/form-field.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';

const keyOf = (a: FreeTextAnswer) => `${a.responseId}:${a.questionId}`;

/** "2026-12" as „Dezember 2026“ (the answers carry the month only, not the day). */
export function monthLabel(month: string, lang: 'de' | 'en'): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

function AnswerItem({
  surveyId,
  answer,
  onChanged,
}: {
  surveyId: number;
  answer: FreeTextAnswer;
  onChanged: (list: FreeTextAnswer[], message: string) => void;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const action = answer.hidden ? 'show' : 'hide';
  const submit = async () => {
    if (reason.trim().length < 3) return setError(t.svModReasonShort);
    setBusy(true);
    setError(null);
    try {
      const list = await surveysApi.moderateFreeText(surveyId, {
        responseId: answer.responseId,
        questionId: answer.questionId,
        action,
        reason: reason.trim(),
      });
      setOpen(false);
      setReason('');
      onChanged(list, action === 'hide' ? t.svModHidden : t.svModShown);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t.serverUnreachable);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={answer.hidden ? 'sv-free-text sv-free-text--hidden' : 'sv-free-text'}>
      <p className="sv-free-text__text">{answer.text}</p>
      <p className="sv-note">
        {monthLabel(answer.month, lang)}
        {answer.hidden && ` · ${t.svModHiddenBecause(answer.hiddenReason ?? '')}`}
      </p>
      {!open ? (
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          {answer.hidden ? t.svModShow : t.svModHide}
        </button>
      ) : (
        <form
          className="sv-mod-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <FormField label={t.svModReason} error={error}>
            <input
              type="text"
              value={reason}
              maxLength={500}
              autoFocus
              onChange={(e) => setReason(e.target.value)}
            />
          </FormField>
          <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
            {answer.hidden ? t.svModShow : t.svModHide}
          </button>{' '}
          <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
            {t.svModCancel}
          </button>
        </form>
      )}
    </li>
  );
}

export function FreeTextModeration({
  surveyId,
  definition,
}: {
  surveyId: number;
  definition: SurveyDefinition;
}) {
  const { t } = useI18n();
  // free text is read only on request: the results themselves never show it
  const [open, setOpen] = useState(false);
  const q = useFetch(open ? () => surveysApi.freeText(surveyId) : null, [surveyId, open]);
  const [list, setList] = useState<FreeTextAnswer[] | null>(null);
  const [message, setMessage] = useState('');
  const answers = list ?? q.data;
  const questions = definition.questions.filter((x) => x.type === 'text');
  if (questions.length === 0) return null;
  if (!open)
    return (
      <p>
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          {t.svModTitle}
        </button>
      </p>
    );
  return (
    <section className="sv-free-texts" aria-labelledby="sv-free-texts-title">
      <h2 id="sv-free-texts-title">{t.svModTitle}</h2>
      <p className="sv-note">{t.svModIntro}</p>
      <div role="status" aria-live="polite">
        {message}
      </div>
      {q.status === 'error' && !answers && (
        <ErrorState error={q.error} what={t.svModTitle} onRetry={q.reload} />
      )}
      {!answers && q.status === 'loading' && <Loading />}
      {answers &&
        questions.map((question) => {
          const mine = answers.filter((a) => a.questionId === question.id);
          return (
            <div key={question.id}>
              <h3>{question.label}</h3>
              {mine.length === 0 ? (
                <Empty>{t.svModNone}</Empty>
              ) : (
                <ul className="sv-free-text-list">
                  {mine.map((a) => (
                    <AnswerItem
                      key={keyOf(a)}
                      surveyId={surveyId}
                      answer={a}
                      onChanged={(next, m) => {
                        setList(next);
                        setMessage(m);
                      }}
                    />
                  ))}
                </ul>
              )}
            </div>
          );
        })}
    </section>
  );
}
