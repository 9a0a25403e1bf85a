// "Verlauf": the history of one record in the Protokoll (for people who may read the audit log).
import { useAuth } from '../lib/auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Link } from './link.tsx';

export function HistoryLink({ entity, id, name }: { entity: string; id: string; name: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  if (!auth.can('audit.read')) return null;
  const sp = new URLSearchParams({ objekt: entity, kennung: id });
  return (
    <Link
      href={`/protokoll?${sp.toString()}`}
      className="history-link"
      aria-label={`${t.history}: ${name}`}
    >
      {t.history}
    </Link>
  );
}
