// /standorte: the point datasets (Standorte) with count and source, and — for people with
// 'points.import' — the import form. On the map each dataset is a toggleable, clustered layer.
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { ErrorState, Loading } from '../../components/status.tsx';
import { Link } from '../../components/link.tsx';
import { PointImportForm } from './point-import-form.tsx';
import { pointsApi } from './points-api.ts';

const date = (iso: string | null): string =>
  iso
    ? new Date(`${iso}T00:00:00Z`).toLocaleDateString('de-DE', {
        timeZone: 'UTC',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      })
    : '–';

export function PointsScreen() {
  const auth = useAuth();
  const datasets = useFetch(() => pointsApi.datasets(), []);
  return (
    <div className="page page-points">
      <h1>Standorte</h1>
      <p className="lead">
        Punktdaten wie Kitas, Schulen, Pflegeheime oder Apotheken. Jeder Standort ist seinem Gebiet
        auf jeder Ebene zugeordnet; auf der <Link href="/">Karte</Link> lassen sich die Datensätze
        als Ebene einblenden.
      </p>
      {datasets.status === 'loading' && !datasets.data && <Loading />}
      {datasets.status === 'error' && (
        <ErrorState error={datasets.error} onRetry={datasets.reload} />
      )}
      {datasets.data && datasets.data.length === 0 && (
        <div className="state state-empty" role="status">
          <p className="state-title-neutral">Noch keine Standorte vorhanden.</p>
        </div>
      )}
      {datasets.data && datasets.data.length > 0 && (
        <div
          className="table-wrap points-table"
          tabIndex={0}
          role="region"
          aria-label="Punktdatensätze"
        >
          <table className="data-table">
            <caption className="visually-hidden">Punktdatensätze</caption>
            <thead>
              <tr>
                <th scope="col">Datensatz</th>
                <th scope="col">Kennung</th>
                <th scope="col" className="num">
                  Anzahl
                </th>
                <th scope="col">Stichtag</th>
                <th scope="col">Quelle</th>
              </tr>
            </thead>
            <tbody>
              {datasets.data.map((d) => (
                <tr key={d.id}>
                  <td>{d.nameDe}</td>
                  <td>
                    <code>{d.id}</code>
                  </td>
                  <td className="num">{d.count.toLocaleString('de-DE')}</td>
                  <td>{date(d.referenceDate)}</td>
                  <td>
                    {d.source.title} ({d.source.licence})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {auth.can('points.import') && <PointImportForm onImported={datasets.reload} />}
    </div>
  );
}
