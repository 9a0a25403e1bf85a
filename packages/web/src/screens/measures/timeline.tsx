// A Gantt-like timeline of measures: one row per measure with its period as a bar (progress filled
// in), a line for today, overdue and off-target measures flagged. Rows are links, so the keyboard
// reaches every measure; the bars are decoration of the dates written beside them.
import type { MeasureSummary } from '../../api/measures.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { dayOf, measureUrl, statusLabel, todayIso } from './labels.ts';

function range(measures: readonly MeasureSummary[], today: string): [number, number] {
  const days = [dayOf(today)];
  for (const m of measures) {
    if (m.start) days.push(dayOf(m.start));
    if (m.end) days.push(dayOf(m.end));
  }
  // whole years around the dates
  const from = new Date(Math.min(...days) * 86_400_000).getUTCFullYear();
  const to = new Date(Math.max(...days) * 86_400_000).getUTCFullYear() + 1;
  return [dayOf(`${from}-01-01`), dayOf(`${to}-01-01`)];
}

export function MeasureSignals({ m }: { m: Pick<MeasureSummary, 'signals'> }) {
  const { t } = useI18n();
  const kinds = new Set(m.signals.map((s) => s.kind));
  return (
    <>
      {kinds.has('overdue') && <span className="ms-badge ms-badge-overdue">{t.msOverdue}</span>}
      {kinds.has('off_target') && (
        <span className="ms-badge ms-badge-offtarget">{t.msOffTarget}</span>
      )}
    </>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div
      className="ms-progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value)}
      aria-label={label}
    >
      <span style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
    </div>
  );
}

export function Timeline({ measures }: { measures: readonly MeasureSummary[] }) {
  const { t, lang } = useI18n();
  const today = todayIso();
  const [from, to] = range(measures, today);
  const pct = (iso: string) => ((dayOf(iso) - from) / (to - from)) * 100;
  const years: number[] = [];
  for (let y = new Date(from * 86_400_000).getUTCFullYear(); dayOf(`${y}-01-01`) < to; y++)
    years.push(y);
  const step = Math.ceil(years.length / 8);
  return (
    <div className="ms-timeline">
      <div className="ms-row ms-axis" aria-hidden="true">
        <div className="ms-info" />
        <div className="ms-track">
          {years
            .filter((_, i) => i % step === 0)
            .map((y) => (
              <span key={y} className="ms-year" style={{ left: `${pct(`${y}-01-01`)}%` }}>
                {y}
              </span>
            ))}
          <span className="ms-today" style={{ left: `${pct(today)}%` }}>
            {t.msToday}
          </span>
        </div>
      </div>
      <ul className="ms-rows">
        {measures.map((m) => {
          const overdue = m.signals.some((s) => s.kind === 'overdue');
          const start = m.start ?? m.end;
          const end = m.end ?? m.start;
          const progress = formatNumber(m.progress, 0, lang);
          return (
            <li key={m.id} className={`ms-row${overdue ? ' ms-row-overdue' : ''}`}>
              <div className="ms-info">
                <Link href={measureUrl(m.id)} className="ms-title">
                  {m.title}
                </Link>
                <span className="ms-meta">
                  <span className={`ms-status ms-status-${m.status}`}>
                    {statusLabel(t, m.status)}
                  </span>
                  {m.departmentName && <span>{m.departmentName}</span>}
                  <span>
                    {m.start || m.end
                      ? `${m.start ? formatDate(m.start, lang) : '…'} – ${m.end ? formatDate(m.end, lang) : '…'}`
                      : t.msNoPeriod}
                  </span>
                  <span>{t.msProgressOf(progress)}</span>
                  <MeasureSignals m={m} />
                </span>
              </div>
              <div className="ms-track" aria-hidden="true">
                {start && end && (
                  <span
                    className={`ms-bar ms-bar-${m.status}`}
                    style={{
                      left: `${pct(start)}%`,
                      width: `${Math.max(0.8, pct(end) - pct(start))}%`,
                    }}
                  >
                    <span className="ms-bar-done" style={{ width: `${m.progress}%` }} />
                  </span>
                )}
                <span className="ms-today-line" style={{ left: `${pct(today)}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
