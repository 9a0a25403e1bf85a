/**
 * Import flow — the shape of the import screen as a pure reducer.
 *
 * The screen's steps, in order, each its own component (the reducer holds only what spans them):
 *   1. upload     — the person chooses files; "analyze" sends them to the server.
 *   2. mapping    — table mapping: which column is area key, date, value (tables only).
 *   3. target     — area target: which area system/level (tables) or the new system (areas).
 *   4. indicators — new indicators: name, unit, Lebenslage, definition for unmapped columns.
 *   5. report     — result of a dry run ("Probelauf") or of the real import.
 *   6. history    — past imports (always reachable, not part of the linear path).
 *
 * Rules the reducer enforces:
 *   - A new analysis resets everything after the upload (mapping, drafts, report, errors).
 *   - Field errors are cleared when the field is edited and after every successful run,
 *     so a success screen never shows stale field errors.
 *   - After a successful real import the run is "done": the import button stays disabled
 *     until a new file is analysed.
 *   - A failed dry run is a dry run: `reportTitle` says "Probelauf: … Fehler",
 *     never "Import fehlgeschlagen".
 *   - A refusal says what refused: the check of the file (nothing analysed, nothing imported),
 *     the dry run or the import (`refusalTitle`).
 *
 * import-screen.tsx uses it through use-import.ts; each step is its own component (step-*.tsx).
 */

export interface FieldError {
  /** id of the form field (its DOM id), used for aria-describedby and focus. */
  field: string;
  message: string;
}

export interface RunOutcome {
  dryRun: boolean;
  ok: boolean;
  errorCount: number;
  rowsRead: number;
  valuesWritten: number;
  /** The real run found everything already stored. */
  unchanged?: boolean;
  /** An areas import: it writes areas read from features, not values read from rows. */
  areas?: boolean;
}

export interface FlowState {
  /** A file has been analysed (the run buttons need one). */
  analysed: boolean;
  busy: null | 'analyze' | 'dry' | 'run';
  /** Server message shown as is (e.g. a refusal naming the missing permission). */
  serverMessage: string | null;
  /** Which run the server refused (null: none, or the check of the file was refused). */
  refusedRun: null | 'dry' | 'run';
  fieldErrors: FieldError[];
  outcome: RunOutcome | null;
  done: boolean;
  hasHeader: boolean | null;
}

export type FlowAction =
  | { type: 'analyzeStarted' }
  | { type: 'analyzed'; hasHeader: boolean | null }
  | { type: 'setHeader'; hasHeader: boolean }
  | { type: 'validationFailed'; errors: FieldError[] }
  | { type: 'fieldEdited'; field: string }
  | { type: 'runStarted'; dryRun: boolean }
  | { type: 'runFinished'; outcome: RunOutcome }
  | { type: 'serverRefused'; message: string }
  | { type: 'reset' };

export const initialFlow: FlowState = {
  analysed: false,
  busy: null,
  serverMessage: null,
  refusedRun: null,
  fieldErrors: [],
  outcome: null,
  done: false,
  hasHeader: null,
};

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case 'analyzeStarted':
      return { ...initialFlow, busy: 'analyze' };
    case 'analyzed':
      return { ...initialFlow, analysed: true, hasHeader: action.hasHeader };
    case 'setHeader':
      return { ...state, hasHeader: action.hasHeader, outcome: null, done: false };
    case 'validationFailed':
      return { ...state, busy: null, fieldErrors: action.errors };
    case 'fieldEdited':
      return { ...state, fieldErrors: state.fieldErrors.filter((e) => e.field !== action.field) };
    case 'runStarted':
      return {
        ...state,
        busy: action.dryRun ? 'dry' : 'run',
        serverMessage: null,
        refusedRun: null,
      };
    case 'runFinished': {
      const success = action.outcome.ok;
      return {
        ...state,
        busy: null,
        outcome: action.outcome,
        fieldErrors: success ? [] : state.fieldErrors,
        done: success && !action.outcome.dryRun,
      };
    }
    case 'serverRefused':
      return {
        ...state,
        busy: null,
        serverMessage: action.message,
        refusedRun: state.busy === 'dry' || state.busy === 'run' ? state.busy : null,
      };
    case 'reset':
      return initialFlow;
  }
}

/** First invalid field (the one to focus), or null. */
export function firstInvalid(state: FlowState): string | null {
  return state.fieldErrors[0]?.field ?? null;
}

/** Whether the real import button may be pressed. */
export function canImport(state: FlowState): boolean {
  return state.busy === null && !state.done && state.analysed;
}

const fmt = new Intl.NumberFormat('de-DE');

/** Title of the result: a failed dry run is a Probelauf with errors, not a failed import. */
export function reportTitle(outcome: RunOutcome): string {
  const errors = `${fmt.format(outcome.errorCount)} Fehler`;
  if (outcome.dryRun)
    return outcome.ok
      ? 'Probelauf abgeschlossen: keine Fehler – es wurde nichts gespeichert'
      : `Probelauf: ${errors} – es wurde nichts gespeichert`;
  if (outcome.unchanged) return 'Keine Änderungen – die Daten sind bereits vorhanden';
  return outcome.ok ? 'Import erfolgreich' : `Import fehlgeschlagen: ${errors}`;
}

/** Counts named for what they count: rows and values of a table, features and areas of geometry. */
export function reportCounts(outcome: RunOutcome): string[] {
  const written = outcome.areas ? 'Gebiete' : 'Werte';
  return [
    `${outcome.areas ? 'Objekte' : 'Zeilen'} gelesen: ${fmt.format(outcome.rowsRead)}`,
    `${written} ${outcome.dryRun ? 'zu schreiben' : 'geschrieben'}: ${fmt.format(outcome.valuesWritten)}`,
  ];
}

/** The texts a refusal title chooses from (the i18n dictionary). */
export interface RefusalTexts {
  impCheckRefused: string;
  impDryRunRefused: string;
  importFailed: string;
}

/**
 * Title of a server refusal: a refused check of the file is no failed import (nothing was
 * imported, nothing was even ready to import); a refused dry run is a Probelauf.
 */
export function refusalTitle(state: FlowState, t: RefusalTexts): string {
  if (state.refusedRun === 'dry') return t.impDryRunRefused;
  if (state.refusedRun === 'run') return t.importFailed;
  return t.impCheckRefused;
}
