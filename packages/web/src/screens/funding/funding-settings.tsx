// The tenant's funding settings on the transparency view (funding.edit only): what the public sees
// (nothing, totals, by programme) and which indicator counts the residents for „je Einwohner/in“
// and for spreading money by residents' share. Saved at once (PUT /api/funding/settings, audited).
import { useState } from 'react';
import { transparencyApi } from '../../api/funding.ts';
import { indicatorsApi } from '../../api/indicators.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';

export function FundingSettings({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const res = useFetch(() => transparencyApi.settings(), []);
  const indicators = useFetch(() => indicatorsApi.indicators(), []);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!res.data) return null;
  const save = (body: Parameters<typeof transparencyApi.saveSettings>[0]) => {
    setSaving(true);
    setError(null);
    void transparencyApi
      .saveSettings(body)
      .then(() => {
        res.reload();
        onSaved();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setSaving(false));
  };
  const counts = (indicators.data ?? []).filter((i) => i.kind === 'count');
  return (
    <details className="funding-settings">
      <summary>{t.trSettings}</summary>
      <div className="transparency-form">
        <label>
          {t.trPublicDetail}{' '}
          <select
            value={res.data.publicDetail}
            disabled={saving}
            onChange={(e) => save({ publicDetail: e.target.value as 'totals' })}
          >
            <option value="none">{t.trPublicNone}</option>
            <option value="totals">{t.trPublicTotals}</option>
            <option value="by_programme">{t.trPublicByProgramme}</option>
          </select>
        </label>
        <label>
          {t.trResidentsIndicator}{' '}
          <select
            value={res.data.residentsIndicator ?? ''}
            disabled={saving}
            onChange={(e) => save({ residentsIndicator: e.target.value || null })}
          >
            <option value="">{t.trResidentsAuto}</option>
            {counts.map((i) => (
              <option key={i.id} value={i.id}>
                {i.nameDe}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">{t.trResidentsHelp}</p>
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
