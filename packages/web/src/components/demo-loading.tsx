// A quiet note while the Berlin demo's second phase loads after the first start (ADR 0053, 0062):
// asks /api/health while it reports demoLoading (every 3 s while the per cent moves, less often
// while it stands still or the server does not answer: lib/demo-poll.ts). What the screens show
// meanwhile is complete per indicator and date. When the phase has ended the page reloads itself,
// so every screen reads the new dates, tables and facilities, and says so briefly afterwards —
// unless the person has typed into a field meanwhile: then the note offers the reload instead.
import { useEffect, useState } from 'react';
import { healthApi } from '../api/health.ts';
import { useI18n } from '../i18n/index.tsx';
import { firstPoll, isTypingTarget, nextPoll, onDemoLoaded } from '../lib/demo-poll.ts';

/** Set just before the automatic reload, read (and removed) by the reloaded page. */
const RELOADED_KEY = 'sozialraum.demoReloaded';
/** How long the reloaded page says that the demo is complete now. */
const RELOADED_NOTE_MS = 8_000;

type State =
  | { kind: 'quiet' }
  | { kind: 'loading'; percent: number }
  | { kind: 'offer' }
  | { kind: 'reloaded' };

function takeReloadedFlag(): boolean {
  try {
    const set = sessionStorage.getItem(RELOADED_KEY) === '1';
    sessionStorage.removeItem(RELOADED_KEY);
    return set;
  } catch {
    return false; // storage switched off: no note after the reload
  }
}

function reloadNow(): void {
  try {
    sessionStorage.setItem(RELOADED_KEY, '1');
  } catch {
    // storage switched off: reload without the note afterwards
  }
  location.reload();
}

/** The note's state: polls while the demo loads, then reloads the page or offers to. */
function useDemoLoad(): [State, (s: State) => void] {
  const [state, setState] = useState<State>(() =>
    takeReloadedFlag() ? { kind: 'reloaded' } : { kind: 'quiet' },
  );
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasLoading = false;
    let typed = false;
    let poll = firstPoll();
    const onInput = (e: Event) => {
      if (isTypingTarget(e.target as HTMLElement | null)) typed = true;
    };
    document.addEventListener('input', onInput, true);
    const ask = async () => {
      try {
        const h = await healthApi.health();
        if (stopped) return;
        if (h.demoLoading) {
          wasLoading = true;
          poll = nextPoll(poll, h.demoLoading);
          setState({ kind: 'loading', percent: h.demoLoading.percent });
          timer = setTimeout(() => void ask(), poll.delayMs);
        } else if (wasLoading) {
          if (onDemoLoaded(typed) === 'reload') reloadNow();
          else setState({ kind: 'offer' });
        }
      } catch {
        // the server is briefly unreachable: ask again later (backing off), say nothing
        if (stopped || !wasLoading) return;
        poll = nextPoll(poll, 'error');
        timer = setTimeout(() => void ask(), poll.delayMs);
      }
    };
    void ask();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener('input', onInput, true);
    };
  }, []);
  return [state, setState];
}

export function DemoLoadingNote() {
  const { t } = useI18n();
  const [state, setState] = useDemoLoad();
  useEffect(() => {
    if (state.kind !== 'reloaded') return;
    const timer = setTimeout(() => setState({ kind: 'quiet' }), RELOADED_NOTE_MS);
    return () => clearTimeout(timer);
  }, [state.kind, setState]);
  if (state.kind === 'quiet') return null;
  // the live region changes only with the state (not with every per cent), so a screen reader
  // says "still loading" once and "fully loaded" once
  return (
    <div className="demo-loading-note">
      <span className="visually-hidden" role="status">
        {state.kind === 'loading' ? t.demoLoadingShort : t.demoLoaded}
      </span>
      {state.kind === 'loading' && <span aria-hidden="true">{t.demoLoading(state.percent)}</span>}
      {state.kind === 'reloaded' && <span aria-hidden="true">{t.demoReloaded}</span>}
      {state.kind === 'offer' && (
        <>
          <span aria-hidden="true">{t.demoLoadedOffer}</span>{' '}
          <button type="button" className="btn btn-small" onClick={reloadNow}>
            {t.demoReload}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setState({ kind: 'quiet' })}
          >
            {t.demoLater}
          </button>
        </>
      )}
    </div>
  );
}
