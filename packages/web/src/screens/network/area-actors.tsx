// "Wer ist hier aktiv?" on the area profile: organisations with services in the area (or near its
// edge), with a catchment or work area here, or in a body of the area; filter by service type and
// distance; each located service links to the map.
import { useId, useState } from 'react';
import { supplyApi } from '../../api/supply.ts';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';

const NEAR = [0, 500, 1000];

export function AreaActors({ areaId, mapHref }: { areaId: number; mapHref: string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [type, setType] = useState('');
  const [nearM, setNearM] = useState(0);
  const types = useFetch(() => supplyApi.types(), []);
  const res = useFetch(
    () => supplyApi.actors(areaId, { serviceType: type || null, nearM }),
    [areaId, type, nearM],
  );
  return (
    <section className="area-actors" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t.actorsTitle}</h2>
      <p className="lead">{t.actorsIntro}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-type`} className="field-label">
            {t.actorsType}
          </label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t.actorsAllTypes}</option>
            {(types.data ?? []).map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-near`} className="field-label">
            {t.actorsNear}
          </label>
          <select
            id={`${id}-near`}
            value={nearM}
            onChange={(e) => setNearM(Number(e.target.value))}
          >
            {NEAR.map((m) => (
              <option key={m} value={m}>
                {t.actorsNearOption(m)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {res.status === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.status === 'loading' && !res.data && <Loading />}
      {res.data && (
        <>
          <p className="results-count" role="status">
            {t.actorsCount(res.data.actors.length)}
          </p>
          {res.data.actors.length === 0 && <p className="empty-state">{t.actorsEmpty}</p>}
          <ul className="actor-list">
            {res.data.actors.map((a) => (
              <li key={a.id} className="actor">
                <strong>{a.name}</strong>{' '}
                {a.reasons.map((r) => (
                  <span key={r} className="tag">
                    {t.actorsReasons(r)}
                  </span>
                ))}
                {a.services.length > 0 && (
                  <ul>
                    {a.services.map((s) => (
                      <li key={`${s.id}-${s.lon}-${s.lat}`}>
                        <Link href={`/angebote/${s.id}`}>{s.name}</Link> – {s.serviceTypeName}
                        {s.street ? `, ${s.street}` : ''}
                        {s.places !== null &&
                          ` · ${t.actorsPlaces(formatNumber(s.places, 0, lang))}`}
                        {!s.inArea && <span className="tag"> {t.actorsNearby}</span>}
                        {s.distanceM !== null && (
                          <small> · {t.actorsDistance(formatNumber(s.distanceM, 0, lang))}</small>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {res.data.bodies.length > 0 && (
            <p>
              {t.actorsBodies}: {res.data.bodies.map((b) => b.name).join(', ')}
            </p>
          )}
          <p>
            <Link href={mapHref}>{t.actorsOnMap} →</Link>
          </p>
        </>
      )}
    </section>
  );
}
