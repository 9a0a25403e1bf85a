// The measures a programme funds (money booked with the measure's number), each with its money by
// year and the indicators of its goals; and the "Finanzierung" section of a measure page.
import { fundingApi, type ProgrammeDetail } from '../../api/funding.ts';
import { Link } from '../../components/link.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { formatDate, formatValue } from '../../lib/core-bridge.ts';
import { formatEuro } from '../../lib/money.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { goalStatusLabel } from '../measures/labels.ts';

/** Programme page: the funded measures (staff only: null hides the section). */
export function FundedMeasures({ measures }: { measures: ProgrammeDetail['measures'] }) {
  const { t, lang } = useI18n();
  if (measures === null) return null;
  return (
    <section>
      <h2>{t.trMeasures}</h2>
      {measures.length === 0 ? (
        <p className="muted">{t.trNoMeasures}</p>
      ) : (
        measures.map((m) => (
          <article key={m.id} className="funded-measure">
            <h3>
              <Link href={`/massnahmen/${m.id}`}>{m.title}</Link>
            </h3>
            <ListTable
              caption={`${m.title}: ${t.fundingMoney}`}
              columns={[t.fundingYear, t.fundingPlanned, t.fundingApproved, t.fundingSpent]}
              className="money-table"
            >
              {m.years.map((y) => (
                <tr key={y.year}>
                  <td>{y.year}</td>
                  <td className="num">{formatEuro(y.planned, lang, 2)}</td>
                  <td className="num">{formatEuro(y.approved, lang, 2)}</td>
                  <td className="num">{formatEuro(y.spent, lang, 2)}</td>
                </tr>
              ))}
            </ListTable>
            <GoalValues goals={m.goals} title={m.title} />
          </article>
        ))
      )}
    </section>
  );
}

type Goal = NonNullable<ProgrammeDetail['measures']>[number]['goals'][number];

/** The trend of the last step in words, with an arrow ("↘ fallend, zum Ziel"). */
function trendText(t: ReturnType<typeof useI18n>['t'], g: Goal): string {
  if (!g.trend) return '–';
  const arrow = { up: '↗', down: '↘', flat: '→' }[g.trend.direction];
  const word = t.trTrendWord(g.trend.direction);
  const toward = g.trend.towardTarget === null ? '' : `, ${t.trTrendToward(g.trend.towardTarget)}`;
  return `${arrow} ${word}${toward}`;
}

/** A funded measure's goals with their values: baseline, latest, target, trend and judgement. */
function GoalValues({ goals, title }: { goals: Goal[]; title: string }) {
  const { t, lang } = useI18n();
  if (goals.length === 0) return null;
  const v = (g: Goal, x: { date: string; value: number } | null) =>
    x ? `${formatValue(x.value, g.unit, g.decimals, lang)} (${formatDate(x.date, lang)})` : '–';
  return (
    <ListTable
      caption={`${title}: ${t.trGoals}`}
      columns={[
        t.trGoalIndicator,
        t.trGoalBaseline,
        t.trGoalLatest,
        t.trGoalTarget,
        t.trGoalTrend,
        t.trGoalStatus,
      ]}
      className="money-table goal-values"
    >
      {goals.map((g) => (
        <tr key={`${g.indicatorId}-${g.areaId}`}>
          <td>{g.indicatorName}</td>
          <td className="num">{v(g, g.baseline)}</td>
          <td className="num">{v(g, g.latest)}</td>
          <td className="num">{v(g, g.target)}</td>
          <td>{trendText(t, g)}</td>
          <td>{goalStatusLabel(t, g.status)}</td>
        </tr>
      ))}
    </ListTable>
  );
}

/** Measure page: money per year, programme, kind and source (shown only to those who see money). */
export function MeasureFinancing({ measureId }: { measureId: number }) {
  const auth = useAuth();
  return auth.can('funding.read_money') ? <FinancingTable measureId={measureId} /> : null;
}

function FinancingTable({ measureId }: { measureId: number }) {
  const { t, lang } = useI18n();
  const res = useFetch(() => fundingApi.measureMoney(measureId), [measureId]);
  if (res.status !== 'ok' || !res.data) return null;
  return (
    <section>
      <h2>{t.trFinancing}</h2>
      {res.data.rows.length === 0 ? (
        <p className="muted">{t.trNoFinancing}</p>
      ) : (
        <ListTable
          caption={t.trFinancing}
          columns={[t.fundingYear, t.fundingTitle, t.trKind, t.trSource, t.trMoney]}
          className="money-table"
        >
          {res.data.rows.map((r) => (
            <tr key={`${r.year}-${r.programmeId}-${r.kind}-${r.source}`}>
              <td>{r.year}</td>
              <td>
                <Link href={`/foerderung/${r.programmeId}`}>{r.programmeName}</Link>
              </td>
              <td>
                {
                  { planned: t.fundingPlanned, approved: t.fundingApproved, spent: t.fundingSpent }[
                    r.kind
                  ]
                }
              </td>
              <td>{t.fundingSourceNames(r.source)}</td>
              <td className="num">{formatEuro(r.amount, lang, 2)}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </section>
  );
}
