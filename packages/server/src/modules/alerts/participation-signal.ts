// The rule kind participation_signal („ungewöhnlich viele Hinweise/negative Einschätzungen“, issue 13
// § 5): residents' reports and negative assessments counted per area (one Lebenslage or all) and
// calendar period, against the area's own earlier periods and the other areas, with the Poisson noise
// rule (core detectSignalSurges); optionally an assessment „schlechter“ that the numbers contradict
// raises its own alert. Method: docs/methods/participation-signals.md; decisions: ADR 0036.
import { detectSignalSurges, formatDate, formatNumber } from '@sozialraum/core';
import type { participationSignalParams } from '@sozialraum/contracts/alerts';
import type { z } from 'zod';
import type { Sql } from '../../db/db.ts';
import { findDisagreeingAssessments, listNegativeAssessments } from '../assessments/index.ts';
import { listReportSignals } from '../participation/index.ts';
import type { NewAlert } from './store.ts';

type Params = z.output<typeof participationSignalParams>;

/** A calendar period [start, end) as ISO dates. */
export interface Period {
  start: string;
  end: string;
}

const iso = (y: number, m: number): string => {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return `${yy}-${String(mm).padStart(2, '0')}-01`;
};

/**
 * The calendar period of `months` containing `today` (quarters for 3: Jan–Mar, Apr–Jun, …) and the
 * `history` periods before it; index 0 is the current one.
 */
export function signalPeriods(today: string, months: number, history: number): Period[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const first = Math.floor((m - 1) / months) * months + 1;
  const out: Period[] = [];
  for (let i = 0; i <= history; i++) {
    const s = first - i * months;
    out.push({ start: iso(y, s), end: iso(y, s + months) });
  }
  return out;
}

const dayBefore = (date: string): string =>
  new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);

/** What the detection needs from the alerts service. */
export interface SignalOutcome {
  notes: string[];
  heldBack: number;
  heldBackItems: {
    areaId: number;
    indicatorId: string;
    changePp: number;
    z: number;
    reason: string;
  }[];
}

/** Runs one participation_signal rule for the period containing `today`; alerts go to `raise`. */
export async function detectParticipationSignal(
  tx: Sql,
  tenantId: string,
  rule: { id: string; params: Record<string, unknown> },
  out: SignalOutcome,
  today: string,
  raise: (a: NewAlert) => Promise<void>,
): Promise<void> {
  const p = rule.params as Params;
  const months = p.periodMonths ?? 3;
  const periods = signalPeriods(today, months, p.historyPeriods ?? 4);
  const current = periods[0]!;
  const from = periods[periods.length - 1]!.start;
  const keep = (d: string | null) => p.dimension == null || d === p.dimension;
  const reports = (await listReportSignals(tx, tenantId, from, current.end)).filter((r) =>
    keep(r.dimension),
  );
  const negative = (await listNegativeAssessments(tx, tenantId, from, current.end)).filter((a) =>
    keep(a.dimension),
  );
  // counts[area][period]
  const counts = new Map<number, number[]>();
  const supports = new Map<number, number>();
  const add = (areaId: number, date: string, n = 1) => {
    const k = periods.findIndex((q) => date >= q.start && date < q.end);
    if (k < 0) return;
    let row = counts.get(areaId);
    if (!row) counts.set(areaId, (row = periods.map(() => 0)));
    row[k] = (row[k] as number) + n;
  };
  for (const r of reports) {
    add(r.areaId, r.date);
    if (r.date >= current.start) supports.set(r.areaId, (supports.get(r.areaId) ?? 0) + r.supports);
  }
  for (const a of negative) add(a.areaId, a.date);
  const result = detectSignalSurges(
    [...counts].map(([areaId, row]) => ({
      areaId: String(areaId),
      current: row[0] as number,
      history: row.slice(1),
    })),
    { minCount: p.minCount ?? 5 },
  );
  if (counts.size === 0)
    out.notes.push('Im Zeitraum keine Hinweise oder negativen Einschätzungen.');
  const refDate = dayBefore(current.end);
  const span = `${formatDate(current.start, 'de')}–${formatDate(refDate, 'de')}`;
  for (const h of result.heldBack) {
    out.heldBack++;
    out.heldBackItems.push({
      areaId: Number(h.areaId),
      indicatorId: p.dimension ?? '',
      changePp: 0,
      z: 0,
      reason: h.reason,
    });
  }
  for (const c of result.candidates) {
    await raise({
      ruleId: rule.id,
      areaId: Number(c.areaId),
      indicatorId: null,
      indexId: null,
      refDate,
      previousDate: current.start,
      kind: 'participation_signal',
      severity: c.ratio,
      explanationDe: `${c.explanation} (${span})`,
      details: {
        count: c.current,
        supports: supports.get(Number(c.areaId)) ?? 0,
        dimension: p.dimension ?? null,
        period: { from: current.start, to: refDate, months },
        own: c.own,
        city: c.city,
        currentInterval: c.currentInterval,
        ratio: c.ratio,
      },
    });
  }
  if (p.disagreements !== false) await raiseDisagreements(tx, tenantId, rule.id, p, current, raise);
}

/** One alert per area and observed date for assessments „schlechter“ the numbers contradict. */
async function raiseDisagreements(
  tx: Sql,
  tenantId: string,
  ruleId: string,
  p: Params,
  current: Period,
  raise: (a: NewAlert) => Promise<void>,
): Promise<void> {
  const found = (await findDisagreeingAssessments(tx, tenantId, current.start)).filter(
    (d) =>
      d.trend === 'worse' &&
      d.numbersTrend !== 'worse' &&
      (p.dimension == null || d.dimension === p.dimension),
  );
  const groups = new Map<string, typeof found>();
  for (const d of found) {
    const k = `${d.areaId}|${d.observedDate}`;
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  for (const list of groups.values()) {
    const first = list[0]!;
    await raise({
      ruleId,
      areaId: first.areaId,
      indicatorId: null,
      indexId: null,
      refDate: first.observedDate,
      previousDate: first.observedDate,
      kind: 'assessment_disagrees',
      severity: Math.max(...list.map((d) => d.urgency)),
      explanationDe: list
        .map(
          (d) =>
            `${d.sentence} (${d.organisation}, Dringlichkeit ${formatNumber(d.urgency)} von 3)`,
        )
        .join('; '),
      details: {
        assessments: list.map((d) => ({
          id: d.id,
          dimension: d.dimension,
          organisation: d.organisation,
          urgency: d.urgency,
          sentence: d.sentence,
          numbersTrend: d.numbersTrend,
          indicators: d.indicators,
        })),
      },
    });
  }
}
