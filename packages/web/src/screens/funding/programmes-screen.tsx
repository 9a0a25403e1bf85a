// /foerderung: the programme catalogue (EU, Bund, Land …) with level, period and the number of
// programme areas in the tenant; each row leads to the programme page.
import { fundingApi, type ProgrammeListItem } from '../../api/funding.ts';
import { Link } from '../../components/link.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';

/** "01.01.2020 – offen", "01.01.2015 – 30.06.2022", "–" when nothing is published. */
export function periodText(
  p: Pick<ProgrammeListItem, 'periodFrom' | 'periodTo'>,
  t: { fundingOpenEnd: string },
  lang: 'de' | 'en',
): string {
  if (!p.periodFrom && !p.periodTo) return '–';
  const from = p.periodFrom ? formatDate(p.periodFrom, lang) : '…';
  const to = p.periodTo ? formatDate(p.periodTo, lang) : t.fundingOpenEnd;
  return `${from} – ${to}`;
}

export function ProgrammesScreen() {
  const { t, lang } = useI18n();
  const res = useFetch(() => fundingApi.programmes(), []);
  return (
    <div className="page page-funding">
      <h1>{t.fundingTitle}</h1>
      <p className="lead">{t.fundingIntro}</p>
      <p>
        <Link href="/foerderung/transparenz">{t.trLink} →</Link>
      </p>
      <p>
        <Link href="/wirkung">{t.fundingToEffect} →</Link>
      </p>
      {res.status === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.status === 'loading' && !res.data && <Loading />}
      {res.data && (
        <ListTable
          caption={t.fundingTitle}
          columns={[t.fundingTitle, t.fundingLevel, t.fundingPeriod, t.fundingAreas]}
        >
          {res.data.map((p) => (
            <tr key={p.id}>
              <td>
                <Link href={`/foerderung/${p.id}`}>{p.name}</Link>
                {p.ended && <span className="tag"> {t.fundingEnded}</span>}
              </td>
              <td>
                {t.fundingLevels(p.level)}
                {p.land ? ` (${p.land})` : ''}
              </td>
              <td>{periodText(p, t, lang)}</td>
              <td>{t.fundingAreaCount(p.areaCount)}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </div>
  );
}
