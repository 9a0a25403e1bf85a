// The slim bar above the map: area system, level, indicator, reference date, classification, palette, table toggle.
import { type ReactNode, useEffect, useId, useState } from 'react';
import type { AreaSystem, Level } from '../../api/areas.ts';
import type { Indicator } from '../../api/indicators.ts';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { CLASS_METHODS, MAX_CLASSES, MIN_CLASSES, parseGermanBreaks } from '../../lib/url-state.ts';
import type { ClassMethod, MapState } from '../../lib/url-state.ts';
import { levelName } from '../../lib/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { IndicatorPicker } from './indicator-picker.tsx';

export interface TopBarProps {
  systems: AreaSystem[];
  system: AreaSystem | null;
  level: Level | null;
  indicators: Indicator[];
  indicator: Indicator | null;
  dates: string[];
  date: string | null;
  state: MapState;
  currentBreaks: number[];
  breakDecimals: number;
  colors: string[];
  onChange: (patch: Partial<MapState>, opts?: { replace?: boolean }) => void;
  onIndicatorChange: (id: string) => void;
  /** Area system or level changed (the screen decides whether the date still fits). */
  onAreaLevelChange: (patch: Partial<MapState>) => void;
  /** More fields at the end of the bar (the area search). */
  extra?: ReactNode;
}

/** Formats breaks for the text field in German notation ("5; 10; 15,5"), without thousands separators. */
export function formatBreaksInput(breaks: readonly number[], decimals: number): string {
  return breaks
    .map((b) => formatNumber(Number(b.toFixed(decimals)), decimals).replaceAll('.', ''))
    .join('; ');
}

export function TopBar(props: TopBarProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const { state, indicator, dates, onChange } = props;
  const methodLabel: Record<ClassMethod, string> = {
    quantile: t.methodQuantile,
    equal: t.methodEqual,
    jenks: t.methodJenks,
    manual: t.methodManual,
  };
  const dateIndex = props.date ? dates.indexOf(props.date) : -1;
  const [breaksText, setBreaksText] = useState('');
  const [breaksError, setBreaksError] = useState(false);
  useEffect(() => {
    if (state.method === 'manual')
      setBreaksText(formatBreaksInput(state.breaks ?? [], props.breakDecimals));
    setBreaksError(false);
    // only when the URL's breaks change, not on every keystroke
  }, [state.method, state.breaks?.join(',')]);

  const applyBreaks = () => {
    const parsed = parseGermanBreaks(breaksText);
    if (!parsed || parsed.length > MAX_CLASSES) {
      setBreaksError(true);
      return;
    }
    setBreaksError(false);
    onChange({ breaks: parsed, classes: parsed.length + 1 });
  };

  const polarityText =
    indicator?.polarity === 'higher_is_better'
      ? t.paletteBetter
      : indicator?.polarity === 'higher_is_worse'
        ? t.paletteWorse
        : t.paletteNeutral;

  return (
    <form className="topbar" aria-label={t.settings} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-sys`} className="field-label">
          {t.areaSystem}
        </label>
        <select
          id={`${id}-sys`}
          value={props.system?.id ?? ''}
          onChange={(e) => props.onAreaLevelChange({ system: e.target.value, level: null })}
        >
          {props.systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-lvl`} className="field-label">
          {t.level}
        </label>
        <select
          id={`${id}-lvl`}
          value={props.level?.id ?? ''}
          onChange={(e) => props.onAreaLevelChange({ level: e.target.value })}
        >
          {[...(props.system?.levels ?? [])]
            .sort((a, b) => a.depth - b.depth)
            .map((l) => (
              <option key={l.id} value={l.id}>
                {levelName(l, lang)} ({l.areaCount})
              </option>
            ))}
        </select>
      </div>
      <div className="field field-indicator">
        <IndicatorPicker
          indicators={props.indicators}
          value={indicator?.id ?? null}
          onChange={props.onIndicatorChange}
        />
      </div>
      <div className="field field-date">
        <label htmlFor={`${id}-date`} className="field-label">
          {t.referenceDate}:{' '}
          <output htmlFor={`${id}-date`} className="date-output">
            {formatDate(props.date, lang)}
          </output>
        </label>
        <input
          id={`${id}-date`}
          type="range"
          min={0}
          max={Math.max(0, dates.length - 1)}
          step={1}
          value={Math.max(0, dateIndex)}
          disabled={dates.length < 2}
          aria-valuetext={formatDate(props.date, lang)}
          list={`${id}-ticks`}
          onChange={(e) => {
            const d = dates[Number(e.target.value)];
            if (d) onChange({ date: d });
          }}
        />
        <datalist id={`${id}-ticks`}>
          {dates.map((d, i) => (
            <option key={d} value={i} label={formatDate(d, lang)} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-method`} className="field-label">
          {t.classification}
        </label>
        <select
          id={`${id}-method`}
          value={state.method}
          onChange={(e) => {
            const method = e.target.value as ClassMethod;
            if (method === 'manual') {
              // start from the breaks now on screen, rounded to the shown decimals
              const start = props.currentBreaks.map((b) => Number(b.toFixed(props.breakDecimals)));
              const ascending = start.filter((b, i) => i === 0 || b > start[i - 1]!);
              onChange({ method, breaks: ascending, classes: ascending.length + 1 });
            } else onChange({ method, breaks: null });
          }}
        >
          {CLASS_METHODS.map((m) => (
            <option key={m} value={m}>
              {methodLabel[m]}
            </option>
          ))}
        </select>
      </div>
      {state.method === 'manual' ? (
        <div className="field field-breaks">
          <label htmlFor={`${id}-breaks`} className="field-label">
            {t.breaks}
          </label>
          <input
            id={`${id}-breaks`}
            type="text"
            inputMode="decimal"
            value={breaksText}
            aria-invalid={breaksError}
            aria-describedby={`${id}-breaks-hint`}
            onChange={(e) => setBreaksText(e.target.value)}
            onBlur={applyBreaks}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                applyBreaks();
              }
            }}
          />
          <span
            id={`${id}-breaks-hint`}
            className={breaksError ? 'field-error' : 'visually-hidden'}
            role={breaksError ? 'alert' : undefined}
          >
            {breaksError ? t.breaksInvalid : t.breaksHint}
          </span>
        </div>
      ) : (
        <div className="field field-narrow">
          <label htmlFor={`${id}-classes`} className="field-label">
            {t.classes}
          </label>
          <select
            id={`${id}-classes`}
            value={state.classes}
            onChange={(e) => onChange({ classes: Number(e.target.value) })}
          >
            {Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => i + MIN_CLASSES).map(
              (n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ),
            )}
          </select>
        </div>
      )}
      <div className="field field-palette">
        <span className="field-label" id={`${id}-pal`}>
          {t.palette}
        </span>
        <span
          className="palette-preview"
          role="img"
          aria-labelledby={`${id}-pal`}
          aria-describedby={`${id}-pal-text`}
          title={polarityText}
        >
          {props.colors.map((c, i) => (
            <span key={i} style={{ background: c }} />
          ))}
        </span>
        <span id={`${id}-pal-text`} className="visually-hidden">
          {polarityText}
        </span>
      </div>
      <div className="field field-view">
        <button
          type="button"
          className="btn btn-toggle btn-with-icon"
          aria-pressed={state.view === 'table'}
          onClick={() => onChange({ view: state.view === 'table' ? 'map' : 'table' })}
        >
          <svg
            className="btn-svg"
            viewBox="0 0 16 16"
            width="16"
            height="16"
            aria-hidden="true"
            focusable="false"
          >
            <path
              d="M1.5 2.5h13v11h-13zM1.5 6h13M1.5 9.5h13M6 6v7.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
            />
          </svg>
          {t.showTable}
        </button>
      </div>
      {props.extra}
    </form>
  );
}
