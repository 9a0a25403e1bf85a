// /mitmachen/bestaetigen?token=… — the double opt-in: the link from the e-mail opens this page,
// and only the button confirms (a mail scanner that follows links confirms nothing).
import { useState } from 'react';
import { participationApi } from '../../api/participation.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function ConfirmPage({ search }: { search: string }) {
  const { t } = useI18n();
  const token = new URLSearchParams(search).get('token') ?? '';
  const [state, setState] = useState<string | null>(null);
  const confirm = async () => {
    try {
      const r = await participationApi.confirmEmail(token);
      setState(t.partConfirmed(r.reportId));
    } catch (err) {
      setState(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="page part-page">
      <h1>{t.partConfirmTitle}</h1>
      <button
        type="button"
        className="btn btn-primary"
        onClick={confirm}
        disabled={!token || state !== null}
      >
        {t.partConfirmButton}
      </button>
      {state && <p role="status">{state}</p>}
      <p>
        <Link href="/mitmachen">{t.partBack}</Link>
      </p>
    </div>
  );
}
