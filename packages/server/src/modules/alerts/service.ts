// Alerts: rules as data, detection over the latest pair of reference dates, status flow and
// subscriptions. Detection uses the pure engine (core/monitoring: buildAlertCandidates with the
// Wilson noise rule, compareClasses / findRepeatedNegativeDynamics through the monitoring module).
import { buildAlertCandidates, formatYearsPhrase, type CountShare } from '@sozialraum/core';
import type { z } from 'zod';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, conflict, HttpError, notFound } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { getChanges, getIndexDetail } from '../monitoring/index.ts';
import { sendAlertMails, type MailSettings } from './mail.ts';
import { formatPeriodPhrase } from './period.ts';
import type { AlertReader } from './visibility.ts';
import { detectParticipationSignal } from './participation-signal.ts';
import {
  indexParams,
  indicatorChangeParams,
  participationSignalParams,
  type detectResultSchema,
  type patchRuleBodySchema,
  type ruleBodySchema,
} from '@sozialraum/contracts/alerts';
import {
  findLatestPair,
  insertAlert,
  insertRule,
  areaExists,
  insertSubscription,
  ruleExists,
  selectAlertStatusForUpdate,
  selectIndicatorKinds,
  selectIndicatorName,
  selectSubscriptionCreatedAt,
  deleteSubscription,
  listAlerts,
  listRules,
  loadShares,
  updateAlertStatus,
  updateRule,
  type AlertItem,
  type AlertRule,
  type NewAlert,
  type Subscription,
} from './store.ts';

type Actor = { actor: string | AuditActor };
type RuleBody = z.output<typeof ruleBodySchema> & Actor;
type PatchRuleBody = z.output<typeof patchRuleBodySchema> & Actor;
type DetectResult = z.output<typeof detectResultSchema>;
type RuleOutcome = DetectResult['rules'][number];

/**
 * 400 unless every id names a share indicator of the tenant that the rule's author may read (changes
 * are tested on shares only); one she may not read is "unknown", exactly like an absent one.
 */
async function checkShareIndicators(
  tx: Sql,
  tenantId: string,
  ruleId: string,
  indicatorIds: string[],
  reader: AlertReader | undefined,
): Promise<void> {
  const rows = await selectIndicatorKinds(tx, tenantId, indicatorIds);
  const known = new Map(
    rows.filter((r) => !reader || reader.indicator(r.id)).map((r) => [r.id, r.kind]),
  );
  const missing = indicatorIds.filter((id) => !known.has(id));
  if (missing.length > 0)
    throw badRequest(`Regel „${ruleId}“: unbekannte Indikatoren: ${missing.join(', ')}.`);
  const notShare = indicatorIds.filter((id) => known.get(id) !== 'share');
  if (notShare.length > 0)
    throw badRequest(
      `Regel „${ruleId}“: Veränderungen werden nur für Anteile (Zähler/Nenner) geprüft; kein Anteil: ${notShare.join(', ')}.`,
    );
}

/**
 * 400 unless the author may read the rule's index (unknown and unreadable get the same answer).
 * Runs before the rule's transaction: the index test reads through the pool, which on the embedded
 * database is the one connection the transaction would hold.
 */
async function checkIndexTarget(
  ruleId: string,
  kind: AlertRule['kind'],
  params: Record<string, unknown>,
  reader: AlertReader | undefined,
): Promise<void> {
  if (kind === 'indicator_change' || kind === 'participation_signal' || !reader) return;
  const indexId = params.indexId as string;
  if (!(await reader.index(indexId)))
    throw badRequest(`Regel „${ruleId}“: den Index „${indexId}“ gibt es nicht.`);
}

/** The params of a rule of this kind, or 400 naming what is wrong. */
function parseParams(id: string, kind: AlertRule['kind'], raw: unknown): Record<string, unknown> {
  const schema =
    kind === 'indicator_change'
      ? indicatorChangeParams
      : kind === 'participation_signal'
        ? participationSignalParams
        : indexParams;
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw badRequest(`Regel „${id}“: ungültige Parameter – ${describeIssues(parsed.error)}.`);
  return parsed.data as Record<string, unknown>;
}

/** German messages of the first zod issues, with the field path. */
function describeIssues(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') + ': ' : ''}${i.message}`)
    .join('; ');
}

/**
 * Changes name, params (validated against the rule's kind like POST) and/or active of a rule;
 * 404 for an unknown rule. Audited in the same transaction with before and after.
 */
export async function editRule(
  db: Db,
  tenantId: string,
  id: string,
  body: PatchRuleBody,
  reader?: AlertReader,
): Promise<AlertRule> {
  const known = (await listRules(db, tenantId)).find((r) => r.id === id);
  if (!known) throw notFound(`Regel „${id}“ gibt es nicht.`);
  const newParams =
    body.params === undefined ? undefined : parseParams(id, known.kind, body.params);
  if (newParams) await checkIndexTarget(id, known.kind, newParams, reader);
  return db.transaction(async (tx) => {
    const before = (await listRules(tx, tenantId)).find((r) => r.id === id);
    if (!before) throw notFound(`Regel „${id}“ gibt es nicht.`);
    const params = newParams ?? before.params;
    if (newParams && before.kind === 'indicator_change')
      await checkShareIndicators(tx, tenantId, id, params.indicatorIds as string[], reader);
    const after = {
      id,
      nameDe: body.nameDe ?? before.nameDe,
      params,
      active: body.active ?? before.active,
    };
    await updateRule(tx, tenantId, after);
    await writeAudit(tx, tenantId, {
      actor: body.actor,
      action: 'alerts.rule_update',
      entity: 'alert_rule',
      entityId: id,
      detail: {
        before: { nameDe: before.nameDe, params: before.params, active: before.active },
        after: { nameDe: after.nameDe, params: after.params, active: after.active },
      },
    });
    return (await listRules(tx, tenantId)).find((r) => r.id === id) as AlertRule;
  });
}

/** Stores a new rule (400 on unknown indicators, 409 when the id exists); audited. */
export async function createRule(
  db: Db,
  tenantId: string,
  body: RuleBody,
  reader?: AlertReader,
): Promise<AlertRule> {
  await checkIndexTarget(body.id, body.kind, body.params, reader);
  return db.transaction(async (tx) => {
    if (body.kind === 'indicator_change')
      await checkShareIndicators(tx, tenantId, body.id, body.params.indicatorIds, reader);
    const rule = {
      id: body.id,
      nameDe: body.nameDe,
      department: body.department,
      kind: body.kind,
      params: body.params as Record<string, unknown>,
      active: body.active,
    };
    if (!(await insertRule(tx, tenantId, rule)))
      throw conflict(`Eine Regel mit der Kennung „${body.id}“ gibt es schon.`);
    await writeAudit(tx, tenantId, {
      actor: body.actor,
      action: 'alerts.rule_create',
      entity: 'alert_rule',
      entityId: body.id,
      detail: rule,
    });
    const stored = (await listRules(tx, tenantId)).find((r) => r.id === body.id);
    return stored as AlertRule;
  });
}

/** Years between two ISO dates, to one decimal (2021-12-31 → 2023-12-31 = 2). */
export function yearsBetween(previous: string, current: string): number {
  const days = (Date.parse(current) - Date.parse(previous)) / 86_400_000;
  return Math.round((days / 365.25) * 10) / 10;
}

async function detectIndicatorChange(
  tx: Sql,
  tenantId: string,
  rule: AlertRule,
  out: RuleOutcome,
): Promise<void> {
  const p = rule.params as {
    indicatorIds: string[];
    sdThreshold?: number;
    minBase?: number;
    direction?: 'increase' | 'decrease' | 'both';
  };
  for (const indicatorId of p.indicatorIds) {
    const ind = await selectIndicatorName(tx, tenantId, indicatorId);
    if (!ind) {
      out.notes.push(`Indikator ${indicatorId} gibt es nicht (mehr).`);
      continue;
    }
    const pair = await findLatestPair(tx, tenantId, indicatorId);
    if (!pair) {
      out.notes.push(`${ind.name_de}: weniger als zwei Stichtage mit Zähler und Nenner.`);
      continue;
    }
    const rows = await loadShares(tx, tenantId, {
      indicatorId,
      system: pair.system,
      level: pair.level,
      dates: [pair.previous, pair.current],
    });
    const byArea = new Map<number, { previous: CountShare | null; current: CountShare | null }>();
    for (const r of rows) {
      const e = byArea.get(r.areaId) ?? { previous: null, current: null };
      e[r.refDate === pair.current ? 'current' : 'previous'] = { count: r.count, base: r.base };
      byArea.set(r.areaId, e);
    }
    const years = yearsBetween(pair.previous, pair.current);
    const period = formatPeriodPhrase(pair.previous, pair.current);
    let result;
    try {
      result = buildAlertCandidates({
        indicator: { id: indicatorId, label: ind.short_de ?? ind.name_de },
        years,
        areas: [...byArea].map(([areaId, e]) => ({ areaId: String(areaId), ...e })),
        options: {
          sdThreshold: p.sdThreshold ?? 2,
          minBase: p.minBase ?? 100,
          direction: p.direction ?? 'increase',
        },
      });
    } catch (err) {
      out.notes.push(`${ind.name_de}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    for (const h of result.heldBack) {
      out.heldBack++;
      out.heldBackItems.push({
        areaId: Number(h.areaId),
        indicatorId,
        changePp: h.changePp,
        z: h.z,
        reason: h.reason,
      });
    }
    for (const c of result.candidates) {
      await raise(tx, tenantId, out, {
        ruleId: rule.id,
        areaId: Number(c.areaId),
        indicatorId,
        indexId: null,
        refDate: pair.current,
        previousDate: pair.previous,
        kind: 'indicator_change',
        severity: Math.abs(c.z),
        // the core phrases the period in years; half-year editions read better in months
        explanationDe: c.explanation.replace(formatYearsPhrase(years), period),
        details: {
          changePp: c.changePp,
          z: c.z,
          previousPercent: c.previousPercent,
          currentPercent: c.currentPercent,
          smallDenominator: c.smallDenominator,
          distribution: result.distribution,
          years,
        },
      });
    }
  }
}

async function detectIndexChange(
  tx: Sql,
  tenantId: string,
  rule: AlertRule,
  out: RuleOutcome,
): Promise<void> {
  const p = rule.params as { indexId: string; system: string; level: string };
  const detail = await getIndexDetail(tx, tenantId, p.indexId);
  const dates = detail.editions
    .filter((e) => e.system === p.system && e.level === p.level)
    .map((e) => e.date)
    .sort()
    .reverse();
  const [current, previous] = dates;
  if (!current || !previous) {
    out.notes.push(`Index ${p.indexId}: weniger als zwei Stände auf ${p.system}/${p.level}.`);
    return;
  }
  const changes = await getChanges(tx, tenantId, p.indexId, {
    system: p.system,
    level: p.level,
    from: previous,
    to: current,
  });
  const base = {
    ruleId: rule.id,
    indicatorId: null,
    indexId: p.indexId,
    refDate: current,
    previousDate: previous,
  };
  if (rule.kind === 'class_change') {
    for (const [dimension, list] of [
      ['status', changes.status],
      ['dynamics', changes.dynamics],
    ] as const) {
      for (const c of list) {
        if (c.steps <= 0) continue; // only changes towards the unfavourable side warn
        await raise(tx, tenantId, out, {
          ...base,
          areaId: c.areaId,
          kind: `class_change_${dimension}`,
          severity: c.steps,
          explanationDe: c.explanation,
          details: { from: c.fromLabel, to: c.toLabel, steps: c.steps, dimension },
        });
      }
    }
  } else {
    for (const r of changes.repeatedNegativeDynamics) {
      await raise(tx, tenantId, out, {
        ...base,
        areaId: r.areaId,
        kind: 'repeated_negative_dynamics',
        severity: r.editions.length,
        explanationDe: r.explanation,
        details: { editions: r.editions },
      });
    }
  }
}

async function raise(tx: Sql, tenantId: string, out: RuleOutcome, a: NewAlert): Promise<void> {
  const id = await insertAlert(tx, tenantId, a);
  if (id === null) out.existing++;
  else out.raised++;
}

/**
 * Runs every active rule on the latest pair of reference dates and stores new alerts; noise
 * (overlapping Wilson intervals) is counted as held back, not raised. One transaction, one audit entry;
 * afterwards subscribers are mailed when SMTP is configured (mail.ts).
 */
export async function detectAlerts(
  db: Db,
  tenantId: string,
  actor: string | AuditActor,
  mail: MailSettings = { smtpUrl: undefined, from: undefined, baseUrl: '' },
  options: { today?: string } = {},
): Promise<DetectResult> {
  // participation signals count by calendar period: the day of the run decides the current one
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const result = await db.transaction(async (tx) => {
    const rules = await listRules(tx, tenantId, true);
    const outcomes: RuleOutcome[] = [];
    for (const rule of rules) {
      const out: RuleOutcome = {
        ruleId: rule.id,
        raised: 0,
        heldBack: 0,
        existing: 0,
        notes: [],
        heldBackItems: [],
      };
      try {
        if (rule.kind === 'indicator_change') await detectIndicatorChange(tx, tenantId, rule, out);
        else if (rule.kind === 'participation_signal')
          await detectParticipationSignal(tx, tenantId, rule, out, today, (a) =>
            raise(tx, tenantId, out, a),
          );
        else await detectIndexChange(tx, tenantId, rule, out);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        out.notes.push(err.message);
      }
      outcomes.push(out);
    }
    const sum = (k: 'raised' | 'heldBack' | 'existing') => outcomes.reduce((s, o) => s + o[k], 0);
    const result = {
      raised: sum('raised'),
      heldBack: sum('heldBack'),
      existing: sum('existing'),
      rules: outcomes,
    };
    await writeAudit(tx, tenantId, {
      actor,
      action: 'alerts.detect',
      entity: 'alert',
      entityId: '*',
      detail: {
        raised: result.raised,
        heldBack: result.heldBack,
        existing: result.existing,
        rules: outcomes.map((o) => ({ ruleId: o.ruleId, raised: o.raised, heldBack: o.heldBack })),
      },
    });
    return result;
  });
  // after the commit: a failing SMTP server is reported, never rolls the alerts back
  return { ...result, mail: await sendAlertMails(db, tenantId, mail) };
}

const STATUS_ORDER: Record<AlertItem['status'], number> = {
  new: 0,
  seen: 1,
  discussed: 2,
  closed: 3,
};
const STATUS_DE: Record<AlertItem['status'], string> = {
  new: 'neu',
  seen: 'gesehen',
  discussed: 'besprochen',
  closed: 'geschlossen',
};

/**
 * Why a status change is refused, or null when it is allowed: forward moves (new → seen →
 * discussed → closed, any → closed) are allowed, closing needs a comment; a closed alert may be
 * reopened to 'seen' with a comment; every other backward move and a repeat of the same status is refused.
 */
export function checkStatusChange(
  id: number,
  from: AlertItem['status'],
  to: AlertItem['status'],
  comment: string | undefined,
): string | null {
  if (from === to) return `Frühwarnung ${id} ist schon „${STATUS_DE[to]}“.`;
  if (from === 'closed') {
    if (to !== 'seen')
      return `Frühwarnung ${id} ist geschlossen: Sie kann nur mit Kommentar wieder auf „gesehen“ gesetzt werden, nicht auf „${STATUS_DE[to]}“.`;
    if (!comment)
      return `Frühwarnung ${id}: Zum Wiederöffnen ist ein Kommentar nötig (warum die Frühwarnung wieder offen ist).`;
    return null;
  }
  if (STATUS_ORDER[to] < STATUS_ORDER[from])
    return `Frühwarnung ${id}: Der Status kann nicht von „${STATUS_DE[from]}“ zurück auf „${STATUS_DE[to]}“ gesetzt werden.`;
  if (to === 'closed' && !comment)
    return `Frühwarnung ${id}: Zum Schließen ist ein Kommentar nötig (z. B. was besprochen oder veranlasst wurde).`;
  return null;
}

/** Changes the status of an alert along the allowed moves (checkStatusChange). Audited in the same transaction. */
export async function setAlertStatus(
  db: Db,
  tenantId: string,
  id: number,
  body: { status: AlertItem['status']; comment?: string | undefined; actor: string | AuditActor },
): Promise<AlertItem> {
  return db.transaction(async (tx) => {
    const status = await selectAlertStatusForUpdate(tx, tenantId, id);
    if (!status) throw notFound(`Frühwarnung ${id} gibt es nicht.`);
    const refused = checkStatusChange(id, status as AlertItem['status'], body.status, body.comment);
    if (refused) throw badRequest(refused);
    const done = await updateAlertStatus(tx, tenantId, id, body.status, body.comment ?? null);
    if (!done) throw notFound(`Frühwarnung ${id} gibt es nicht.`);
    await writeAudit(tx, tenantId, {
      actor: body.actor,
      action: 'alerts.status',
      entity: 'alert',
      entityId: String(id),
      detail: { from: done.previous, to: body.status, comment: body.comment ?? null },
    });
    const [item] = await listAlerts(tx, tenantId, { id });
    return item as AlertItem;
  });
}

/** Adds a subscription (area and rule must exist); audited. */
export async function createSubscription(
  db: Db,
  tenantId: string,
  body: Omit<Subscription, 'id' | 'createdAt'> & Actor,
): Promise<Subscription> {
  return db.transaction(async (tx) => {
    if (body.areaId !== null) {
      if (!(await areaExists(tx, tenantId, body.areaId)))
        throw badRequest(`Abonnement: Gebiet ${body.areaId} gibt es nicht.`);
    }
    if (body.ruleId !== null) {
      if (!(await ruleExists(tx, tenantId, body.ruleId)))
        throw badRequest(`Abonnement: Regel „${body.ruleId}“ gibt es nicht.`);
    }
    const { actor, ...sub } = body;
    const id = await insertSubscription(tx, tenantId, sub);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'alerts.subscribe',
      entity: 'alert_subscription',
      entityId: String(id),
      detail: sub,
    });
    const stored = await selectSubscriptionCreatedAt(tx, tenantId, id);
    const createdAt = stored instanceof Date ? stored.toISOString() : String(stored);
    return { id, ...sub, createdAt };
  });
}

/** Removes a subscription (404 when unknown); audited. */
export async function removeSubscription(
  db: Db,
  tenantId: string,
  id: number,
  actor: string | AuditActor,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deleteSubscription(tx, tenantId, id)))
      throw notFound(`Abonnement ${id} gibt es nicht.`);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'alerts.unsubscribe',
      entity: 'alert_subscription',
      entityId: String(id),
    });
  });
}
