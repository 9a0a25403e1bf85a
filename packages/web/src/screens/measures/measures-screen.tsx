// /massnahmen/… — measures (issue 14 § 2): the list with its timeline, one measure, the form.
import { RequireAuth } from '../../components/guard.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { MeasureForm } from './measure-form.tsx';
import { MeasurePage } from './measure-page.tsx';
import { MeasuresList } from './measures-list.tsx';
import './measures.css';

/** True for the measures' paths. */
export const isMeasuresPath = (path: string) => /^\/massnahmen(\/|$)/.test(path);

export function MeasuresScreen({ path, search }: { path: string; search: string }) {
  const { t } = useI18n();
  const p = path.replace(/\/+$/, '');
  if (p === '/massnahmen/neu')
    return (
      <RequireAuth anyOf={['measures.edit', 'measures.edit_all']} title={t.msFormNew}>
        <MeasureForm id={null} search={search} />
      </RequireAuth>
    );
  const edit = /^\/massnahmen\/(\d{1,9})\/bearbeiten$/.exec(p);
  if (edit)
    return (
      <RequireAuth anyOf={['measures.edit', 'measures.edit_all']} title={t.msEdit}>
        <MeasureForm id={edit[1]!} search={search} />
      </RequireAuth>
    );
  const one = /^\/massnahmen\/(\d{1,9})$/.exec(p);
  if (one) return <MeasurePage id={one[1]!} />;
  return <MeasuresList search={search} />;
}
