// The numbered changes of one assessment (issue 13 § 4, ADR 0045): who changed it when, and which
// fields from what to what, newest first. Loaded when the person opens the disclosure; the server
// serves them to signed-in readers only (names of those who edited are not public).
import { useState } from 'react';
import { assessmentsApi, type AssessmentRevisions } from '../../api/assessments.ts';
import { ApiError } from '../../api/http.ts';
import type { Dict } from '../../i18n/de.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatBerlinDateTime, formatDate } from '../../lib/core-bridge.ts';
import { dimensionLabel } from '../../lib/labels.ts';

type Change = AssessmentRevisions['revisions'][number]['changes'][number];
type Lang = ReturnType<typeof useI18n>['lang'];

/** A field's value in words: labels for codes, names for ids, „(leer)“ for nothing. */
function valueText(t: Dict, lang: Lang, c: Change, which: 'before' | 'after'): string {
  const v = c[which];
  const label = which === 'before' ? c.beforeLabel : c.afterLabel;
  if (v === null || v === '') return t.asRevEmpty;
  if (label) return label;
  switch (c.field) {
    case 'trend':
      return v === 'better' ? t.asTrendBetter : v === 'worse' ? t.asTrendWorse : t.asTrendSame;
    case 'urgency':
      return t.asUrgencyLevel(Number(v));
    case 'dimension':
      return dimensionLabel(String(v), lang);
    case 'observedDate':
      return formatDate(String(v), lang);
    case 'visibility':
      return v === 'public' ? t.asPublic : t.asInternal;
    default:
      return String(v);
  }
}

export function AssessmentRevisionsList({ id, count }: { id: number; count: number }) {
  const { t, lang } = useI18n();
  const [data, setData] = useState<AssessmentRevisions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (open: boolean) => {
    if (!open || data) return;
    assessmentsApi.revisions(id).then(setData, (err: unknown) => {
      setError(err instanceof ApiError ? err.message : t.serverUnreachable);
    });
  };
  return (
    <details className="as-revisions" onToggle={(e) => load(e.currentTarget.open)}>
      <summary>{t.asRevisions(count)}</summary>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p className="as-meta">{t.asRevLoading}</p>}
      {data && (
        <ol className="as-revision-list">
          {data.revisions.map((r) => (
            <li key={r.revision}>
              <p className="as-meta">
                <strong>{t.asRevNumber(r.revision)}</strong> ·{' '}
                {formatBerlinDateTime(r.revisedAt, lang)} · {r.revisedBy}
              </p>
              <ul>
                {r.changes.map((c) => (
                  <li key={c.field}>
                    {t.asRevField(c.field)}: <del>{valueText(t, lang, c, 'before')}</del>{' '}
                    <span aria-hidden="true">→</span>
                    <span className="visually-hidden"> {t.asRevTo} </span>{' '}
                    <ins>{valueText(t, lang, c, 'after')}</ins>
                  </li>
                ))}
                {r.changes.length === 0 && <li>{t.asRevNoChange}</li>}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
