// Import: the flow of steps a newcomer can follow (flow.ts) — 1 upload, 2 what was detected (header
// row, separators), 3 area target, 4 table mapping, 5 new indicators, the run buttons, 6 the report
// of the dry run or import (with the published-table decisions), and the history of past imports.
// Each step is its own component; the state lives in use-import.ts.
import { useRef } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState } from '../../components/status.tsx';
import { useFocusFirstInvalid } from '../../components/form-field.tsx';
import { SwapAxesOffer } from './area-decisions.tsx';
import { refusalTitle } from './flow.ts';
import { IssuesTable, issuesOf } from './issues-table.tsx';
import { RunActions } from './run-actions.tsx';
import { StepDetected } from './step-detected.tsx';
import { StepHistory } from './step-history.tsx';
import { StepNewIndicators } from './step-new-indicators.tsx';
import { StepReport } from './step-report.tsx';
import { StepTableMapping } from './step-table-mapping.tsx';
import { StepTarget } from './step-target.tsx';
import { StepUpload } from './step-upload.tsx';
import { useImport, type ImportState } from './use-import.ts';
import './import.css';

export { describeDelimiter } from './step-detected.tsx';
export { mergeFiles } from './use-import.ts';

function ServerError({ s }: { s: ImportState }) {
  const { t } = useI18n();
  const error = s.error;
  if (!error) return null;
  const issues = issuesOf(error);
  // the issues table below says what the server found (file, line, column): the box says only
  // which step refused, so the long message is not shown twice
  return (
    <div className="import-error">
      <ErrorState
        error={error}
        title={error.code === 'client' ? error.message : refusalTitle(s.flow, t)}
        detail={issues.length > 0 ? t.impRefusedSeeTable : undefined}
      />
      {issues.length > 0 && (
        <IssuesTable issues={issues} total={issues.length} caption={t.errorCount(issues.length)} />
      )}
      <SwapAxesOffer
        issues={issues}
        busy={s.flow.busy !== null}
        onSwap={() => void s.analyze({ swapAxes: true })}
      />
    </div>
  );
}

export function ImportScreen() {
  const { t } = useI18n();
  const s = useImport();
  const formRef = useRef<HTMLDivElement>(null);
  useFocusFirstInvalid(formRef, s.failedChecks);
  const analysed = s.analysis !== null;
  return (
    <div className="page page-import">
      <h1>{t.importTitle}</h1>
      <p className="lead">{t.importIntro}</p>
      <StepUpload s={s} />
      <ServerError s={s} />
      <div ref={formRef}>
        <StepDetected s={s} />
        <StepTarget s={s} />
        <StepTableMapping s={s} />
        <StepNewIndicators s={s} />
        {analysed && !s.report && (
          <section className="card" aria-label={t.impRunSection}>
            <RunActions s={s} />
          </section>
        )}
      </div>
      <StepReport s={s} />
      {analysed && s.report && (
        <section className="card" aria-label={t.impRunSection}>
          <RunActions s={s} />
        </section>
      )}
      {/* the history is the page's start state; while files are being imported it would only distract */}
      {s.files.length === 0 && s.historyQ.data && <StepHistory runs={s.historyQ.data} />}
    </div>
  );
}
