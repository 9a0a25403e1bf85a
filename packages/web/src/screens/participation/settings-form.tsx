// The portal's settings for the administration (participation.configure): the privacy notice shown
// on /mitmachen, after how many flags a report hides itself until a moderator decides, and how much
// work the anonymous proof of work asks of a browser (ADR 0031). Shown on /mitmachen/moderation.
import { useState, type FormEvent } from 'react';
import { participationApi, type ParticipationConfig } from '../../api/participation.ts';
import { useI18n } from '../../i18n/index.tsx';

export function SettingsForm({ config }: { config: ParticipationConfig }) {
  const { t } = useI18n();
  const [threshold, setThreshold] = useState(String(config.flagThreshold));
  const [difficulty, setDifficulty] = useState(String(config.powDifficulty));
  const [notice, setNotice] = useState(config.privacyNotice ?? '');
  const [comments, setComments] = useState(config.commentsEnabled);
  const [msg, setMsg] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await participationApi.saveSettings({
        flagThreshold: Number(threshold),
        powDifficulty: Number(difficulty),
        privacyNotice: notice.trim() ? notice.trim() : null,
        commentsEnabled: comments,
      });
      setMsg(t.partSettingsSaved);
    } catch (err) {
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section className="part-card" aria-labelledby="part-settings-title">
      <h2 id="part-settings-title">{t.partSettingsTitle}</h2>
      <form onSubmit={save} className="part-settings-form">
        <label htmlFor="part-settings-threshold">{t.partSettingsThreshold}</label>
        <input
          id="part-settings-threshold"
          type="number"
          min={0}
          max={100}
          step={1}
          required
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          aria-describedby="part-settings-threshold-hint"
        />
        <p id="part-settings-threshold-hint" className="hint">
          {t.partSettingsThresholdHint}
        </p>
        <label htmlFor="part-settings-difficulty">{t.partSettingsDifficulty}</label>
        <input
          id="part-settings-difficulty"
          type="number"
          min={0}
          max={24}
          step={1}
          required
          value={difficulty}
          onChange={(e) => setDifficulty(e.target.value)}
          aria-describedby="part-settings-difficulty-hint"
        />
        <p id="part-settings-difficulty-hint" className="hint">
          {t.partSettingsDifficultyHint}
        </p>
        <label htmlFor="part-settings-notice">{t.partSettingsNotice}</label>
        <textarea
          id="part-settings-notice"
          rows={6}
          maxLength={20_000}
          value={notice}
          onChange={(e) => setNotice(e.target.value)}
        />
        <label className="part-check">
          <input
            type="checkbox"
            checked={comments}
            onChange={(e) => setComments(e.target.checked)}
          />{' '}
          {t.partSettingsComments}
        </label>
        <button type="submit" className="btn btn-small btn-primary">
          {t.partSettingsSave}
        </button>
        {msg && <p role="status">{msg}</p>}
      </form>
    </section>
  );
}
