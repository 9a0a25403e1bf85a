// The area filter of /netzwerk: an area found by name or code among the finest level of the current
// area system (a list to pick from as one types), instead of a numeric id. The chosen area's id goes
// to the graph query; an unknown text filters nothing and the hint says so.
import { useEffect, useMemo, useState } from 'react';
import { areasApi } from '../../api/areas.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';

const labelOf = (a: { name: string; code: string }) => `${a.name} (${a.code})`;

export function AreaFilter({
  id,
  initialId,
  onChange,
}: {
  id: string;
  initialId: number | null;
  onChange: (areaId: number | null) => void;
}) {
  const { t } = useI18n();
  const systems = useFetch(() => areasApi.areaSystems(), []);
  const system = systems.data?.find((s) => !s.validTo) ?? systems.data?.[0];
  const level = system?.levels.at(-1)?.id;
  const list = useFetch(system && level ? () => areasApi.areasOfLevel(system.id, level) : null, [
    system?.id,
    level,
  ]);
  const areas = useMemo(() => list.data ?? [], [list.data]);
  const [text, setText] = useState('');
  const [ready, setReady] = useState(false);
  // an id from the address (?gebiet=…) shows as its name once the list is there
  useEffect(() => {
    if (!list.data || ready) return;
    const a = initialId === null ? undefined : list.data.find((x) => x.id === initialId);
    if (a) setText(labelOf(a));
    setReady(true);
  }, [list.data, initialId, ready]);
  const found = useMemo(() => {
    const s = text.trim().toLowerCase();
    if (!s) return null;
    return areas.find(
      (a) =>
        labelOf(a).toLowerCase() === s || a.code.toLowerCase() === s || a.name.toLowerCase() === s,
    );
  }, [areas, text]);
  // an unknown text filters nothing (and the hint says so)
  useEffect(() => {
    if (ready) onChange(found?.id ?? null);
  }, [ready, found, onChange]);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t.networkArea}
      </label>
      <input
        id={id}
        list={`${id}-list`}
        value={text}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
      />
      <datalist id={`${id}-list`}>
        {areas.map((a) => (
          <option key={a.id} value={labelOf(a)} />
        ))}
      </datalist>
      <small id={`${id}-hint`}>
        {found === undefined && text.trim() ? t.networkAreaUnknown : t.networkAreaHint}
      </small>
    </div>
  );
}
