// Comments under a report (issue 13, ADR 0041), when the municipality allows them: listed oldest
// first as plain text (React escapes it), written without an account — the browser solves the
// proof of work — and reported with one tap. The moderators' list is in moderation-comments.tsx.
import { useState, type FormEvent } from 'react';
import { participationApi } from '../../api/participation.ts';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { deviceId, solvePow } from './proof-of-work.ts';

function CommentForm({ reportId, onSent }: { reportId: number; onSent: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const c = await participationApi.challenge();
      const nonce = await solvePow(c.challenge, c.difficulty);
      await participationApi.addComment(reportId, {
        text,
        pow: { challenge: c.challenge, nonce },
      });
      setText('');
      setSent(true);
      onSent();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={send} className="part-comment-form" noValidate>
      <FormField label={t.partCommentText} hint={t.partCommentHelp} error={error}>
        <textarea
          rows={3}
          maxLength={1000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </FormField>
      <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
        {busy ? t.partWorking : t.partCommentSend}
      </button>
      {sent && <p role="status">{t.partCommentSent}</p>}
    </form>
  );
}

export function Comments({ reportId }: { reportId: number }) {
  const { t, lang } = useI18n();
  const q = useFetch(() => participationApi.comments(reportId), [reportId]);
  const [flagged, setFlagged] = useState<Record<number, string>>({});
  const flag = async (id: number) => {
    try {
      await participationApi.flagComment(id, deviceId(), t.partCommentFlagReason);
      setFlagged((f) => ({ ...f, [id]: t.partCommentFlagged }));
    } catch (err) {
      setFlagged((f) => ({ ...f, [id]: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <section className="part-comments" aria-labelledby="part-comments-title">
      <h2 id="part-comments-title">{t.partCommentsTitle}</h2>
      {q.data?.length === 0 && <p>{t.partCommentsEmpty}</p>}
      <ul className="part-comment-list">
        {q.data?.map((c) => (
          <li key={c.id} className="part-comment">
            <p className="part-meta">{t.partCommentFrom(formatDate(c.createdAt, lang))}</p>
            <p className="part-text">{c.text}</p>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void flag(c.id)}
              disabled={!!flagged[c.id]}
            >
              {t.partCommentFlag}
            </button>
            {flagged[c.id] && <span role="status"> {flagged[c.id]}</span>}
          </li>
        ))}
      </ul>
      <CommentForm reportId={reportId} onSent={q.reload} />
    </section>
  );
}
