// What the join says: points outside every area (listed, never dropped) and counts per level.
import type { JoinSummary } from './points-api.ts';

const num = (v: number, digits = 0): string =>
  v.toLocaleString('de-DE', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** Outside points and the per-level overview of a point analysis or run. */
export function PointJoinReport({ join }: { join: JoinSummary }) {
  return (
    <div className="point-report">
      <p>
        {num(join.points)} Standorte gelesen
        {join.outsideCount > 0
          ? `, davon ${num(join.outsideCount)} außerhalb aller Gebiete.`
          : ', alle liegen in einem Gebiet.'}
      </p>
      {join.outsideCount > 0 && (
        <div className="state state-warning" role="status">
          <p className="state-title">
            {join.outsideCount === 1
              ? 'Ein Standort liegt in keinem Gebiet: er wird gespeichert und auf der Karte gezeigt, aber keinem Gebiet zugezählt.'
              : `${num(join.outsideCount)} Standorte liegen in keinem Gebiet: sie werden gespeichert und auf der Karte gezeigt, aber keinem Gebiet zugezählt.`}
          </p>
          <div className="table-scroll" style={{ overflowX: 'auto' }}>
            <table className="data-table">
              <caption className="visually-hidden">Standorte außerhalb aller Gebiete</caption>
              <thead>
                <tr>
                  <th scope="col">Zeile/Objekt</th>
                  <th scope="col">Name</th>
                  <th scope="col">Länge</th>
                  <th scope="col">Breite</th>
                </tr>
              </thead>
              <tbody>
                {join.outside.map((o) => (
                  <tr key={`${o.ref}-${o.id}`}>
                    <td>{o.ref}</td>
                    <td>{o.name}</td>
                    <td className="num">{num(o.lon, 5)}</td>
                    <td className="num">{num(o.lat, 5)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {join.outside.length < join.outsideCount && (
            <p className="hint">
              Gezeigt sind die ersten {num(join.outside.length)} von {num(join.outsideCount)}.
            </p>
          )}
        </div>
      )}
      <h3>Zuordnung je Ebene</h3>
      <ul className="point-levels">
        {join.levels.map((l) => (
          <li key={`${l.systemId}/${l.levelId}`}>
            <strong>
              {l.systemName} – {l.levelName}
            </strong>
            : {num(l.assigned)} Standorte in {num(l.areasWithPoints)} von {num(l.areas)} Gebieten
            {l.top.length > 0 && (
              <>
                {' '}
                (meiste:{' '}
                {l.top
                  .slice(0, 5)
                  .map(
                    (a) =>
                      `${a.name} ${num(a.count)}${a.capacity !== null ? ` / ${num(a.capacity, 1)} Plätze` : ''}`,
                  )
                  .join('; ')}
                )
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
