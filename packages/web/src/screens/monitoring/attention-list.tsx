// The sortable list of "Gebiete mit besonderem Aufmerksamkeitsbedarf" of the shown edition.
import { useMemo, useState } from 'react';
import type { IndexAreaResult } from '../../api/monitoring.ts';
import { formatNumber } from '../../lib/core-bridge.ts';
import { useI18n } from '../../i18n/index.tsx';

type SortKey = 'name' | 'status' | 'dynamics' | 'group';

/** Rows sorted by the chosen column; indices descending (most disadvantaged first), names A–Z. */
export function sortAttention(
  rows: readonly IndexAreaResult[],
  key: SortKey,
  desc: boolean,
): IndexAreaResult[] {
  const val = (a: IndexAreaResult): number | string =>
    key === 'name'
      ? a.name
      : key === 'status'
        ? (a.status?.index ?? -Infinity)
        : key === 'dynamics'
          ? (a.dynamics?.index ?? -Infinity)
          : (a.group?.code ?? '');
  const sorted = [...rows].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    const c =
      typeof x === 'string' && typeof y === 'string'
        ? x.localeCompare(y, 'de')
        : (x as number) - (y as number);
    return c !== 0 ? c : a.code.localeCompare(b.code);
  });
  return desc ? sorted.reverse() : sorted;
}

export function AttentionList({
  areas,
  selected,
  onSelect,
}: {
  areas: readonly IndexAreaResult[];
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const { t, lang } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'status', desc: true });
  const rows = useMemo(
    () =>
      sortAttention(
        areas.filter((a) => a.attention),
        sort.key,
        sort.desc,
      ),
    [areas, sort],
  );
  const head = (key: SortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
        style={{ textAlign: numeric ? 'right' : 'left', padding: '4px 6px' }}
      >
        <button
          type="button"
          className="btn-link"
          style={{
            background: 'none',
            border: 0,
            padding: 0,
            font: 'inherit',
            fontWeight: 600,
            cursor: 'pointer',
            color: 'inherit',
          }}
          title={t.monSortBy(label)}
          onClick={() => setSort({ key, desc: active ? !sort.desc : key !== 'name' })}
        >
          {label} {active ? (sort.desc ? '▼' : '▲') : ''}
        </button>
      </th>
    );
  };
  return (
    <section aria-labelledby="mon-attention-title">
      <h2 id="mon-attention-title" style={{ fontSize: 16, margin: '0 0 2px' }}>
        {t.monAttentionTitle} ({formatNumber(rows.length, 0, lang)})
      </h2>
      <p style={{ margin: '0 0 6px', fontSize: 13, color: '#444' }}>{t.monAttentionRule}</p>
      {rows.length === 0 ? (
        <p>{t.monAttentionNone}</p>
      ) : (
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
          <thead>
            <tr style={{ borderBottom: '1px solid #999' }}>
              {head('name', t.monArea)}
              {head('status', t.monStatusIndex, true)}
              {head('dynamics', t.monDynamicsIndex, true)}
              {head('group', t.monGroup)}
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr
                key={a.areaId}
                onClick={() => onSelect(a.areaId)}
                style={{
                  cursor: 'pointer',
                  background: a.areaId === selected ? '#e3eefa' : undefined,
                  borderBottom: '1px solid #e3e3e3',
                }}
              >
                <td style={{ padding: '3px 6px' }}>
                  <button
                    type="button"
                    onClick={() => onSelect(a.areaId)}
                    style={{
                      background: 'none',
                      border: 0,
                      padding: 0,
                      font: 'inherit',
                      color: '#0b3a66',
                      textDecoration: 'underline',
                      cursor: 'pointer',
                      textAlign: 'left',
                    }}
                  >
                    {a.name}
                  </button>{' '}
                  <span style={{ color: '#555' }}>{a.code}</span>
                </td>
                <td
                  style={{
                    padding: '3px 6px',
                    textAlign: 'right',
                    fontVariantNumeric: 'tabular-nums',
                  }}
                >
                  {formatNumber(a.status?.index, 2, lang)}
                </td>
                <td
                  style={{
                    padding: '3px 6px',
                    textAlign: 'right',
                    fontVariantNumeric: 'tabular-nums',
                  }}
                >
                  {formatNumber(a.dynamics?.index, 2, lang)}
                </td>
                <td style={{ padding: '3px 6px', whiteSpace: 'nowrap' }} title={a.group?.label}>
                  {a.status?.classLabel} / {a.dynamics?.classLabel}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
