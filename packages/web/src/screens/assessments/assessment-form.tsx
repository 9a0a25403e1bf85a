// The form „Einschätzung abgeben“ (issue 13 § 4): Lebenslage, date, trend, urgency, text, evidence,
// organisation (those the person may write for) and visibility. With `initial` it changes that
// assessment (PUT; the server keeps the replaced version as a numbered revision). The server checks
// every id again.
import { useState, type FormEvent } from 'react';
import { assessmentsApi, type Assessment, type AssessmentBody } from '../../api/assessments.ts';
import { ApiError } from '../../api/http.ts';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { DIMENSION_ORDER, dimensionLabel } from '../../lib/labels.ts';

type Trend = AssessmentBody['trend'];

export function AssessmentForm({
  areaId,
  organisations,
  onCancel,
  onSaved,
  initial,
}: {
  areaId: number;
  organisations: readonly { id: string; name: string }[];
  onCancel: () => void;
  onSaved: () => void;
  initial?: Assessment | undefined;
}) {
  const { t, lang } = useI18n();
  const [dimension, setDimension] = useState<string>(initial?.dimension ?? 'work');
  const [observedDate, setObservedDate] = useState(
    initial?.observedDate ?? new Date().toISOString().slice(0, 10),
  );
  const [trend, setTrend] = useState<Trend>(initial?.trend ?? 'same');
  const [urgency, setUrgency] = useState(initial?.urgency ?? 2);
  const [text, setText] = useState(initial?.text ?? '');
  const [evidence, setEvidence] = useState(initial?.evidence ?? '');
  const [organisationId, setOrganisationId] = useState(
    initial?.organisation.id ?? organisations[0]?.id ?? '',
  );
  const [visibility, setVisibility] = useState<'internal' | 'public'>(
    initial?.visibility ?? 'internal',
  );
  // the assessment's organisation stays choosable even if it is not among the person's own
  const orgChoices =
    initial && !organisations.some((o) => o.id === initial.organisation.id)
      ? [initial.organisation, ...organisations]
      : organisations;
  const idp = initial ? `as-edit-${initial.id}` : 'as-new';
  const title = initial ? t.asEditTitle : t.asFormTitle;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: AssessmentBody = {
      areaId,
      dimension: dimension as AssessmentBody['dimension'],
      observedDate,
      trend,
      urgency,
      text,
      evidence,
      organisationId,
      visibility,
    };
    (initial ? assessmentsApi.update(initial.id, body) : assessmentsApi.create(body)).then(
      onSaved,
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof ApiError ? err.message : t.serverUnreachable);
      },
    );
  };
  const trends: [Trend, string][] = [
    ['better', t.asTrendBetter],
    ['same', t.asTrendSame],
    ['worse', t.asTrendWorse],
  ];
  return (
    <form className="as-form" onSubmit={submit} aria-label={title}>
      <h4 className="as-form-title">{title}</h4>
      <div className="as-grid">
        <FormField label={t.asDimension}>
          <select value={dimension} onChange={(e) => setDimension(e.target.value)}>
            {DIMENSION_ORDER.filter((d) => d !== 'social_index').map((d) => (
              <option key={d} value={d}>
                {dimensionLabel(d, lang)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t.asDate}>
          <input
            type="date"
            value={observedDate}
            required
            onChange={(e) => setObservedDate(e.target.value)}
          />
        </FormField>
        <FormField label={t.asUrgency}>
          <select value={urgency} onChange={(e) => setUrgency(Number(e.target.value))}>
            {[1, 2, 3].map((u) => (
              <option key={u} value={u}>
                {t.asUrgencyLevel(u)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t.asOrganisation}>
          <select value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
            {orgChoices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <fieldset className="as-trends">
        <legend>{t.asTrend}</legend>
        {trends.map(([value, label]) => (
          <label key={value} className="as-radio">
            <input
              type="radio"
              name={`${idp}-trend`}
              value={value}
              checked={trend === value}
              onChange={() => setTrend(value)}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      <FormField label={t.asText} hint={t.asTextHint}>
        <textarea
          rows={3}
          value={text}
          required
          maxLength={5000}
          onChange={(e) => setText(e.target.value)}
        />
      </FormField>
      <FormField label={t.asEvidence} hint={t.asEvidenceHint}>
        <textarea
          rows={2}
          value={evidence}
          maxLength={5000}
          onChange={(e) => setEvidence(e.target.value)}
        />
      </FormField>
      <FormField label={t.asVisibility}>
        <select
          value={visibility}
          onChange={(e) => setVisibility(e.target.value as 'internal' | 'public')}
        >
          <option value="internal">{t.asInternal}</option>
          <option value="public">{t.asPublic}</option>
        </select>
      </FormField>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="as-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t.asSave}
        </button>{' '}
        <button type="button" className="btn" onClick={onCancel}>
          {t.asCancel}
        </button>
      </p>
    </form>
  );
}
