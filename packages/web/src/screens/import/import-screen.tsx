// Import: upload (file input or drag & drop), detected format, mapping form, dry run, import with progress (SSE),
// and the list of earlier imports.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import type {
  AnalyzeResponse,
  AreasRunBody,
  ImportError,
  ImportProgress,
  ImportReport,
  TableRunBody,
} from '../../lib/api.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { formatNumber } from '../../lib/core-bridge.ts';
import { dimensionLabel, indicatorName, levelName } from '../../lib/labels.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import {
  areasRunFields,
  longLabels,
  missingInAreaTarget,
  missingInMapping,
  setWideTarget,
  splitUnknownIndicators,
  splitUnknownLabels,
  unwrapSuggestion,
  wideTargets,
  withNewIndicators,
  withNewLabels,
} from './mapping.ts';
import type { AreaTarget, EditableMapping } from './mapping.ts';
import {
  DIMENSION_IDS,
  draftFor,
  EMPTY_SOURCE,
  INDICATOR_ID,
  isoToGerman,
  mapUrlFor,
  NEW_INDICATOR,
  newIndicatorsBody,
  parseGermanDate,
  POLARITIES,
  sourceBody,
  UNITS,
  validateDrafts,
  validateSource,
} from './new-indicators.ts';
import { SourceFieldset } from './source-fieldset.tsx';
import {
  AreaDecisions,
  SwapAxesOffer,
  type CoveringChoice,
  type MissingChoice,
} from './area-decisions.tsx';
import type { NewIndicatorDraft, SourceDraft } from './new-indicators.ts';

const MAX_ERRORS_SHOWN = 200;

/** Adds files to a selection, replacing files of the same name (a re-chosen file wins). */
export function mergeFiles(current: readonly File[], added: readonly File[]): File[] {
  const names = new Set(added.map((f) => f.name));
  return [...current.filter((f) => !names.has(f.name)), ...added];
}

const DELIMITER_NAMES: Record<string, { de: string; en: string }> = {
  '\t': { de: 'Tabulator (\\t)', en: 'tab (\\t)' },
  ';': { de: 'Semikolon (;)', en: 'semicolon (;)' },
  ',': { de: 'Komma (,)', en: 'comma (,)' },
  '|': { de: 'senkrechter Strich (|)', en: 'vertical bar (|)' },
};

/** Names a CSV delimiter as the import dialog shows it (German by default). */
export function describeDelimiter(
  d: string | undefined,
  lang: 'de' | 'en' = 'de',
): string | undefined {
  if (d === undefined) return undefined;
  return DELIMITER_NAMES[d]?.[lang] ?? (lang === 'de' ? `„${d}“` : `“${d}”`);
}

/** File issues attached to an API error (400 invalid_file carries them as details). */
function issuesOf(error: ApiError): ImportError[] {
  return Array.isArray(error.details)
    ? (error.details as ImportError[]).filter((i) => i && typeof i.message === 'string')
    : [];
}

function IssuesTable({
  issues,
  total,
  caption,
}: {
  issues: ImportError[];
  total: number;
  caption: string;
}) {
  const { t } = useI18n();
  const shown = issues.slice(0, MAX_ERRORS_SHOWN);
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption>
          {caption}
          {total > shown.length ? ` – ${t.errorsShown(shown.length, total)}` : ''}
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
          {shown.map((e, i) => (
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
  );
}

export function ImportScreen() {
  const { t, lang } = useI18n();
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [analysis, setAnalysis] = useState<AnalyzeResponse | null>(null);
  const [mapping, setMapping] = useState<EditableMapping>({});
  const [target, setTarget] = useState<{ systemId: string; levelId: string }>({
    systemId: '',
    levelId: '',
  });
  const [areaTarget, setAreaTarget] = useState<AreaTarget>({});
  const [busy, setBusy] = useState<null | 'analyze' | 'dry' | 'run'>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  // areas: decisions the server asks for (issue 9 § 3)
  const [swapAxes, setSwapAxes] = useState(false);
  const [coveringChoice, setCoveringChoice] = useState<CoveringChoice>('exclude');
  const [missingChoice, setMissingChoice] = useState<MissingChoice>('keep');
  const [missingAreas, setMissingAreas] = useState<ImportReport['missingAreas']>(undefined);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [formProblems, setFormProblems] = useState<string[]>([]);
  const [drafts, setDrafts] = useState<Record<string, NewIndicatorDraft>>({});
  const [sourceDraft, setSourceDraft] = useState<SourceDraft>(EMPTY_SOURCE);
  const [fixedDateText, setFixedDateText] = useState('');
  const [validFromText, setValidFromText] = useState('');
  /** Where the last successful import can be seen on the map. */
  const [mapLink, setMapLink] = useState<string | null>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);

  const indicatorsQ = useFetch(() => api.indicators(), []);
  const systemsQ = useFetch(() => api.areaSystems(), []);
  const [historyTick, setHistoryTick] = useState(0);
  const historyQ = useFetch(() => api.imports(), [historyTick]);

  const columns = analysis?.detected.columns ?? [];
  const isTable = analysis?.detected.kind === 'table';
  const layout = (mapping.layout as string | undefined) ?? analysis?.detected.layout ?? 'wide';
  const date = (mapping.date as { column?: string; fixed?: string } | undefined) ?? {};
  const dateMode: 'column' | 'fixed' = date.fixed !== undefined ? 'fixed' : 'column';
  const targets = wideTargets(mapping);
  const knownIds = useMemo(
    () => new Set((indicatorsQ.data ?? []).map((i) => i.id)),
    [indicatorsQ.data],
  );
  // drafts are keyed by column (wide) or by label of the indicator column (long); only the current layout's count
  const labels =
    isTable && layout === 'long'
      ? longLabels(
          columns,
          analysis?.detected.sampleRows ?? [],
          mapping.indicatorColumn as string | undefined,
        )
      : [];
  const activeDrafts = isTable
    ? Object.values(drafts).filter((d) =>
        layout === 'long'
          ? d.origin === 'label' && labels.includes(d.column)
          : d.origin !== 'label',
      )
    : [];
  const activeDraftMap = Object.fromEntries(activeDrafts.map((d) => [d.column, d]));
  const labelMap = (mapping.indicatorMap ?? {}) as Record<string, string>;
  const system = systemsQ.data?.find((s) => s.id === target.systemId) ?? null;
  const areaSystem =
    (areaTarget.systemMode === 'existing' &&
      systemsQ.data?.find((s) => s.id === areaTarget.systemId)) ||
    null;

  useEffect(() => {
    if (report) reportRef.current?.focus();
  }, [report]);

  const addFiles = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    // copy now: the FileList is live and is emptied when the input is reset right after this call
    const added = [...list];
    setFiles((cur) => mergeFiles(cur, added));
    setAnalysis(null);
    setReport(null);
    setError(null);
    setSwapAxes(false);
  };

  const analyze = async (swap = swapAxes) => {
    if (files.length === 0) {
      setError(new ApiError(t.noFiles, 400, 'client'));
      return;
    }
    setBusy('analyze');
    setError(null);
    setReport(null);
    setFormProblems([]);
    setSwapAxes(swap);
    setCoveringChoice('exclude');
    setMissingChoice('keep');
    setMissingAreas(undefined);
    setMapLink(null);
    try {
      const res = await api.analyzeImport(files, { swapAxes: swap });
      setAnalysis(res);
      const m = unwrapSuggestion(res.suggestedMapping);
      if (res.detected.kind === 'table') {
        if (!m.layout) m.layout = res.detected.layout ?? 'wide';
        if (!m.areaKey) m.areaKey = 'code';
        // columns the server could not match to a known indicator become drafts of new indicators
        const known = indicatorsQ.data
          ? knownIds
          : new Set((await api.indicators()).map((i) => i.id));
        if (m.layout === 'long') {
          setMapping(m);
          setDrafts(
            splitUnknownLabels(
              m,
              longLabels(
                res.detected.columns ?? [],
                res.detected.sampleRows ?? [],
                m.indicatorColumn as string | undefined,
              ),
              known,
            ),
          );
        } else {
          const split = splitUnknownIndicators(m, known);
          setMapping(split.mapping);
          setDrafts(split.drafts);
        }
        const fixed = (m.date as { fixed?: string } | undefined)?.fixed;
        setFixedDateText(fixed ? isoToGerman(fixed) : '');
        setTarget({ systemId: res.suggestedSystemId ?? '', levelId: res.suggestedLevelId ?? '' });
      } else {
        setMapping({});
        setDrafts({});
        setValidFromText('');
        setAreaTarget({
          systemMode: 'new',
          levelMode: 'new',
          codeProperty: (m.codeProperty as string | null) ?? undefined,
          nameProperty: (m.nameProperty as string | null) ?? undefined,
          parentCodeProperty: (m.parentCodeProperty as string | null) ?? undefined,
        });
      }
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), 500, 'client'));
    } finally {
      setBusy(null);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!analysis) return;
    const sentMapping = withNewLabels(
      withNewIndicators(mapping, layout === 'wide' ? activeDraftMap : {}, columns),
      layout === 'long' ? activeDraftMap : {},
    );
    const problems = isTable
      ? [
          ...(target.systemId && target.levelId ? [] : ['Bitte Gebietssystem und Ebene wählen.']),
          ...missingInMapping(sentMapping),
          ...validateDrafts(activeDrafts, knownIds),
          ...(activeDrafts.length > 0 ? validateSource(sourceDraft) : []),
        ]
      : [
          ...missingInAreaTarget(areaTarget),
          ...(areaTarget.systemMode !== 'existing' ? validateSource(sourceDraft) : []),
          ...(areaTarget.systemMode !== 'existing' &&
          areaTarget.systemId &&
          systemsQ.data?.some((x) => x.id === areaTarget.systemId)
            ? [t.systemExists(areaTarget.systemId)]
            : []),
        ];
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
      source.addEventListener('done', () => source?.close());
      source.onerror = () => source?.close();
    } catch {
      source = null;
    }
    try {
      const body: TableRunBody | AreasRunBody = isTable
        ? {
            kind: 'table',
            dryRun,
            systemId: target.systemId,
            levelId: target.levelId,
            mapping: sentMapping,
            ...(activeDrafts.length > 0
              ? { newIndicators: newIndicatorsBody(activeDrafts), source: sourceBody(sourceDraft) }
              : {}),
          }
        : {
            kind: 'areas',
            dryRun,
            ...areasRunFields(areaTarget),
            ...(areaTarget.systemMode !== 'existing' ? { source: sourceBody(sourceDraft) } : {}),
            ...(swapAxes ? { swapAxes } : {}),
            ...(analysis.covering?.length ? { coveringFeatures: coveringChoice } : {}),
            ...(missingAreas ? { missingAreas: missingChoice } : {}),
          };
      const res = await api.runImport(analysis.uploadId, body);
      setReport(res);
      if (res.missingAreas) setMissingAreas(res.missingAreas);
      if (!dryRun) setHistoryTick((n) => n + 1);
      if (!dryRun && (res.status === 'succeeded' || res.status === 'unchanged')) {
        if (isTable) {
          const firstIndicator =
            sentMapping.layout === 'long'
              ? (Object.values((sentMapping.indicatorMap ?? {}) as Record<string, string>)[0] ??
                labels.find((l) => knownIds.has(l)) ??
                null)
              : ((sentMapping.indicators as { indicatorId: string }[] | undefined)?.[0]
                  ?.indicatorId ?? null);
          setMapLink(
            mapUrlFor({
              system: target.systemId,
              level: target.levelId,
              indicator: firstIndicator,
              date: importedDate(),
            }),
          );
          // new indicators and coverage must show up in the pickers
          indicatorsQ.reload();
        } else {
          setMapLink(
            mapUrlFor({ system: areaTarget.systemId ?? '', level: areaTarget.levelId ?? '' }),
          );
          // the new system or level must show up in the selects
          systemsQ.reload();
        }
      }
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), 500, 'client'));
    } finally {
      source?.close();
      setBusy(null);
    }
  };

  /** The newest date of this import: the fixed date, or the latest parsable value of the date column in the preview. */
  const importedDate = (): string | null => {
    if (date.fixed) return date.fixed;
    const col = date.column ? columns.indexOf(date.column) : -1;
    if (col < 0) return null;
    const parsed = (analysis?.detected.sampleRows ?? [])
      .map((r) => {
        const v = (r[col] ?? '').trim();
        return /^\d{4}$/.test(v) ? `${v}-12-31` : parseGermanDate(v);
      })
      .filter((d): d is string => d !== null)
      .sort();
    return parsed[parsed.length - 1] ?? null;
  };

  const setLabelTarget = (label: string, value: string) => {
    const rest = { ...drafts };
    delete rest[label];
    const map = { ...labelMap };
    delete map[label];
    if (value === NEW_INDICATOR)
      setDrafts({ ...rest, [label]: drafts[label] ?? { ...draftFor(label), origin: 'label' } });
    else {
      setDrafts(rest);
      if (value && value !== label) map[label] = value;
    }
    setMapping({ ...mapping, indicatorMap: map });
  };

  const setColumnTarget = (c: string, value: string) => {
    const rest = { ...drafts };
    delete rest[c];
    if (value === NEW_INDICATOR) {
      setDrafts({ ...rest, [c]: drafts[c] ?? draftFor(c) });
      setMapping(setWideTarget(mapping, c, ''));
    } else {
      setDrafts(rest);
      setMapping(setWideTarget(mapping, c, value));
    }
  };
  const updateDraft = (c: string, patch: Partial<NewIndicatorDraft>) => {
    const d = drafts[c];
    if (d) setDrafts({ ...drafts, [c]: { ...d, ...patch } });
  };

  const reset = () => {
    setDrafts({});
    setSourceDraft(EMPTY_SOURCE);
    setMapLink(null);
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
    () =>
      (indicatorsQ.data ?? [])
        .slice()
        .sort((a, b) => indicatorName(a, lang).localeCompare(indicatorName(b, lang), 'de')),
    [indicatorsQ.data, lang],
  );
  const pct =
    progress && progress.bytesTotal > 0
      ? Math.min(100, Math.round((progress.bytesRead / progress.bytesTotal) * 100))
      : null;
  const fmtInt = (n: number) => formatNumber(n, 0, lang);

  const columnSelect = (
    value: string | undefined,
    onChange: (v: string | undefined) => void,
    key: string,
    label: string,
    optional = false,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`} className="field-label">
        {label}
      </label>
      <select
        id={`${id}-${key}`}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{optional ? '—' : t.pleaseChoose}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
  const mappingColumn = (key: string, label: string, optional = false) =>
    columnSelect(
      mapping[key] as string | undefined,
      (v) => setMapping({ ...mapping, [key]: v }),
      key,
      label,
      optional,
    );
  const areaColumn = (
    key: 'codeProperty' | 'nameProperty' | 'parentCodeProperty',
    label: string,
    optional = false,
  ) =>
    columnSelect(
      areaTarget[key],
      (v) => setAreaTarget({ ...areaTarget, [key]: v }),
      key,
      label,
      optional,
    );

  const errorIssues = error ? issuesOf(error) : [];

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
                  <span className="mono">{f.name}</span>{' '}
                  <span className="muted">({t.bytes(fmtInt(f.size))})</span>
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
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void analyze()}
            disabled={busy !== null || files.length === 0}
          >
            {busy === 'analyze' ? t.analyzing : t.analyze}
          </button>
        </div>
      </section>

      {error && (
        <div className="import-error">
          <ErrorState
            error={error}
            title={error.code === 'client' ? error.message : t.importFailed}
          />
          {errorIssues.length > 0 && (
            <IssuesTable
              issues={errorIssues}
              total={errorIssues.length}
              caption={t.errorCount(errorIssues.length)}
            />
          )}
          <SwapAxesOffer
            issues={errorIssues}
            busy={busy !== null}
            onSwap={() => void analyze(true)}
          />
        </div>
      )}

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
                <dd>{describeDelimiter(analysis.detected.delimiter, lang)}</dd>
              </div>
            )}
            {analysis.detected.decimal && (
              <div className="meta-row">
                <dt>{t.decimal}</dt>
                <dd>„{analysis.detected.decimal}“</dd>
              </div>
            )}
            {analysis.detected.kind === 'table' && analysis.detected.layout && (
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
                <dd>{fmtInt(analysis.detected.rowCount)}</dd>
              </div>
            )}
            {analysis.detected.featureCount !== undefined && (
              <div className="meta-row">
                <dt>{t.features}</dt>
                <dd>{fmtInt(analysis.detected.featureCount)}</dd>
              </div>
            )}
          </dl>
          {(analysis.reasons.length > 0 || analysis.warnings.length > 0) && (
            <details className="reasons">
              <summary>{t.detectionReasons}</summary>
              <ul>
                {[...analysis.reasons, ...analysis.warnings].map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </details>
          )}
          {analysis.problems.length > 0 && (
            <IssuesTable
              issues={analysis.problems}
              total={analysis.problems.length}
              caption={t.fileProblems}
            />
          )}
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
                  {analysis.detected.sampleRows.slice(0, 10).map((r, i) => (
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
          {(indicatorsQ.data === null || systemsQ.data === null) &&
            (indicatorsQ.status === 'loading' || systemsQ.status === 'loading') && <Loading />}
          {isTable ? (
            <div className="form-grid">
              <div className="field">
                <label htmlFor={`${id}-system`} className="field-label">
                  {t.targetSystem}
                </label>
                <select
                  id={`${id}-system`}
                  value={target.systemId}
                  onChange={(e) => setTarget({ systemId: e.target.value, levelId: '' })}
                >
                  <option value="">{t.pleaseChoose}</option>
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
                  value={target.levelId}
                  onChange={(e) => setTarget({ ...target, levelId: e.target.value })}
                >
                  <option value="">{t.pleaseChoose}</option>
                  {(system?.levels ?? []).map((l) => (
                    <option key={l.id} value={l.id}>
                      {levelName(l, lang)}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset className="field fieldset-inline">
                <legend className="field-label">{t.layout}</legend>
                {(['wide', 'long'] as const).map((k) => (
                  <label key={k} className="radio">
                    <input
                      type="radio"
                      name={`${id}-layout`}
                      value={k}
                      checked={layout === k}
                      onChange={() => setMapping({ ...mapping, layout: k })}
                    />
                    {k === 'wide' ? t.layoutWide : t.layoutLong}
                  </label>
                ))}
              </fieldset>
              {mappingColumn('areaColumn', t.areaColumn)}
              <fieldset className="field fieldset-inline">
                <legend className="field-label">{t.areaKeyType}</legend>
                {(['code', 'name'] as const).map((k) => (
                  <label key={k} className="radio">
                    <input
                      type="radio"
                      name={`${id}-areakey`}
                      value={k}
                      checked={(mapping.areaKey ?? 'code') === k}
                      onChange={() => setMapping({ ...mapping, areaKey: k })}
                    />
                    {k === 'code' ? t.keyCode : t.keyName}
                  </label>
                ))}
              </fieldset>
              <fieldset className="field fieldset-inline">
                <legend className="field-label">{t.dateSource}</legend>
                <label className="radio">
                  <input
                    type="radio"
                    name={`${id}-datemode`}
                    checked={dateMode === 'column'}
                    onChange={() => setMapping({ ...mapping, date: { column: date.column ?? '' } })}
                  />
                  {t.dateFromColumn}
                </label>
                <label className="radio">
                  <input
                    type="radio"
                    name={`${id}-datemode`}
                    checked={dateMode === 'fixed'}
                    onChange={() =>
                      setMapping({
                        ...mapping,
                        date: { fixed: parseGermanDate(fixedDateText) ?? fixedDateText },
                      })
                    }
                  />
                  {t.dateFixed}
                </label>
              </fieldset>
              {dateMode === 'column' ? (
                columnSelect(
                  date.column || undefined,
                  (v) => setMapping({ ...mapping, date: { column: v ?? '' } }),
                  'datecol',
                  t.dateColumn,
                )
              ) : (
                <div className="field">
                  <label htmlFor={`${id}-datefixed`} className="field-label">
                    {t.fixedDate}
                  </label>
                  <input
                    id={`${id}-datefixed`}
                    type="text"
                    inputMode="numeric"
                    placeholder={t.datePlaceholder}
                    autoComplete="off"
                    value={fixedDateText}
                    aria-invalid={fixedDateText !== '' && parseGermanDate(fixedDateText) === null}
                    aria-describedby={`${id}-datefixed-hint`}
                    onChange={(e) => {
                      setFixedDateText(e.target.value);
                      setMapping({
                        ...mapping,
                        date: { fixed: parseGermanDate(e.target.value) ?? e.target.value },
                      });
                    }}
                  />
                  <span
                    id={`${id}-datefixed-hint`}
                    className={
                      fixedDateText !== '' && parseGermanDate(fixedDateText) === null
                        ? 'field-error'
                        : 'hint'
                    }
                  >
                    {fixedDateText !== '' && parseGermanDate(fixedDateText) === null
                      ? t.dateInvalid
                      : t.dateHint}
                  </span>
                </div>
              )}
              {layout === 'long' && (
                <>
                  {mappingColumn('indicatorColumn', t.indicator)}
                  {mappingColumn('valueColumn', t.value)}
                  {mappingColumn('numeratorColumn', t.numerator, true)}
                  {mappingColumn('denominatorColumn', t.denominator, true)}
                </>
              )}
            </div>
          ) : (
            <div className="form-grid">
              <fieldset className="field fieldset-inline form-grid-full">
                <legend className="field-label">{t.areaSystem}</legend>
                {(['existing', 'new'] as const).map((k) => (
                  <label key={k} className="radio">
                    <input
                      type="radio"
                      name={`${id}-asysmode`}
                      checked={(areaTarget.systemMode ?? 'new') === k}
                      disabled={k === 'existing' && (systemsQ.data ?? []).length === 0}
                      onChange={() =>
                        setAreaTarget({
                          ...areaTarget,
                          systemMode: k,
                          levelMode: k === 'new' ? 'new' : areaTarget.levelMode,
                          systemId: k === 'existing' ? systemsQ.data?.[0]?.id : undefined,
                          levelId: undefined,
                          parentLevelId: undefined,
                        })
                      }
                    />
                    {k === 'existing' ? t.systemExisting : t.systemNew}
                  </label>
                ))}
              </fieldset>
              {areaTarget.systemMode === 'existing' ? (
                <div className="field">
                  <label htmlFor={`${id}-asys`} className="field-label">
                    {t.systemChoose}
                  </label>
                  <select
                    id={`${id}-asys`}
                    value={areaTarget.systemId ?? ''}
                    onChange={(e) =>
                      setAreaTarget({
                        ...areaTarget,
                        systemId: e.target.value || undefined,
                        levelId: undefined,
                        parentLevelId: undefined,
                      })
                    }
                  >
                    <option value="">{t.pleaseChoose}</option>
                    {(systemsQ.data ?? []).map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name} ({s.id})
                      </option>
                    ))}
                  </select>
                </div>
              ) : (
                <>
                  <div className="field">
                    <label htmlFor={`${id}-asys`} className="field-label">
                      {t.systemIdLabel}
                    </label>
                    <input
                      id={`${id}-asys`}
                      type="text"
                      className="mono"
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="leipzig_ortsteile"
                      value={areaTarget.systemId ?? ''}
                      aria-describedby={`${id}-id-hint`}
                      onChange={(e) =>
                        setAreaTarget({
                          ...areaTarget,
                          systemId: e.target.value.trim() || undefined,
                        })
                      }
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-asysname`} className="field-label">
                      {t.systemNameLabel}
                    </label>
                    <input
                      id={`${id}-asysname`}
                      type="text"
                      placeholder={t.systemNamePlaceholder}
                      value={areaTarget.systemName ?? ''}
                      onChange={(e) =>
                        setAreaTarget({ ...areaTarget, systemName: e.target.value || undefined })
                      }
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-avalid`} className="field-label">
                      {t.validFrom}
                    </label>
                    <input
                      id={`${id}-avalid`}
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      placeholder={t.datePlaceholder}
                      value={validFromText}
                      aria-invalid={validFromText !== '' && parseGermanDate(validFromText) === null}
                      aria-describedby={`${id}-avalid-hint`}
                      onChange={(e) => {
                        setValidFromText(e.target.value);
                        const v = e.target.value.trim();
                        setAreaTarget({
                          ...areaTarget,
                          validFrom: v ? (parseGermanDate(v) ?? v) : undefined,
                        });
                      }}
                    />
                    <span
                      id={`${id}-avalid-hint`}
                      className={
                        validFromText !== '' && parseGermanDate(validFromText) === null
                          ? 'field-error'
                          : 'hint'
                      }
                    >
                      {validFromText !== '' && parseGermanDate(validFromText) === null
                        ? t.dateInvalid
                        : t.validFromHint}
                    </span>
                  </div>
                </>
              )}
              {areaTarget.systemMode === 'existing' && (
                <fieldset className="field fieldset-inline form-grid-full">
                  <legend className="field-label">{t.level}</legend>
                  {(['existing', 'new'] as const).map((k) => (
                    <label key={k} className="radio">
                      <input
                        type="radio"
                        name={`${id}-alvlmode`}
                        checked={(areaTarget.levelMode ?? 'new') === k}
                        disabled={k === 'existing' && !areaSystem}
                        onChange={() =>
                          setAreaTarget({
                            ...areaTarget,
                            levelMode: k,
                            levelId: undefined,
                            levelNameDe: undefined,
                          })
                        }
                      />
                      {k === 'existing' ? t.levelExisting : t.levelNew}
                    </label>
                  ))}
                </fieldset>
              )}
              {areaTarget.systemMode === 'existing' && areaTarget.levelMode === 'existing' ? (
                <div className="field">
                  <label htmlFor={`${id}-alvl`} className="field-label">
                    {t.levelChoose}
                  </label>
                  <select
                    id={`${id}-alvl`}
                    value={areaTarget.levelId ?? ''}
                    onChange={(e) =>
                      setAreaTarget({ ...areaTarget, levelId: e.target.value || undefined })
                    }
                  >
                    <option value="">{t.pleaseChoose}</option>
                    {[...(areaSystem?.levels ?? [])]
                      .sort((a, b) => a.depth - b.depth)
                      .map((l) => (
                        <option key={l.id} value={l.id}>
                          {levelName(l, lang)} ({l.id})
                        </option>
                      ))}
                  </select>
                </div>
              ) : (
                <>
                  <div className="field">
                    <label htmlFor={`${id}-alvl`} className="field-label">
                      {t.levelIdLabel}
                    </label>
                    <input
                      id={`${id}-alvl`}
                      type="text"
                      className="mono"
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="ortsteil"
                      value={areaTarget.levelId ?? ''}
                      aria-describedby={`${id}-id-hint`}
                      onChange={(e) =>
                        setAreaTarget({
                          ...areaTarget,
                          levelId: e.target.value.trim() || undefined,
                        })
                      }
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-alvlname`} className="field-label">
                      {t.levelNameLabel}
                    </label>
                    <input
                      id={`${id}-alvlname`}
                      type="text"
                      placeholder={t.levelNamePlaceholder}
                      value={areaTarget.levelNameDe ?? ''}
                      onChange={(e) =>
                        setAreaTarget({ ...areaTarget, levelNameDe: e.target.value || undefined })
                      }
                    />
                  </div>
                </>
              )}
              {areaColumn('codeProperty', t.codeColumn)}
              {areaColumn('nameProperty', t.nameColumn)}
              {areaSystem && (
                <div className="field">
                  <label htmlFor={`${id}-aparent`} className="field-label">
                    {t.parentLevel}
                  </label>
                  <select
                    id={`${id}-aparent`}
                    value={areaTarget.parentLevelId ?? ''}
                    onChange={(e) =>
                      setAreaTarget({ ...areaTarget, parentLevelId: e.target.value || undefined })
                    }
                  >
                    <option value="">—</option>
                    {(areaSystem?.levels ?? [])
                      .filter((l) => l.id !== areaTarget.levelId)
                      .map((l) => (
                        <option key={l.id} value={l.id}>
                          {levelName(l, lang)}
                        </option>
                      ))}
                  </select>
                </div>
              )}
              {areaTarget.parentLevelId && areaColumn('parentCodeProperty', t.parentColumn)}
              <p id={`${id}-id-hint`} className="hint form-grid-full">
                {t.idHint}
              </p>
              <div className="form-grid-full">
                <AreaDecisions
                  covering={analysis.covering ?? []}
                  coveringChoice={coveringChoice}
                  onCovering={setCoveringChoice}
                  missing={missingAreas}
                  missingChoice={missingChoice}
                  onMissing={setMissingChoice}
                />
              </div>
              {areaTarget.systemMode !== 'existing' && (
                <div className="form-grid-full">
                  <SourceFieldset
                    idPrefix={`${id}-areas`}
                    draft={sourceDraft}
                    onChange={setSourceDraft}
                    hint={t.areaSourceHint}
                    title={t.areaSourceTitle}
                  />
                </div>
              )}
            </div>
          )}
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
                    .map((c, i) => (
                      <tr key={c}>
                        <th scope="row" className="mono">
                          <label htmlFor={`${id}-col-${i}`}>{c}</label>
                        </th>
                        <td>
                          <select
                            id={`${id}-col-${i}`}
                            value={drafts[c] ? NEW_INDICATOR : (targets[c]?.indicatorId ?? '')}
                            onChange={(e) => setColumnTarget(c, e.target.value)}
                          >
                            <option value="">{t.notImported}</option>
                            <option value={NEW_INDICATOR}>{t.newIndicatorOption}</option>
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
          {isTable && layout === 'long' && labels.length > 0 && (
            <div className="table-wrap">
              <table className="data-table">
                <caption>
                  {t.longLabelsCaption(String(mapping.indicatorColumn ?? ''))}
                  <span className="hint"> – {t.longLabelsHint}</span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t.longLabel}</th>
                    <th scope="col">{t.targetIndicator}</th>
                  </tr>
                </thead>
                <tbody>
                  {labels.map((l, i) => (
                    <tr key={l}>
                      <th scope="row" className="mono">
                        <label htmlFor={`${id}-lbl-${i}`}>{l}</label>
                      </th>
                      <td>
                        <select
                          id={`${id}-lbl-${i}`}
                          value={
                            drafts[l] ? NEW_INDICATOR : (labelMap[l] ?? (knownIds.has(l) ? l : ''))
                          }
                          onChange={(e) => setLabelTarget(l, e.target.value)}
                        >
                          <option value="">{t.pleaseChoose}</option>
                          <option value={NEW_INDICATOR}>{t.newIndicatorOption}</option>
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
          {activeDrafts.length > 0 && (
            <div className="new-indicators">
              {activeDrafts.map((d, i) => {
                const key = `${id}-new-${i}`;
                const idBad = d.id !== '' && !INDICATOR_ID.test(d.id);
                const idTaken = knownIds.has(d.id);
                return (
                  <fieldset key={d.column} className="card-inner form-grid">
                    <legend>
                      {d.origin === 'label'
                        ? t.newIndicatorFor(d.column)
                        : t.newIndicatorFrom(d.column)}
                    </legend>
                    <div className="field">
                      <label htmlFor={`${key}-id`} className="field-label">
                        {t.newIndicatorId}
                      </label>
                      <input
                        id={`${key}-id`}
                        type="text"
                        className="mono"
                        autoComplete="off"
                        spellCheck={false}
                        value={d.id}
                        aria-invalid={idBad || idTaken || d.id === ''}
                        aria-describedby={`${key}-id-hint`}
                        onChange={(e) => updateDraft(d.column, { id: e.target.value.trim() })}
                      />
                      <span
                        id={`${key}-id-hint`}
                        className={idBad || idTaken || d.id === '' ? 'field-error' : 'hint'}
                      >
                        {idTaken
                          ? t.newIndicatorIdTaken
                          : idBad || d.id === ''
                            ? t.newIndicatorIdInvalid
                            : t.newIndicatorIdHint}
                      </span>
                    </div>
                    <div className="field">
                      <label htmlFor={`${key}-name`} className="field-label">
                        {t.newIndicatorName}
                      </label>
                      <input
                        id={`${key}-name`}
                        type="text"
                        value={d.nameDe}
                        aria-invalid={d.nameDe.trim() === ''}
                        onChange={(e) => updateDraft(d.column, { nameDe: e.target.value })}
                      />
                    </div>
                    <div className="field">
                      <label htmlFor={`${key}-unit`} className="field-label">
                        {t.unit}
                      </label>
                      <select
                        id={`${key}-unit`}
                        value={d.unit}
                        onChange={(e) =>
                          updateDraft(d.column, {
                            unit: e.target.value as NewIndicatorDraft['unit'],
                          })
                        }
                      >
                        {UNITS.map((u) => (
                          <option key={u.id} value={u.id}>
                            {u[lang]}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={`${key}-dim`} className="field-label">
                        {t.dimension}
                      </label>
                      <select
                        id={`${key}-dim`}
                        value={d.dimension}
                        onChange={(e) =>
                          updateDraft(d.column, {
                            dimension: e.target.value as NewIndicatorDraft['dimension'],
                          })
                        }
                      >
                        {DIMENSION_IDS.map((dim) => (
                          <option key={dim} value={dim}>
                            {dimensionLabel(dim, lang)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={`${key}-pol`} className="field-label">
                        {t.polarity}
                      </label>
                      <select
                        id={`${key}-pol`}
                        value={d.polarity}
                        onChange={(e) =>
                          updateDraft(d.column, {
                            polarity: e.target.value as NewIndicatorDraft['polarity'],
                          })
                        }
                      >
                        {POLARITIES.map((p) => (
                          <option key={p} value={p}>
                            {t.polarityLabel(p)}
                          </option>
                        ))}
                      </select>
                    </div>
                  </fieldset>
                );
              })}
              <SourceFieldset
                idPrefix={id}
                draft={sourceDraft}
                onChange={setSourceDraft}
                hint={t.sourceFormHint}
              />
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
            <button
              type="button"
              className="btn"
              onClick={() => void run(true)}
              disabled={busy !== null}
            >
              {busy === 'dry' ? t.running : t.dryRun}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void run(false)}
              disabled={busy !== null}
            >
              {busy === 'run' ? t.running : t.runImport}
            </button>
          </div>
          {(busy === 'dry' || busy === 'run') && (
            <div className="progress-block">
              <label htmlFor={`${id}-progress`} className="field-label">
                {t.progress}
                {progress && progress.rowsRead > 0
                  ? ` – ${t.progressRows(fmtInt(progress.rowsRead))}`
                  : ''}
              </label>
              <progress id={`${id}-progress`} max={100} value={pct ?? undefined}>
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
              <dd>{fmtInt(report.rowsRead)}</dd>
            </div>
            <div className="meta-row">
              <dt>{report.status === 'dry_run' ? t.rowsToWrite : t.rowsWritten}</dt>
              <dd>{fmtInt(report.rowsWritten)}</dd>
            </div>
            <div className="meta-row">
              <dt>{t.errors}</dt>
              <dd>{fmtInt(report.errorCount)}</dd>
            </div>
          </dl>
          {report.errors.length > 0 && (
            <IssuesTable
              issues={report.errors}
              total={report.errorCount}
              caption={t.errorCount(report.errorCount)}
            />
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
                {t.unmatched} ({fmtInt(report.unmatched.length)})
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
          {(report.status === 'succeeded' || report.status === 'unchanged') && (
            <div className="actions">
              {mapLink && (
                <Link href={mapLink} className="btn btn-primary">
                  {t.viewOnMap}
                </Link>
              )}
              <button type="button" className="btn" onClick={reset}>
                {t.startOver}
              </button>
            </div>
          )}
        </section>
      )}

      {/* the history is the page's start state; while files are being imported it would only distract */}
      {files.length === 0 && historyQ.data && historyQ.data.length > 0 && (
        <section className="card" aria-labelledby={`${id}-history`}>
          <h2 id={`${id}-history`}>{t.importHistory}</h2>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t.startedAt}</th>
                  <th scope="col">{t.file}</th>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col" className="num">
                    {t.rowsRead}
                  </th>
                  <th scope="col" className="num">
                    {t.rowsWritten}
                  </th>
                  <th scope="col" className="num">
                    {t.errors}
                  </th>
                </tr>
              </thead>
              <tbody>
                {historyQ.data.slice(0, 50).map((r) => (
                  <tr key={r.id}>
                    <td className="nowrap">{formatTimestamp(r.startedAt, lang)}</td>
                    <td className="mono wrap-anywhere">{r.fileName}</td>
                    <td>{historyKindLabel(r.kind, t)}</td>
                    <td>{statusLabel(r.status, t)}</td>
                    <td className="num">{fmtInt(r.rowsRead)}</td>
                    <td className="num">{fmtInt(r.rowsWritten)}</td>
                    <td className="num">{fmtInt(r.errorCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

function statusLabel(status: string, t: ReturnType<typeof useI18n>['t']): string {
  if (status === 'succeeded') return t.statusSucceededShort;
  if (status === 'failed') return t.statusFailedShort;
  if (status === 'unchanged') return t.statusUnchangedShort;
  if (status === 'dry_run') return t.statusDryRunShort;
  if (status === 'running') return t.statusRunningShort;
  return status;
}

/** Kind of a past import as the history shows it (server values: areas, observations, points, demo; table as older name). */
function historyKindLabel(kind: string, t: ReturnType<typeof useI18n>['t']): string {
  if (kind === 'areas') return t.historyKindAreas;
  if (kind === 'observations' || kind === 'table') return t.historyKindValues;
  if (kind === 'points') return t.historyKindPoints;
  if (kind === 'demo') return t.historyKindDemo;
  return kind;
}

/** ISO timestamp → "25.11.2026, 20:15" in the browser's time zone. */
function formatTimestamp(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}
