// The scaffolding of a list table: scrollable wrapper, a caption for screen readers (it names the
// table), one header cell per column and, for a last column of buttons, a header only screen
// readers hear ("Aktionen"). The caller renders the rows.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';

export function ListTable({
  caption,
  columns,
  actions = false,
  className,
  children,
}: {
  caption: string;
  columns: string[];
  /** add the visually hidden "Aktionen" header for a last column of buttons */
  actions?: boolean;
  /** classes besides `list-table` */
  className?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    // focusable, so a keyboard can scroll a table wider than the phone (axe: scrollable-region-focusable)
    <div className="list-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className={className ? `list-table ${className}` : 'list-table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">{t.colActions}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
