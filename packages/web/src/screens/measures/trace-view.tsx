// Trace both ways (issue 14 § 2), drawn once for every screen: „Woher kommt das?“ as the chain up to
// the occasion (decision ← agenda item ← alert), „Was ist daraus geworden?“ as a nested list (agenda
// items with their meeting, date and status → decisions → measures → goals). A step the reader may
// not see is named by its kind only („nicht öffentlich“), never by a title, and links nowhere.
import type {
  Trace,
  TraceDecision,
  TraceGoal,
  TraceItem,
  TraceMeasure,
  TraceStep,
} from '../../api/trace.ts';
import { Link } from '../../components/link.tsx';
import type { Dict } from '../../i18n/de.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatBerlinDateTime, formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { statusLabel } from './labels.ts';
import './trace-view.css';

/** The kind of a step in words. */
export function kindLabel(t: Dict, kind: TraceStep['kind']): string {
  const map: Record<TraceStep['kind'], string> = {
    alert: t.trKindAlert,
    signal: t.trKindSignal,
    agenda_item: t.trKindAgendaItem,
    decision: t.trKindDecision,
    measure: t.trKindMeasure,
  };
  return map[kind];
}

/**
 * The status of an agenda item in words: behandelt (accepted in a meeting that was held), auf der
 * Tagesordnung (accepted, meeting still ahead), nicht behandelt, vorgeschlagen, zusammengelegt.
 */
export function itemStatusLabel(
  t: Dict,
  status: string | null,
  meetingStatus: string | null = 'held',
): string {
  const map: Record<string, string> = {
    proposed: t.trItemProposed,
    accepted: meetingStatus === 'held' ? t.trItemAccepted : t.trItemOnAgenda,
    not_treated: t.trItemNotTreated,
    merged: t.trItemMerged,
  };
  return (status && map[status]) ?? status ?? '';
}

/** One step: kind, title (linked when readable) and — for items and measures — meeting and status. */
export function StepLine({ step, kind = true }: { step: TraceStep; kind?: boolean }) {
  const { t, lang } = useI18n();
  const title =
    step.label === null ? (
      <span className="trace-withheld">{t.trWithheld}</span>
    ) : step.href ? (
      <Link href={step.href}>{step.label}</Link>
    ) : (
      <span>{step.label}</span>
    );
  const extra: string[] = [];
  if (step.meeting)
    extra.push(t.trMeeting(step.meeting.title, formatBerlinDateTime(step.meeting.start, lang)));
  if (step.kind === 'agenda_item')
    extra.push(itemStatusLabel(t, step.status, step.meeting?.status ?? null));
  if (step.kind === 'measure' && step.status && step.label !== null)
    extra.push(statusLabel(t, step.status));
  if (step.deletedAt) extra.push(t.trMeasureDeleted(formatBerlinDateTime(step.deletedAt, lang)));
  return (
    <span className={`trace-step trace-${step.kind}`}>
      {kind && <span className="trace-kind">{kindLabel(t, step.kind)}: </span>}
      {title}
      {extra.length > 0 && <span className="trace-extra"> · {extra.join(' · ')}</span>}
    </span>
  );
}

function GoalLine({ goal }: { goal: TraceGoal }) {
  const { t, lang } = useI18n();
  const value = `${formatNumber(goal.target.value, goal.decimals ?? 1, lang)}${goal.unit ? ` ${goal.unit}` : ''}`;
  return (
    <li className="trace-goal">
      {t.trGoal(goal.indicatorName, goal.areaName, value, formatDate(goal.target.date, lang))}
    </li>
  );
}

function MeasureNode({ m }: { m: TraceMeasure }) {
  return (
    <li>
      <StepLine step={m} />
      {m.goals.length > 0 && (
        <ul>
          {m.goals.map((g, i) => (
            <GoalLine key={i} goal={g} />
          ))}
        </ul>
      )}
    </li>
  );
}

function DecisionNode({ d }: { d: TraceDecision }) {
  return (
    <li>
      <StepLine step={{ ...d, meeting: null }} />
      {d.measures.length > 0 && (
        <ul>
          {d.measures.map((m) => (
            <MeasureNode key={m.id} m={m} />
          ))}
        </ul>
      )}
    </li>
  );
}

function ItemNode({ item }: { item: TraceItem }) {
  const { t } = useI18n();
  return (
    <li>
      <StepLine step={item} />
      {item.mergedInto && (
        <span className="trace-extra">
          {' '}
          · {t.trMergedInto} <StepLine step={item.mergedInto} kind={false} />
        </span>
      )}
      {item.decisions.length > 0 && (
        <ul>
          {item.decisions.map((d) => (
            <DecisionNode key={d.id} d={d} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** „Was ist daraus geworden?“ as a nested list; `empty` when nothing followed. */
export function OutcomeTree({
  outcome,
  empty,
}: {
  outcome: Pick<Trace['outcome'], 'agendaItems' | 'measures'> &
    Partial<Pick<Trace['outcome'], 'decisions' | 'goals'>>;
  empty?: string;
}) {
  const items = outcome.agendaItems;
  const decisions = outcome.decisions ?? [];
  const goals = outcome.goals ?? [];
  if (items.length + decisions.length + outcome.measures.length + goals.length === 0)
    return empty ? <p className="trace-empty">{empty}</p> : null;
  return (
    <ul className="trace-tree">
      {items.map((i) => (
        <ItemNode key={i.id} item={i} />
      ))}
      {decisions.map((d) => (
        <DecisionNode key={d.id} d={d} />
      ))}
      {outcome.measures.map((m) => (
        <MeasureNode key={m.id} m={m} />
      ))}
      {goals.map((g, i) => (
        <GoalLine key={i} goal={g} />
      ))}
    </ul>
  );
}

/** „Woher kommt das?“: the chain, the nearest step first; a measure without a meeting says so. */
export function OriginChain({ trace }: { trace: Trace }) {
  const { t } = useI18n();
  if (trace.withoutMeeting) return <p className="trace-empty">{t.trWithoutMeeting}</p>;
  if (trace.origin.length === 0) return null;
  return (
    <ol className="trace-chain">
      {trace.origin.map((s) => (
        <li key={`${s.kind}-${s.id}`}>
          <StepLine step={s} />
        </li>
      ))}
    </ol>
  );
}

/** The chain on one line (nearest first, joined by „←“), for the goals of a measure. */
export function InlineChain({ trace }: { trace: Trace }) {
  const { t } = useI18n();
  if (trace.withoutMeeting) return <span>{t.trWithoutMeetingShort}</span>;
  return (
    <span className="trace-inline">
      {trace.origin.map((s, i) => (
        <span key={`${s.kind}-${s.id}`}>
          {i > 0 && ' ← '}
          <StepLine step={{ ...s, meeting: null }} />
        </span>
      ))}
    </span>
  );
}
