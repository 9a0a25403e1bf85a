// File issues (line, column, message) as a table; long lists are cut with a note. On a phone each
// issue is a block with labelled values (.table-stacked), empty line and column left out.
import { ApiError } from '../../api/http.ts';
import type { ImportError } from '../../api/imports.ts';
import { useI18n } from '../../i18n/index.tsx';

const MAX_ERRORS_SHOWN = 200;

/** File issues attached to an API error (400 invalid_file carries them as details). */
export function issuesOf(error: ApiError): ImportError[] {
  return Array.isArray(error.details)
    ? (error.details as ImportError[]).filter((i) => i && typeof i.message === 'string')
    : [];
}

export function IssuesTable({
  issues,
  total,
  caption,
}: {
  issues: readonly ImportError[];
  total: number;
  caption: string;
}) {
  const { t } = useI18n();
  const shown = issues.slice(0, MAX_ERRORS_SHOWN);
  return (
    <div className="table-wrap">
      <table className="data-table issues-table table-stacked">
        <caption>
          {caption}
          {total > shown.length ? ` – ${t.errorsShown(shown.length, total)}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.file}</th>
            <th scope="col" className="num">
              {t.line}
            </th>
            <th scope="col">{t.column}</th>
            <th scope="col">{t.message}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e, i) => (
            <tr key={i}>
              <td className="mono" data-label={t.file}>
                {e.file}
              </td>
              <td className={e.line == null ? 'num no-value' : 'num'} data-label={t.line}>
                {e.line ?? '–'}
              </td>
              <td className={e.column == null ? 'mono no-value' : 'mono'} data-label={t.column}>
                {e.column ?? '–'}
              </td>
              <td data-label={t.message}>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
