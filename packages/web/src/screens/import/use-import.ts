// The state of the import screen: the flow reducer (flow.ts) for where the person is, plus what she
// has chosen (files, table form, new indicators, decisions, area target) and what the server answered
// (analysis, report). The step components read and change it; nothing here renders.
import { useCallback, useMemo, useReducer, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import type { AnalyzeResponse, ImportProgress, ImportReport } from '../../lib/api.ts';
import { tableDetails } from '../../lib/api-imports.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { flowReducer, initialFlow, type FieldError } from './flow.ts';
import { INITIAL_DECISIONS, mergeNameMatches, type Decisions } from './decisions.ts';
import { missingInAreaTarget, unwrapSuggestion, type AreaTarget } from './mapping.ts';
import { EMPTY_SOURCE, type NewIndicatorDraft, type SourceDraft } from './new-indicators.ts';
import { EMPTY_FORM, formFromAnalysis, relabel, syncDrafts, type TableForm } from './table-form.ts';
import { buildRunBody, mapLinkAfter, sourceErrors, validateRun } from './run-body.ts';
import type { CoveringChoice, MissingChoice } from './area-decisions.tsx';

export interface AreaChoices {
  swapAxes: boolean;
  covering: CoveringChoice;
  missing: MissingChoice;
  /** From a dry run: areas the file no longer has. */
  missingAreas: ImportReport['missingAreas'];
}

const INITIAL_AREA_CHOICES: AreaChoices = {
  swapAxes: false,
  covering: 'exclude',
  missing: 'keep',
  missingAreas: undefined,
};

/** Adds files to a selection, replacing files of the same name (a re-chosen file wins). */
export function mergeFiles(current: readonly File[], added: readonly File[]): File[] {
  const names = new Set(added.map((f) => f.name));
  return [...current.filter((f) => !names.has(f.name)), ...added];
}

/** Opens the progress stream of a run; a failing stream only costs the progress bar. */
function openProgress(uploadId: string, onProgress: (p: ImportProgress) => void) {
  try {
    const source = new EventSource(api.importEventsUrl(uploadId));
    source.addEventListener('progress', (ev) => {
      try {
        onProgress(JSON.parse((ev as MessageEvent<string>).data) as ImportProgress);
      } catch {
        // a malformed event only costs the progress bar one update
      }
    });
    source.addEventListener('done', () => source.close());
    source.onerror = () => source.close();
    return source;
  } catch {
    return null;
  }
}

const asApiError = (e: unknown) =>
  e instanceof ApiError ? e : new ApiError(String(e), 500, 'client');

export function useImport() {
  const [flow, dispatch] = useReducer(flowReducer, initialFlow);
  const [files, setFilesState] = useState<File[]>([]);
  const [analysis, setAnalysis] = useState<AnalyzeResponse | null>(null);
  const [form, setFormState] = useState<TableForm>(EMPTY_FORM);
  const [drafts, setDrafts] = useState<Record<string, NewIndicatorDraft>>({});
  const [target, setTarget] = useState({ systemId: '', levelId: '' });
  const [areaTarget, setAreaTarget] = useState<AreaTarget>({});
  const [areaChoices, setAreaChoices] = useState<AreaChoices>(INITIAL_AREA_CHOICES);
  const [source, setSource] = useState<SourceDraft>(EMPTY_SOURCE);
  const [decisions, setDecisions] = useState<Decisions>(INITIAL_DECISIONS);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [areaProblems, setAreaProblems] = useState<string[]>([]);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [mapLink, setMapLink] = useState<string | null>(null);
  /** Counts failed checks: each one moves the focus to the first invalid field once. */
  const [failedChecks, setFailedChecks] = useState(0);
  const indicatorsQ = useFetch(() => api.indicators(), []);
  const systemsQ = useFetch(() => api.areaSystems(), []);
  const [historyTick, setHistoryTick] = useState(0);
  const historyQ = useFetch(() => api.imports(), [historyTick]);
  const knownIds = useMemo(
    () => new Set((indicatorsQ.data ?? []).map((i) => i.id)),
    [indicatorsQ.data],
  );
  const isTable = analysis?.detected.kind === 'table';

  const clearAfterUpload = useCallback(() => {
    dispatch({ type: 'reset' });
    setAnalysis(null);
    setReport(null);
    setError(null);
    setMapLink(null);
    setAreaProblems([]);
  }, []);

  const setFiles = (next: File[]) => {
    setFilesState(next);
    clearAfterUpload();
    setAreaChoices(INITIAL_AREA_CHOICES);
    setDecisions(INITIAL_DECISIONS);
  };

  /** The form changed: the drafts follow the new-indicator choices, the edited field loses its error. */
  const setForm = (edited: TableForm, editedField?: string) => {
    const relabelled =
      analysis &&
      (edited.layout !== form.layout || edited.indicatorColumn !== form.indicatorColumn);
    const next = relabelled ? relabel(edited, analysis, knownIds) : edited;
    setFormState(next);
    setDrafts((d) => syncDrafts(next, d, analysis));
    if (editedField) dispatch({ type: 'fieldEdited', field: editedField });
  };

  const applyAnalysis = async (res: AnalyzeResponse) => {
    setAnalysis(res);
    if (res.detected.kind === 'table') {
      const known = indicatorsQ.data
        ? knownIds
        : new Set((await api.indicators()).map((i) => i.id));
      const next = formFromAnalysis(res, known);
      setFormState(next.form);
      setDrafts(next.drafts);
      setTarget({ systemId: res.suggestedSystemId ?? '', levelId: res.suggestedLevelId ?? '' });
      setDecisions((d) => ({
        ...d,
        names: mergeNameMatches({}, res.published?.nameMatches ?? []),
      }));
    } else {
      const m = unwrapSuggestion(res.suggestedMapping);
      setFormState(EMPTY_FORM);
      setDrafts({});
      setAreaTarget({
        systemMode: 'new',
        levelMode: 'new',
        codeProperty: (m.codeProperty as string | null) ?? undefined,
        nameProperty: (m.nameProperty as string | null) ?? undefined,
        parentCodeProperty: (m.parentCodeProperty as string | null) ?? undefined,
      });
    }
    dispatch({
      type: 'analyzed',
      tabular: res.detected.kind === 'table',
      hasHeader: res.published?.headerPresence.used ?? null,
    });
  };

  /** Sends the files to the server; `hasHeader` re-reads the table with the person's header choice. */
  const analyze = async (opts: { swapAxes?: boolean; hasHeader?: boolean } = {}) => {
    if (files.length === 0) {
      setError(new ApiError('Bitte wählen Sie mindestens eine Datei.', 400, 'client'));
      return;
    }
    clearAfterUpload();
    dispatch({ type: 'analyzeStarted' });
    const swapAxes = opts.swapAxes ?? areaChoices.swapAxes;
    setAreaChoices({ ...INITIAL_AREA_CHOICES, swapAxes });
    setDecisions((d) => ({
      ...INITIAL_DECISIONS,
      hasHeader: opts.hasHeader ?? null,
      decimal: d.decimal,
      thousands: d.thousands,
    }));
    try {
      const hasHeader = opts.hasHeader;
      await applyAnalysis(
        await api.analyzeImport(files, {
          swapAxes,
          ...(hasHeader !== undefined ? { hasHeader } : {}),
        }),
      );
    } catch (e) {
      dispatch({ type: 'reset' });
      setError(asApiError(e));
    }
  };

  /** Checks the form; field errors are marked and the run is not sent. */
  const check = (): boolean => {
    if (!analysis) return false;
    if (isTable) {
      const errors: FieldError[] = validateRun(form, target, drafts, knownIds, source);
      if (errors.length) {
        dispatch({ type: 'validationFailed', errors });
        setFailedChecks((n) => n + 1);
      }
      return errors.length === 0;
    }
    const problems = [
      ...missingInAreaTarget(areaTarget),
      ...(areaTarget.systemMode !== 'existing'
        ? sourceErrors(source, 'imp-areas').map((e) => e.message)
        : []),
      ...(areaTarget.systemMode !== 'existing' &&
      areaTarget.systemId &&
      systemsQ.data?.some((x) => x.id === areaTarget.systemId)
        ? [
            `Das Gebietssystem „${areaTarget.systemId}“ gibt es schon – bitte „vorhandenes ergänzen“ wählen oder eine andere Kennung.`,
          ]
        : []),
    ];
    setAreaProblems(problems);
    if (problems.length) setFailedChecks((n) => n + 1);
    return problems.length === 0;
  };

  const run = async (dryRun: boolean) => {
    if (!analysis || !check()) return;
    dispatch({ type: 'runStarted', dryRun });
    setError(null);
    setProgress(null);
    const stream = openProgress(analysis.uploadId, setProgress);
    try {
      const body = buildRunBody({
        dryRun,
        analysis,
        form,
        drafts,
        target,
        areaTarget,
        areaChoices,
        source,
        decisions,
      });
      const res = await api.runImport(analysis.uploadId, body);
      setReport(res);
      const details = tableDetails(res.details);
      if (details)
        setDecisions((d) => ({ ...d, names: mergeNameMatches(d.names, details.nameMatches) }));
      if (res.missingAreas) setAreaChoices((c) => ({ ...c, missingAreas: res.missingAreas }));
      const ok = res.status !== 'failed';
      dispatch({
        type: 'runFinished',
        outcome: {
          dryRun,
          ok,
          errorCount: res.errorCount,
          rowsRead: res.rowsRead,
          valuesWritten: res.rowsWritten,
          unchanged: res.status === 'unchanged',
        },
      });
      if (!dryRun) setHistoryTick((n) => n + 1);
      if (!dryRun && ok) {
        setMapLink(mapLinkAfter({ isTable, form, drafts, target, areaTarget }));
        if (isTable) indicatorsQ.reload();
        else systemsQ.reload();
      }
    } catch (e) {
      const err = asApiError(e);
      setError(err);
      dispatch({ type: 'serverRefused', message: err.message });
    } finally {
      stream?.close();
    }
  };

  const reset = () => {
    setFilesState([]);
    clearAfterUpload();
    setDrafts({});
    setSource(EMPTY_SOURCE);
    setDecisions(INITIAL_DECISIONS);
    setAreaChoices(INITIAL_AREA_CHOICES);
    setProgress(null);
  };

  return {
    flow,
    dispatch,
    files,
    setFiles,
    analysis,
    isTable,
    form,
    setForm,
    drafts,
    setDrafts,
    target,
    setTarget,
    areaTarget,
    setAreaTarget,
    areaChoices,
    setAreaChoices,
    source,
    setSource,
    decisions,
    setDecisions,
    report,
    error,
    areaProblems,
    progress,
    mapLink,
    failedChecks,
    analyze,
    run,
    reset,
    indicatorsQ,
    systemsQ,
    historyQ,
    knownIds,
  };
}

export type ImportState = ReturnType<typeof useImport>;
