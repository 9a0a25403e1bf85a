// Search for an area of any level of the current system by name or key (issue 11 § 2). The areas of
// all levels load when the field is first used; choosing one switches to its level, flies to it and
// opens its profile (map-screen.tsx). An accessible combobox like the indicator picker.
import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { type AreaSystem, areasApi } from '../../api/areas.ts';
import { levelName } from '../../lib/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { findAreas, type AreaHit } from './area-find.ts';

export interface AreaSearchProps {
  system: AreaSystem | null;
  onPick: (hit: AreaHit) => void;
}

/** Loads the areas of every level of a system once (per system), after the field is first used. */
function useAllAreas(system: AreaSystem | null, wanted: boolean): AreaHit[] | null {
  const [loaded, setLoaded] = useState<{ systemId: string; hits: AreaHit[] } | null>(null);
  const { lang } = useI18n();
  useEffect(() => {
    if (!wanted || !system || loaded?.systemId === system.id) return;
    let live = true;
    void Promise.all(
      system.levels.map((l) =>
        areasApi.areasOfLevel(system.id, l.id).then((rows) =>
          rows.map<AreaHit>((r) => ({
            id: r.id,
            name: r.name,
            code: r.code,
            levelId: l.id,
            levelName: levelName(l, lang),
            depth: l.depth,
            retired: r.validTo !== null,
          })),
        ),
      ),
    ).then(
      (lists) => {
        if (live) setLoaded({ systemId: system.id, hits: lists.flat() });
      },
      () => undefined, // the field then finds nothing; the map itself still works
    );
    return () => {
      live = false;
    };
  }, [wanted, system, loaded?.systemId, lang]);
  return loaded && system && loaded.systemId === system.id ? loaded.hits : null;
}

export function AreaSearch({ system, onPick }: AreaSearchProps) {
  const { t } = useI18n();
  const baseId = useId();
  const listId = `${baseId}-list`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [used, setUsed] = useState(false);
  const all = useAllAreas(system, used);
  const hits = useMemo(() => (all ? findAreas(all, query) : []), [all, query]);
  const optionId = (i: number) => `${baseId}-opt-${i}`;

  const choose = (h: AreaHit) => {
    setOpen(false);
    setQuery('');
    onPick(h);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const d = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => Math.min(Math.max(0, a + d), Math.max(0, hits.length - 1)));
    } else if (e.key === 'Enter') {
      const h = hits[active];
      if (open && h) {
        e.preventDefault();
        choose(h);
      }
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };
  const showList = open && query.trim() !== '';
  return (
    <div className="combobox area-search">
      <label htmlFor={`${baseId}-input`} className="field-label">
        {t.areaSearch}
      </label>
      <div className="combobox-field">
        <input
          id={`${baseId}-input`}
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && hits[active] ? optionId(active) : undefined}
          aria-describedby={`${baseId}-hint`}
          autoComplete="off"
          spellCheck={false}
          value={query}
          placeholder={t.areaSearchPlaceholder}
          onFocus={() => setUsed(true)}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </div>
      <span id={`${baseId}-hint`} className="visually-hidden">
        {t.areaSearchHint}
      </span>
      <div
        id={listId}
        role="listbox"
        aria-label={t.areaSearch}
        className="combobox-list"
        hidden={!showList}
      >
        {showList && all && hits.length === 0 && (
          <div className="combobox-empty">{t.areaSearchNone}</div>
        )}
        {showList &&
          hits.map((h, i) => (
            <div
              key={`${h.levelId}-${h.id}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={`combobox-option${i === active ? ' is-active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
              onMouseMove={() => setActive(i)}
            >
              {h.name}
              <span className="combobox-unit">
                {' '}
                · {h.levelName} <span className="mono">{h.code}</span>
                {h.retired ? ` · ${t.areaRetiredShort}` : ''}
              </span>
            </div>
          ))}
      </div>
    </div>
  );
}
