// The area profile's card „Förderung und Wirkung“ (issue 15 §§ 2–3): the programmes whose
// Fördergebiet covers the area, its money per budget year (as the transparency view places it) and
// the effect estimate of each measure there in one sentence — GET /api/funding/areas/:areaId.
import { transparencyApi, type AreaFunding } from '../../api/funding.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatEuro } from '../../lib/money.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { effectSentence } from '../effect/effect-text.ts';
import { fillYears } from './money-series-chart.tsx';

function Effects({ data }: { data: AreaFunding }) {
  const { t, lang } = useI18n();
  if (data.effects.length === 0) return null;
  return (
    <ul className="area-funding-effects">
      {data.effects.map((x) => {
        const e = x.estimate;
        const sentence = e ? effectSentence(e, lang, t.effectSentence) : null;
        const name = e ? (lang === 'de' ? e.indicator.nameDe : e.indicator.nameEn) : '';
        const href = e
          ? `/wirkung?${new URLSearchParams({ indicator: e.indicator.id, areas: x.areaIds.join(','), start: x.start }).toString()}`
          : `/massnahmen/${x.measureId}`;
        return (
          <li key={`${x.measureId}-${e?.indicator.id ?? ''}`}>
            <Link href={`/massnahmen/${x.measureId}`}>{x.title}</Link>:{' '}
            {sentence ? (
              <>
                {sentence} – {t.effectVerdict(e!.verdict)}
              </>
            ) : e ? (
              <>
                {name}: {t.effectVerdict('not-measurable')} –{' '}
                {e.reasons.map((r) => r.message).join('; ')}
              </>
            ) : (
              x.error
            )}{' '}
            <Link href={href}>{t.msEffectDetails}</Link>
          </li>
        );
      })}
    </ul>
  );
}

export function AreaFundingCard({ areaId, headingId }: { areaId: number; headingId: string }) {
  const { t, lang } = useI18n();
  const res = useFetch(() => transparencyApi.area(areaId), [areaId]);
  const titleId = `${headingId}-funding`;
  const d = res.data;
  if (!d) return null;
  const years = d.money ? fillYears(d.money.years) : [];
  if (d.programmes.length === 0 && years.length === 0 && d.effects.length === 0) return null;
  return (
    <section className="profile-group area-funding" aria-labelledby={titleId}>
      <h3 className="profile-group-title" id={titleId}>
        {t.trAreaCard}
      </h3>
      {d.programmes.length > 0 && (
        <p>
          {t.trAreaProgrammes}:{' '}
          {d.programmes.map((p, i) => (
            <span key={p.id}>
              {i > 0 && ', '}
              <Link href={`/foerderung/${p.id}`}>{p.name}</Link>
              {p.via !== 'area' && <span className="muted"> ({t.trAreaVia(p.via)})</span>}
            </span>
          ))}
        </p>
      )}
      {d.money && years.length > 0 && (
        <>
          <p>
            {t.trAreaMoney(
              String(d.money.year ?? ''),
              formatEuro(d.money.total, lang),
              formatEuro(d.money.perResident, lang, 2),
            )}
          </p>
          <table className="money-table area-funding-years">
            <caption className="visually-hidden">{t.trSeriesCaption('')}</caption>
            <thead>
              <tr>
                {years.map((y) => (
                  <th key={y.year} scope="col">
                    {y.year}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {years.map((y) => (
                  <td key={y.year} className="num">
                    {formatEuro(y.money, lang)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </>
      )}
      <Effects data={d} />
      {d.effectsOmitted > 0 && <p className="muted">{t.trAreaEffectsMore(d.effectsOmitted)}</p>}
      <p>
        <Link href="/foerderung/transparenz">{t.trLink}</Link>
      </p>
    </section>
  );
}
