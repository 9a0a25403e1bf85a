// The „Lücken“ part of /versorgung (issue 12 § 2, ADR 0055): pick a need measure and a threshold
// (default: the top fifth of the areas), list the areas with high need and no service of the type
// there, with the nearest service and a link to the area profile; CSV in the screen's language
// (gaps-csv.ts). The areas found are marked on the supply map above (onAreas).
import { useEffect, useId, useRef, useState } from 'react';
import { THRESHOLD_LIMIT } from '@sozialraum/contracts/supply';
import { fieldReason } from '../../api/http.ts';
import { supplyApi, type SupplyGaps } from '../../api/supply.ts';
import { FormField } from '../../components/form-field.tsx';
import { Link } from '../../components/link.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { parseDecimal } from '../measures/form-parts.tsx';
import { gapsCsv } from './gaps-csv.ts';
import './gaps-section.css';

type Measure = SupplyGaps['need']['measure'];

/** A need value as shown: a share in per cent (one decimal), an index value with two. */
function needText(v: number | null, unit: 'share' | 'index', lang: 'de' | 'en'): string {
  if (v === null) return '–';
  return unit === 'share' ? `${formatNumber(v * 100, 1, lang)}\u00a0%` : formatNumber(v, 2, lang);
}

function downloadCsv(g: SupplyGaps, t: ReturnType<typeof useI18n>['t']): void {
  const csv = gapsCsv(g, t);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `luecken-${g.serviceType.code}-${g.need.measure}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function GapsSection({
  serviceType,
  onAreas,
  version,
}: {
  serviceType: string;
  onAreas: (ids: ReadonlySet<number>) => void;
  /** moves when the setup is saved: the answer is fetched again */
  version: number;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [measure, setMeasure] = useState<Measure>('target-share');
  const [typed, setTyped] = useState('');
  const [threshold, setThreshold] = useState<number | null>(null);
  const [typedError, setTypedError] = useState<string | null>(null);
  const res = useFetch(
    () => supplyApi.gaps({ serviceType, need: measure, threshold }),
    [serviceType, measure, threshold, version],
  );
  const g = res.status === 'error' ? undefined : res.data;
  // a threshold the server refused is said next to the field, not as an error of the section
  const serverError = res.status === 'error' ? fieldReason(res.error, 'threshold') : null;
  const fieldError = typedError ?? serverError;
  const input = useRef<HTMLInputElement>(null);
  const [tries, setTries] = useState(0);
  useEffect(() => {
    if (fieldError) input.current?.focus();
  }, [fieldError, tries]);
  useEffect(() => onAreas(new Set(g?.rows.map((r) => r.areaId) ?? [])), [g, onAreas]);
  const unit = measure === 'target-share' ? 'share' : 'index';
  const apply = () => {
    setTries((n) => n + 1);
    const v = parseDecimal(typed);
    // an empty field means the top fifth; text that is no number, or out of range, is refused
    const [lo, hi] = unit === 'share' ? [0, 100] : [-THRESHOLD_LIMIT, THRESHOLD_LIMIT];
    if ((v === null && typed.trim() !== '') || (v !== null && !(v >= lo && v <= hi))) {
      setTypedError(t.gapsThresholdInvalid(unit, typed.trim()));
      return;
    }
    setTypedError(null);
    setThreshold(v === null ? null : unit === 'share' ? v / 100 : v);
  };
  return (
    <section aria-labelledby="supply-holes-h" className="supply-holes">
      <h2 id="supply-holes-h">{t.gapsTitle}</h2>
      <p>{t.gapsIntro}</p>
      <form
        className="filters supply-holes-form"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-need`} className="field-label">
            {t.gapsNeed}
          </label>
          <select
            id={`${id}-need`}
            value={measure}
            onChange={(e) => {
              setMeasure(e.target.value as Measure);
              setTyped('');
              setTypedError(null);
              setThreshold(null);
            }}
          >
            <option value="target-share">{t.gapsNeedTargetShare}</option>
            <option value="status-index">{t.gapsNeedStatusIndex}</option>
          </select>
        </div>
        <FormField label={t.gapsThreshold} hint={t.gapsThresholdHint(unit)} error={fieldError}>
          <input
            ref={input}
            type="text"
            inputMode="decimal"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </FormField>
        <div className="field supply-holes-apply">
          <button type="submit" className="btn">
            {t.gapsApply}
          </button>
        </div>
      </form>
      {res.status === 'error' && !serverError && (
        <ErrorState error={res.error} what={t.gapsTitle} onRetry={res.reload} />
      )}
      {res.status === 'loading' && !g && <Loading />}
      {g && <GapsResult g={g} lang={lang} />}
    </section>
  );
}

function GapsResult({ g, lang }: { g: SupplyGaps; lang: 'de' | 'en' }) {
  const { t } = useI18n();
  const threshold =
    g.thresholdRule === 'top-quintile'
      ? `${needText(g.threshold, g.need.unit, lang)}, ${t.gapsRuleTop}`
      : needText(g.threshold, g.need.unit, lang);
  return (
    <>
      <p role="status" className="supply-holes-headline">
        {g.rows.length === 0
          ? t.gapsNone
          : t.gapsHeadline(
              formatNumber(g.rows.length, 0, lang),
              formatNumber(g.highNeed, 0, lang),
              formatNumber(g.considered, 0, lang),
              threshold,
            )}
      </p>
      {g.rows.length > 0 && (
        <>
          <ListTable
            caption={t.gapsTitle}
            className="supply-holes-table table-stacked"
            columns={[
              t.supplyArea,
              t.gapsNeedValue,
              ...(g.need.measure === 'status-index' ? [t.gapsClass] : []),
              t.gapsNearest,
              t.gapsDistance,
            ]}
          >
            {g.rows.map((r) => (
              <tr key={r.areaId}>
                <td className="supply-holes-area">
                  <Link href={`/gebiete/${r.areaId}`}>{r.name}</Link> <small>{r.code}</small>
                </td>
                <td className="num" data-label={t.gapsNeedValue}>
                  {needText(r.need, g.need.unit, lang)}
                </td>
                {g.need.measure === 'status-index' && (
                  <td data-label={t.gapsClass}>{r.needClass ?? '–'}</td>
                )}
                <td data-label={t.gapsNearest}>
                  {r.nearest ? (
                    <Link href={`/angebote/${r.nearest.serviceId}`}>{r.nearest.name}</Link>
                  ) : (
                    t.gapsNoNearest
                  )}
                </td>
                <td className="num" data-label={t.gapsDistance}>
                  {r.nearest ? `${formatNumber(r.nearest.distanceM, 0, lang)} m` : '–'}
                </td>
              </tr>
            ))}
          </ListTable>
          <button type="button" className="btn" onClick={() => downloadCsv(g, t)}>
            {t.gapsCsv}
          </button>
        </>
      )}
      <dl className="supply-method">
        <dt>{t.gapsRule}</dt>
        <dd>{g.rule}</dd>
        <dt>{t.supplyProvenance}</dt>
        <dd>{g.provenance}</dd>
      </dl>
    </>
  );
}
