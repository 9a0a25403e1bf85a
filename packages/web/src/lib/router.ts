// A tiny history router: the path picks the screen, the query string holds the view state.
import { useSyncExternalStore } from 'react';

const EVENT = 'sozialraum:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
}

/** Calls `cb` on every in-app navigation and back/forward; returns the unsubscribe. */
export const onNavigation = subscribe;

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query string; re-renders on navigation and back/forward. */
export function useLocation(): { path: string; search: string } {
  const loc = useSyncExternalStore(subscribe, snapshot, () => '/');
  const i = loc.indexOf('?');
  return i < 0 ? { path: loc, search: '' } : { path: loc.slice(0, i), search: loc.slice(i) };
}

/** Goes to a URL inside the app; `replace` avoids a history entry (for transient states). */
export function navigate(url: string, opts: { replace?: boolean } = {}): void {
  if (url === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
}

/** Click handler for in-app links: plain left clicks navigate without reload, modified clicks keep browser behaviour. */
export function onLinkClick(e: React.MouseEvent<HTMLAnchorElement>): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
    return;
  const href = e.currentTarget.getAttribute('href');
  if (!href || !href.startsWith('/')) return;
  e.preventDefault();
  navigate(href);
}
