// Links of the trace point into long pages (/hinweise#hinweis-12, /konferenzen/sitzungen/3#top-7):
// the page loads its records after the first paint, so the browser's own jump to the anchor finds
// nothing. Once `ready`, and on every later in-app navigation, this scrolls to the anchor.
import { useEffect } from 'react';
import { onNavigation } from './router.ts';

/** Scrolls to the element the URL's fragment names, once the page's records are shown. */
export function useScrollToHash(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const go = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (id) document.getElementById(id)?.scrollIntoView?.({ block: 'start' });
    };
    go();
    const off = onNavigation(go);
    window.addEventListener('hashchange', go);
    return () => {
      off();
      window.removeEventListener('hashchange', go);
    };
  }, [ready]);
}
