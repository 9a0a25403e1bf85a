// /mitmachen/hinweis/:id — one report with status and public answer; flag it as inappropriate, or
// (its author, with the deletion code) see it with the moderation's reason, or delete it.
import { useState, type FormEvent } from 'react';
import {
  participationApi,
  type ParticipationConfig,
  type PublicReport,
} from '../../api/participation.ts';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Comments } from './comments.tsx';
import { ReportCard } from './report-card.tsx';
import { deviceId } from './proof-of-work.ts';

function FlagForm({ id }: { id: number }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [state, setState] = useState<string | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await participationApi.flag(id, deviceId(), reason);
      setState(t.partFlagged);
    } catch (err) {
      setState(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <details className="part-flag">
      <summary>{t.partFlag}</summary>
      <form onSubmit={send}>
        <label htmlFor="part-flag-reason">{t.partFlagReason}</label>
        <input
          id="part-flag-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
        <button type="submit" className="btn btn-small">
          {t.partFlagSend}
        </button>
        {state && <p role="status">{state}</p>}
      </form>
    </details>
  );
}

/**
 * The author's own door, with the deletion code she was given: see her report as she wrote it (and,
 * when the moderation hid it, why) or delete it. Enter only shows; deleting needs its own button.
 */
function OwnReportForm({ id, onOwn }: { id: number; onOwn: (r: PublicReport) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [state, setState] = useState<string | null>(null);
  const run = async (what: 'view' | 'delete') => {
    try {
      if (what === 'view') {
        onOwn(await participationApi.own(id, code.trim()));
        setState(t.partOwnShown);
      } else {
        await participationApi.remove(id, code.trim());
        setState(t.partDeleted);
      }
    } catch (err) {
      setState(err instanceof Error ? err.message : String(err));
    }
  };
  const view = (e: FormEvent) => {
    e.preventDefault();
    void run('view');
  };
  return (
    <details className="part-flag">
      <summary>{t.partOwnTitle}</summary>
      <form onSubmit={view}>
        <label htmlFor="part-delete-code">{t.partDeleteCodeLabel}</label>
        <input
          id="part-delete-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="btn btn-small">
          {t.partOwnView}
        </button>{' '}
        <button type="button" className="btn btn-small" onClick={() => void run('delete')}>
          {t.partDeleteSend}
        </button>
        {state && <p role="status">{state}</p>}
      </form>
    </details>
  );
}

export function ReportPage({ id, config }: { id: number; config: ParticipationConfig }) {
  const { t } = useI18n();
  const q = useFetch(() => participationApi.report(id), [id]);
  const [own, setOwn] = useState<PublicReport | null>(null);
  return (
    <div className="page part-page">
      <p>
        <Link href="/mitmachen">{t.partBack}</Link>
      </p>
      {q.status === 'loading' && <Loading />}
      {q.status === 'error' && <ErrorState error={q.error} what={`#${id}`} onRetry={q.reload} />}
      {q.data && (
        <>
          <ReportCard report={own ?? q.data} config={config} full />
          {!q.data.hidden && config.commentsEnabled && <Comments reportId={id} />}
          {!q.data.hidden && <FlagForm id={id} />}
          <OwnReportForm id={id} onOwn={setOwn} />
        </>
      )}
    </div>
  );
}
