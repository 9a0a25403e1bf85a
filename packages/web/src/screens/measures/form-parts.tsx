// Parts of the measure form: the area picker (level, then name or code), the milestones and the
// goals (indicator, area, target; the baseline is shown as the data give it).
import { useId, useState } from 'react';
import { areasApi } from '../../api/areas.ts';
import { indicatorsApi } from '../../api/indicators.ts';
import { request, enc } from '../../api/http.ts';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatValue } from '../../lib/core-bridge.ts';
import { indicatorName } from '../../lib/labels.ts';
import { useFetch } from '../../lib/use-fetch.ts';

export interface AreaChoice {
  id: number;
  name: string;
  code: string;
}

export interface MilestoneDraft {
  title: string;
  dueDate: string;
  weight: string;
  done: boolean;
}

export interface GoalDraft {
  indicatorId: string;
  areaId: string;
  targetValue: string;
  targetDate: string;
}

/** A German or English decimal number, or null. */
export function parseDecimal(text: string): number | null {
  const s = text.trim().replace(/\s/g, '');
  if (!s) return null;
  const normal = s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

export function AreaPicker({
  areas,
  onChange,
  legend,
}: {
  areas: AreaChoice[];
  onChange: (areas: AreaChoice[]) => void;
  /** The fieldset's legend (default: „Gebiete“). */
  legend?: string;
}) {
  const { t, lang } = useI18n();
  const listId = `${useId()}-areas`;
  const systems = useFetch(() => areasApi.areaSystems(), []);
  const system = systems.data?.find((s) => !s.validTo) ?? systems.data?.[0];
  const levels = system?.levels ?? [];
  const [level, setLevel] = useState<string>('');
  const levelId = level || levels.at(-1)?.id || '';
  const list = useFetch(
    system && levelId ? () => areasApi.areasOfLevel(system.id, levelId) : null,
    [system?.id, levelId],
  );
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const s = text.trim().toLowerCase();
    const found = (list.data ?? []).find(
      (a) =>
        a.code.toLowerCase() === s ||
        a.name.toLowerCase() === s ||
        `${a.name} (${a.code})`.toLowerCase() === s,
    );
    if (!found) return setError(t.msFormAreaUnknown);
    setError(null);
    setText('');
    if (!areas.some((a) => a.id === found.id))
      onChange([...areas, { id: found.id, name: found.name, code: found.code }]);
  };
  return (
    <fieldset className="ms-fieldset">
      <legend>{legend ?? t.msAreas}</legend>
      {areas.length === 0 ? (
        <p className="ms-hint">{t.msFormNoAreas}</p>
      ) : (
        <ul className="chip-list ms-chips">
          {areas.map((a) => (
            <li key={a.id}>
              {a.name}{' '}
              <button
                type="button"
                className="btn btn-small"
                aria-label={t.msFormRemove(a.name)}
                onClick={() => onChange(areas.filter((x) => x.id !== a.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="ms-inline">
        <FormField label={t.msFormLevel}>
          <select value={levelId} onChange={(e) => setLevel(e.target.value)}>
            {levels.map((l) => (
              <option key={l.id} value={l.id}>
                {lang === 'en' ? l.nameEn : l.nameDe}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t.msFormAddArea}>
          <input
            list={listId}
            value={text}
            placeholder={t.msFormAreaSearch}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
            aria-invalid={error ? true : undefined}
          />
        </FormField>
        <datalist id={listId}>
          {(list.data ?? []).map((a) => (
            <option key={a.id} value={`${a.name} (${a.code})`} />
          ))}
        </datalist>
        <button type="button" className="btn" onClick={add}>
          {t.msFormAdd}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function MilestonesEditor({
  items,
  onChange,
}: {
  items: MilestoneDraft[];
  onChange: (items: MilestoneDraft[]) => void;
}) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<MilestoneDraft>) =>
    onChange(items.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <fieldset className="ms-fieldset">
      <legend>{t.msMilestones}</legend>
      {items.map((m, i) => (
        <div key={i} className="ms-inline ms-milestone-row">
          <FormField label={t.msFormMilestoneTitle}>
            <input value={m.title} onChange={(e) => set(i, { title: e.target.value })} required />
          </FormField>
          <FormField label={t.msDue}>
            <input
              type="date"
              value={m.dueDate}
              onChange={(e) => set(i, { dueDate: e.target.value })}
            />
          </FormField>
          <FormField label={t.msWeight} className="ms-narrow">
            <input
              inputMode="decimal"
              value={m.weight}
              onChange={(e) => set(i, { weight: e.target.value })}
            />
          </FormField>
          <label className="ms-check">
            <input
              type="checkbox"
              checked={m.done}
              onChange={(e) => set(i, { done: e.target.checked })}
            />
            <span>{t.msMilestoneDone}</span>
          </label>
          <button
            type="button"
            className="btn btn-small"
            aria-label={t.msFormRemove(m.title || t.msFormMilestoneTitle)}
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() => onChange([...items, { title: '', dueDate: '', weight: '1', done: false }])}
      >
        {t.msFormAddMilestone}
      </button>
    </fieldset>
  );
}

interface SeriesPoint {
  date: string;
  value: number | null;
}

function Baseline({ goal, until }: { goal: GoalDraft; until: string }) {
  const { t, lang } = useI18n();
  const ready = goal.indicatorId && goal.areaId;
  const series = useFetch(
    ready
      ? () =>
          request<SeriesPoint[]>(
            `/api/areas/${enc(goal.areaId)}/series?indicator=${enc(goal.indicatorId)}`,
          )
      : null,
    [goal.indicatorId, goal.areaId],
  );
  const inds = useFetch(() => indicatorsApi.indicators(), []);
  if (!ready || !series.data) return <p className="ms-hint">{t.msFormBaselineHint}</p>;
  const ind = inds.data?.find((i) => i.id === goal.indicatorId);
  const last = series.data.filter((p) => p.value !== null && p.date <= until).at(-1);
  return (
    <p className="ms-hint ms-baseline" role="status">
      {last
        ? t.msFormBaselineFromData(
            formatValue(last.value, ind?.unit, ind?.decimals, lang),
            formatDate(last.date, lang),
          )
        : t.msFormBaselineNone}
    </p>
  );
}

/** The top level's areas of the current area system (the Bezirke): goal areas of a city-wide measure. */
function useTopAreas(on: boolean): AreaChoice[] {
  const q = useFetch(
    on
      ? async () => {
          const systems = await areasApi.areaSystems();
          const system = systems.find((x) => !x.validTo) ?? systems[0];
          const level = system?.levels[0];
          return system && level ? areasApi.areasOfLevel(system.id, level.id) : [];
        }
      : null,
    [on],
  );
  return (q.data ?? []).map((a) => ({ id: a.id, name: a.name, code: a.code }));
}

export function GoalsEditor({
  items,
  areas: own,
  citywide,
  start,
  onChange,
}: {
  items: GoalDraft[];
  areas: AreaChoice[];
  /** a city-wide measure: goals may lie in any area, offered are the top level's (and the goals' own) */
  citywide: boolean;
  start: string;
  onChange: (items: GoalDraft[]) => void;
}) {
  const { t, lang } = useI18n();
  const top = useTopAreas(citywide);
  const areas = citywide ? [...own, ...top.filter((a) => !own.some((o) => o.id === a.id))] : own;
  const inds = useFetch(() => indicatorsApi.indicators(), []);
  const set = (i: number, patch: Partial<GoalDraft>) =>
    onChange(items.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const until = start || new Date().toISOString().slice(0, 10);
  return (
    <fieldset className="ms-fieldset">
      <legend>{t.msGoals}</legend>
      {citywide && <p className="ms-map-hint">{t.msFormGoalAreaCitywide}</p>}
      {items.map((g, i) => (
        <div key={i} className="ms-goal-row">
          <div className="ms-inline">
            <FormField label={t.msFormIndicator}>
              <select
                value={g.indicatorId}
                onChange={(e) => set(i, { indicatorId: e.target.value })}
                required
              >
                <option value="">{t.msFormChoose}</option>
                {(inds.data ?? []).map((ind) => (
                  <option key={ind.id} value={ind.id}>
                    {indicatorName(ind, lang)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t.msFormGoalArea}>
              <select
                value={g.areaId}
                onChange={(e) => set(i, { areaId: e.target.value })}
                required
              >
                <option value="">{t.msFormChoose}</option>
                {areas.map((a) => (
                  <option key={a.id} value={String(a.id)}>
                    {a.name}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t.msTarget} className="ms-narrow">
              <input
                inputMode="decimal"
                value={g.targetValue}
                onChange={(e) => set(i, { targetValue: e.target.value })}
                required
              />
            </FormField>
            <FormField label={t.msTargetDate}>
              <input
                type="date"
                value={g.targetDate}
                onChange={(e) => set(i, { targetDate: e.target.value })}
                required
              />
            </FormField>
            <button
              type="button"
              className="btn btn-small"
              aria-label={t.msFormRemove(t.msTarget)}
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
          <Baseline goal={g} until={until} />
        </div>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() =>
          onChange([
            ...items,
            {
              indicatorId: '',
              areaId: areas[0] ? String(areas[0].id) : '',
              targetValue: '',
              targetDate: '',
            },
          ])
        }
      >
        {t.msFormAddGoal}
      </button>
    </fieldset>
  );
}
