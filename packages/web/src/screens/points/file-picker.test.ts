import { describe, expect, it } from 'vitest';
import { chosenFilesText } from './file-picker.tsx';

describe('chosen files line', () => {
  it('says in German that nothing is chosen yet', () => {
    expect(chosenFilesText([])).toBe('Keine Datei ausgewählt');
  });
  it('lists the names of the chosen files', () => {
    expect(chosenFilesText([{ name: 'kitas.shp' }, { name: 'kitas.dbf' }])).toBe(
      'kitas.shp, kitas.dbf',
    );
  });
});
