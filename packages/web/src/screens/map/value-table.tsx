// The text alternative to the map: all areas with value and class, sortable by every column.
import { useMemo, useState } from 'react';
import { sortAreaValues } from './sort.ts';
import type { SortKey } from './sort.ts';
import type { AreaValue, Indicator } from '../../api/indicators.ts';
import { formatNumber, unitShort } from '../../lib/core-bridge.ts';
import { useI18n } from '../../i18n/index.tsx';

export interface ValueTableProps {
  caption: string;
  indicator: Indicator;
  values: readonly AreaValue[];
  /** class per area id (−1 = no data), as on the map. */
  classByArea: ReadonlyMap<number, number>;
  colors: string[];
  selectedArea: number | null;
  onSelect: (id: number) => void;
  /** The city value with its coverage, as on the legend ("Summe von 11 der 13 Gebiete"); null: none. */
  cityLine?: string | null;
}

/** Sortable table of the shown values; a row's name button opens the area profile. */
export function ValueTable({
  caption,
  indicator,
  values,
  classByArea,
  colors,
  selectedArea,
  onSelect,
  cityLine = null,
}: ValueTableProps) {
  const { t, lang } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({
    key: 'value',
    dir: 'desc',
  });
  const rows = useMemo(() => sortAreaValues(values, sort.key, sort.dir), [values, sort]);
  const hasCounts = values.some((v) => v.numerator !== null || v.denominator !== null);

  const header = (key: SortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
        className={numeric ? 'num' : undefined}
      >
        <button
          type="button"
          className="th-sort"
          onClick={() =>
            setSort({
              key,
              dir:
                active && sort.dir === 'asc'
                  ? 'desc'
                  : active
                    ? 'asc'
                    : key === 'value'
                      ? 'desc'
                      : 'asc',
            })
          }
        >
          {label}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header('code', t.colCode)}
            {header('name', t.colName)}
            {header(
              'value',
              `${t.colValue}${unitShort(indicator.unit, lang) ? ` (${unitShort(indicator.unit, lang)})` : ''}`,
              true,
            )}
            <th scope="col">{t.colClass}</th>
            {hasCounts && (
              <>
                <th scope="col" className="num">
                  {t.colNumerator}
                </th>
                <th scope="col" className="num">
                  {t.colDenominator}
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const c = classByArea.get(r.areaId) ?? -1;
            const ci = c < 0 ? null : c;
            return (
              <tr key={r.areaId} className={r.areaId === selectedArea ? 'is-selected' : undefined}>
                <td className="mono">{r.code}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onSelect(r.areaId)}
                    aria-label={t.openProfile(r.name)}
                  >
                    {r.name}
                  </button>
                </td>
                <td className="num">{formatNumber(r.value, indicator.decimals ?? 1, lang)}</td>
                <td>
                  {ci === null ? (
                    <span className="class-cell">
                      <span className="swatch swatch-small swatch-nodata" aria-hidden="true" />
                      {t.noData}
                    </span>
                  ) : (
                    <span className="class-cell">
                      <span
                        className="swatch swatch-small"
                        style={{ background: colors[ci] }}
                        aria-hidden="true"
                      />
                      {ci + 1}
                    </span>
                  )}
                </td>
                {hasCounts && (
                  <>
                    <td className="num">
                      {r.numerator === null
                        ? '–'
                        : formatNumber(r.numerator, Number.isInteger(r.numerator) ? 0 : 1, lang)}
                    </td>
                    <td className="num">
                      {r.denominator === null
                        ? '–'
                        : formatNumber(
                            r.denominator,
                            Number.isInteger(r.denominator) ? 0 : 1,
                            lang,
                          )}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
        {cityLine && (
          <tfoot>
            <tr className="city-row">
              <td colSpan={hasCounts ? 6 : 4}>{cityLine}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
