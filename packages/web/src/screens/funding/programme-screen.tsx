// /foerderung/:id: one programme — level, period, eligible areas, co-financing rule and reporting
// duties as published (with sources and check dates), its areas in the tenant with validity, and
// for staff the money per year (planned, approved, spent) with the co-financing and spent > approved
// checks.
import { FundedMeasures } from './funded-measures.tsx';
import { fundingApi, type ProgrammeDetail } from '../../api/funding.ts';
import { Link } from '../../components/link.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { useAuth } from '../../lib/auth.tsx';
import { formatEuro } from '../../lib/money.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { MoneyImport } from './money-import.tsx';
import { periodText } from './programmes-screen.tsx';

export function ProgrammeScreen({ programmeId }: { programmeId: string }) {
  const { t } = useI18n();
  const res = useFetch(() => fundingApi.programme(programmeId), [programmeId]);
  return (
    <div className="page page-funding">
      <p>
        <Link href="/foerderung">← {t.fundingBack}</Link>
      </p>
      {res.status === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.status === 'loading' && !res.data && <Loading />}
      {res.data && <Detail p={res.data} onChanged={res.reload} />}
    </div>
  );
}

function Detail({ p, onChanged }: { p: ProgrammeDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const shares = p.fixedShares
    ? Object.entries(p.fixedShares)
        .map(([k, v]) => `${t.fundingSourceNames(k)} ${formatNumber((v ?? 0) * 100, 1, lang)} %`)
        .join(', ')
    : null;
  return (
    <>
      <h1>
        {p.name} {p.ended && <span className="tag">{t.fundingEnded}</span>}
      </h1>
      {p.description && <p className="lead">{p.description}</p>}
      <dl className="facts">
        <dt>{t.fundingLevel}</dt>
        <dd>
          {t.fundingLevels(p.level)}
          {p.land ? ` (${p.land})` : ''}
        </dd>
        <dt>{t.fundingPeriod}</dt>
        <dd>
          {periodText(p, t, lang)}
          {p.periodNote && <div className="muted">{p.periodNote}</div>}
        </dd>
        <dt>{t.fundingAreaTypes}</dt>
        <dd>{p.areaTypes ?? t.fundingUnknown}</dd>
        <dt>{t.fundingCoFinancing}</dt>
        <dd>
          {p.coFinancing ?? t.fundingUnknown}
          {shares && (
            <div className="muted">
              {t.fundingFixedShares}: {shares}
            </div>
          )}
        </dd>
        <dt>{t.fundingReporting}</dt>
        <dd>{p.reportingDuties ?? t.fundingUnknown}</dd>
      </dl>
      <h2>{t.fundingSources}</h2>
      <ul>
        {p.sources.map((s) => (
          <li key={s.url}>
            <a href={s.url} rel="noopener noreferrer" target="_blank">
              {s.title}
            </a>{' '}
            <span className="muted">({t.fundingChecked(formatDate(s.checked, lang))})</span>
          </li>
        ))}
      </ul>
      <h2>{t.fundingAreas}</h2>
      {p.areas.length === 0 ? (
        <p className="muted">{t.fundingNoAreas}</p>
      ) : (
        <ul>
          {p.areas.map((a) => (
            <li key={a.areaId}>
              <Link href={`/gebiete/${a.areaId}`}>{a.name}</Link>{' '}
              <span className="muted">
                ({a.code}
                {a.validFrom || a.validTo
                  ? `, ${t.fundingValid(
                      a.validFrom ? formatDate(a.validFrom, lang) : '…',
                      a.validTo ? formatDate(a.validTo, lang) : t.fundingOpenEnd,
                    )}`
                  : ''}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t.fundingMoney}</h2>
      {p.money === null ? (
        <p className="muted">{t.fundingMoneyHidden}</p>
      ) : p.money.years.length === 0 ? (
        <p className="muted">{t.fundingNoMoney}</p>
      ) : (
        <>
          <ListTable
            caption={t.fundingMoney}
            columns={[t.fundingYear, t.fundingPlanned, t.fundingApproved, t.fundingSpent]}
            className="money-table"
          >
            {p.money.years.map((y) => (
              <tr key={y.year}>
                <td>{y.year}</td>
                <td className="num">{formatEuro(y.planned, lang, 2)}</td>
                <td className="num">{formatEuro(y.approved, lang, 2)}</td>
                <td className="num">
                  {formatEuro(y.spent, lang, 2)}
                  {y.spentOverApproved && (
                    <span className="tag tag-warn"> ⚠ {t.fundingSpentOver}</span>
                  )}
                </td>
              </tr>
            ))}
          </ListTable>
          {p.money.problems.length > 0 && (
            <>
              <h3>{t.fundingProblems}</h3>
              <ul>
                {p.money.problems.map((x) => (
                  <li key={`${x.code}-${x.areaKey}-${x.year}-${x.message}`}>{x.message}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <FundedMeasures measures={p.measures} />
      {auth.can('funding.edit') && <MoneyImport onImported={onChanged} />}
    </>
  );
}
