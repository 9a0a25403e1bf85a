// Import: upload (file input or drag & drop), detected format, mapping form, dry run, import with progress (SSE).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import type { AnalyzeResponse, ImportProgress, ImportReport } from '../../lib/api.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { formatNumber } from '../../lib/core-bridge.ts';
import { indicatorName, levelName } from '../../lib/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { missingInMapping, setWideTarget, unwrapSuggestion, wideTargets } from './mapping.ts';
import type { EditableMapping } from './mapping.ts';

const MAX_ERRORS_SHOWN = 200;

/** Adds files to a selection, replacing files of the same name (a re-chosen file wins). */
export function mergeFiles(current: readonly File[], added: readonly File[]): File[] {
  const names = new Set(added.map((f) => f.name));
  return [...current.filter((f) => !names.has(f.name)), ...added];
}

function describeDelimiter(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (d === '\t') return 'Tabulator (\\t)';
  if (d === ';') return 'Semikolon (;)';
  if (d === ',') return 'Komma (,)';
  if (d === '|') return 'senkrechter Strich (|)';
  return `„${d}“`;
}

export function ImportScreen() {
  const { t, lang } = useI18n();
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [analysis, setAnalysis] = useState<AnalyzeResponse | null>(null);
  const [mapping, setMapping] = useState<EditableMapping>({});
  const [busy, setBusy] = useState<null | 'analyze' | 'dry' | 'run'>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [formProblems, setFormProblems] = useState<string[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);

  const indicatorsQ = useFetch(() => api.indicators(), []);
  const systemsQ = useFetch(() => api.areaSystems(), []);

  const columns = analysis?.detected.columns ?? [];
  const isTable = analysis?.detected.kind === 'table';
  const layout = (mapping.layout as string | undefined) ?? analysis?.detected.layout ?? 'wide';
  const date = (mapping.date as { column?: string; fixed?: string } | undefined) ?? {};
  const dateMode: 'column' | 'fixed' = date.fixed !== undefined ? 'fixed' : 'column';
  const targets = wideTargets(mapping);
  const systemId = (mapping.systemId as string | undefined) ?? '';
  const system = systemsQ.data?.find((s) => s.id === systemId) ?? null;

  useEffect(() => {
    if (report) reportRef.current?.focus();
  }, [report]);

  const addFiles = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setFiles((cur) => mergeFiles(cur, [...list]));
    setAnalysis(null);
    setReport(null);
    setError(null);
  };

  const analyze = async () => {
    if (files.length === 0) {
      setError(new ApiError(t.noFiles, 400, 'client'));
      return;
    }
    setBusy('analyze');
    setError(null);
    setReport(null);
    try {
      const res = await api.analyzeImport(files);
      setAnalysis(res);
      const m = unwrapSuggestion(res.suggestedMapping);
      if (res.detected.kind === 'table' && !m.layout) m.layout = res.detected.layout ?? 'wide';
      setMapping(m);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), 500, 'client'));
    } finally {
      setBusy(null);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!analysis) return;
    const problems = isTable ? missingInMapping(mapping) : [];
    setFormProblems(problems);
    if (problems.length > 0) return;
    setBusy(dryRun ? 'dry' : 'run');
    setError(null);
    setReport(null);
    setProgress(null);
    let source: EventSource | null = null;
    try {
      source = new EventSource(api.importEventsUrl(analysis.uploadId));
      source.addEventListener('progress', (ev) => {
        try {
          setProgress(JSON.parse((ev as MessageEvent<string>).data) as ImportProgress);
        } catch {
          // a malformed event only costs the progress bar one update
        }
      });
      source.onerror = () => source?.close();
    } catch {
      source = null;
    }
    try {
      const res = await api.runImport(analysis.uploadId, { dryRun, mapping });
      setReport(res);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), 500, 'client'));
    } finally {
      source?.close();
      setBusy(null);
    }
  };

  const reset = () => {
    setFiles([]);
    setAnalysis(null);
    setMapping({});
    setReport(null);
    setError(null);
    setProgress(null);
    setFormProblems([]);
  };

  const statusText = report
    ? report.status === 'succeeded'
      ? t.statusSucceeded
      : report.status === 'failed'
        ? t.statusFailed
        : report.status === 'unchanged'
          ? t.statusUnchanged
          : t.statusDryRun
    : '';

  const indicatorOptions = useMemo(
    () => (indicatorsQ.data ?? []).slice().sort((a, b) => indicatorName(a, lang).localeCompare(indicatorName(b, lang), 'de')),
    [indicatorsQ.data, lang],
  );
  const pct = progress && progress.bytesTotal > 0 ? Math.min(100, Math.round((progress.bytesRead / progress.bytesTotal) * 100)) : null;

  const columnSelect = (key: string, label: string, optional = false) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`} className="field-label">
        {label}
      </label>
      <select id={`${id}-${key}`} value={(mapping[key] as string | undefined) ?? ''} onChange={(e) => setMapping({ ...mapping, [key]: e.target.value || undefined })}>
        <option value="">{optional ? '—' : '— bitte wählen —'}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="page page-import">
      <h1>{t.importTitle}</h1>
      <p className="lead">{t.importIntro}</p>

      <section className="card" aria-labelledby={`${id}-step1`}>
        <h2 id={`${id}-step1`}>1. {t.chooseFiles}</h2>
        <div
          className={`dropzone${dragging ? ' is-dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            addFiles(e.dataTransfer.files);
          }}
        >
          <p>{t.dropHere}</p>
          <input
            ref={inputRef}
            id={`${id}-files`}
            type="file"
            multiple
            className="visually-hidden"
            accept=".csv,.txt,.tsv,.xlsx,.geojson,.json,.shp,.shx,.dbf,.prj,.cpg,.gpkg,.zip"
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = '';
            }}
          />
          <label htmlFor={`${id}-files`} className="btn">
            {t.chooseFiles}
          </label>
          <p className="hint">{t.dropHint}</p>
        </div>
        {files.length > 0 && (
          <>
            <h3>{t.selectedFiles}</h3>
            <ul className="file-list">
              {files.map((f) => (
                <li key={f.name}>
                  <span className="mono">{f.name}</span> <span className="muted">({t.bytes(formatNumber(f.size, 0, lang))})</span>
                  <button
                    type="button"
                    className="btn btn-small btn-icon"
                    aria-label={t.removeFile(f.name)}
                    onClick={() => {
                      setFiles(files.filter((x) => x !== f));
                      setAnalysis(null);
                    }}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={() => void analyze()} disabled={busy !== null || files.length === 0}>
            {busy === 'analyze' ? t.analyzing : t.analyze}
          </button>
        </div>
      </section>

      {error && <ErrorState error={error} title={error.code === 'client' ? error.message : t.importFailed} />}

      {analysis && (
        <section className="card" aria-labelledby={`${id}-step2`}>
          <h2 id={`${id}-step2`}>2. {t.detected}</h2>
          <dl className="meta meta-inline">
            <div className="meta-row">
              <dt>{t.kind}</dt>
              <dd>{analysis.detected.kind === 'areas' ? t.kindAreas : t.kindTable}</dd>
            </div>
            <div className="meta-row">
              <dt>{t.format}</dt>
              <dd>{analysis.detected.format}</dd>
            </div>
            {analysis.detected.encoding && (
              <div className="meta-row">
                <dt>{t.encoding}</dt>
                <dd>{analysis.detected.encoding}</dd>
              </div>
            )}
            {analysis.detected.delimiter !== undefined && (
              <div className="meta-row">
                <dt>{t.delimiter}</dt>
                <dd>{describeDelimiter(analysis.detected.delimiter)}</dd>
              </div>
            )}
            {analysis.detected.decimal && (
              <div className="meta-row">
                <dt>{t.decimal}</dt>
                <dd>„{analysis.detected.decimal}“</dd>
              </div>
            )}
            {analysis.detected.layout && (
              <div className="meta-row">
                <dt>{t.layout}</dt>
                <dd>{analysis.detected.layout === 'wide' ? t.layoutWide : t.layoutLong}</dd>
              </div>
            )}
            {analysis.detected.crs && (
              <div className="meta-row">
                <dt>{t.crs}</dt>
                <dd>{analysis.detected.crs}</dd>
              </div>
            )}
            {analysis.detected.rowCount !== undefined && (
              <div className="meta-row">
                <dt>{t.rows}</dt>
                <dd>{formatNumber(analysis.detected.rowCount, 0, lang)}</dd>
              </div>
            )}
            {analysis.detected.featureCount !== undefined && (
              <div className="meta-row">
                <dt>{t.features}</dt>
                <dd>{formatNumber(analysis.detected.featureCount, 0, lang)}</dd>
              </div>
            )}
          </dl>
          {analysis.detected.sampleRows && analysis.detected.sampleRows.length > 0 && (
            <div className="table-wrap table-sample">
              <table className="data-table">
                <caption>{t.sample}</caption>
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {analysis.detected.sampleRows.slice(0, 5).map((r, i) => (
                    <tr key={i}>
                      {r.map((v, j) => (
                        <td key={j}>{v}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {analysis && (
        <section className="card" aria-labelledby={`${id}-step3`}>
          <h2 id={`${id}-step3`}>3. {t.mapping}</h2>
          {(indicatorsQ.status === 'loading' || systemsQ.status === 'loading') && <Loading />}
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-system`} className="field-label">
                {t.targetSystem}
              </label>
              <select id={`${id}-system`} value={systemId} onChange={(e) => setMapping({ ...mapping, systemId: e.target.value || undefined, levelId: undefined })}>
                <option value="">—</option>
                {(systemsQ.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-level`} className="field-label">
                {t.targetLevel}
              </label>
              <select
                id={`${id}-level`}
                value={(mapping.levelId as string | undefined) ?? ''}
                onChange={(e) => setMapping({ ...mapping, levelId: e.target.value || undefined })}
              >
                <option value="">—</option>
                {(system?.levels ?? []).map((l) => (
                  <option key={l.id} value={l.id}>
                    {levelName(l, lang)}
                  </option>
                ))}
              </select>
            </div>
            {isTable ? (
              <>
                {columnSelect('areaColumn', t.areaColumn)}
                <fieldset className="field fieldset-inline">
                  <legend className="field-label">{t.areaKeyType}</legend>
                  {(['code', 'name'] as const).map((k) => (
                    <label key={k} className="radio">
                      <input type="radio" name={`${id}-areakey`} value={k} checked={(mapping.areaKey ?? 'code') === k} onChange={() => setMapping({ ...mapping, areaKey: k })} />
                      {k === 'code' ? t.keyCode : t.keyName}
                    </label>
                  ))}
                </fieldset>
                <fieldset className="field fieldset-inline">
                  <legend className="field-label">{t.dateSource}</legend>
                  <label className="radio">
                    <input type="radio" name={`${id}-datemode`} checked={dateMode === 'column'} onChange={() => setMapping({ ...mapping, date: { column: columns[0] ?? '' } })} />
                    {t.dateFromColumn}
                  </label>
                  <label className="radio">
                    <input type="radio" name={`${id}-datemode`} checked={dateMode === 'fixed'} onChange={() => setMapping({ ...mapping, date: { fixed: '' } })} />
                    {t.dateFixed}
                  </label>
                </fieldset>
                {dateMode === 'column' ? (
                  <div className="field">
                    <label htmlFor={`${id}-datecol`} className="field-label">
                      {t.dateColumn}
                    </label>
                    <select id={`${id}-datecol`} value={date.column ?? ''} onChange={(e) => setMapping({ ...mapping, date: { column: e.target.value } })}>
                      <option value="">— bitte wählen —</option>
                      {columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : (
                  <div className="field">
                    <label htmlFor={`${id}-datefixed`} className="field-label">
                      {t.fixedDate}
                    </label>
                    <input id={`${id}-datefixed`} type="date" value={date.fixed ?? ''} onChange={(e) => setMapping({ ...mapping, date: { fixed: e.target.value } })} />
                  </div>
                )}
                {layout === 'long' && (
                  <>
                    {columnSelect('indicatorColumn', t.indicator)}
                    {columnSelect('valueColumn', t.value)}
                    {columnSelect('numeratorColumn', t.numerator, true)}
                    {columnSelect('denominatorColumn', t.denominator, true)}
                  </>
                )}
              </>
            ) : (
              <>
                {columnSelect('codeColumn', t.codeColumn)}
                {columnSelect('nameColumn', t.nameColumn)}
                {columnSelect('parentColumn', t.parentColumn, true)}
              </>
            )}
          </div>
          {isTable && layout === 'wide' && (
            <div className="table-wrap">
              <table className="data-table">
                <caption>{t.indicatorColumns}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.column}</th>
                    <th scope="col">{t.targetIndicator}</th>
                  </tr>
                </thead>
                <tbody>
                  {columns
                    .filter((c) => c !== mapping.areaColumn && c !== date.column)
                    .map((c) => (
                      <tr key={c}>
                        <th scope="row" className="mono">
                          <label htmlFor={`${id}-col-${c}`}>{c}</label>
                        </th>
                        <td>
                          <select id={`${id}-col-${c}`} value={targets[c]?.indicatorId ?? ''} onChange={(e) => setMapping(setWideTarget(mapping, c, e.target.value))}>
                            <option value="">{t.notImported}</option>
                            {indicatorOptions.map((ind) => (
                              <option key={ind.id} value={ind.id}>
                                {indicatorName(ind, lang)} ({ind.id})
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
          {formProblems.length > 0 && (
            <ul className="form-problems" role="alert">
              {formProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button type="button" className="btn" onClick={() => void run(true)} disabled={busy !== null}>
              {busy === 'dry' ? t.running : t.dryRun}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void run(false)} disabled={busy !== null}>
              {busy === 'run' ? t.running : t.runImport}
            </button>
          </div>
          {(busy === 'dry' || busy === 'run') && (
            <div className="progress-block">
              <label htmlFor={`${id}-progress`} className="field-label">
                {t.progress}
                {progress ? ` – ${t.progressRows(formatNumber(progress.rowsRead, 0, lang))}` : ''}
              </label>
              <progress id={`${id}-progress`} max={100} value={pct ?? undefined} aria-valuetext={pct !== null ? `${pct} %` : t.running}>
                {pct !== null ? `${pct} %` : ''}
              </progress>
            </div>
          )}
        </section>
      )}

      {report && (
        <section className={`card report report-${report.status}`} aria-labelledby={`${id}-report`}>
          <h2 id={`${id}-report`} ref={reportRef} tabIndex={-1}>
            {t.report}: {statusText}
          </h2>
          <dl className="meta meta-inline">
            <div className="meta-row">
              <dt>{t.rowsRead}</dt>
              <dd>{formatNumber(report.rowsRead, 0, lang)}</dd>
            </div>
            <div className="meta-row">
              <dt>{t.rowsWritten}</dt>
              <dd>{formatNumber(report.rowsWritten, 0, lang)}</dd>
            </div>
            <div className="meta-row">
              <dt>{t.errors}</dt>
              <dd>{formatNumber(report.errorCount, 0, lang)}</dd>
            </div>
          </dl>
          {report.errors.length > 0 && (
            <div className="table-wrap">
              <table className="data-table">
                <caption>
                  {t.errorCount(report.errorCount)}
                  {report.errorCount > Math.min(report.errors.length, MAX_ERRORS_SHOWN)
                    ? ` – ${t.errorsShown(Math.min(report.errors.length, MAX_ERRORS_SHOWN), report.errorCount)}`
                    : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t.file}</th>
                    <th scope="col" className="num">
                      {t.line}
                    </th>
                    <th scope="col">{t.column}</th>
                    <th scope="col">{t.message}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.slice(0, MAX_ERRORS_SHOWN).map((e, i) => (
                    <tr key={i}>
                      <td className="mono">{e.file}</td>
                      <td className="num">{e.line ?? '–'}</td>
                      <td className="mono">{e.column ?? '–'}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
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
                {t.unmatched} ({formatNumber(report.unmatched.length, 0, lang)})
              </h3>
              <ul className="chip-list">
                {report.unmatched.slice(0, 300).map((u) => (
                  <li key={u} className="chip mono">
                    {u}
                  </li>
                ))}
              </ul>
            </>
          )}
          {(report.status === 'succeeded' || report.status === 'unchanged') && (
            <div className="actions">
              <button type="button" className="btn" onClick={reset}>
                {t.startOver}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
