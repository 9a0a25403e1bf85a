import { describe, expect, it } from 'vitest';
import {
  canImport,
  firstInvalid,
  flowReducer,
  initialFlow,
  reportCounts,
  reportTitle,
  type FlowState,
} from './flow';

const analyzed = (): FlowState => flowReducer(initialFlow, { type: 'analyzed', hasHeader: false });

describe('import flow reducer', () => {
  it('allows a run only once a file is analysed, and keeps the detected header choice', () => {
    expect(canImport(initialFlow)).toBe(false);
    expect(canImport(analyzed())).toBe(true);
    expect(analyzed().hasHeader).toBe(false);
  });

  it('marks invalid fields, focuses the first, clears one when edited', () => {
    let s = flowReducer(analyzed(), {
      type: 'validationFailed',
      errors: [
        { field: 'f-date', message: 'Bitte einen Stichtag angeben.' },
        { field: 'f-name', message: 'Bitte einen Namen angeben.' },
      ],
    });
    expect(firstInvalid(s)).toBe('f-date');
    s = flowReducer(s, { type: 'fieldEdited', field: 'f-date' });
    expect(firstInvalid(s)).toBe('f-name');
  });

  it('clears field errors after success and disables the import button after a real run', () => {
    let s = flowReducer(analyzed(), {
      type: 'validationFailed',
      errors: [{ field: 'x', message: 'm' }],
    });
    s = flowReducer(s, { type: 'runStarted', dryRun: false });
    expect(canImport(s)).toBe(false);
    s = flowReducer(s, {
      type: 'runFinished',
      outcome: { dryRun: false, ok: true, errorCount: 0, rowsRead: 10, valuesWritten: 20 },
    });
    expect(s.fieldErrors).toEqual([]);
    expect(canImport(s)).toBe(false);
    expect(canImport(flowReducer(s, { type: 'analyzed', hasHeader: true }))).toBe(true);
  });

  it('a successful dry run leaves the import possible', () => {
    const s = flowReducer(analyzed(), {
      type: 'runFinished',
      outcome: { dryRun: true, ok: true, errorCount: 0, rowsRead: 1, valuesWritten: 1 },
    });
    expect(canImport(s)).toBe(true);
  });

  it('keeps the server refusal message as is', () => {
    const msg = 'Ihr API-Token hat die Berechtigung `indicators.edit_all` nicht';
    const s = flowReducer(analyzed(), { type: 'serverRefused', message: msg });
    expect(s.serverMessage).toBe(msg);
    expect(s.busy).toBeNull();
  });
});

describe('report texts', () => {
  it('a failed dry run says Probelauf, not Import fehlgeschlagen', () => {
    const t = reportTitle({
      dryRun: true,
      ok: false,
      errorCount: 1234,
      rowsRead: 0,
      valuesWritten: 0,
    });
    expect(t).toBe('Probelauf: 1.234 Fehler – es wurde nichts gespeichert');
    expect(t).not.toContain('Import fehlgeschlagen');
  });

  it('names the counts', () => {
    expect(
      reportCounts({ dryRun: false, ok: true, errorCount: 0, rowsRead: 1500, valuesWritten: 3 }),
    ).toEqual(['Zeilen gelesen: 1.500', 'Werte geschrieben: 3']);
  });
});
