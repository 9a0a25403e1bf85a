// What a table run's report says about a published table (issue 9 § 2, § 6), with the decisions it
// offers: rows that are no area (skip them as a group), all-zero rows (treat as missing), text
// markers (import as missing only with consent), the name review, the overwrite list (old → new) and
// the plausibility warnings. A changed decision applies to the next dry run or import.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/core-bridge.ts';
import type { TableImportDetails } from '../../api/imports-published.ts';
import type { Decisions } from './decisions.ts';
import { NameReview } from './name-review.tsx';
import { formatStoredValue } from './stored-value.ts';
import { isoToGerman } from './new-indicators.ts';
import type { ImportState } from './use-import.ts';

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card-inner report-block">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

function Consent({
  s,
  field,
  label,
}: {
  s: ImportState;
  field: 'skipNonAreaRows' | 'zeroRowsMissing' | 'acceptMarkers';
  label: string;
}) {
  const set = (v: boolean) => s.setDecisions({ ...s.decisions, [field]: v } as Decisions);
  // after the import the decisions are history: shown, no longer editable
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={s.decisions[field]}
        disabled={s.flow.done}
        onChange={(e) => set(e.target.checked)}
      />
      {label}
    </label>
  );
}

function NonAreaRows({ s, d }: { s: ImportState; d: TableImportDetails }) {
  const { t, lang } = useI18n();
  if (d.nonAreaRows.length === 0) return null;
  const n = d.nonAreaRows.reduce((sum, g) => sum + g.count, 0);
  // the server leaves city and sum rows out by itself; a choice is only needed for the others
  const open = d.nonAreaRows.some((g) => !g.skipped) || s.decisions.skipNonAreaRows;
  return (
    <Block title={t.impNonAreaTitle(n, formatNumber(n, 0, lang))}>
      <ul>
        {d.nonAreaRows.map((g) => (
          <li key={g.kind}>
            {g.label}: {formatNumber(g.count, 0, lang)} ({t.line} {g.lines.slice(0, 5).join(', ')}
            {g.lines.length > 5 ? ', …' : ''}) – {g.examples.map((e) => `„${e}“`).join(', ')}
            {g.skipped ? ` – ${t.impSkipped}` : ''}
          </li>
        ))}
      </ul>
      {open ? (
        <Consent
          s={s}
          field="skipNonAreaRows"
          label={t.impSkipNonArea(n, formatNumber(n, 0, lang))}
        />
      ) : (
        <p>{t.impNonAreaAllSkipped}</p>
      )}
    </Block>
  );
}

function Numbers({ s, d }: { s: ImportState; d: TableImportDetails }) {
  const { t, lang } = useI18n();
  const f = (n: number) => formatNumber(n, 0, lang);
  const { cells, plausibility: p } = d;
  const zero = p.zeroRows;
  const items: ReactNode[] = [];
  if (cells.missingCount > 0)
    items.push(
      t.impMissing(
        cells.missingCount,
        f(cells.missingCount),
        cells.missingByMarker
          .map((m) => `${m.kind === 'blank' ? t.impBlank : `„${m.marker}“`}: ${f(m.count)}`)
          .join(', '),
      ),
    );
  if (cells.footnoteCount > 0)
    items.push(t.impFootnotes(f(cells.footnoteCount), cells.footnoteMarks.join(' ')));
  for (const c of p.decimalsInCounts)
    items.push(t.impDecimalsInCount(c.indicatorId, f(c.count), String(c.firstLine), c.example));
  if (p.thousandsInPercent)
    items.push(
      t.impThousandsInPercent(
        p.thousandsInPercent.column,
        f(p.thousandsInPercent.count),
        p.thousandsInPercent.example,
      ),
    );
  const show = items.length > 0 || d.textMarkers.length > 0 || zero.count > 0;
  if (!show) return null;
  return (
    <Block title={t.impPlausibility}>
      {items.length > 0 && (
        <ul>
          {items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      )}
      {d.textMarkers.length > 0 && (
        <>
          <p>{t.impMarkers}</p>
          <ul>
            {d.textMarkers.map((m) => (
              <li key={m.marker}>
                „{m.marker}“: {f(m.count)} ({t.impFirstAt(String(m.firstLine), m.firstColumn)})
              </li>
            ))}
          </ul>
          <Consent s={s} field="acceptMarkers" label={t.impAcceptMarkers} />
        </>
      )}
      {zero.count > 0 && (
        <>
          <p>{t.impZeroRows(zero.count, f(zero.count), zero.lines.slice(0, 10).join(', '))}</p>
          <Consent s={s} field="zeroRowsMissing" label={t.impZeroAsMissing} />
        </>
      )}
    </Block>
  );
}

function Overwrite({ d }: { d: TableImportDetails }) {
  const { t, lang } = useI18n();
  const o = d.overwrite;
  const f = (n: number) => formatNumber(n, 0, lang);
  const v = (x: number | null) => (x === null ? t.impMissingValue : formatStoredValue(x, lang));
  return (
    <Block title={t.impOverwriteTitle}>
      <p>{t.impOverwriteSummary(f(o.changed), f(o.unchanged), f(o.added))}</p>
      {o.examples.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption>{t.impOverwriteExamples(f(o.examples.length), f(o.changed))}</caption>
            <thead>
              <tr>
                <th scope="col">{t.indicator}</th>
                <th scope="col">{t.impArea}</th>
                <th scope="col">{t.fixedDate}</th>
                <th scope="col" className="num">
                  {t.impOld}
                </th>
                <th scope="col" className="num">
                  {t.impNew}
                </th>
              </tr>
            </thead>
            <tbody>
              {o.examples.map((e) => (
                <tr key={`${e.indicatorId}-${e.areaCode}-${e.refDate}`}>
                  <td className="mono">{e.indicatorId}</td>
                  <td>
                    {e.areaCode} {e.areaName}
                  </td>
                  <td>{isoToGerman(e.refDate)}</td>
                  <td className="num">{v(e.old)}</td>
                  <td className="num">{v(e.new)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Block>
  );
}

export function ReportDetails({ s, d }: { s: ImportState; d: TableImportDetails }) {
  const { t } = useI18n();
  const h = d.headerPresence;
  return (
    <div className="report-details">
      <p className="hint">
        {h.used ? t.impHeaderUsed : t.impHeaderNotUsed} (
        {h.decidedBy === 'person' ? t.impByPerson : t.impByDetection})
      </p>
      {d.columnDates.length > 0 && (
        <p>
          {t.impColumnDates}{' '}
          {d.columnDates.map((c) => `${c.column} → ${isoToGerman(c.date)}`).join(', ')}
        </p>
      )}
      <NameReview
        s={s}
        matches={d.nameMatches.filter(
          (m) => !(m.status === 'matched' && m.reasons.every((r) => r === 'gleicher Name')),
        )}
      />
      <NonAreaRows s={s} d={d} />
      <Numbers s={s} d={d} />
      <Overwrite d={d} />
      {d.synonymsSaved > 0 && <p>{t.impSynonymsSaved(d.synonymsSaved)}</p>}
    </div>
  );
}
