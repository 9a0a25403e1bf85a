// The form of a new report: kind, topic, text, place (map or own location), optional e-mail; the
// browser solves the proof of work before sending, then uploads the chosen photos (up to 3) with the
// deletion code. Errors from the server are shown as they come
// (German, naming the field).
import { useState, type FormEvent } from 'react';
import type { AreaCollection } from '../../api/areas.ts';
import {
  participationApi,
  type ParticipationConfig,
  type ReportSubmitted,
} from '../../api/participation.ts';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { PlaceMap, type MapPoint } from './place-map.tsx';
import { solvePow } from './proof-of-work.ts';

/** The stored report and what became of its photos. */
export type Submitted = ReportSubmitted & { photosSaved: number; photoErrors: string[] };

interface Props {
  config: ParticipationConfig;
  areas: AreaCollection | null;
  onSubmitted: (r: Submitted) => void;
}

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_PHOTOS = 3;
const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

/** The first problem of the chosen photos (the server checks again), or null. */
function photoProblem(files: File[], t: ReturnType<typeof useI18n>['t']): string | null {
  if (files.length > MAX_PHOTOS) return t.partPhotosTooMany;
  for (const f of files) {
    if (!PHOTO_TYPES.includes(f.type)) return t.partPhotoType(f.name);
    if (f.size > MAX_PHOTO_BYTES) return t.partPhotoTooLarge(f.name);
  }
  return null;
}

/** Uploads the photos one by one; a refused photo does not undo the report. */
async function uploadPhotos(
  id: number,
  code: string,
  files: File[],
  t: ReturnType<typeof useI18n>['t'],
) {
  let saved = 0;
  const errors: string[] = [];
  for (const f of files) {
    try {
      await participationApi.addPhoto(id, code, f);
      saved++;
    } catch (err) {
      errors.push(t.partPhotoFailed(f.name, err instanceof Error ? err.message : String(err)));
    }
  }
  return { photosSaved: saved, photoErrors: errors };
}

export function SubmitForm({ config, areas, onSubmitted }: Props) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<'hint' | 'idea'>('hint');
  const [topic, setTopic] = useState('');
  const [text, setText] = useState('');
  const [email, setEmail] = useState('');
  const [point, setPoint] = useState<MapPoint | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const useLocation = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => setPoint({ lon: p.coords.longitude, lat: p.coords.latitude }),
      () => setError(t.partLocationFailed),
    ) ?? setError(t.partLocationFailed);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!point) return setError(t.partMissingPlace);
    const problem = photoProblem(photos, t);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      const c = await participationApi.challenge();
      const nonce = await solvePow(c.challenge, c.difficulty);
      const r = await participationApi.submit({
        kind,
        topic: topic as never,
        text,
        lon: point.lon,
        lat: point.lat,
        email: email.trim() || null,
        pow: { challenge: c.challenge, nonce },
      });
      onSubmitted({ ...r, ...(await uploadPhotos(r.report.id, r.deleteToken, photos, t)) });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="part-form" onSubmit={submit} noValidate>
      <h2>{t.partNewTitle}</h2>
      <fieldset className="part-kind">
        <legend>{t.partKind}</legend>
        {(['hint', 'idea'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />{' '}
            {k === 'hint' ? t.partKindHint : t.partKindIdea}
          </label>
        ))}
      </fieldset>
      <label htmlFor="part-topic">{t.partTopic}</label>
      <select id="part-topic" value={topic} onChange={(e) => setTopic(e.target.value)} required>
        <option value="">{t.partTopicChoose}</option>
        {config.topics.map((tp) => (
          <option key={tp.id} value={tp.id}>
            {lang === 'en' ? tp.en : tp.de}
          </option>
        ))}
      </select>
      <label htmlFor="part-text">{t.partText}</label>
      <textarea
        id="part-text"
        rows={5}
        value={text}
        maxLength={3000}
        onChange={(e) => setText(e.target.value)}
        aria-describedby="part-text-help"
        required
      />
      <p id="part-text-help" className="hint">
        {t.partTextHelp}
      </p>
      <fieldset className="part-place">
        <legend>{t.partPlace}</legend>
        <p className="hint">{t.partPlaceHelp}</p>
        {config.bbox && (
          <PlaceMap
            bbox={config.bbox}
            areas={areas}
            reports={[]}
            point={point}
            onPlace={setPoint}
            label={t.partMapLabel}
          />
        )}
        <p aria-live="polite" className="part-place-state">
          {point
            ? t.partPlaceSet(formatNumber(point.lat, 5), formatNumber(point.lon, 5))
            : t.partPlaceNone}
        </p>
        <button type="button" className="btn btn-small" onClick={useLocation}>
          {t.partUseLocation}
        </button>
      </fieldset>
      <FormField label={t.partPhotos} hint={t.partPhotosHelp} error={photoProblem(photos, t)}>
        <input
          type="file"
          name="photos"
          accept={PHOTO_TYPES.join(',')}
          multiple
          onChange={(e) => setPhotos([...(e.target.files ?? [])])}
        />
      </FormField>
      {photos.length > 0 && (
        <p className="part-photo-count" aria-live="polite">
          {t.partPhotosChosen(photos.length)}
        </p>
      )}
      <label htmlFor="part-email">{t.partEmail}</label>
      <input
        id="part-email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        aria-describedby="part-email-help"
      />
      <p id="part-email-help" className="hint">
        {t.partEmailHelp}
      </p>
      <details className="part-privacy">
        <summary>{t.partPrivacy}</summary>
        <p>{config.privacyNotice ?? t.partPrivacyDefault}</p>
      </details>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t.partWorking : t.partSubmit}
      </button>
    </form>
  );
}
