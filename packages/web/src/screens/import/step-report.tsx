// Step 6 — the report of a dry run ("Probelauf") or of the import: a title that says which it was
// ("Probelauf: 3 Fehler", never "Import fehlgeschlagen" for a dry run), counts named for what they
// count (values of a table, areas of geometry), errors with line and column, the published-table details and decisions, and after success
// the way to the map.
import { useEffect, useId, useRef } from 'react';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { reportTitle } from './flow.ts';
import { IssuesTable } from './issues-table.tsx';
import { ReportDetails } from './report-details.tsx';
import type { ImportState } from './use-import.ts';

export function StepReport({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const report = s.report;
  const outcome = s.flow.outcome;
  useEffect(() => {
    if (report) headingRef.current?.focus();
  }, [report]);
  if (!report || !outcome) return null;
  const f = (n: number) => formatNumber(n, 0, lang);
  const details = report.details ?? null;
  const success = !outcome.dryRun && outcome.ok;
  return (
    <section className={`card report report-${report.status}`} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {t.report}: {reportTitle(outcome)}
      </h2>
      <dl className="meta meta-inline">
        <div className="meta-row">
          <dt>{outcome.areas ? t.impFeaturesRead : t.impRowsRead}</dt>
          <dd>{f(report.rowsRead)}</dd>
        </div>
        <div className="meta-row">
          <dt>
            {outcome.areas
              ? outcome.dryRun
                ? t.impAreasToWrite
                : t.impAreasWritten
              : outcome.dryRun
                ? t.impValuesToWrite
                : t.impValuesWritten}
          </dt>
          <dd>{f(report.rowsWritten)}</dd>
        </div>
        <div className="meta-row">
          <dt>{t.errors}</dt>
          <dd>{f(report.errorCount)}</dd>
        </div>
      </dl>
      {report.errors.length > 0 && (
        <IssuesTable
          issues={report.errors}
          total={report.errorCount}
          caption={t.errorCount(report.errorCount)}
        />
      )}
      {details && <ReportDetails s={s} d={details} />}
      {report.warnings.length > 0 && (
        <>
          <h3>{t.warnings}</h3>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      {report.unmatched && report.unmatched.length > 0 && (
        <>
          <h3>
            {t.unmatched} ({f(report.unmatched.length)})
          </h3>
          <ul className="chip-list">
            {report.unmatched.slice(0, 300).map((u) => (
              <li key={u} className="mono">
                {u}
              </li>
            ))}
          </ul>
        </>
      )}
      {success && (
        <div className="actions">
          {s.mapLink && (
            <Link href={s.mapLink} className="btn btn-primary">
              {t.viewOnMap}
            </Link>
          )}
          <button type="button" className="btn" onClick={s.reset}>
            {t.startOver}
          </button>
        </div>
      )}
    </section>
  );
}
