// Import of money (CSV/XLSX as finance departments keep it) on the programme page, for people with
// funding.edit: check first (dry run), then import — all or nothing; problems are listed with
// file, line and column, spent > approved as warnings.
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { fundingApi, type FundingImportReport } from '../../api/funding.ts';
import { useI18n } from '../../i18n/index.tsx';

export function MoneyImport({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<FundingImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await fundingApi.importEntries(file, dryRun);
      setReport(answer.analysis);
      if (answer.analysis.imported) onImported();
    } catch (err) {
      setReport(
        err instanceof ApiError && err.details && typeof err.details === 'object'
          ? (err.details as FundingImportReport)
          : null,
      );
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="money-import">
      <h3>{t.fundingImportTitle}</h3>
      <p className="muted">{t.fundingImportHint}</p>
      <input
        type="file"
        accept=".csv,.txt,.xlsx"
        aria-label={t.fundingImportFile}
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setReport(null);
          setError(null);
        }}
      />{' '}
      <button type="button" className="btn" disabled={!file || busy} onClick={() => send(true)}>
        {t.fundingImportCheck}
      </button>{' '}
      <button
        type="button"
        className="btn btn-primary"
        disabled={!file || busy}
        onClick={() => send(false)}
      >
        {t.fundingImportRun}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div role="status">
          {report.imported && <p>{t.fundingImportDone(report.written)}</p>}
          {!report.imported && report.issues.length === 0 && (
            <p>{t.fundingImportOk(report.rows)}</p>
          )}
          {report.issues.length > 0 && (
            <ul>
              {report.issues.map((i) => (
                <li key={`${i.line}-${i.column}-${i.message}`}>
                  {t.fundingImportIssue(i.file, i.line, i.column)}: {i.message}
                </li>
              ))}
            </ul>
          )}
          {report.warnings.length > 0 && (
            <ul>
              {report.warnings.map((w) => (
                <li key={`${w.programmeId}-${w.areaKey}-${w.year}`}>⚠ {w.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
