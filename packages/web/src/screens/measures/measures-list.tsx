// /massnahmen — the measures the reader may see, filtered by area, Lebenslage, department and
// status (kept in the address), shown as a timeline.
import { useMemo } from 'react';
import { measuresApi, type MeasureSummary } from '../../api/measures.ts';
import { Link } from '../../components/link.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { DIMENSION_ORDER, dimensionLabel } from '../../lib/labels.ts';
import { navigate } from '../../lib/router.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { MEASURE_STATUS_IDS, statusLabel } from './labels.ts';
import { Timeline } from './timeline.tsx';

type FilterKey = 'gebiet' | 'lebenslage' | 'abteilung' | 'status';

function areasOf(list: readonly MeasureSummary[]) {
  const map = new Map<number, string>();
  for (const m of list) for (const a of m.areas) map.set(a.id, a.name);
  return [...map].sort((a, b) => a[1].localeCompare(b[1], 'de'));
}

export function MeasuresList({ search }: { search: string }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const sp = new URLSearchParams(search);
  const f = {
    area: Number(sp.get('gebiet')) || null,
    lebenslage: sp.get('lebenslage'),
    department: sp.get('abteilung'),
    status: sp.get('status'),
  };
  const all = useFetch(() => measuresApi.list(), []);
  const list = useFetch(() => measuresApi.list(f), [search]);
  const areas = useMemo(() => areasOf(all.data ?? []), [all.data]);
  const departments = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of all.data ?? [])
      if (m.departmentId) map.set(m.departmentId, m.departmentName ?? m.departmentId);
    return [...map];
  }, [all.data]);
  const set = (key: FilterKey, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    const s = next.toString();
    navigate(`/massnahmen${s ? `?${s}` : ''}`, { replace: true });
  };
  const filterSelect = (
    key: FilterKey,
    label: string,
    options: readonly (readonly [string, string])[],
  ) => (
    <FormField label={label} className="ms-filter">
      <select value={sp.get(key) ?? ''} onChange={(e) => set(key, e.target.value)}>
        <option value="">{t.msAll}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </FormField>
  );
  return (
    <div className="page ms-page">
      <div className="ms-head">
        <h1>{t.msTitle}</h1>
        {auth.can('measures.edit') && (
          <Link href="/massnahmen/neu" className="btn btn-primary">
            {t.msNew}
          </Link>
        )}
      </div>
      <p className="ms-intro">{t.msIntro}</p>
      {sp.get('geloescht') && (
        <p role="status" className="ms-deleted">
          {t.msDeleted(sp.get('geloescht')!)}
        </p>
      )}
      <fieldset className="ms-filters">
        <legend>{t.msFilters}</legend>
        {filterSelect(
          'gebiet',
          t.msFilterArea,
          areas.map(([id, name]) => [String(id), name] as const),
        )}
        {filterSelect(
          'lebenslage',
          t.msFilterLebenslage,
          DIMENSION_ORDER.filter((d) => d !== 'social_index').map(
            (d) => [d, dimensionLabel(d, lang)] as const,
          ),
        )}
        {filterSelect('abteilung', t.msFilterDepartment, departments)}
        {filterSelect(
          'status',
          t.msFilterStatus,
          MEASURE_STATUS_IDS.map((s) => [s, statusLabel(t, s)] as const),
        )}
      </fieldset>
      {list.status === 'error' && (
        <ErrorState error={list.error} what={t.msTitle} onRetry={list.reload} />
      )}
      {list.status === 'loading' && !list.data && <Loading />}
      {list.data && list.data.length === 0 && (
        <Empty>{all.data?.length ? t.msEmpty : t.msEmptyAll}</Empty>
      )}
      {list.data && list.data.length > 0 && (
        <section aria-labelledby="ms-timeline-title">
          <h2 id="ms-timeline-title">{t.msTimeline}</h2>
          <p className="ms-hint">{t.msTimelineHint}</p>
          <Timeline measures={list.data} />
        </section>
      )}
    </div>
  );
}
