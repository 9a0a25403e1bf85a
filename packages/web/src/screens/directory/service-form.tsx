// /angebote/neu and /angebote/:id/bearbeiten: create or edit a whole service — organisation, type,
// name and description, access and cost, languages, contacts, places (address and point on the
// map), the areas it is for, public or internal. The server checks every id against the person's
// rights (a provider only its own organisation) and audits the change.
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/http.ts';
import {
  directoryApi,
  type DirectoryServiceDetail,
  type EditableOrganisation,
  type OpeningInterval,
  type ServiceBody,
} from '../../api/directory.ts';
import { FormField } from '../../components/form-field.tsx';
import { RequireAuth } from '../../components/guard.tsx';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { AreaPicker, parseDecimal, type AreaChoice } from '../measures/form-parts.tsx';
import { HoursRowsEditor } from './opening-hours.tsx';
import {
  ContactsEditor,
  CostsEditor,
  emptyLocation,
  LocationsEditor,
  type ContactDraft,
  type CostDraft,
  type LocationDraft,
} from './service-form-parts.tsx';

interface Draft {
  organisationId: string;
  serviceType: string;
  name: string;
  description: string;
  eligibility: string;
  minimumAge: string;
  maximumAge: string;
  fees: string;
  languages: string;
  phone: string;
  email: string;
  url: string;
  contacts: ContactDraft[];
  locations: LocationDraft[];
  areas: AreaChoice[];
  public: boolean;
  hours: OpeningInterval[];
  costs: CostDraft[];
}

function draftFrom(s: DirectoryServiceDetail | null, orgs: EditableOrganisation[]): Draft {
  if (!s)
    return {
      organisationId: orgs[0]?.id ?? '',
      serviceType: '',
      name: '',
      description: '',
      eligibility: '',
      minimumAge: '',
      maximumAge: '',
      fees: '',
      languages: 'de',
      phone: '',
      email: '',
      url: '',
      contacts: [],
      locations: [emptyLocation()],
      areas: [],
      public: true,
      hours: [],
      costs: [],
    };
  const known = orgs.find((o) => o.id === s.organisation.id)?.locations ?? [];
  return {
    organisationId: s.organisation.id,
    serviceType: s.serviceType,
    name: s.name,
    description: s.description ?? '',
    eligibility: s.eligibility ?? '',
    minimumAge: s.minimumAge === null ? '' : String(s.minimumAge),
    maximumAge: s.maximumAge === null ? '' : String(s.maximumAge),
    fees: s.fees ?? '',
    languages: s.languages.join(', '),
    phone: s.phone ?? '',
    email: s.email ?? '',
    url: s.url ?? '',
    contacts: s.contacts.map((c) => ({
      name: c.name ?? '',
      title: c.title ?? '',
      email: c.email ?? '',
      phone: c.phone ?? '',
    })),
    locations: s.places.map((p) => {
      const k = known.find((x) => x.id === p.location.id);
      return {
        id: p.location.id,
        name: p.location.name,
        street: k?.street ?? '',
        postcode: k?.postcode ?? '',
        city: k?.city ?? '',
        lon: p.location.lon === null ? '' : String(p.location.lon).replace('.', ','),
        lat: p.location.lat === null ? '' : String(p.location.lat).replace('.', ','),
        accessibility: p.location.accessibility ?? '',
      };
    }),
    areas: s.serviceAreas.map((a) => ({ id: a.id, name: a.name, code: a.code })),
    public: s.public,
    hours: s.serviceSchedules.map((h) => ({ ...h })),
    costs: s.costOptions.map((c) => ({
      option: c.option ?? '',
      amount:
        c.amount === null
          ? ''
          : (Number.isInteger(c.amount) ? String(c.amount) : c.amount.toFixed(2)).replace('.', ','),
      currency: c.currency ?? 'EUR',
      amountDescription: c.amountDescription ?? '',
      validFrom: c.validFrom ?? '',
      validTo: c.validTo ?? '',
    })),
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The request body of a draft, or the first problem the browser can name itself. */
function bodyOf(d: Draft, bad: (field: string) => string): ServiceBody | string {
  const age = (s: string, label: string) => {
    if (!s.trim()) return null;
    const n = Number(s);
    if (!Number.isInteger(n)) throw bad(label);
    return n;
  };
  try {
    return {
      organisationId: d.organisationId,
      serviceType: d.serviceType,
      name: d.name,
      description: orNull(d.description),
      eligibility: orNull(d.eligibility),
      minimumAge: age(d.minimumAge, 'minimumAge'),
      maximumAge: age(d.maximumAge, 'maximumAge'),
      fees: orNull(d.fees),
      languages: d.languages
        .split(/[,\s]+/)
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean),
      phone: orNull(d.phone),
      email: orNull(d.email),
      url: orNull(d.url),
      contacts: d.contacts.map((c) => ({
        name: orNull(c.name),
        title: orNull(c.title),
        email: orNull(c.email),
        phone: orNull(c.phone),
      })),
      locations: d.locations.map((l) => ({
        ...(l.id ? { id: l.id } : {}),
        name: l.name,
        street: orNull(l.street),
        postcode: orNull(l.postcode),
        city: l.city.trim(),
        lon: parseDecimal(l.lon),
        lat: parseDecimal(l.lat),
        accessibility: orNull(l.accessibility),
      })),
      areaIds: d.areas.map((a) => a.id),
      public: d.public,
      serviceSchedules: d.hours.map((h) => ({ ...h, notes: orNull(h.notes ?? '') })),
      costOptions: d.costs.map((c, i) => {
        const amount = c.amount.trim() ? parseDecimal(c.amount) : null;
        if (c.amount.trim() && amount === null) throw bad(`costOptions.${i}.amount`);
        return {
          option: orNull(c.option),
          amount,
          currency: c.currency.trim() || 'EUR',
          amountDescription: orNull(c.amountDescription),
          validFrom: orNull(c.validFrom),
          validTo: orNull(c.validTo),
        };
      }),
    };
  } catch (e) {
    return String(e);
  }
}

export function ServiceFormScreen({ serviceId }: { serviceId: string | null }) {
  const { t } = useI18n();
  return (
    <RequireAuth title={serviceId ? t.serviceEdit : t.serviceNew} anyOf={['directory.edit_own']}>
      <ServiceFormPage serviceId={serviceId} />
    </RequireAuth>
  );
}

function ServiceFormPage({ serviceId }: { serviceId: string | null }) {
  const { t } = useI18n();
  const orgs = useFetch(() => directoryApi.editableOrganisations(), []);
  const terms = useFetch(() => directoryApi.taxonomy(), []);
  const existing = useFetch(serviceId ? () => directoryApi.service(serviceId) : async () => null, [
    serviceId,
  ]);
  const failed = orgs.error ?? terms.error ?? existing.error;
  const ready = orgs.status === 'ok' && terms.status === 'ok' && existing.status === 'ok';
  return (
    <div className="page directory-detail service-form">
      <p>
        <Link href={serviceId ? `/angebote/${serviceId}` : '/angebote'}>← {t.directoryBack}</Link>
      </p>
      <h1>{serviceId ? t.serviceEdit : t.serviceNew}</h1>
      <p className="lead">{t.serviceNewIntro}</p>
      {failed && <ErrorState error={failed} onRetry={orgs.reload} />}
      {!failed && !ready && <Loading />}
      {ready && orgs.data!.length === 0 && <p role="status">{t.serviceNoOrganisation}</p>}
      {ready && orgs.data!.length > 0 && (
        <Form
          key={serviceId ?? 'new'}
          serviceId={serviceId}
          initial={draftFrom(existing.data ?? null, orgs.data!)}
          orgs={orgs.data!}
          terms={terms.data!.map((x) => ({ code: x.code, name: x.name }))}
        />
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="ms-fieldset">
      <legend>{title}</legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  );
}

function Form(props: {
  serviceId: string | null;
  initial: Draft;
  orgs: EditableOrganisation[];
  terms: { code: string; name: string }[];
}) {
  const { t } = useI18n();
  const [d, setD] = useState<Draft>(props.initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const text = (k: keyof Draft, label: string, extra: { hint?: string; type?: string } = {}) => (
    <FormField label={label} hint={extra.hint}>
      <input
        type={extra.type ?? 'text'}
        value={d[k] as string}
        onChange={(e) => set(k, e.target.value as never)}
      />
    </FormField>
  );
  const known = props.orgs.find((o) => o.id === d.organisationId)?.locations ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = bodyOf(d, (f) => t.serviceBadNumber(f));
    if (typeof body === 'string') return setError(body);
    setBusy(true);
    setError(null);
    const call = props.serviceId
      ? directoryApi.replaceService(props.serviceId, body)
      : directoryApi.createService(body);
    call.then(
      (s) => navigate(`/angebote/${s.id}`),
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof ApiError && err.status !== 0 ? err.message : t.serverUnreachable);
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Section title={t.serviceBasics}>
        <FormField label={t.serviceOrganisation}>
          <select value={d.organisationId} onChange={(e) => set('organisationId', e.target.value)}>
            {props.orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.kindLabel})
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t.serviceType}>
          <select
            value={d.serviceType}
            required
            onChange={(e) => set('serviceType', e.target.value)}
          >
            <option value="">–</option>
            {props.terms.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </FormField>
        {text('name', t.serviceName)}
        <FormField label={t.serviceDescription} className="form-grid-full">
          <textarea
            rows={3}
            value={d.description}
            onChange={(e) => set('description', e.target.value)}
          />
        </FormField>
      </Section>
      <Section title={t.serviceAccess}>
        {text('eligibility', t.serviceEligibility)}
        {text('fees', t.serviceFees, { hint: t.serviceFeesHint })}
        {text('minimumAge', t.serviceMinAge)}
        {text('maximumAge', t.serviceMaxAge)}
        {text('languages', t.serviceLanguages, { hint: t.serviceLanguagesHint })}
      </Section>
      <Section title={t.serviceReach}>
        {text('phone', t.servicePhone, { type: 'tel' })}
        {text('email', t.serviceEmail, { type: 'email' })}
        {text('url', t.serviceUrl, { type: 'url' })}
      </Section>
      <fieldset className="ms-fieldset">
        <legend>{t.serviceOwnHours}</legend>
        <p className="muted">{t.serviceOwnHoursHint}</p>
        <HoursRowsEditor rows={d.hours} onChange={(v) => set('hours', v)} />
      </fieldset>
      <CostsEditor rows={d.costs} onChange={(v) => set('costs', v)} />
      <ContactsEditor rows={d.contacts} onChange={(v) => set('contacts', v)} />
      <LocationsEditor rows={d.locations} known={known} onChange={(v) => set('locations', v)} />
      <AreaPicker legend={t.serviceAreas} areas={d.areas} onChange={(v) => set('areas', v)} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={d.public}
          onChange={(e) => set('public', e.target.checked)}
        />{' '}
        {t.servicePublic}
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t.serviceSaving : t.serviceSave}
        </button>{' '}
        <Link href={props.serviceId ? `/angebote/${props.serviceId}` : '/angebote'}>
          {t.serviceCancel}
        </Link>
      </p>
    </form>
  );
}
