// The own file button of the Standorte import, as on the import screen: a German label („Dateien
// auswählen“) instead of the browser's "Choose Files / No file chosen", and the chosen names below.
// The real input stays in the page (visually hidden) so Tab, Enter/Space and screen readers reach it.
import { useId } from 'react';

/** Names of the chosen files for the line under the button. */
export function chosenFilesText(files: readonly File[] | readonly { name: string }[]): string {
  if (files.length === 0) return 'Keine Datei ausgewählt';
  return files.map((f) => f.name).join(', ');
}

export function FilePicker({
  label,
  files,
  accept,
  onChange,
}: {
  /** The field's name (the input's accessible name, shown above the button). */
  label: string;
  files: readonly File[];
  accept: string;
  onChange: (files: File[]) => void;
}) {
  const id = useId();
  return (
    <div className="file-picker">
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <input
        id={`${id}-input`}
        type="file"
        multiple
        className="visually-hidden"
        accept={accept}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-names`}
        onChange={(e) => {
          // copy now: the FileList is live and is emptied when the input is reset right after
          onChange([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      <label htmlFor={`${id}-input`} className="btn">
        {files.length === 0 ? 'Dateien auswählen' : 'Andere Dateien auswählen'}
      </label>
      <span id={`${id}-names`} className={files.length === 0 ? 'muted' : 'mono file-names'}>
        {chosenFilesText(files)}
      </span>
    </div>
  );
}
