// The app's main navigation. Wide screens show the links in the header; narrow ones (phones, small
// tablets, see styles.css) a button "Menü" that opens them as a list below the header: Enter/Space
// opens it and moves the focus to the first link, Escape closes it and returns the focus to the
// button, and it closes when the page changes, on a click outside or when the focus leaves it. A
// link chosen in the open list moves the focus to the page's content (#main).
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { useLocation } from '../lib/router.ts';
import { Link } from './link.tsx';

export interface NavItem {
  href: string;
  label: string;
  active: boolean;
}

export function MainNav({ items }: { items: NavItem[] }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const nav = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // set when the menu was opened from the keyboard: then the focus moves into it
  const focusFirst = useRef(false);

  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    if (focusFirst.current) {
      focusFirst.current = false;
      list.current?.querySelector<HTMLAnchorElement>('a')?.focus();
    }
    const onDown = (e: MouseEvent) => {
      if (nav.current && !nav.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  return (
    <nav
      aria-label={t.navMain}
      className={open ? 'main-nav main-nav-open' : 'main-nav'}
      ref={nav}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(e) => {
        // the focus went somewhere outside the navigation (Tab past the last link)
        if (open && e.relatedTarget && !nav.current?.contains(e.relatedTarget as Node)) {
          setOpen(false);
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="main-nav-toggle"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        onClick={(e) => {
          // a click from the keyboard (Enter/Space) has detail 0
          focusFirst.current = !open && e.detail === 0;
          setOpen((o) => !o);
        }}
      >
        <span className="main-nav-icon" aria-hidden="true" />
        {t.navMenu}
      </button>
      <ul id={`${id}-list`} ref={list}>
        {items.map((n) => (
          <li key={n.label}>
            <Link
              href={n.href}
              aria-current={n.active ? 'page' : undefined}
              onClick={() => {
                if (!open) return;
                // the list disappears with the focused link: continue on the new page's content
                setOpen(false);
                requestAnimationFrame(() => document.getElementById('main')?.focus());
              }}
            >
              {n.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
