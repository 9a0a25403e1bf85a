// /angebote/import: HSDS 3.0 files into the directory (issue 12 § 1). Choose JSON files, CSV tables of
// the HSDS data package or a ZIP; „Prüfen“ runs the import as a dry run and shows what would be
// created or updated, or every problem with file, record and JSON path; „Importieren“ then writes
// all of it in one transaction (or nothing). The server checks every id against the person's rights.
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { directoryApi, type HsdsImportIssue, type HsdsImportReport } from '../../api/directory.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'report'; report: HsdsImportReport }
  | { kind: 'refused'; message: string; issues: HsdsImportIssue[]; total: number };

export function HsdsImportScreen() {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = (dryRun: boolean) => {
    setState({ kind: 'busy' });
    directoryApi.importHsds(files, dryRun).then(
      (report) => setState({ kind: 'report', report }),
      (e: unknown) => {
        const d = (e instanceof ApiError ? e.details : undefined) as
          { issues?: HsdsImportIssue[]; total?: number } | undefined;
        setState({
          kind: 'refused',
          message: e instanceof ApiError && e.status !== 0 ? e.message : t.serverUnreachable,
          issues: d?.issues ?? [],
          total: d?.total ?? 0,
        });
      },
    );
  };
  const report = state.kind === 'report' ? state.report : null;
  return (
    <div className="page hsds-import">
      <p>
        <Link href="/angebote">← {t.directoryBack}</Link>
      </p>
      <h1>{t.hsdsImportTitle}</h1>
      <p className="lead">{t.hsdsImportIntro}</p>
      <form
        className="hsds-import-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(true);
        }}
      >
        <label>
          {t.hsdsImportFiles}
          <input
            type="file"
            multiple
            accept=".json,.csv,.zip,application/json,text/csv,application/zip"
            onChange={(e) => {
              setFiles([...(e.target.files ?? [])]);
              setState({ kind: 'idle' });
            }}
          />
        </label>
        <p className="muted">{t.hsdsImportHint}</p>
        <div className="form-actions">
          <button
            type="submit"
            className="btn"
            disabled={files.length === 0 || state.kind === 'busy'}
          >
            {t.hsdsImportCheck}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!report?.dryRun || state.kind !== 'report'}
            onClick={() => run(false)}
          >
            {t.hsdsImportRun}
          </button>
        </div>
      </form>
      {state.kind === 'busy' && (
        <p role="status" className="state">
          {t.hsdsImportBusy}
        </p>
      )}
      {report && <Report report={report} />}
      {state.kind === 'refused' && <Refusal {...state} />}
    </div>
  );
}

function Report({ report }: { report: HsdsImportReport }) {
  const { t } = useI18n();
  const n = (v: number) => formatNumber(v);
  const rows: [string, { created: number; updated: number }][] = [
    [t.hsdsImportOrganisations, report.organisations],
    [t.hsdsImportServices, report.services],
    [t.hsdsImportLocations, report.locations],
    [t.hsdsImportPlaces, report.serviceAtLocations],
  ];
  return (
    <section aria-labelledby="hsds-report" className="hsds-report">
      <h2 id="hsds-report">{report.dryRun ? t.hsdsImportChecked : t.hsdsImportDone}</h2>
      <p role="status" className={`state ${report.dryRun ? '' : 'state-ok'}`}>
        {report.dryRun
          ? t.hsdsImportCheckedText(n(report.records), report.files.join(', '))
          : t.hsdsImportDoneText(n(report.records))}
      </p>
      <table className="data-table">
        <caption className="visually-hidden">{t.hsdsImportChecked}</caption>
        <thead>
          <tr>
            <th scope="col">{t.hsdsImportWhat}</th>
            <th scope="col" className="num">
              {t.hsdsImportCreated}
            </th>
            <th scope="col" className="num">
              {t.hsdsImportUpdated}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, c]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{n(c.created)}</td>
              <td className="num">{n(c.updated)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t.hsdsImportMore(n(report.schedules), n(report.capacities), n(report.terms))}
      </p>
    </section>
  );
}

function Refusal({
  message,
  issues,
  total,
}: {
  message: string;
  issues: HsdsImportIssue[];
  total: number;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="hsds-refused" className="hsds-report">
      <h2 id="hsds-refused">{t.hsdsImportRefused}</h2>
      <p role="alert" className="state state-error">
        {message}
      </p>
      {issues.length > 0 && (
        <table className="data-table">
          <caption>{t.hsdsImportIssues(formatNumber(total), formatNumber(issues.length))}</caption>
          <thead>
            <tr>
              <th scope="col">{t.hsdsImportFile}</th>
              <th scope="col">{t.hsdsImportRecord}</th>
              <th scope="col">{t.hsdsImportPath}</th>
              <th scope="col">{t.hsdsImportProblem}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((i, k) => (
              <tr key={k}>
                <td>{i.file}</td>
                <td>
                  {formatNumber(i.index + 1)}
                  {i.id && <div className="muted small">{i.id}</div>}
                </td>
                <td>
                  <code>{i.path}</code>
                </td>
                <td>{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
