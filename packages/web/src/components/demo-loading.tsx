// A quiet note while the Berlin demo's second phase loads after the first start (ADR 0053): asks
// /api/health every few seconds while it reports demoLoading. What the screens show meanwhile is
// complete per indicator and date (older years and other tables are absent, never partial); once
// everything is there, the note offers to reload so the screens pick up the rest.
import { useEffect, useState } from 'react';
import { healthApi } from '../api/health.ts';
import { useI18n } from '../i18n/index.tsx';

const POLL_MS = 3_000;

type State = { kind: 'quiet' } | { kind: 'loading'; percent: number } | { kind: 'done' };

export function DemoLoadingNote() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'quiet' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasLoading = false;
    const poll = async () => {
      try {
        const h = await healthApi.health();
        if (stopped) return;
        if (h.demoLoading) {
          wasLoading = true;
          setState({ kind: 'loading', percent: h.demoLoading.percent });
          timer = setTimeout(() => void poll(), POLL_MS);
        } else if (wasLoading) setState({ kind: 'done' });
      } catch {
        // the server is briefly unreachable: ask again later, say nothing
        if (!stopped && wasLoading) timer = setTimeout(() => void poll(), POLL_MS);
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, []);
  if (state.kind === 'quiet') return null;
  // the live region changes only with the state (not with every per cent), so a screen reader
  // says "still loading" once and "fully loaded" once
  return (
    <div className="demo-loading-note">
      <span className="visually-hidden" role="status">
        {state.kind === 'loading' ? t.demoLoadingShort : t.demoLoaded}
      </span>
      {state.kind === 'loading' ? (
        <span aria-hidden="true">{t.demoLoading(state.percent)}</span>
      ) : (
        <>
          <span aria-hidden="true">{t.demoLoaded}</span>{' '}
          <button type="button" className="btn btn-small" onClick={() => location.reload()}>
            {t.demoReload}
          </button>
        </>
      )}
    </div>
  );
}
