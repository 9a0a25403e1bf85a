// Parts of the service form: the places (an existing place of the organisation or a new one, the
// address, and the point set on the map or typed) and the contact persons.
import { useMemo } from 'react';
import { areasApi, type AreaCollection } from '../../api/areas.ts';
import type { EditableOrganisation } from '../../api/directory.ts';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { parseDecimal } from '../measures/form-parts.tsx';
import { PlaceMap } from '../participation/place-map.tsx';
import '../participation/participation.css';

export interface LocationDraft {
  id?: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
  lon: string;
  lat: string;
  accessibility: string;
}

export interface ContactDraft {
  name: string;
  title: string;
  email: string;
  phone: string;
}

type OrgLocation = EditableOrganisation['locations'][number];

/** A draft from a stored place (numbers with a German decimal comma). */
export function draftOf(l: OrgLocation): LocationDraft {
  return {
    id: l.id,
    name: l.name,
    street: l.street ?? '',
    postcode: l.postcode ?? '',
    city: l.city,
    lon: l.lon === null ? '' : formatNumber(l.lon, 6),
    lat: l.lat === null ? '' : formatNumber(l.lat, 6),
    accessibility: l.accessibility ?? '',
  };
}

export const emptyLocation = (): LocationDraft => ({
  name: '',
  street: '',
  postcode: '',
  city: '',
  lon: '',
  lat: '',
  accessibility: '',
});

/** The bounding box [west, south, east, north] of a collection of areas. */
function bboxOf(c: AreaCollection): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (v: unknown): void => {
    if (!Array.isArray(v)) return;
    if (typeof v[0] === 'number') {
      const [x, y] = v as number[];
      b[0] = Math.min(b[0]!, x!);
      b[1] = Math.min(b[1]!, y!);
      b[2] = Math.max(b[2]!, x!);
      b[3] = Math.max(b[3]!, y!);
    } else v.forEach(walk);
  };
  for (const f of c.features) walk(f.geometry?.coordinates);
  return b;
}

/** The top level of the current area system as outlines for the place maps. */
function useOutline() {
  const res = useFetch(async () => {
    const systems = await areasApi.areaSystems();
    const sys = systems.find((s) => s.validTo === null) ?? systems[0];
    const top = sys?.levels[0];
    return sys && top ? areasApi.geometry(sys.id, top.id) : null;
  }, []);
  const bbox = useMemo(() => (res.data ? bboxOf(res.data) : null), [res.data]);
  return { areas: res.data ?? null, bbox: bbox && Number.isFinite(bbox[0]) ? bbox : null };
}

export function LocationsEditor({
  rows,
  known,
  onChange,
}: {
  rows: LocationDraft[];
  known: OrgLocation[];
  onChange: (rows: LocationDraft[]) => void;
}) {
  const { t } = useI18n();
  const outline = useOutline();
  const update = (i: number, patch: Partial<LocationDraft>) =>
    onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="ms-fieldset">
      <legend>{t.serviceLocations}</legend>
      <p className="ms-hint">{t.serviceLocationsHint}</p>
      {rows.length === 0 && <p className="muted">{t.serviceNoLocations}</p>}
      {rows.map((r, i) => {
        const lon = parseDecimal(r.lon);
        const lat = parseDecimal(r.lat);
        const point = lon !== null && lat !== null ? { lon, lat } : null;
        return (
          <section key={i} className="service-place" aria-label={t.serviceLocation(i + 1)}>
            <h3>{t.serviceLocation(i + 1)}</h3>
            {known.length > 0 && (
              <FormField label={t.serviceLocationExisting}>
                <select
                  value={r.id ?? ''}
                  onChange={(e) => {
                    const k = known.find((x) => x.id === e.target.value);
                    onChange(
                      rows.map((x, j) => (j === i ? (k ? draftOf(k) : emptyLocation()) : x)),
                    );
                  }}
                >
                  <option value="">{t.serviceLocationNewOption}</option>
                  {known.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.name}
                      {k.street ? ` – ${k.street}` : ''}
                    </option>
                  ))}
                </select>
              </FormField>
            )}
            <div className="form-grid">
              <FormField label={t.serviceLocationName}>
                <input
                  type="text"
                  value={r.name}
                  onChange={(e) => update(i, { name: e.target.value })}
                />
              </FormField>
              <FormField label={t.serviceStreet}>
                <input
                  type="text"
                  value={r.street}
                  autoComplete="street-address"
                  onChange={(e) => update(i, { street: e.target.value })}
                />
              </FormField>
              <FormField label={t.servicePostcode}>
                <input
                  type="text"
                  value={r.postcode}
                  inputMode="numeric"
                  autoComplete="postal-code"
                  onChange={(e) => update(i, { postcode: e.target.value })}
                />
              </FormField>
              <FormField label={t.serviceCity}>
                <input
                  type="text"
                  value={r.city}
                  onChange={(e) => update(i, { city: e.target.value })}
                />
              </FormField>
              <FormField label={t.serviceLat}>
                <input
                  type="text"
                  value={r.lat}
                  inputMode="decimal"
                  onChange={(e) => update(i, { lat: e.target.value })}
                />
              </FormField>
              <FormField label={t.serviceLon}>
                <input
                  type="text"
                  value={r.lon}
                  inputMode="decimal"
                  onChange={(e) => update(i, { lon: e.target.value })}
                />
              </FormField>
              <FormField label={t.serviceAccessibility} className="form-grid-full">
                <input
                  type="text"
                  value={r.accessibility}
                  onChange={(e) => update(i, { accessibility: e.target.value })}
                />
              </FormField>
            </div>
            {outline.bbox && (
              <PlaceMap
                bbox={outline.bbox}
                areas={outline.areas}
                reports={[]}
                point={point}
                onPlace={(p) =>
                  update(i, { lon: formatNumber(p.lon, 6), lat: formatNumber(p.lat, 6) })
                }
                label={t.serviceMapLabel(i + 1)}
              />
            )}
            <p aria-live="polite" className="part-place-state">
              {point
                ? t.servicePointSet(formatNumber(point.lat, 5), formatNumber(point.lon, 5))
                : t.servicePointNone}
            </p>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onChange(rows.filter((_, k) => k !== i))}
            >
              {t.serviceLocationRemove(i + 1)}
            </button>
          </section>
        );
      })}
      <button type="button" className="btn" onClick={() => onChange([...rows, emptyLocation()])}>
        {t.serviceLocationAdd}
      </button>
    </fieldset>
  );
}

export function ContactsEditor({
  rows,
  onChange,
}: {
  rows: ContactDraft[];
  onChange: (rows: ContactDraft[]) => void;
}) {
  const { t } = useI18n();
  const update = (i: number, patch: Partial<ContactDraft>) =>
    onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="ms-fieldset">
      <legend>{t.serviceContacts}</legend>
      {rows.length === 0 && <p className="muted">{t.serviceNoContacts}</p>}
      {rows.map((r, i) => (
        <div key={i} className="form-grid service-contact">
          <FormField label={t.serviceContactName}>
            <input
              type="text"
              value={r.name}
              onChange={(e) => update(i, { name: e.target.value })}
            />
          </FormField>
          <FormField label={t.serviceContactTitle}>
            <input
              type="text"
              value={r.title}
              onChange={(e) => update(i, { title: e.target.value })}
            />
          </FormField>
          <FormField label={t.serviceEmail}>
            <input
              type="email"
              value={r.email}
              onChange={(e) => update(i, { email: e.target.value })}
            />
          </FormField>
          <FormField label={t.servicePhone}>
            <input
              type="tel"
              value={r.phone}
              onChange={(e) => update(i, { phone: e.target.value })}
            />
          </FormField>
          <div>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onChange(rows.filter((_, k) => k !== i))}
            >
              {t.serviceContactRemove(i + 1)}
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() => onChange([...rows, { name: '', title: '', email: '', phone: '' }])}
      >
        {t.serviceContactAdd}
      </button>
    </fieldset>
  );
}

/** A cost option as the form holds it (the amount as typed, with a German decimal comma). */
export interface CostDraft {
  option: string;
  amount: string;
  currency: string;
  amountDescription: string;
  validFrom: string;
  validTo: string;
}

export const emptyCost = (): CostDraft => ({
  option: '',
  amount: '',
  currency: 'EUR',
  amountDescription: '',
  validFrom: '',
  validTo: '',
});

/** The cost options of a service (HSDS cost_option): for what, amount, currency, note, period. */
export function CostsEditor({
  rows,
  onChange,
}: {
  rows: CostDraft[];
  onChange: (rows: CostDraft[]) => void;
}) {
  const { t } = useI18n();
  const update = (i: number, patch: Partial<CostDraft>) =>
    onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const field = (i: number, k: keyof CostDraft, label: string, type = 'text') => (
    <FormField label={label}>
      <input
        type={type}
        inputMode={k === 'amount' ? 'decimal' : undefined}
        value={rows[i]![k]}
        onChange={(e) => update(i, { [k]: e.target.value })}
      />
    </FormField>
  );
  return (
    <fieldset className="ms-fieldset">
      <legend>{t.serviceCosts}</legend>
      {rows.length === 0 && <p className="muted">{t.serviceNoCosts}</p>}
      {rows.map((_, i) => (
        <div key={i} className="form-grid service-cost">
          {field(i, 'option', t.serviceCostOption)}
          {field(i, 'amount', t.serviceCostAmount)}
          {field(i, 'currency', t.serviceCostCurrency)}
          {field(i, 'amountDescription', t.serviceCostDescription)}
          {field(i, 'validFrom', t.serviceCostFrom, 'date')}
          {field(i, 'validTo', t.serviceCostTo, 'date')}
          <div>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onChange(rows.filter((_, k) => k !== i))}
            >
              {t.serviceCostRemove(i + 1)}
            </button>
          </div>
        </div>
      ))}
      <button type="button" className="btn" onClick={() => onChange([...rows, emptyCost()])}>
        {t.serviceCostAdd}
      </button>
    </fieldset>
  );
}
