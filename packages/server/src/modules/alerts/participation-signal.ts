// The rule kind participation_signal („ungewöhnlich viele Hinweise/negative Einschätzungen“, issue 13
// § 5): residents' reports and negative assessments counted per area (one Lebenslage or all) and
// calendar period, against the area's own earlier periods and the other areas, with the Poisson noise
// rule (core detectSignalSurges); optionally an assessment „schlechter“ that the numbers contradict
// raises its own alert. Method: docs/methods/participation-signals.md; decisions: ADR 0036.
import { detectSignalSurges, formatDate, formatNumber } from '@sozialraum/core';
import {
  SIGNAL_SOURCES,
  type participationSignalParams,
  type SignalSource,
} from '@sozialraum/contracts/alerts';
import type { z } from 'zod';
import type { Sql } from '../../db/db.ts';
import { findDisagreeingAssessments, listNegativeAssessments } from '../assessments/index.ts';
import { listReportSignals, listSupportSignals } from '../participation/index.ts';
import { listSurveySignals } from '../surveys/index.ts';
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

/** One counted signal: its source, area, Lebenslage (null: none, e.g. a survey) and day. */
interface Signal {
  source: SignalSource;
  areaId: number;
  dimension: string | null;
  date: string;
}

/** The signals of the chosen sources in [from, to). */
async function loadSignals(
  tx: Sql,
  tenantId: string,
  from: string,
  to: string,
  sources: readonly SignalSource[],
): Promise<Signal[]> {
  const out: Signal[] = [];
  const want = new Set(sources);
  const push = (source: SignalSource, list: Omit<Signal, 'source'>[]) => {
    for (const s of list)
      out.push({ source, areaId: s.areaId, dimension: s.dimension, date: s.date });
  };
  if (want.has('reports')) push('reports', await listReportSignals(tx, tenantId, from, to));
  if (want.has('supports')) push('supports', await listSupportSignals(tx, tenantId, from, to));
  if (want.has('negative_assessments'))
    push('negative_assessments', await listNegativeAssessments(tx, tenantId, from, to));
  if (want.has('survey_responses'))
    push('survey_responses', await listSurveySignals(tx, tenantId, from, to));
  return out;
}

const SOURCE_DE: Record<SignalSource, string> = {
  reports: 'Hinweise',
  supports: 'Unterstützungen',
  negative_assessments: 'negative Einschätzungen',
  survey_responses: 'Befragungsantworten',
};

/** „Hinweise, Unterstützungen und negative Einschätzungen“ for the explanation. */
function sourceLabel(sources: readonly SignalSource[]): string {
  const words = sources.map((s) => SOURCE_DE[s]);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} und ${words.at(-1)}` : words[0]!;
}

/** What the detection needs from the alerts service. */
export interface SignalOutcome {
  notes: string[];
  heldBack: number;
  heldBackItems: {
    areaId: number;
    indicatorId: string | null;
    changePp: number | null;
    z: number | null;
    count?: number | null;
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
  const signals = await loadSignals(tx, tenantId, from, current.end, p.sources ?? SIGNAL_SOURCES);
  // counts[area][period], and the current period's counts per source for the alert's details
  const counts = new Map<number, number[]>();
  const bySource = new Map<number, Record<string, number>>();
  for (const sig of signals) {
    if (!keep(sig.dimension)) continue;
    const k = periods.findIndex((q) => sig.date >= q.start && sig.date < q.end);
    if (k < 0) continue;
    let row = counts.get(sig.areaId);
    if (!row) counts.set(sig.areaId, (row = periods.map(() => 0)));
    row[k] = (row[k] as number) + 1;
    if (k === 0) {
      const src = bySource.get(sig.areaId) ?? {};
      src[sig.source] = (src[sig.source] ?? 0) + 1;
      bySource.set(sig.areaId, src);
    }
  }
  const result = detectSignalSurges(
    [...counts].map(([areaId, row]) => ({
      areaId: String(areaId),
      current: row[0] as number,
      history: row.slice(1),
    })),
    { minCount: p.minCount ?? 5, label: sourceLabel(p.sources ?? SIGNAL_SOURCES) },
  );
  if (counts.size === 0)
    out.notes.push(
      'Im Zeitraum keine Hinweise, Unterstützungen, negativen Einschätzungen oder Befragungsantworten.',
    );
  const refDate = dayBefore(current.end);
  const span = `${formatDate(current.start, 'de')}–${formatDate(refDate, 'de')}`;
  for (const h of result.heldBack) {
    out.heldBack++;
    // a signal has no indicator, no change in points and no z-score: null, not a made-up 0
    out.heldBackItems.push({
      areaId: Number(h.areaId),
      indicatorId: null,
      changePp: null,
      z: null,
      count: h.current,
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
        supports: bySource.get(Number(c.areaId))?.supports ?? 0,
        bySource: bySource.get(Number(c.areaId)) ?? {},
        sources: p.sources ?? [...SIGNAL_SOURCES],
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
