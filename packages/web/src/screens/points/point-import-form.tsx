// Import of Standorte: upload → detected columns → choose name/coordinate/capacity columns → dry run
// (points outside every area listed) → import. Native form elements only, so it works by keyboard.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormField, focusFirstInvalid } from '../../components/form-field.tsx';
import { ApiError } from '../../api/http.ts';
import { useAuth } from '../../lib/auth.tsx';
import { dimensionLabel, DIMENSION_ORDER } from '../../lib/labels.ts';
import { PointJoinReport } from './point-report.tsx';
import {
  pointsApi,
  type PointAnalysis,
  type PointCrs,
  type PointRunBody,
  type PointRunReport,
} from './points-api.ts';
import { FilePicker } from './file-picker.tsx';

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

interface Draft {
  nameDe: string;
  datasetId: string;
  referenceDate: string;
  nameColumn: string;
  idColumn: string;
  x: string;
  y: string;
  crs: PointCrs;
  capacityColumn: string;
  count: boolean;
  /** Lebenslage of the count indicators: chosen by the person, no default. */
  dimension: string;
  definition: string;
  sourceTitle: string;
  publisher: string;
  licence: string;
  attribution: string;
}

function initialDraft(a: PointAnalysis['analysis']): Draft {
  const base = a.file.replace(/\.[^.]+$/, '');
  return {
    nameDe: base,
    datasetId: slug(base) || 'standorte',
    referenceDate: new Date().toISOString().slice(0, 10),
    nameColumn: a.suggestion.nameColumn ?? '',
    idColumn: a.suggestion.idColumn ?? '',
    x: a.coordinates?.x ?? '',
    y: a.coordinates?.y ?? '',
    crs: a.coordinates?.crs ?? 4326,
    capacityColumn: '',
    count: true,
    dimension: '',
    definition: '',
    sourceTitle: '',
    publisher: '',
    licence: '',
    attribution: '',
  };
}

function runBody(d: Draft, a: PointAnalysis['analysis'], dryRun: boolean, dept?: string) {
  const body: PointRunBody = {
    dryRun,
    datasetId: d.datasetId,
    nameDe: d.nameDe,
    referenceDate: d.referenceDate,
    source: {
      title: d.sourceTitle,
      publisher: d.publisher,
      licence: d.licence,
      attribution: d.attribution,
    },
    ...(d.nameColumn ? { nameColumn: d.nameColumn } : {}),
    ...(d.idColumn ? { idColumn: d.idColumn } : {}),
    ...(a.format === 'CSV' && d.x && d.y ? { coordinates: { x: d.x, y: d.y, crs: d.crs } } : {}),
    ...(d.count
      ? {
          countIndicator: {
            id: `${d.datasetId}_anzahl`.slice(0, 60),
            nameDe: `Anzahl ${d.nameDe}`,
          },
        }
      : {}),
    ...(d.capacityColumn
      ? {
          capacityColumn: d.capacityColumn,
          capacityIndicator: {
            id: `${d.datasetId}_${slug(d.capacityColumn)}`.slice(0, 60),
            nameDe: `${d.nameDe}: ${d.capacityColumn}`,
          },
        }
      : {}),
    ...(dept ? { departmentId: dept } : {}),
    ...(d.dimension ? { dimension: d.dimension } : {}),
    ...(d.count && d.definition.trim() ? { definitionDe: d.definition.trim() } : {}),
  };
  return body;
}

/** Lebenslagen a count of facilities may belong to (the computed social index is not one). */
const POINT_DIMENSIONS = DIMENSION_ORDER.filter((d) => d !== 'social_index');

/** Field errors before a run: new count indicators need their Lebenslage. */
function checkDraft(d: Draft): { dimension?: string } {
  return (d.count || d.capacityColumn) && !d.dimension
    ? { dimension: 'Bitte die Lebenslage der Zählindikatoren wählen.' }
    : {};
}

const message = (e: unknown): string =>
  e instanceof ApiError && e.status !== 0
    ? e.message
    : 'Der Server ist nicht erreichbar. Bitte später erneut versuchen.';

/** The import form of the Standorte screen; `onImported` reloads the dataset list. */
export function PointImportForm({ onImported }: { onImported: () => void }) {
  const id = useId();
  const auth = useAuth();
  const [files, setFiles] = useState<File[]>([]);
  const [analysis, setAnalysis] = useState<PointAnalysis | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [report, setReport] = useState<PointRunReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ dimension?: string }>({});
  const [checks, setChecks] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (checks > 0) focusFirstInvalid(formRef.current);
  }, [checks]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => (d ? { ...d, [k]: v } : d));
    if (k === 'dimension' || k === 'count' || k === 'capacityColumn') setFieldErrors({});
  };

  const analyze = (e: FormEvent) => {
    e.preventDefault();
    if (files.length === 0) return setError('Bitte zuerst eine Datei wählen.');
    setBusy(true);
    setError(null);
    setReport(null);
    pointsApi.analyze(files).then(
      (a) => {
        setAnalysis(a);
        setDraft(initialDraft(a.analysis));
        setBusy(false);
      },
      (err: unknown) => {
        setAnalysis(null);
        setError(message(err));
        setBusy(false);
      },
    );
  };
  const run = (dryRun: boolean) => {
    if (!analysis || !draft) return;
    const invalid = checkDraft(draft);
    setFieldErrors(invalid);
    if (invalid.dimension) {
      setChecks((c) => c + 1);
      return;
    }
    setBusy(true);
    setError(null);
    pointsApi
      .run(
        analysis.uploadId,
        runBody(draft, analysis.analysis, dryRun, auth.me?.user?.departmentId ?? undefined),
      )
      .then(
        (r) => {
          setReport(r);
          setBusy(false);
          if (!dryRun) {
            setAnalysis(null);
            onImported();
          }
        },
        (err: unknown) => {
          if (err instanceof ApiError && /Lebenslage/.test(err.message)) {
            setFieldErrors({ dimension: err.message });
            setChecks((c) => c + 1);
          } else setError(message(err));
          setBusy(false);
        },
      );
  };
  const a = analysis?.analysis;
  const select = (
    k: 'nameColumn' | 'idColumn' | 'x' | 'y' | 'capacityColumn',
    label: string,
    options: string[],
    none: string | null,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`} className="field-label">
        {label}
      </label>
      <select id={`${id}-${k}`} value={draft?.[k] ?? ''} onChange={(e) => set(k, e.target.value)}>
        {none !== null && <option value="">{none}</option>}
        {options.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
  const text = (
    k:
      | 'nameDe'
      | 'datasetId'
      | 'referenceDate'
      | 'sourceTitle'
      | 'publisher'
      | 'licence'
      | 'attribution',
    label: string,
    type = 'text',
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`} className="field-label">
        {label}
      </label>
      <input
        id={`${id}-${k}`}
        type={type}
        required
        value={draft?.[k] ?? ''}
        onChange={(e) => set(k, e.target.value)}
      />
    </div>
  );

  return (
    <section className="form-card point-import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Standorte importieren</h2>
      <p className="hint">
        GeoJSON, Shapefile (als .zip), GeoPackage oder CSV mit Koordinaten (lat/lon in WGS84 oder
        Rechtswert/Hochwert in ETRS89/UTM, auch mit Dezimalkomma) – z. B. Kitas, Schulen,
        Pflegeheime, Apotheken. Jeder Standort wird seinem Gebiet auf jeder Ebene zugeordnet und je
        Gebiet gezählt.
      </p>
      <form onSubmit={analyze}>
        <div className="field">
          <FilePicker
            label="Datei"
            files={files}
            accept=".csv,.txt,.geojson,.json,.gpkg,.zip,.shp,.shx,.dbf,.prj,.cpg"
            onChange={setFiles}
          />
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Datei prüfen
          </button>
        </div>
      </form>
      {error && (
        <div className="state state-error inline-state" role="alert">
          <p className="state-title">{error}</p>
        </div>
      )}
      {a && draft && (
        <form
          ref={formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            run(true);
          }}
        >
          <p role="status">
            {a.format}: {a.join.points.toLocaleString('de-DE')} Standorte. {a.coordinates?.reason}
          </p>
          {a.warnings.map((w) => (
            <p key={w} className="note">
              {w}
            </p>
          ))}
          {text('nameDe', 'Name des Datensatzes')}
          {text('datasetId', 'Kennung (Kleinbuchstaben, Ziffern, _)')}
          {text('referenceDate', 'Stichtag der Zählung', 'date')}
          {select('nameColumn', 'Spalte mit dem Namen', a.columns, '(keine – Nummer verwenden)')}
          {select('idColumn', 'Spalte mit der Kennung', a.columns, '(keine – laufende Nummer)')}
          {a.format === 'CSV' && (
            <>
              {select('x', 'Spalte Länge / Rechtswert', a.columns, null)}
              {select('y', 'Spalte Breite / Hochwert', a.columns, null)}
              <div className="field">
                <label htmlFor={`${id}-crs`} className="field-label">
                  Koordinatensystem
                </label>
                <select
                  id={`${id}-crs`}
                  value={draft.crs}
                  onChange={(e) => set('crs', Number(e.target.value) as PointCrs)}
                >
                  <option value={4326}>WGS84 Grad (EPSG:4326)</option>
                  <option value={25832}>ETRS89 / UTM Zone 32N (EPSG:25832)</option>
                  <option value={25833}>ETRS89 / UTM Zone 33N (EPSG:25833)</option>
                </select>
              </div>
            </>
          )}
          <div className="field">
            <label>
              <input
                type="checkbox"
                checked={draft.count}
                onChange={(e) => set('count', e.target.checked)}
              />{' '}
              Anzahl je Gebiet als Indikator schreiben
            </label>
          </div>
          {select(
            'capacityColumn',
            'Kapazitätsspalte (Summe je Gebiet, z. B. Plätze)',
            a.numericColumns,
            '(keine)',
          )}
          {(draft.count || draft.capacityColumn) && (
            <>
              <FormField
                label="Lebenslage der Zählindikatoren"
                error={fieldErrors.dimension ?? null}
                hint="Wohin gehören die Zahlen im Gebietsprofil? z. B. Kitas und Schulen: Bildung, Apotheken: Gesundheit."
              >
                <select
                  required
                  value={draft.dimension}
                  onChange={(e) => set('dimension', e.target.value)}
                >
                  <option value="" disabled>
                    – bitte wählen –
                  </option>
                  {POINT_DIMENSIONS.map((d) => (
                    <option key={d} value={d}>
                      {dimensionLabel(d, 'de')}
                    </option>
                  ))}
                </select>
              </FormField>
              {draft.count && (
                <FormField
                  label="Definition des Zählindikators (optional)"
                  hint={`Ohne Angabe: „Anzahl der Standorte je Gebiet aus dem Punktdatensatz „${draft.nameDe}“ (Zuordnung per Lage im Gebiet).“`}
                >
                  <textarea
                    rows={2}
                    maxLength={2000}
                    value={draft.definition}
                    onChange={(e) => set('definition', e.target.value)}
                  />
                </FormField>
              )}
            </>
          )}
          <fieldset>
            <legend>Quelle der Standorte</legend>
            {text('sourceTitle', 'Titel')}
            {text('publisher', 'Herausgeber')}
            {text('licence', 'Lizenz')}
            {text('attribution', 'Namensnennung')}
          </fieldset>
          <div className="actions">
            <button type="submit" className="btn" disabled={busy}>
              Probelauf
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => run(false)}
            >
              Importieren
            </button>
          </div>
          {!report && <PointJoinReport join={a.join} />}
        </form>
      )}
      {report && (
        <div className={report.status === 'succeeded' ? 'note note-ok' : 'note'} role="status">
          <p>
            {report.status === 'succeeded'
              ? `Importiert: ${report.join.points.toLocaleString('de-DE')} Standorte${report.replaced ? ' (Datensatz ersetzt)' : ''}${report.indicators.length ? `; Indikatoren: ${report.indicators.join(', ')} (verwaltungsintern)` : ''}.`
              : 'Probelauf – noch nichts gespeichert.'}
          </p>
          {report.warnings
            // the outside points are listed right below (PointJoinReport): not said twice
            .filter((w) => !/in keinem Gebiet: gespeichert/.test(w))
            .map((w) => (
              <p key={w}>{w}</p>
            ))}
          <PointJoinReport join={report.join} />
        </div>
      )}
    </section>
  );
}
