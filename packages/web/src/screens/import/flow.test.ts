import { describe, expect, it } from 'vitest';
import {
  canImport,
  firstInvalid,
  flowReducer,
  initialFlow,
  refusalTitle,
  reportCounts,
  reportTitle,
  type FlowState,
} from './flow';
import { de } from '../../i18n/de';
import { en } from '../../i18n/en';

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

  it('a failed real import still says Import fehlgeschlagen', () => {
    expect(
      reportTitle({ dryRun: false, ok: false, errorCount: 2, rowsRead: 5, valuesWritten: 0 }),
    ).toBe('Import fehlgeschlagen: 2 Fehler');
  });

  it('names the counts', () => {
    expect(
      reportCounts({ dryRun: false, ok: true, errorCount: 0, rowsRead: 1500, valuesWritten: 3 }),
    ).toEqual(['Zeilen gelesen: 1.500', 'Werte geschrieben: 3']);
  });

  it('names the counts of an areas import for areas, not values', () => {
    const areas = { ok: true, errorCount: 0, rowsRead: 5, valuesWritten: 4, areas: true };
    expect(reportCounts({ ...areas, dryRun: true })).toEqual([
      'Objekte gelesen: 5',
      'Gebiete zu schreiben: 4',
    ]);
    expect(reportCounts({ ...areas, dryRun: false })).toEqual([
      'Objekte gelesen: 5',
      'Gebiete geschrieben: 4',
    ]);
  });
});

describe('refusal titles', () => {
  const refused = (s: FlowState) =>
    flowReducer(s, { type: 'serverRefused', message: 'stadtteile.geojson: abgelehnt' });

  it('a refused check of the file says the check refused it, not that an import failed', () => {
    // analyzeFiles resets the flow when the server refuses the file
    const s = flowReducer(flowReducer(initialFlow, { type: 'analyzeStarted' }), { type: 'reset' });
    expect(refusalTitle(s, de)).toBe('Die Prüfung hat die Datei abgelehnt.');
    expect(refusalTitle(s, de)).not.toContain('Import');
    expect(refusalTitle(s, en)).toBe('The check refused the file.');
  });

  it('a refused dry run is a Probelauf; a refused import says the import failed', () => {
    const dry = refused(flowReducer(analyzed(), { type: 'runStarted', dryRun: true }));
    expect(refusalTitle(dry, de)).toBe(
      'Der Probelauf ist fehlgeschlagen – es wurde nichts gespeichert.',
    );
    const run = refused(flowReducer(analyzed(), { type: 'runStarted', dryRun: false }));
    expect(refusalTitle(run, de)).toBe('Der Import ist fehlgeschlagen.');
    // the next run starts without the old refusal
    expect(flowReducer(run, { type: 'runStarted', dryRun: true }).refusedRun).toBeNull();
  });
});
