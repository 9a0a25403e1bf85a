// Trace both ways (issue 14 § 2): alert → agenda item → decision → measure → indicator goal, read
// from any of them. „Woher kommt das?“ walks up (a measure's origin decision, its agenda item, the
// alert the builder proposed it from); „Was ist daraus geworden?“ walks down. The conferences module
// holds the middle of the chain and meets alerts and measures at their doors, so the trace lives here.
// Visibility is each record's own: an agenda item publicly only when accepted (proposals and „nicht
// behandelt“ for organisers and members), a decision publicly only after the minutes' approval, a
// measure by its visibility, an alert only for alert readers with its indicator readable. A step the
// reader may not see keeps kind and id, never its title (label null) or link.
import { SIGNAL_LABELS, type SignalKind } from '@sozialraum/core';
import type {
  AlertOutcomeList,
  Trace,
  TraceDecision,
  TraceItem,
  TraceMeasure,
  TraceStep,
} from '@sozialraum/contracts/trace';
import type { Sql } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { getVisibleAlerts, type AlertItem } from '../alerts/index.ts';
import { listDeletedMeasures, listMeasureLinks, type MeasureLink } from './measure-link.ts';
import { canOrganise } from './policy.ts';
import { iso } from './shape.ts';
import * as store from './store-trace.ts';
import type { TraceItemRow, TraceDecisionRow } from './store-trace.ts';

const MEASURE_SIGNAL_KINDS = ['measure_overdue', 'measure_off_target'];

/** What one request knows: who asks, the measures, the alerts she may see, deleted measures. */
interface Ctx {
  sql: Sql;
  auth: Principal;
  measures: Map<string, MeasureLink>;
  deleted: Map<string, string>;
  alerts: Map<number, AlertItem>;
  memberOf: Set<number>;
}

async function loadCtx(
  sql: Sql,
  auth: Principal,
  items: readonly TraceItemRow[],
  alertIds: readonly number[],
): Promise<Ctx> {
  const measures = await listMeasureLinks(sql, auth);
  const ctx: Ctx = {
    sql,
    auth,
    measures,
    deleted: new Map(),
    alerts: new Map(),
    memberOf: new Set(),
  };
  const fromMeasures = [...measures.values()]
    .filter((m) => m.origin?.kind === 'alert')
    .map((m) => Number(m.origin!.id));
  await see(ctx, items, [...alertIds, ...fromMeasures]);
  return ctx;
}

/** Adds the alerts these items came from and the caller's memberships of their bodies. */
async function see(ctx: Ctx, items: readonly TraceItemRow[], alertIds: readonly number[] = []) {
  const { sql, auth } = ctx;
  const fromItems = items
    .filter((i) => i.source_kind && store.ALERT_SOURCE_KINDS.includes(i.source_kind))
    .map((i) => Number(i.source_id));
  const ids = [...alertIds, ...fromItems].filter(
    (n) => Number.isInteger(n) && n > 0 && n <= 2_147_483_647 && !ctx.alerts.has(n),
  );
  for (const [id, a] of await getVisibleAlerts(sql, auth, ids)) ctx.alerts.set(id, a);
  const bodies = [...new Set(items.map((i) => i.body_id))];
  if (auth.userId !== null && bodies.length > 0)
    for (const b of await store.selectMemberBodies(sql, auth.tenantId, auth.userId, bodies))
      ctx.memberOf.add(b);
}

const step = (kind: TraceStep['kind'], id: string | number): TraceStep => ({
  kind,
  id: String(id),
  label: null,
  href: null,
  meeting: null,
  status: null,
  deletedAt: null,
});

/** Organisers and current members see proposals, drafts and evidence of a body. */
const internal = (ctx: Ctx, r: TraceItemRow) =>
  canOrganise(ctx.auth, { organiser_department_id: r.organiser_department_id }) ||
  ctx.memberOf.has(r.body_id);
const itemVisible = (ctx: Ctx, r: TraceItemRow) => r.status === 'accepted' || internal(ctx, r);
const decisionVisible = (ctx: Ctx, r: TraceItemRow) =>
  itemVisible(ctx, r) && (internal(ctx, r) || r.minutes_approved_at !== null);

const meetingOf = (r: TraceItemRow): TraceStep['meeting'] => ({
  id: r.meeting_id,
  title: r.meeting_title,
  start: iso(r.starts_at),
  status: r.meeting_status as NonNullable<TraceStep['meeting']>['status'],
  bodyName: r.body_name,
});

function alertStep(ctx: Ctx, id: string): TraceStep {
  const a = ctx.alerts.get(Number(id));
  if (!a) return step('alert', id);
  const what = a.indicator?.name ?? a.ruleName;
  return {
    ...step('alert', id),
    label: `${a.area.name}: ${what} (${a.refDate.split('-').reverse().join('.')})`,
    href: `/hinweise#hinweis-${a.id}`,
    status: a.status,
  };
}

function itemStep(ctx: Ctx, r: TraceItemRow): TraceStep {
  const visible = itemVisible(ctx, r);
  return {
    ...step('agenda_item', r.id),
    label: visible ? r.title : null,
    href: visible ? `/konferenzen/sitzungen/${r.meeting_id}#top-${r.id}` : null,
    meeting: meetingOf(r),
    status: r.status,
  };
}

function measureNode(ctx: Ctx, id: string): TraceMeasure {
  const m = ctx.measures.get(id);
  const deletedAt = m ? null : (ctx.deleted.get(id) ?? null);
  if (!m?.readable) return { ...step('measure', id), deletedAt, goals: [] };
  return {
    ...step('measure', id),
    label: m.title,
    href: `/massnahmen/${id}`,
    status: m.status,
    goals: m.goals,
  };
}

function decisionNode(ctx: Ctx, d: TraceDecisionRow, item: TraceItemRow): TraceDecision {
  const visible = decisionVisible(ctx, item);
  const text = d.text.length > 200 ? `${d.text.slice(0, 199)}…` : d.text;
  return {
    ...step('decision', d.id),
    label: visible ? text : null,
    href: visible ? `/konferenzen/sitzungen/${item.meeting_id}#beschluss-${d.id}` : null,
    meeting: meetingOf(item),
    // a decision not yet public says nothing about its measure either
    measures: visible && d.measure_id ? [measureNode(ctx, d.measure_id)] : [],
  };
}

/** Items with their decisions (a merged item: the decisions of the item it went into). */
async function itemNodes(ctx: Ctx, rows: readonly TraceItemRow[]): Promise<TraceItem[]> {
  const { sql, auth } = ctx;
  const targetIds = rows.flatMap((r) => (r.merged_into_id ? [r.merged_into_id] : []));
  const targets = new Map(
    (await store.selectTraceItems(sql, auth.tenantId, targetIds)).map((t) => [t.id, t]),
  );
  const all = [...rows, ...targets.values()];
  const decisions = await store.selectTraceDecisions(
    sql,
    auth.tenantId,
    all.map((r) => r.id),
  );
  ctx.deleted = await listDeletedMeasures(
    sql,
    auth.tenantId,
    decisions.flatMap((d) => (d.measure_id ? [d.measure_id] : [])),
  );
  return rows.map((r) => {
    const target = r.merged_into_id ? targets.get(r.merged_into_id) : undefined;
    const decidedOn = target ?? r;
    return {
      ...itemStep(ctx, r),
      mergedInto: target ? itemStep(ctx, target) : null,
      // decisions are public with the approved minutes (as on the meeting page)
      decisions:
        itemVisible(ctx, r) && decisionVisible(ctx, decidedOn)
          ? decisions
              .filter((d) => d.agenda_item_id === decidedOn.id)
              .map((d) => decisionNode(ctx, d, decidedOn))
          : [],
    };
  });
}

/** The origin of an item: its own source and those of the items merged into it (the caller loads them). */
function itemOrigin(ctx: Ctx, r: TraceItemRow, merged: readonly TraceItemRow[]): TraceStep[] {
  return [r, ...merged].flatMap((x): TraceStep[] => {
    if (!x.source_kind || !x.source_id) return [];
    if (store.ALERT_SOURCE_KINDS.includes(x.source_kind)) return [alertStep(ctx, x.source_id)];
    if (MEASURE_SIGNAL_KINDS.includes(x.source_kind))
      return [stripGoals(measureNode(ctx, x.source_id))];
    const seen = internal(ctx, x);
    return [
      {
        ...step('signal', x.source_id),
        label: SIGNAL_LABELS[x.source_kind as SignalKind] ?? x.source_kind,
        href: seen ? x.evidence_href : null,
        status: x.source_kind,
      },
    ];
  });
}

const stripGoals = (s: TraceStep): TraceStep => ({
  kind: s.kind,
  id: s.id,
  label: s.label,
  href: s.href,
  meeting: s.meeting,
  status: s.status,
  deletedAt: s.deletedAt,
});

const emptyOutcome = (): Trace['outcome'] => ({
  agendaItems: [],
  decisions: [],
  measures: [],
  goals: [],
});

/** The measures created directly from an alert. */
const measuresFromAlert = (ctx: Ctx, alertId: number): TraceMeasure[] =>
  [...ctx.measures.values()]
    .filter((m) => m.origin?.kind === 'alert' && m.origin.id === String(alertId))
    .map((m) => measureNode(ctx, m.id));

/** GET /api/trace/alerts/:id — 404 when unknown or not visible to the caller. */
export async function traceAlert(sql: Sql, auth: Principal, id: number): Promise<Trace> {
  const rows = await store.selectItemsFromAlerts(sql, auth.tenantId, [String(id)]);
  const ctx = await loadCtx(sql, auth, rows, [id]);
  if (!ctx.alerts.has(id)) throw notFound(`Die Frühwarnung ${id} gibt es nicht.`);
  return {
    subject: alertStep(ctx, String(id)),
    origin: [],
    withoutMeeting: false,
    outcome: {
      ...emptyOutcome(),
      agendaItems: await itemNodes(ctx, rows),
      measures: measuresFromAlert(ctx, id),
    },
  };
}

/** GET /api/trace/alerts — what became of each visible alert that became something. */
export async function listAlertOutcomes(sql: Sql, auth: Principal): Promise<AlertOutcomeList> {
  const rows = await store.selectItemsFromAlerts(sql, auth.tenantId, null);
  const ctx = await loadCtx(sql, auth, rows, []);
  const nodes = await itemNodes(ctx, rows);
  return [...ctx.alerts.keys()]
    .sort((a, b) => b - a)
    .map((alertId) => ({
      alertId,
      agendaItems: nodes.filter((_, i) => rows[i]!.source_id === String(alertId)),
      measures: measuresFromAlert(ctx, alertId),
    }))
    .filter((o) => o.agendaItems.length > 0 || o.measures.length > 0);
}

async function loadItem(sql: Sql, auth: Principal, id: number) {
  const [row] = await store.selectTraceItems(sql, auth.tenantId, [id]);
  return row;
}

/** GET /api/trace/agenda-items/:id — 404 when unknown or not visible (a proposal for the public). */
export async function traceAgendaItem(sql: Sql, auth: Principal, id: number): Promise<Trace> {
  const row = await loadItem(sql, auth, id);
  const merged = row ? await store.selectItemsMergedInto(sql, auth.tenantId, row.id) : [];
  const ctx = await loadCtx(sql, auth, row ? [row, ...merged] : [], []);
  if (!row || !itemVisible(ctx, row)) throw notFound(`Den Tagesordnungspunkt ${id} gibt es nicht.`);
  const [node] = await itemNodes(ctx, [row]);
  return {
    subject: itemStep(ctx, row),
    origin: itemOrigin(ctx, row, merged),
    withoutMeeting: false,
    outcome: { ...emptyOutcome(), decisions: node!.decisions },
  };
}

/** The chain above a decision: its item and the item's origin. */
function decisionChain(ctx: Ctx, item: TraceItemRow, merged: readonly TraceItemRow[]) {
  return [itemStep(ctx, item), ...itemOrigin(ctx, item, merged)];
}

/** GET /api/trace/decisions/:id — 404 when unknown or not yet public for the caller. */
export async function traceDecision(sql: Sql, auth: Principal, id: number): Promise<Trace> {
  const d = await store.selectTraceDecision(sql, auth.tenantId, id);
  const item = d ? await loadItem(sql, auth, d.agenda_item_id) : undefined;
  const merged = item ? await store.selectItemsMergedInto(sql, auth.tenantId, item.id) : [];
  const ctx = await loadCtx(sql, auth, item ? [item, ...merged] : [], []);
  if (!d || !item || !decisionVisible(ctx, item))
    throw notFound(`Den Beschluss ${id} gibt es nicht.`);
  if (d.measure_id) ctx.deleted = await listDeletedMeasures(sql, auth.tenantId, [d.measure_id]);
  const node = decisionNode(ctx, d, item);
  return {
    subject: stripGoals(node),
    origin: decisionChain(ctx, item, merged),
    withoutMeeting: false,
    outcome: { ...emptyOutcome(), measures: node.measures },
  };
}

/** The origin chain of a measure: decision → agenda item → alert, or the alert, or nothing. */
async function measureOrigin(ctx: Ctx, m: MeasureLink): Promise<TraceStep[]> {
  if (!m.origin) return [];
  if (m.origin.kind === 'alert') return [alertStep(ctx, m.origin.id)];
  if (m.origin.kind !== 'decision' || !/^\d{1,9}$/.test(m.origin.id))
    return [step(m.origin.kind === 'agenda_item' ? 'agenda_item' : 'decision', m.origin.id)];
  const d = await store.selectTraceDecision(ctx.sql, ctx.auth.tenantId, Number(m.origin.id));
  const [item] = d
    ? await store.selectTraceItems(ctx.sql, ctx.auth.tenantId, [d.agenda_item_id])
    : [];
  if (!d || !item) return [step('decision', m.origin.id)];
  const merged = await store.selectItemsMergedInto(ctx.sql, ctx.auth.tenantId, item.id);
  await see(ctx, [item, ...merged]);
  return [stripGoals(decisionNode(ctx, d, item)), ...decisionChain(ctx, item, merged)];
}

/** GET /api/trace/measures/:id — 404 when unknown or not readable. */
export async function traceMeasure(sql: Sql, auth: Principal, id: number): Promise<Trace> {
  const discussed = await store.selectItemsAboutMeasure(sql, auth.tenantId, String(id));
  const ctx = await loadCtx(sql, auth, discussed, []);
  const m = ctx.measures.get(String(id));
  if (!m?.readable) throw notFound(`Die Maßnahme ${id} gibt es nicht.`);
  const origin = await measureOrigin(ctx, m);
  return {
    subject: stripGoals(measureNode(ctx, String(id))),
    origin,
    withoutMeeting: m.origin === null,
    outcome: {
      ...emptyOutcome(),
      // overdue or off target, proposed to a conference: what became of that
      agendaItems: await itemNodes(ctx, discussed),
      goals: m.goals,
    },
  };
}
