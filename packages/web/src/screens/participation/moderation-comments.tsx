// The moderators' list of comments (ADR 0041): hidden, flagged and unreviewed first; hide or show
// each with a reason (audited on the server).
import { useState } from 'react';
import { participationApi, type ModeratedComment } from '../../api/participation.ts';
import { FormField } from '../../components/form-field.tsx';
import { Empty } from '../../components/status.tsx';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';

function CommentItem({ c, onChange }: { c: ModeratedComment; onChange: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const act = async () => {
    try {
      await participationApi.moderateComment(c.id, c.hidden ? 'show' : 'hide', reason);
      setMsg(t.partModSaved);
      onChange();
    } catch (err) {
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <li className="part-comment">
      <p className="part-meta">
        #{c.id}{' '}
        <Link href={`/mitmachen/hinweis/${c.reportId}`}>{t.partModCommentOn(c.reportId)}</Link>
        {c.hidden && ` · ${t.partHidden}`}
      </p>
      <p className="part-text">{c.text}</p>
      {c.flagCount > 0 && (
        <p className="part-hidden">
          {t.partModFlags(c.flagCount)}: {c.flagReasons.join(' · ')}
        </p>
      )}
      {c.hiddenReason && <p>{t.partHiddenReason(c.hiddenReason)}</p>}
      <FormField label={t.partModReason}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </FormField>
      <button type="button" className="btn btn-small" onClick={() => void act()}>
        {c.hidden ? t.partModShow : t.partModHide}
      </button>
      {msg && <p role="status">{msg}</p>}
    </li>
  );
}

export function CommentModeration() {
  const { t } = useI18n();
  const q = useFetch(() => participationApi.commentQueue(), []);
  return (
    <section className="part-card" aria-labelledby="part-mod-comments">
      <h2 id="part-mod-comments">{t.partModCommentsTitle}</h2>
      {q.data?.length === 0 && <Empty>{t.partModCommentsEmpty}</Empty>}
      <ul className="part-comment-list">
        {q.data?.map((c) => (
          <CommentItem key={`${c.id}-${c.hidden}`} c={c} onChange={q.reload} />
        ))}
      </ul>
    </section>
  );
}
