// /befragungen — the planners' surveys: list with status and actions, the editor, the results.
import { useState } from 'react';
import { surveysApi, type Survey } from '../../api/surveys.ts';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { ResultsView } from './results-view.tsx';
import { SurveyEditor } from './survey-editor.tsx';
import './surveys.css';

type Mode =
  { kind: 'list' } | { kind: 'edit'; survey: Survey | null } | { kind: 'results'; id: number };

export function SurveysAdmin() {
  const { t, lang } = useI18n();
  const list = useFetch(() => surveysApi.list(), []);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [error, setError] = useState<string | null>(null);
  const status = async (s: Survey, to: 'open' | 'closed') => {
    setError(null);
    try {
      await surveysApi.setStatus(s.id, to);
      list.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="page sv-admin">
      <h1>{t.svAdminTitle}</h1>
      <p className="lead">{t.svAdminIntro}</p>
      {mode.kind === 'edit' && (
        <SurveyEditor
          survey={mode.survey}
          onCancel={() => setMode({ kind: 'list' })}
          onSaved={() => {
            list.reload();
            setMode({ kind: 'list' });
          }}
        />
      )}
      {mode.kind === 'list' && (
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setMode({ kind: 'edit', survey: null })}
        >
          {t.svNew}
        </button>
      )}
      {error && (
        <div className="sv-error-box" role="alert">
          {error}
        </div>
      )}
      {list.status === 'loading' && !list.data && <Loading />}
      {list.status === 'error' && (
        <ErrorState error={list.error} what={t.svAdminTitle} onRetry={list.reload} />
      )}
      {list.data && list.data.length === 0 && <Empty>{t.svNoneOpen}</Empty>}
      <ul className="sv-list">
        {(list.data ?? []).map((s) => (
          <li key={s.id} className="sv-card">
            <h2>{s.title}</h2>
            <p className="sv-meta">
              <span className={`sv-status sv-status-${s.status}`}>{t.svStatus(s.status)}</span> ·{' '}
              {t.svResponses(formatNumber(s.responseCount, 0, lang))}
              {s.closesOn && ` · ${t.svUntil(formatDate(s.closesOn, lang))}`}
              {' · '}
              {s.areaName ?? t.svWholeCity}
            </p>
            <div className="sv-actions">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setMode({ kind: 'edit', survey: s })}
              >
                {t.svEdit}
                <span className="visually-hidden">: {s.title}</span>
              </button>
              {s.status !== 'open' && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void status(s, 'open')}
                >
                  {s.status === 'closed' ? t.svReopen : t.svOpen}
                  <span className="visually-hidden">: {s.title}</span>
                </button>
              )}
              {s.status === 'open' && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void status(s, 'closed')}
                >
                  {t.svClose}
                  <span className="visually-hidden">: {s.title}</span>
                </button>
              )}
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setMode({ kind: 'results', id: s.id })}
              >
                {t.svResults}
                <span className="visually-hidden">: {s.title}</span>
              </button>
            </div>
            {mode.kind === 'results' && mode.id === s.id && <ResultsView surveyId={s.id} editor />}
          </li>
        ))}
      </ul>
    </div>
  );
}
