// „Einwohnende insgesamt“ in the Zielbevölkerung part of /versorgung (ADR 0058): which count
// indicator of the tenant counts all residents of an area — the denominator of the gaps need
// „Anteil der Zielbevölkerung“ and the count of the rule that publishes no index below the minimum
// population. One for the tenant, whatever service type is chosen. The server checks the choice
// and its refusal is shown at the field (FormField, aria-invalid).
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/http.ts';
import { indicatorsApi } from '../../api/indicators.ts';
import { supplyApi } from '../../api/supply.ts';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';

/** The server's reason for the field (a validation issue of indicatorId), else its whole message. */
function refusalText(err: ApiError): string {
  const issues = Array.isArray(err.details)
    ? (err.details as { field?: unknown; reason?: unknown }[])
    : [];
  const own = issues.find((i) => i.field === 'indicatorId' && typeof i.reason === 'string');
  return own ? String(own.reason) : err.message;
}

export function ResidentsForm({ onSaved }: { onSaved: () => void }) {
  const { t, lang } = useI18n();
  const current = useFetch(() => supplyApi.residents(), []);
  const catalogue = useFetch(() => indicatorsApi.indicators(), []);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => setChosen(current.data?.indicatorId ?? ''), [current.data]);
  const counts = (catalogue.data ?? []).filter((i) => i.kind === 'count');
  const nameOf = (id: string) => {
    const i = counts.find((x) => x.id === id);
    return i ? (lang === 'en' ? i.nameEn : i.nameDe) : id;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    try {
      const r = await supplyApi.setResidents(chosen === '' ? null : chosen);
      setError(null);
      setSaved(
        r.indicatorId ? t.supplyResidentsSaved(nameOf(r.indicatorId)) : t.supplyResidentsRemoved,
      );
      current.reload();
      onSaved();
    } catch (err) {
      setError(
        err instanceof ApiError && err.status !== 0 ? refusalText(err) : t.serverUnreachable,
      );
    }
  };
  return (
    <form className="supply-residents" onSubmit={(e) => void submit(e)}>
      <FormField label={t.supplyResidents} hint={t.supplyResidentsHint} error={error}>
        <select
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            setError(null);
            setSaved(null);
          }}
        >
          <option value="">{t.supplyResidentsNone}</option>
          {chosen !== '' && !counts.some((i) => i.id === chosen) && (
            <option value={chosen}>{chosen}</option>
          )}
          {counts.map((i) => (
            <option key={i.id} value={i.id}>
              {lang === 'en' ? i.nameEn : i.nameDe} ({i.id})
            </option>
          ))}
        </select>
      </FormField>
      <button type="submit" className="btn">
        {t.supplyResidentsSave}
      </button>
      {saved && (
        <p className="form-ok" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}
