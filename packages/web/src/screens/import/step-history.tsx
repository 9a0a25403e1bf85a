// Past imports: start time, duration, file with its SHA-256 (short, copyable), kind, who, rows and
// status — newest first. Shown while no file is being imported.
// Every run has its own start and end on the server's clock (also the demo load's files, which share
// one transaction). File names may break after „_“ or „-“ (<wbr>), not in the middle of a word; the
// full name is in the title. The written count is named per run (values, areas, records): in the
// cell's title and, on a phone, where each run is a block of labelled values (.table-stacked), as
// its label.
import { Fragment, useId } from 'react';
import { CopyButton } from '../../components/copy-button.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { ImportRun } from '../../api/imports.ts';
import { formatNumber } from '../../lib/core-bridge.ts';

type T = ReturnType<typeof useI18n>['t'];

function statusLabel(status: string, t: T): string {
  if (status === 'succeeded') return t.statusSucceededShort;
  if (status === 'failed') return t.statusFailedShort;
  if (status === 'unchanged') return t.statusUnchangedShort;
  if (status === 'dry_run') return t.statusDryRunShort;
  if (status === 'running') return t.statusRunningShort;
  // part of the file is written, the rest follows later (the demo's population files: ADR 0062)
  if (status === 'waiting') return t.statusWaitingShort;
  return status;
}

/** Kind of a past import (server values: areas, observations, points; table as older name). */
function kindLabel(kind: string, t: T): string {
  if (kind === 'areas') return t.historyKindAreas;
  if (kind === 'observations' || kind === 'table') return t.historyKindValues;
  if (kind === 'points') return t.historyKindPoints;
  return kind;
}

/**
 * What a run's written count counts, by its kind: values for a table, areas for an areas import,
 * records for a points import (an upload counts its locations plus their count values per area,
 * the demo's runs only the locations).
 */
export function writtenLabel(kind: string, t: T): string {
  if (kind === 'areas') return t.impAreasWritten;
  if (kind === 'points') return t.impPointsWritten;
  return t.impValuesWritten;
}

/** ISO timestamp → "25.11.2026, 20:15" in the browser's time zone. */
export function formatTimestamp(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/**
 * Milliseconds → "< 0,1 s", "0,8 s", "12 s", "3 min 5 s"; '–' while running. Under 50 ms one decimal
 * would say "0,0 s", as if the import took no time.
 */
export function formatDuration(ms: number | null | undefined, lang: string): string {
  if (ms === null || ms === undefined) return '–';
  const locale = lang === 'en' ? 'en' : 'de';
  if (ms < 50) return `< ${formatNumber(0.1, 1, locale)} s`;
  if (ms < 10_000) return `${formatNumber(ms / 1000, 1, locale)} s`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The file's own name (no folders) in pieces, to be joined with <wbr>: after „_“ and „-“. */
export function fileNameParts(fileName: string): string[] {
  const base = fileName.split(/[\\/]/).pop() || fileName;
  return base.split(/(?<=[_-])/).filter((p) => p !== '');
}

export function StepHistory({ runs }: { runs: readonly ImportRun[] }) {
  const { t, lang } = useI18n();
  const id = useId();
  const f = (n: number) => formatNumber(n, 0, lang);
  const shown = runs.slice(0, 50);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t.importHistory}</h2>
      {runs.length === 0 ? (
        <p className="empty">{t.impHistoryEmpty}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table history-table table-stacked">
            <thead>
              <tr>
                <th scope="col">{t.startedAt}</th>
                <th scope="col" className="num">
                  {t.impDuration}
                </th>
                <th scope="col">{t.file}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.impWho}</th>
                <th scope="col">{t.status}</th>
                <th scope="col" className="num">
                  {t.impRowsRead}
                </th>
                <th scope="col" className="num">
                  {t.impWritten}
                </th>
                <th scope="col" className="num">
                  {t.errors}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap" data-label={t.startedAt}>
                    {formatTimestamp(r.startedAt, lang)}
                  </td>
                  <td className="num nowrap" data-label={t.impDuration}>
                    {formatDuration(r.durationMs, lang)}
                  </td>
                  <td className="file-cell" data-label={t.file}>
                    <span className="mono" title={r.fileName}>
                      {fileNameParts(r.fileName).map((p, k) => (
                        <Fragment key={k}>
                          {k > 0 && <wbr />}
                          {p}
                        </Fragment>
                      ))}
                    </span>
                    {/* the space before the hash is a break opportunity (.sha itself does not wrap) */}
                    {r.fileSha256 && ' '}
                    {r.fileSha256 && (
                      <span className="sha">
                        <abbr className="mono muted" title={`SHA-256 ${r.fileSha256}`}>
                          {r.fileSha256.slice(0, 12)}
                        </abbr>{' '}
                        <CopyButton text={r.fileSha256} ariaLabel={t.impCopySha(r.fileName)} />
                      </span>
                    )}
                  </td>
                  <td data-label={t.kind}>{kindLabel(r.kind, t)}</td>
                  <td data-label={t.impWho}>{r.actor}</td>
                  <td
                    data-label={t.status}
                    title={r.status === 'waiting' ? t.statusWaitingTitle : undefined}
                  >
                    {statusLabel(r.status, t)}
                  </td>
                  <td className="num" data-label={t.impRowsRead}>
                    {f(r.rowsRead)}
                  </td>
                  <td
                    className="num"
                    data-label={writtenLabel(r.kind, t)}
                    title={writtenLabel(r.kind, t)}
                  >
                    {f(r.rowsWritten)}
                  </td>
                  <td className="num" data-label={t.errors}>
                    {f(r.errorCount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
