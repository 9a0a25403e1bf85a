// Results of a survey per area: n, each option's share with its 95 % Wilson interval, a scale's
// mean with its t interval; withheld cells read "< 5" (or "gesperrt" for secondary withholding).
// Export buttons and "als Indikator übernehmen" for planners.
import { useState } from 'react';
import type { SurveyDefinition, SurveyQuestion } from '@sozialraum/core';
import {
  surveysApi,
  type AreaResultsOut,
  type QuestionCellOut,
  type SurveyResults,
} from '../../api/surveys.ts';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { FreeTextModeration } from './free-text-moderation.tsx';

type Lang = 'de' | 'en';
const pct = (v: number, lang: Lang) => `${formatNumber(v * 100, 1, lang)} %`;

function Withheld({ cell }: { cell: { withheld: string | null } }) {
  const { t } = useI18n();
  return <>{cell.withheld === 'small' ? t.svWithheld : t.svWithheldSecondary}</>;
}

function CellValues({ q, cell, lang }: { q: SurveyQuestion; cell: QuestionCellOut; lang: Lang }) {
  if (q.type === 'single' || q.type === 'multiple')
    return (
      <>
        {(q.options ?? []).map((o) => {
          const r = cell.options?.find((x) => x.optionId === o.id);
          return (
            <td key={o.id}>
              {cell.withheld ? (
                <Withheld cell={cell} />
              ) : r ? (
                <>
                  {pct(r.share, lang)}
                  <span className="sv-ci">
                    {' '}
                    ({pct(r.lower, lang)} – {pct(r.upper, lang)})
                  </span>
                </>
              ) : (
                '–'
              )}
            </td>
          );
        })}
      </>
    );
  if (q.type === 'scale')
    return (
      <td>
        {cell.withheld ? (
          <Withheld cell={cell} />
        ) : cell.mean === null ? (
          '–'
        ) : (
          <>
            {formatNumber(cell.mean, 2, lang)}
            <span className="sv-ci">
              {' '}
              ({formatNumber(cell.lower, 2, lang)} – {formatNumber(cell.upper, 2, lang)})
            </span>
          </>
        )}
      </td>
    );
  return null;
}

function QuestionTable({ q, qi, r }: { q: SurveyQuestion; qi: number; r: SurveyResults }) {
  const { t, lang } = useI18n();
  const rows: AreaResultsOut[] = [r.total, ...r.areas];
  const heads =
    q.type === 'single' || q.type === 'multiple'
      ? (q.options ?? []).map((o) => `${o.label}: ${t.svShare} (${t.svInterval})`)
      : q.type === 'scale'
        ? [`${t.svMean} (${t.svInterval})`]
        : [];
  return (
    <table className="data-table sv-table">
      <caption>
        {q.label}
        {q.type === 'text' && ` – ${t.svFreeTextCount}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t.svAreaCol}</th>
          <th scope="col">{t.svN}</th>
          {heads.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => {
          const cell = a.questions[qi]!;
          const name =
            a.areaId === null
              ? t.svAllAreas
              : a.areaId === ''
                ? t.svNoArea
                : (a.areaName ?? a.areaId);
          return (
            <tr key={a.areaId ?? 'total'}>
              <th scope="row">{name}</th>
              <td>{cell.withheld ? <Withheld cell={cell} /> : formatNumber(cell.n, 0, lang)}</td>
              <CellValues q={q} cell={cell} lang={lang} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function IndicatorButtons({ q, surveyId }: { q: SurveyQuestion; surveyId: number }) {
  const { t } = useI18n();
  const [msg, setMsg] = useState<string | null>(null);
  const make = async (optionId: string | null) => {
    try {
      const r = await surveysApi.toIndicator(surveyId, q.id, optionId);
      setMsg(t.svIndicatorMade(r.name, r.note));
    } catch (err) {
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  const targets =
    q.type === 'scale'
      ? [{ id: null, label: t.svMean }]
      : q.type === 'single' || q.type === 'multiple'
        ? (q.options ?? []).map((o) => ({ id: o.id as string | null, label: o.label }))
        : [];
  if (targets.length === 0) return null;
  return (
    <div className="sv-actions">
      {targets.map((o) => (
        <button
          key={o.id ?? 'mean'}
          type="button"
          className="btn btn-small"
          onClick={() => void make(o.id)}
        >
          {t.svToIndicator}: {o.label}
        </button>
      ))}
      {msg && <p role="status">{msg}</p>}
    </div>
  );
}

export function ResultsView({ surveyId, editor }: { surveyId: number; editor: boolean }) {
  const { t } = useI18n();
  const res = useFetch(() => surveysApi.results(surveyId), [surveyId]);
  if (!res.data)
    return res.status === 'error' ? (
      <ErrorState error={res.error} what={t.svResults} onRetry={res.reload} />
    ) : (
      <Loading />
    );
  const r = res.data;
  const def = r.definition as SurveyDefinition;
  return (
    <section className="sv-results" aria-labelledby="sv-results-title">
      <h2 id="sv-results-title">
        {t.svResults}: {r.title}
      </h2>
      <p className="sv-note">{t.svNotRepresentative}</p>
      <p className="sv-note">{t.svWithheldNote}</p>
      {editor && (
        <div className="sv-actions">
          <a className="btn" href={surveysApi.exportHref(surveyId, 'csv')} download>
            {t.svExportCsv}
          </a>
          <a className="btn" href={surveysApi.exportHref(surveyId, 'xlsx')} download>
            {t.svExportXlsx}
          </a>
          <a
            className="btn"
            href={`${surveysApi.exportHref(surveyId, 'csv')}?freeText=true`}
            download
          >
            {t.svExportCsv} ({t.svExportWithText})
          </a>
        </div>
      )}
      {def.questions.map((q, qi) =>
        q.type === 'area' ? null : (
          <div key={q.id} className="sv-result-block">
            {/* scrollable on phones: focusable so keyboard users can scroll it (WCAG 2.1.1) */}
            <div className="table-scroll" tabIndex={0} role="region" aria-label={q.label}>
              <QuestionTable q={q} qi={qi} r={r} />
            </div>
            {editor && r.status === 'closed' && <IndicatorButtons q={q} surveyId={surveyId} />}
          </div>
        ),
      )}
      {editor && <FreeTextModeration surveyId={surveyId} definition={def} />}
    </section>
  );
}
