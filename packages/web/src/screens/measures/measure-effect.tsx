// "Was ist daraus geworden?" in numbers (issue 15 § 3): for each indicator a measure has goals on,
// the difference-in-differences estimate in its areas since its start against comparable areas
// (GET /api/effect, docs/methods/difference-in-differences.md), as one sentence with its 95 %
// interval — or the honest reason why it cannot be measured — and a link to the whole analysis.
import { fundingApi, type EffectEstimate } from '../../api/funding.ts';
import type { MeasureDetail } from '../../api/measures.ts';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { effectSentence } from '../effect/effect-text.ts';

function analysisUrl(indicator: string, areas: number[], start: string): string {
  const p = new URLSearchParams({ indicator, areas: areas.join(','), start });
  return `/wirkung?${p.toString()}`;
}

function OneEffect({
  indicator,
  areas,
  start,
}: {
  indicator: string;
  areas: number[];
  start: string;
}) {
  const { t, lang } = useI18n();
  const res = useFetch(
    () => fundingApi.effect({ indicator, areas, start }),
    [indicator, areas.join(','), start],
  );
  // inside the list even while loading or failed (a <ul> holds only <li>: axe's list rule)
  if (res.status === 'error')
    return (
      <li>
        <ErrorState error={res.error} onRetry={res.reload} />
      </li>
    );
  if (!res.data)
    return (
      <li>
        <Loading />
      </li>
    );
  const e: EffectEstimate = res.data;
  const sentence = effectSentence(e, lang, t.effectSentence);
  const name = lang === 'de' ? e.indicator.nameDe : e.indicator.nameEn;
  return (
    <li>
      {sentence ? (
        <>
          <strong>{sentence}</strong> – {t.effectVerdict(e.verdict)}
        </>
      ) : (
        <>
          <strong>{name}:</strong> {t.effectVerdict('not-measurable')} –{' '}
          {e.reasons.map((r) => r.message).join('; ')}
        </>
      )}{' '}
      <Link href={analysisUrl(indicator, areas, start)}>{t.msEffectDetails}</Link>
    </li>
  );
}

/** The effect section of a measure page. */
export function MeasureEffect({ m }: { m: MeasureDetail }) {
  const { t } = useI18n();
  const indicators = [...new Set(m.goals.map((g) => g.indicatorId))];
  const areas = m.areas.map((a) => a.id);
  return (
    <section className="ms-section" aria-labelledby="ms-effect">
      <h2 id="ms-effect">{t.msEffect}</h2>
      {m.citywide && indicators.length > 0 ? (
        // no area without the measure, so nothing to compare with: say so instead of estimating
        <ul className="ms-effects">
          {indicators.map((id) => (
            <li key={id}>
              <strong>{m.goals.find((g) => g.indicatorId === id)!.indicatorName}:</strong>{' '}
              {t.msEffectCitywide}
            </li>
          ))}
        </ul>
      ) : indicators.length === 0 || areas.length === 0 ? (
        <p className="ms-hint">{t.msEffectNoGoals}</p>
      ) : !m.start ? (
        <p className="ms-hint">{t.msEffectNoStart}</p>
      ) : (
        <ul className="ms-effects">
          {indicators.map((id) => (
            <OneEffect key={id} indicator={id} areas={areas} start={m.start!} />
          ))}
        </ul>
      )}
    </section>
  );
}
