// The measure form's location (issue 14 § 2): none, a point or a line, drawn on the map of the
// measure's areas (location-map.tsx) or typed as one „Breite, Länge“ per line (the order map
// services copy out; the keyboard alternative); the server checks it lies inside the
// measure's areas. Also the „gesamtstädtisch“ switch, which takes the place of areas.
import type { MeasureDetail, MeasureInput } from '../../api/measures.ts';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { AreaChoice } from './form-parts.tsx';
import { LocationMap } from './location-map.tsx';

export interface LocationDraft {
  kind: 'none' | 'Point' | 'LineString';
  text: string;
}

export const NO_LOCATION: LocationDraft = { kind: 'none', text: '' };

/** The draft of a stored location: one „lat, lon“ per line, decimal point. */
export function locationFromDetail(g: MeasureDetail['geometry']): LocationDraft {
  if (!g) return NO_LOCATION;
  const list = g.type === 'Point' ? [g.coordinates] : g.coordinates;
  return { kind: g.type, text: list.map((p) => `${p[1]}, ${p[0]}`).join('\n') };
}

const NUMBER = /-?\d+(?:[.,]\d+)?/g;

type Geometry = MeasureInput['geometry'];
type Messages = { bad: (line: number) => string; one: string; two: string };

/** The geometry of a draft, or the message saying what is wrong with it. */
export function parseLocation(
  d: LocationDraft,
  m: Messages,
): { geometry: Geometry; error: null } | { geometry: null; error: string } {
  if (d.kind === 'none') return { geometry: null, error: null };
  const lines = d.text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const positions: number[][] = [];
  for (const [i, line] of lines.entries()) {
    const nums = (line.match(NUMBER) ?? []).map((x) => Number(x.replace(',', '.')));
    if (nums.length !== 2 || nums.some((n) => !Number.isFinite(n)))
      return { geometry: null, error: m.bad(i + 1) };
    positions.push([nums[1]!, nums[0]!]);
  }
  if (d.kind === 'Point')
    return positions.length === 1
      ? { geometry: { type: 'Point', coordinates: positions[0]! }, error: null }
      : { geometry: null, error: m.one };
  return positions.length >= 2
    ? { geometry: { type: 'LineString', coordinates: positions }, error: null }
    : { geometry: null, error: m.two };
}

/** The „gesamtstädtisch“ check box. */
export function CitywideField({
  citywide,
  onChange,
}: {
  citywide: boolean;
  onChange: (v: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="ms-check ms-citywide">
      <input type="checkbox" checked={citywide} onChange={(e) => onChange(e.target.checked)} />
      <span>{t.msFormCitywide}</span>
    </label>
  );
}

/** The location: kind (none, point, line) and the coordinates. */
export function LocationField({
  value,
  areas,
  onChange,
}: {
  value: LocationDraft;
  areas: AreaChoice[];
  onChange: (v: LocationDraft) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="ms-fieldset">
      <legend>{t.msLocation}</legend>
      <div className="ms-grid">
        <FormField label={t.msLocationKind}>
          <select
            value={value.kind}
            onChange={(e) => onChange({ ...value, kind: e.target.value as LocationDraft['kind'] })}
          >
            <option value="none">{t.msLocationNone}</option>
            <option value="Point">{t.msLocationPoint}</option>
            <option value="LineString">{t.msLocationLine}</option>
          </select>
        </FormField>
      </div>
      {value.kind !== 'none' && <LocationMap areas={areas} value={value} onChange={onChange} />}
      {value.kind !== 'none' && (
        <FormField label={t.msLocationCoordinates} hint={t.msLocationHint}>
          <textarea
            rows={value.kind === 'Point' ? 1 : 4}
            value={value.text}
            onChange={(e) => onChange({ ...value, text: e.target.value })}
            spellCheck={false}
          />
        </FormField>
      )}
    </fieldset>
  );
}
