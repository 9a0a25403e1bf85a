// /mitmachen/moderation — the moderators' queue: hide or show with a public reason; people with
// participation.answer also set the status and the public answer (the author is e-mailed).
import { useState } from 'react';
import {
  participationApi,
  type ModeratedReport,
  type ParticipationConfig,
  type ReportStatusId,
} from '../../api/participation.ts';
import { RequireAuth } from '../../components/guard.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { CommentModeration } from './moderation-comments.tsx';
import { Open311Keys } from './open311-keys.tsx';
import { SettingsForm } from './settings-form.tsx';
import { statusLabel, topicLabel } from './report-card.tsx';
import { ReportPhotos } from './report-photos.tsx';

function QueueItem({
  r,
  config,
  onChange,
}: {
  r: ModeratedReport;
  config: ParticipationConfig;
  onChange: () => void;
}) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<ReportStatusId>(r.status);
  const [answer, setAnswer] = useState(r.publicAnswer ?? '');
  const [msg, setMsg] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setMsg(t.partModSaved);
      onChange();
    } catch (err) {
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <article className="part-card" aria-labelledby={`part-m-${r.id}`}>
      <h2 id={`part-m-${r.id}`}>
        {r.id}: {topicLabel(config, r.topic, lang)} · {statusLabel(config, r.status, lang)}
        {r.hidden && ` · ${t.partHidden}`}
      </h2>
      <p className="part-text">{r.text}</p>
      <ReportPhotos
        reportId={r.id}
        photos={r.photos}
        onRemove={(photoId, n) => {
          if (reason.trim().length < 3) return setMsg(t.partPhotoRemoveNeedsReason);
          if (!window.confirm(t.partPhotoRemoveConfirm(n))) return;
          void run(() => participationApi.removePhoto(r.id, photoId, reason.trim()));
        }}
      />
      {r.flagCount > 0 && (
        <p className="part-hidden">
          {t.partModFlags(r.flagCount)}: {r.flagReasons.join(' · ')}
        </p>
      )}
      {r.hiddenReason && <p>{t.partHiddenReason(r.hiddenReason)}</p>}
      <label htmlFor={`part-m-reason-${r.id}`}>{t.partModReason}</label>
      <input
        id={`part-m-reason-${r.id}`}
        value={reason}
        aria-describedby={r.photos.length > 0 ? `part-m-reason-hint-${r.id}` : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {r.photos.length > 0 && (
        <p id={`part-m-reason-hint-${r.id}`} className="hint">
          {t.partModReasonPhotoHint}
        </p>
      )}
      <div className="part-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            run(() => participationApi.moderate(r.id, r.hidden ? 'show' : 'hide', reason))
          }
        >
          {r.hidden ? t.partModShow : t.partModHide}
        </button>
      </div>
      {auth.can('participation.answer') && (
        <div className="part-answer-form">
          <label htmlFor={`part-m-status-${r.id}`}>{t.partModStatus}</label>
          <select
            id={`part-m-status-${r.id}`}
            value={status}
            onChange={(e) => setStatus(e.target.value as ReportStatusId)}
          >
            {config.statuses.map((s) => (
              <option key={s.id} value={s.id}>
                {lang === 'en' ? s.en : s.de}
              </option>
            ))}
          </select>
          <label htmlFor={`part-m-answer-${r.id}`}>{t.partModAnswer}</label>
          <textarea
            id={`part-m-answer-${r.id}`}
            rows={3}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => run(() => participationApi.answer(r.id, status, answer.trim() || null))}
          >
            {t.partModSave}
          </button>
        </div>
      )}
      {msg && <p role="status">{msg}</p>}
    </article>
  );
}

function Queue({ config }: { config: ParticipationConfig }) {
  const { t } = useI18n();
  const auth = useAuth();
  const q = useFetch(() => participationApi.queue(), []);
  return (
    <div className="page part-page">
      <h1>{t.partModTitle}</h1>
      <p className="lead">{t.partModIntro}</p>
      {q.status === 'loading' && !q.data && <Loading />}
      {q.status === 'error' && (
        <ErrorState error={q.error} what={t.partModTitle} onRetry={q.reload} />
      )}
      {q.data && q.data.length === 0 && <Empty>{t.partModEmpty}</Empty>}
      {q.data?.map((r) => (
        <QueueItem key={`${r.id}-${r.updatedAt}`} r={r} config={config} onChange={q.reload} />
      ))}
      {auth.can('participation.moderate') && <CommentModeration />}
      {auth.can('participation.configure') && <SettingsForm config={config} />}
      {auth.can('participation.configure') && <Open311Keys />}
    </div>
  );
}

export function ModerationScreen({ config }: { config: ParticipationConfig }) {
  const { t } = useI18n();
  return (
    <RequireAuth anyOf={['participation.moderate', 'participation.answer']} title={t.partModTitle}>
      <Queue config={config} />
    </RequireAuth>
  );
}
