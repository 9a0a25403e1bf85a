// The state of the import screen: the flow reducer (flow.ts) for where the person is, plus what she
// has chosen (files, table form, new indicators, decisions, area target) and what the server answered
// (analysis, report). The step components read and change it; nothing here renders.
import { useCallback, useMemo, useReducer, useState } from 'react';
import { areasApi } from '../../api/areas.ts';
import { ApiError } from '../../api/http.ts';
import {
  type AnalyzeResponse,
  type ImportProgress,
  type ImportReport,
  importsApi,
} from '../../api/imports.ts';
import { indicatorsApi } from '../../api/indicators.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { flowReducer, initialFlow, type FieldError } from './flow.ts';
import { INITIAL_DECISIONS, mergeNameMatches, type Decisions } from './decisions.ts';
import { unwrapSuggestion, type AreaTarget } from './mapping.ts';
import { EMPTY_SOURCE, type NewIndicatorDraft, type SourceDraft } from './new-indicators.ts';
import { EMPTY_FORM, formFromAnalysis, relabel, syncDrafts, type TableForm } from './table-form.ts';
import {
  AREA_FIELDS,
  buildRunBody,
  mapLinkAfter,
  validateAreaRun,
  validateRun,
} from './run-body.ts';
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
    const source = new EventSource(importsApi.importEventsUrl(uploadId));
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

/** What the person chose: the table form and its new indicators, target, decisions, source, areas. */
function useChoices() {
  const [files, setFiles] = useState<File[]>([]);
  const [form, setForm] = useState<TableForm>(EMPTY_FORM);
  const [drafts, setDrafts] = useState<Record<string, NewIndicatorDraft>>({});
  const [target, setTarget] = useState({ systemId: '', levelId: '' });
  const [areaTarget, setAreaTarget] = useState<AreaTarget>({});
  const [areaChoices, setAreaChoices] = useState<AreaChoices>(INITIAL_AREA_CHOICES);
  const [source, setSource] = useState<SourceDraft>(EMPTY_SOURCE);
  const [decisions, setDecisions] = useState<Decisions>(INITIAL_DECISIONS);
  return {
    files,
    setFiles,
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
  };
}

/** What the server answered (analysis, report, refusal) and how the run goes. */
function useAnswers() {
  const [flow, dispatch] = useReducer(flowReducer, initialFlow);
  const [analysis, setAnalysis] = useState<AnalyzeResponse | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [mapLink, setMapLink] = useState<string | null>(null);
  /** Counts failed checks: each one moves the focus to the first invalid field once. */
  const [failedChecks, setFailedChecks] = useState(0);
  return {
    flow,
    dispatch,
    analysis,
    setAnalysis,
    report,
    setReport,
    error,
    setError,
    progress,
    setProgress,
    mapLink,
    setMapLink,
    failedChecks,
    setFailedChecks,
  };
}

/** Indicators, area systems and the import history as the server has them. */
function useServerData() {
  const indicatorsQ = useFetch(() => indicatorsApi.indicators(), []);
  const systemsQ = useFetch(() => areasApi.areaSystems(), []);
  const [historyTick, setHistoryTick] = useState(0);
  const historyQ = useFetch(() => importsApi.imports(), [historyTick]);
  const knownIds = useMemo(
    () => new Set((indicatorsQ.data ?? []).map((i) => i.id)),
    [indicatorsQ.data],
  );
  const reloadHistory = useCallback(() => setHistoryTick((n) => n + 1), []);
  return { indicatorsQ, systemsQ, historyQ, knownIds, reloadHistory };
}

type Parts = ReturnType<typeof useChoices> &
  ReturnType<typeof useAnswers> &
  ReturnType<typeof useServerData>;

/** Forgets everything after the upload (a new file or a new analysis starts over). */
function clearAfterUpload(p: Parts): void {
  p.dispatch({ type: 'reset' });
  p.setAnalysis(null);
  p.setReport(null);
  p.setError(null);
  p.setMapLink(null);
}

/** Takes the server's analysis into the form: the suggestion, drafts for unknown indicators, target. */
async function applyAnalysis(p: Parts, res: AnalyzeResponse): Promise<void> {
  p.setAnalysis(res);
  if (res.detected.kind === 'table') {
    const known = p.indicatorsQ.data
      ? p.knownIds
      : new Set((await indicatorsApi.indicators()).map((i) => i.id));
    const next = formFromAnalysis(res, known);
    p.setForm(next.form);
    p.setDrafts(next.drafts);
    p.setTarget({ systemId: res.suggestedSystemId ?? '', levelId: res.suggestedLevelId ?? '' });
    p.setDecisions((d) => ({
      ...d,
      names: mergeNameMatches({}, res.published?.nameMatches ?? []),
    }));
  } else {
    const m = unwrapSuggestion(res.suggestedMapping);
    p.setForm(EMPTY_FORM);
    p.setDrafts({});
    p.setAreaTarget({
      systemMode: 'new',
      levelMode: 'new',
      codeProperty: (m.codeProperty as string | null) ?? undefined,
      nameProperty: (m.nameProperty as string | null) ?? undefined,
      parentCodeProperty: (m.parentCodeProperty as string | null) ?? undefined,
    });
  }
  p.dispatch({
    type: 'analyzed',
    hasHeader: res.published?.headerPresence.used ?? null,
  });
}

/** What a (re-)analysis may carry: swapped axes, the header switch, the person's separators. */
export interface AnalyzeOptions {
  swapAxes?: boolean;
  hasHeader?: boolean;
  /** undefined: keep the current choice; null: as detected again. */
  decimal?: Decisions['decimal'] | null;
  thousands?: Decisions['thousands'] | null;
}

/**
 * Sends the files to the server; `hasHeader` re-reads the table with the person's header choice,
 * the separators re-read its numbers (preview and plausibility follow them).
 */
async function analyzeFiles(p: Parts, opts: AnalyzeOptions): Promise<void> {
  if (p.files.length === 0) {
    p.setError(new ApiError('Bitte wählen Sie mindestens eine Datei.', 400, 'client'));
    return;
  }
  clearAfterUpload(p);
  p.dispatch({ type: 'analyzeStarted' });
  const swapAxes = opts.swapAxes ?? p.areaChoices.swapAxes;
  p.setAreaChoices({ ...INITIAL_AREA_CHOICES, swapAxes });
  const decimal = opts.decimal === undefined ? p.decisions.decimal : (opts.decimal ?? undefined);
  const thousands =
    opts.thousands === undefined ? p.decisions.thousands : (opts.thousands ?? undefined);
  p.setDecisions(() => ({
    ...INITIAL_DECISIONS,
    hasHeader: opts.hasHeader ?? null,
    ...(decimal ? { decimal } : {}),
    ...(thousands ? { thousands } : {}),
  }));
  try {
    const header = opts.hasHeader !== undefined ? { hasHeader: opts.hasHeader } : {};
    const separators = {
      ...(decimal ? { decimal } : {}),
      ...(thousands ? { thousands } : {}),
    };
    await applyAnalysis(
      p,
      await importsApi.analyzeImport(p.files, { swapAxes, ...header, ...separators }),
    );
  } catch (e) {
    p.dispatch({ type: 'reset' });
    p.setError(asApiError(e));
  }
}

/** Checks the form before a run; field errors are marked (and focused), nothing is sent. */
function checkRun(p: Parts): boolean {
  if (!p.analysis) return false;
  const errors: FieldError[] =
    p.analysis.detected.kind === 'table'
      ? validateRun(p.form, p.target, p.drafts, p.knownIds, p.source)
      : validateAreaRun(
          p.areaTarget,
          p.source,
          (p.systemsQ.data ?? []).map((x) => x.id),
        );
  if (errors.length) {
    p.dispatch({ type: 'validationFailed', errors });
    p.setFailedChecks((n) => n + 1);
  }
  return errors.length === 0;
}

/** Runs the dry run or the import and takes its report (name review, missing areas) into the state. */
async function runImport(p: Parts, dryRun: boolean): Promise<void> {
  const analysis = p.analysis;
  if (!analysis || !checkRun(p)) return;
  const isTable = analysis.detected.kind === 'table';
  p.dispatch({ type: 'runStarted', dryRun });
  p.setError(null);
  p.setProgress(null);
  const stream = openProgress(analysis.uploadId, p.setProgress);
  try {
    const res = await importsApi.runImport(
      analysis.uploadId,
      buildRunBody({ ...p, dryRun, analysis }),
    );
    p.setReport(res);
    const details = res.details;
    if (details)
      p.setDecisions((d) => ({ ...d, names: mergeNameMatches(d.names, details.nameMatches) }));
    if (res.missingAreas) p.setAreaChoices((c) => ({ ...c, missingAreas: res.missingAreas }));
    const ok = res.status !== 'failed';
    p.dispatch({
      type: 'runFinished',
      outcome: {
        dryRun,
        ok,
        errorCount: res.errorCount,
        rowsRead: res.rowsRead,
        valuesWritten: res.rowsWritten,
        unchanged: res.status === 'unchanged',
        areas: !isTable,
      },
    });
    if (!dryRun) p.reloadHistory();
    if (!dryRun && ok) {
      p.setMapLink(mapLinkAfter({ ...p, isTable }));
      if (isTable) p.indicatorsQ.reload();
      else p.systemsQ.reload();
    }
  } catch (e) {
    const err = asApiError(e);
    p.setError(err);
    p.dispatch({ type: 'serverRefused', message: err.message });
  } finally {
    stream?.close();
  }
}

/** The import screen's state and actions (see the file comment). */
export function useImport() {
  const p: Parts = { ...useChoices(), ...useAnswers(), ...useServerData() };
  const isTable = p.analysis?.detected.kind === 'table';

  const setFiles = (next: File[]) => {
    p.setFiles(next);
    clearAfterUpload(p);
    p.setAreaChoices(INITIAL_AREA_CHOICES);
    p.setDecisions(INITIAL_DECISIONS);
  };

  /** The form changed: the drafts follow the new-indicator choices, the edited field loses its error. */
  const setForm = (edited: TableForm, editedField?: string) => {
    const relabelled =
      p.analysis &&
      (edited.layout !== p.form.layout || edited.indicatorColumn !== p.form.indicatorColumn);
    const next = relabelled && p.analysis ? relabel(edited, p.analysis, p.knownIds) : edited;
    p.setForm(next);
    p.setDrafts((d) => syncDrafts(next, d, p.analysis));
    if (editedField) p.dispatch({ type: 'fieldEdited', field: editedField });
  };

  /** The areas form changed: each changed field loses its error. */
  const setAreaTarget = (next: AreaTarget) => {
    for (const [key, field] of Object.entries(AREA_FIELDS))
      if (next[key as keyof AreaTarget] !== p.areaTarget[key as keyof AreaTarget])
        p.dispatch({ type: 'fieldEdited', field });
    p.setAreaTarget(next);
  };

  const reset = () => {
    setFiles([]);
    p.setDrafts({});
    p.setSource(EMPTY_SOURCE);
    p.setProgress(null);
  };

  return {
    ...p,
    isTable,
    setFiles,
    setForm,
    setAreaTarget,
    analyze: (opts: AnalyzeOptions = {}) => analyzeFiles(p, opts),
    run: (dryRun: boolean) => runImport(p, dryRun),
    reset,
  };
}

export type ImportState = ReturnType<typeof useImport>;
