// The header's account area: "Anmelden" for the public, else name, department and a menu (Mein
// Konto, Verwaltung, Protokoll, Abmelden) that opens with Enter/Space and closes with Escape.
import { useEffect, useId, useRef, useState } from 'react';
import { useAuth } from '../lib/auth.tsx';
import { canAny, signInHref } from '../lib/access.ts';
import { navigate, useLocation } from '../lib/router.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from './link.tsx';

export const ADMIN_PERMISSIONS = ['access.users', 'access.departments', 'access.roles'];

export function UserMenu({ departmentName }: { departmentName: (id: string) => string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const { path, search } = useLocation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  // close when the page changes
  useEffect(() => setOpen(false), [path]);

  const me = auth.me;
  if (!me) return null;
  if (!me.signedIn || !me.user) {
    if (path === '/anmelden') return null;
    return (
      <Link href={signInHref(path + search)} className="btn btn-small sign-in-link">
        {t.signInLink}
      </Link>
    );
  }
  const user = me.user;
  const dept = user.departmentId ? departmentName(user.departmentId) : t.noDepartment;
  return (
    <div
      className="user-menu"
      ref={wrap}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((o) => !o)}
      >
        {/* the visible name stays inside the accessible name (axe label-content-name-mismatch) */}
        <span className="visually-hidden">{t.accountMenu('')}</span>
        <span className="user-name">{user.displayName}</span>
        <span className="user-dept">{dept}</span>
        <span className="user-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <ul id={`${id}-menu`} className="user-menu-list">
          <li>
            <Link href="/konto">{t.myAccount}</Link>
          </li>
          {canAny(me, ADMIN_PERMISSIONS) && (
            <li>
              <Link href="/verwaltung">{t.administration}</Link>
            </li>
          )}
          {auth.can('audit.read') && (
            <li>
              <Link href="/protokoll">{t.auditLog}</Link>
            </li>
          )}
          {auth.can('audit.read_all') && (
            <li>
              <Link href="/auftraege">{t.jobsLink}</Link>
            </li>
          )}
          <li>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setOpen(false);
                void auth.signOut().then(() => navigate('/anmelden?abgemeldet=1'));
              }}
            >
              {t.signOut}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
