// Step 1 — upload: the person chooses files (input or drag & drop); "Dateien prüfen" sends them.
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { mergeFiles, type ImportState } from './use-import.ts';

const ACCEPT = '.csv,.txt,.tsv,.xlsx,.geojson,.json,.shp,.shx,.dbf,.prj,.cpg,.gpkg,.zip';

export function StepUpload({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const add = (list: FileList | null) => {
    // copy now: the FileList is live and is emptied when the input is reset right after this call
    if (list && list.length > 0) s.setFiles(mergeFiles(s.files, [...list]));
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>1. {t.chooseFiles}</h2>
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
          add(e.dataTransfer.files);
        }}
      >
        <p>{t.dropHere}</p>
        <input
          id={`${id}-files`}
          type="file"
          multiple
          className="visually-hidden"
          accept={ACCEPT}
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
        <label htmlFor={`${id}-files`} className="btn">
          {t.chooseFiles}
        </label>
        <p className="hint">{t.dropHint}</p>
      </div>
      {s.files.length > 0 && (
        <>
          <h3>{t.selectedFiles}</h3>
          <ul className="file-list">
            {s.files.map((f) => (
              <li key={f.name}>
                <span className="mono">{f.name}</span>{' '}
                <span className="muted">({t.bytes(formatNumber(f.size, 0, lang))})</span>
                <button
                  type="button"
                  className="btn btn-small btn-icon"
                  aria-label={t.removeFile(f.name)}
                  onClick={() => s.setFiles(s.files.filter((x) => x !== f))}
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
          onClick={() => void s.analyze()}
          disabled={s.flow.busy !== null || s.files.length === 0}
        >
          {s.flow.busy === 'analyze' ? t.analyzing : t.analyze}
        </button>
      </div>
    </section>
  );
}
