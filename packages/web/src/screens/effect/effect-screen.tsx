// /wirkung: a planner picks an indicator, the treated areas (list with filter) and a start date and
// sees the effect estimate: the sentence with its 95 % interval, the verdict, the pre-trend check,
// a chart of treated vs comparison means, and the comparison areas with why they were chosen. The
// choice lives in the URL (?indicator=…&system=…&level=…&areas=1,2&start=YYYY-MM-DD), so an
// estimate can be linked.
import { useMemo, useState } from 'react';
import { areasApi } from '../../api/areas.ts';
import { fundingApi, type EffectEstimate } from '../../api/funding.ts';
import { indicatorsApi } from '../../api/indicators.ts';
import { Link } from '../../components/link.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { navigate } from '../../lib/router.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { EffectChart } from './effect-chart.tsx';
import { bound, effectSentence } from './effect-text.ts';

interface Choice {
  indicator: string;
  system: string;
  level: string;
  areas: number[];
  start: string;
}

function readChoice(search: string): Choice {
  const p = new URLSearchParams(search);
  return {
    indicator: p.get('indicator') ?? '',
    system: p.get('system') ?? '',
    level: p.get('level') ?? '',
    areas: (p.get('areas') ?? '')
      .split(',')
      .filter((x) => /^\d+$/.test(x))
      .map(Number),
    start: p.get('start') ?? '',
  };
}

function toSearch(c: Choice): string {
  const p = new URLSearchParams();
  if (c.indicator) p.set('indicator', c.indicator);
  if (c.system) p.set('system', c.system);
  if (c.level) p.set('level', c.level);
  if (c.areas.length > 0) p.set('areas', c.areas.join(','));
  if (c.start) p.set('start', c.start);
  return `?${p.toString()}`;
}

export function EffectScreen({ search }: { search: string }) {
  const { t } = useI18n();
  const applied = readChoice(search);
  const ready =
    applied.indicator !== '' &&
    applied.areas.length > 0 &&
    /^\d{4}-\d{2}-\d{2}$/.test(applied.start);
  return (
    <div className="page page-effect">
      <h1>{t.effectTitle}</h1>
      <p className="lead">{t.effectIntro}</p>
      <p>
        <Link href="/foerderung">← {t.fundingTitle}</Link>
      </p>
      <EffectForm key={search} initial={applied} />
      {ready ? <EffectResult choice={applied} /> : <p className="muted">{t.effectChoose}</p>}
    </div>
  );
}

function EffectForm({ initial }: { initial: Choice }) {
  const { t, lang } = useI18n();
  const [c, setC] = useState<Choice>(initial);
  const [filter, setFilter] = useState('');
  const indicators = useFetch(() => indicatorsApi.indicators(), []);
  const indicator = indicators.data?.find((i) => i.id === c.indicator);
  const coverage = indicator?.coverage ?? [];
  const cov =
    coverage.find((x) => x.systemId === c.system && x.levelId === c.level) ??
    [...coverage].sort((a, b) => b.dates.length - a.dates.length)[0];
  const system = cov?.systemId ?? '';
  const level = cov?.levelId ?? '';
  const areas = useFetch(
    () => (system && level ? areasApi.areasOfLevel(system, level) : Promise.resolve([])),
    [system, level],
  );
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = areas.data ?? [];
    return (
      f ? list.filter((a) => a.name.toLowerCase().includes(f) || a.code.includes(f)) : list
    ).slice(0, 300);
  }, [areas.data, filter]);
  const chosen = new Set(c.areas);
  const toggle = (id: number) =>
    setC({ ...c, areas: chosen.has(id) ? c.areas.filter((x) => x !== id) : [...c.areas, id] });
  return (
    <form
      className="effect-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        navigate(`/wirkung${toSearch({ ...c, system, level })}`);
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="effect-indicator">
          {t.effectIndicator}
        </label>
        <select
          id="effect-indicator"
          value={c.indicator}
          onChange={(ev) =>
            setC({ ...c, indicator: ev.target.value, system: '', level: '', areas: [] })
          }
        >
          <option value="">–</option>
          {(indicators.data ?? [])
            .filter((i) => i.coverage.some((x) => x.dates.length >= 2))
            .map((i) => (
              <option key={i.id} value={i.id}>
                {lang === 'de' ? i.nameDe : i.nameEn}
              </option>
            ))}
        </select>
      </div>
      {coverage.length > 1 && (
        <div className="field">
          <label className="field-label" htmlFor="effect-level">
            {t.effectLevel}
          </label>
          <select
            id="effect-level"
            value={`${system}/${level}`}
            onChange={(ev) => {
              const [s, l] = ev.target.value.split('/');
              setC({ ...c, system: s ?? '', level: l ?? '', areas: [] });
            }}
          >
            {coverage.map((x) => (
              <option key={`${x.systemId}/${x.levelId}`} value={`${x.systemId}/${x.levelId}`}>
                {x.systemId} / {x.levelId} ({x.dates.length})
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label className="field-label" htmlFor="effect-start">
          {t.effectStart}
        </label>
        <input
          id="effect-start"
          type="date"
          value={c.start}
          onChange={(ev) => setC({ ...c, start: ev.target.value })}
        />
      </div>
      <fieldset className="effect-areas">
        <legend>
          {t.effectAreas} <span className="muted">({t.effectChosen(c.areas.length)})</span>
        </legend>
        <input
          type="search"
          aria-label={t.effectAreaFilter}
          placeholder={t.effectAreaFilter}
          value={filter}
          onChange={(ev) => setFilter(ev.target.value)}
        />
        <ul className="effect-area-list">
          {shown.map((a) => (
            <li key={a.id}>
              <label>
                <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} />{' '}
                {a.name} <span className="muted">{a.code}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button
        type="submit"
        className="btn btn-primary"
        disabled={!c.indicator || c.areas.length === 0 || !c.start}
      >
        {t.effectRun}
      </button>
    </form>
  );
}

function EffectResult({ choice }: { choice: Choice }) {
  const res = useFetch(
    () =>
      fundingApi.effect({ indicator: choice.indicator, areas: choice.areas, start: choice.start }),
    [choice.indicator, choice.areas.join(','), choice.start],
  );
  return (
    <section className="effect-result" aria-live="polite">
      {res.status === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.status === 'loading' && !res.data && <Loading />}
      {res.data && <EffectView e={res.data} />}
    </section>
  );
}

function EffectView({ e }: { e: EffectEstimate }) {
  const { t, lang } = useI18n();
  const sentence = effectSentence(e, lang, t.effectSentence);
  const names = new Map([...e.treated, ...e.comparisons].map((a) => [a.areaId, a.name]));
  const dec = e.indicator.decimals;
  return (
    <>
      {sentence ? (
        <h2 className="effect-sentence">{sentence}</h2>
      ) : (
        <h2 className="effect-sentence">
          {t.effectVerdict('not-measurable')}: {e.reasons.map((r) => r.message).join('; ')}
        </h2>
      )}
      {sentence && (
        <p className={`effect-verdict verdict-${e.verdict}`}>
          {t.effectVerdict(e.verdict)}{' '}
          {e.pValue !== null && (
            <span className="muted">({t.effectPValue(formatNumber(e.pValue, 3, lang))})</span>
          )}
        </p>
      )}
      {sentence && (
        <p>
          <strong>{t.effectPreTrend}:</strong> {t.effectPreTrendStatus(e.preTrend.status)}
        </p>
      )}
      {e.treatedWithoutData.length > 0 && (
        <p className="muted">
          {t.effectWithoutData(e.treatedWithoutData.map((a) => a.name).join(', '))}
        </p>
      )}
      <EffectChart e={e} />
      {e.comparisons.length > 0 && (
        <>
          <h3>{t.effectComparisons}</h3>
          <ListTable
            caption={t.effectComparisons}
            columns={[
              t.effectArea,
              t.effectMatchedTo,
              t.effectDistance,
              t.effectPreLevel,
              t.effectTrend,
              t.effectChange,
            ]}
          >
            {e.comparisons.map((c) => (
              <tr key={c.areaId}>
                <td>
                  <Link href={`/gebiete/${c.areaId}`}>{c.name}</Link>{' '}
                  <span className="muted">{c.code}</span>
                </td>
                <td>{names.get(c.matchedTo) ?? c.matchedTo}</td>
                <td className="num">{formatNumber(c.distance, 2, lang)}</td>
                <td className="num">{formatNumber(c.level, dec, lang)}</td>
                <td className="num">{bound(c.trendPerYear, e, lang)}</td>
                <td className="num">{c.change === null ? '–' : bound(c.change, e, lang)}</td>
              </tr>
            ))}
          </ListTable>
        </>
      )}
      <p className="muted effect-method">{t.effectMethod(e.method.replications, e.poolSize)}</p>
    </>
  );
}
