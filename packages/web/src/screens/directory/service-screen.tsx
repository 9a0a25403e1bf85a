// /angebote/:id: one service — provider, contact, capacity with date, Lebenslagen and legal basis,
// the areas it lies in, and per place the opening hours; people of the owning organisation (or with
// directory.edit_all) edit the hours here.
import { directoryApi, type DirectoryServiceDetail } from '../../api/directory.ts';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { dimensionLabel } from '../../lib/labels.ts';
import { costText } from './cost-text.ts';
import { ServiceHistorySection } from './service-history.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { capacityText } from './directory-screen.tsx';
import { OpeningHours } from './opening-hours.tsx';
import { CapacityForm } from './capacity-form.tsx';
import { HistoryLink } from '../../components/history-link.tsx';
import { WorkAreas } from './work-areas-form.tsx';

type AreaRef = DirectoryServiceDetail['areas'][number];

function areaLinks(areas: AreaRef[]) {
  if (areas.length === 0) return '–';
  return areas.map((a, i) => (
    <span key={a.id}>
      {i > 0 && ', '}
      <Link href={`/gebiete/${a.id}`}>{a.name}</Link> <span className="muted">({a.level})</span>
    </span>
  ));
}

export function ServiceScreen({ serviceId }: { serviceId: string }) {
  const { t } = useI18n();
  const res = useFetch(() => directoryApi.service(serviceId), [serviceId]);
  return (
    <div className="page directory-detail">
      <p>
        <Link href="/angebote">← {t.directoryBack}</Link>
      </p>
      {res.status === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.status === 'loading' && !res.data && <Loading />}
      {res.data && <Detail s={res.data} onSaved={res.reload} />}
    </div>
  );
}

function Detail({ s, onSaved }: { s: DirectoryServiceDetail; onSaved: () => void }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h1>{s.name}</h1>
      <p className="service-actions">
        {s.canEdit && (
          <Link href={`/angebote/${s.id}/bearbeiten`} className="btn">
            {t.serviceEditLink}
          </Link>
        )}{' '}
        <HistoryLink entity="directory_service" id={s.id} name={s.name} />
      </p>
      <p className="lead">
        <span className="tag">{s.serviceTypeName}</span> {s.description}
      </p>
      <dl className="facts">
        <dt>{t.directoryProvider}</dt>
        <dd>
          {s.organisation.name} ({s.organisation.kindLabel}
          {s.organisation.spitzenverband
            ? `, ${t.directorySpitzenverband(s.organisation.spitzenverband)}`
            : ''}
          )
        </dd>
        <dt>{t.directoryAddress}</dt>
        <dd>{s.address ?? '–'}</dd>
        <dt>{t.directoryCapacity}</dt>
        <dd>{capacityText(s.capacity, t)}</dd>
        <dt>{t.directoryDimension}</dt>
        <dd>{s.dimensions.map((d) => dimensionLabel(d, lang)).join(', ') || '–'}</dd>
        <dt>{t.directoryLegal}</dt>
        <dd>{s.legalBasis.join('; ') || '–'}</dd>
        <dt>{t.directoryAreas}</dt>
        <dd>{areaLinks(s.areas)}</dd>
        <dt>{t.serviceCatchment}</dt>
        <dd>{areaLinks(s.serviceAreas)}</dd>
        <dt>{t.serviceEligibilityShown}</dt>
        <dd>
          {s.eligibility ?? '–'}
          {(s.minimumAge !== null || s.maximumAge !== null) &&
            ` (${s.minimumAge ?? 0}–${s.maximumAge ?? ''})`}
        </dd>
        <dt>{t.serviceFeesShown}</dt>
        <dd>
          {s.fees ?? (s.costOptions.length === 0 ? '–' : '')}
          {s.costOptions.length > 0 && (
            <ul className="plain-list service-costs">
              {s.costOptions.map((c, i) => (
                <li key={i}>
                  {costText(c, { free: t.costFree, from: t.costFrom, until: t.costUntil }, lang)}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {s.serviceSchedules.length > 0 && (
          <>
            <dt>{t.serviceOwnHours}</dt>
            <dd>
              <ul className="plain-list service-own-hours">
                {[...s.serviceSchedules]
                  .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
                  .map((h, i) => (
                    <li key={i}>
                      {t.weekday(h.weekday)} {h.opens}–{h.closes}
                      {h.notes ? ` (${h.notes})` : ''}
                    </li>
                  ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t.serviceLanguagesShown}</dt>
        <dd>{s.languages.join(', ') || '–'}</dd>
        {s.canEdit && (
          <>
            <dt>{t.servicePublicState}</dt>
            <dd>{s.public ? t.servicePublicYes : t.servicePublicNo}</dd>
          </>
        )}
        {(s.phone || s.url || s.email) && (
          <>
            <dt>{t.directoryContact}</dt>
            <dd>
              {s.phone && (
                <span>
                  {t.directoryPhone}: {s.phone}{' '}
                </span>
              )}
              {s.email && <a href={`mailto:${s.email}`}>{s.email} </a>}
              {s.url && (
                <a href={s.url} rel="noopener noreferrer" target="_blank">
                  {t.directoryWebsite}
                </a>
              )}
            </dd>
          </>
        )}
        {s.contacts.length > 0 && (
          <>
            <dt>{t.serviceContactPersons}</dt>
            <dd>
              <ul className="plain-list">
                {s.contacts.map((c, i) => (
                  <li key={i}>
                    {[c.name, c.title].filter(Boolean).join(', ')}
                    {c.phone && ` · ${c.phone}`}
                    {c.email && (
                      <>
                        {' · '}
                        <a href={`mailto:${c.email}`}>{c.email}</a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <CapacityForm
        serviceId={s.id}
        capacities={s.capacities}
        canEdit={s.canEdit}
        onSaved={onSaved}
      />
      <h2>{t.directoryLocations}</h2>
      {s.places.length === 0 && <p className="muted">{t.directoryNoPlaces}</p>}
      {s.places.map((p) => (
        <section key={p.serviceAtLocationId} className="directory-place">
          <h3>
            {p.location.name}
            {p.location.address ? ` – ${p.location.address}` : ''}
          </h3>
          {p.location.accessibility && <p>{p.location.accessibility}</p>}
          <OpeningHours
            serviceAtLocationId={p.serviceAtLocationId}
            intervals={p.schedules}
            canEdit={s.canEdit}
            onSaved={onSaved}
          />
        </section>
      ))}
      <WorkAreas s={s} onSaved={onSaved} />
      <ServiceHistorySection key={s.id} serviceId={s.id} canEdit={s.canEdit} version={s} />
      <p>
        <a href={`/hsds/services/${s.id}`}>{t.directoryHsds}</a>
      </p>
    </>
  );
}
