// Searchable indicator picker grouped by Lebenslage dimension (ARIA 1.2 combobox with a grouped listbox).
import { useId, useMemo, useRef, useState } from 'react';
import { groupIndicators } from '../../lib/search.ts';
import type { KeyboardEvent } from 'react';
import type { Indicator } from '../../api/indicators.ts';
import { dimensionLabel, indicatorName } from '../../lib/labels.ts';
import { unitShort } from '../../lib/core-bridge.ts';
import { useI18n } from '../../i18n/index.tsx';

export interface IndicatorPickerProps {
  indicators: readonly Indicator[];
  value: string | null;
  onChange: (id: string) => void;
}

/** Combobox: type to filter, arrows to move, Enter to choose, Escape to close. */
export function IndicatorPicker({ indicators, value, onChange }: IndicatorPickerProps) {
  const { t, lang } = useI18n();
  const baseId = useId();
  const listId = `${baseId}-list`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);

  const selected = indicators.find((i) => i.id === value) ?? null;
  const groups = useMemo(
    () => groupIndicators(indicators, query ?? '', lang),
    [indicators, query, lang],
  );
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const optionId = (id: string) => `${baseId}-opt-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const openList = () => {
    setOpen(true);
    setActive((a) => a ?? value ?? flat[0]?.id ?? null);
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
    setActive(null);
  };
  const choose = (id: string) => {
    onChange(id);
    close();
  };
  const move = (delta: number) => {
    if (flat.length === 0) return;
    const i = flat.findIndex((x) => x.id === active);
    const next =
      i < 0 ? (delta > 0 ? 0 : flat.length - 1) : Math.min(flat.length - 1, Math.max(0, i + delta));
    const id = flat[next]!.id;
    setActive(id);
    document.getElementById(optionId(id))?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) openList();
        else move(1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) openList();
        else move(-1);
        break;
      case 'PageDown':
        if (open) {
          e.preventDefault();
          move(8);
        }
        break;
      case 'PageUp':
        if (open) {
          e.preventDefault();
          move(-8);
        }
        break;
      case 'Enter':
        if (open && active && flat.some((x) => x.id === active)) {
          e.preventDefault();
          choose(active);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
    }
  };

  const shown = query ?? (selected ? indicatorName(selected, lang) : '');

  return (
    <div className="combobox">
      <label htmlFor={`${baseId}-input`} className="field-label">
        {t.indicator}
      </label>
      <div className="combobox-field">
        <input
          ref={inputRef}
          id={`${baseId}-input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          value={shown}
          placeholder={t.indicatorSearch}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            const first = groupIndicators(indicators, e.target.value, lang)[0]?.items[0];
            setActive(first?.id ?? null);
          }}
          onFocus={(e) => e.target.select()}
          onClick={() => (open ? undefined : openList())}
          onBlur={() => close()}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="combobox-toggle"
          tabIndex={-1}
          aria-hidden="true"
          onMouseDown={(e) => {
            e.preventDefault();
            if (open) close();
            else {
              inputRef.current?.focus();
              openList();
            }
          }}
        >
          ▾
        </button>
      </div>
      <div
        id={listId}
        role="listbox"
        aria-label={t.indicator}
        className="combobox-list"
        hidden={!open}
      >
        {open && flat.length === 0 && <div className="combobox-empty">{t.indicatorNone}</div>}
        {open &&
          groups.map((g) => {
            const gid = `${baseId}-grp-${g.dimension}`;
            return (
              <div key={g.dimension} role="group" aria-labelledby={gid}>
                <div id={gid} role="presentation" className="combobox-group">
                  {dimensionLabel(g.dimension, lang)}
                </div>
                {g.items.map((ind) => (
                  <div
                    key={ind.id}
                    id={optionId(ind.id)}
                    role="option"
                    aria-selected={ind.id === value}
                    className={`combobox-option${ind.id === active ? ' is-active' : ''}`}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      choose(ind.id);
                    }}
                    onMouseMove={() => setActive(ind.id)}
                  >
                    {indicatorName(ind, lang)}
                    {unitShort(ind.unit, lang) && (
                      <span className="combobox-unit"> ({unitShort(ind.unit, lang)})</span>
                    )}
                  </div>
                ))}
              </div>
            );
          })}
      </div>
    </div>
  );
}
