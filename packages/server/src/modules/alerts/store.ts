// SQL of the alerts module: rules, alerts and subscriptions (db/migrations/0003_alerts.sql).
import type { Sql } from '../../db/db.ts';

/** A stored alert rule. */
export interface AlertRule {
  id: string;
  nameDe: string;
  department: string;
  kind: 'indicator_change' | 'class_change' | 'repeated_negative_dynamics' | 'participation_signal';
  params: Record<string, unknown>;
  active: boolean;
  createdAt: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const json = (v: unknown): Record<string, unknown> =>
  typeof v === 'string'
    ? (JSON.parse(v) as Record<string, unknown>)
    : (v as Record<string, unknown>);

interface RuleRow {
  id: string;
  name_de: string;
  department: string;
  kind: AlertRule['kind'];
  params: unknown;
  active: boolean;
  created_at: unknown;
}

const toRule = (r: RuleRow): AlertRule => ({
  id: r.id,
  nameDe: r.name_de,
  department: r.department,
  kind: r.kind,
  params: json(r.params),
  active: r.active,
  createdAt: iso(r.created_at),
});

/** All rules of a tenant by id; only the active ones with activeOnly. */
export async function listRules(
  sql: Sql,
  tenantId: string,
  activeOnly = false,
): Promise<AlertRule[]> {
  const rows = await sql.query<RuleRow>(
    `SELECT id, name_de, department, kind, params, active, created_at FROM alert_rule
      WHERE tenant_id = $1 ${activeOnly ? 'AND active' : ''} ORDER BY id`,
    [tenantId],
  );
  return rows.map(toRule);
}

/** Inserts a rule; false when the id is taken. */
export async function insertRule(
  sql: Sql,
  tenantId: string,
  r: Omit<AlertRule, 'createdAt'>,
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO alert_rule (tenant_id, id, name_de, department, kind, params, active)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT DO NOTHING RETURNING id`,
    [tenantId, r.id, r.nameDe, r.department, r.kind, JSON.stringify(r.params), r.active],
  );
  return rows.length === 1;
}

/** One share observation with its count and base. */
export interface ShareRow {
  areaId: number;
  refDate: string;
  count: number;
  base: number;
}

/**
 * The finest level (largest depth) of each system at which the indicator has numerator and
 * denominator, and the two latest reference dates there; null when fewer than two dates exist.
 */
export async function findLatestPair(
  sql: Sql,
  tenantId: string,
  indicatorId: string,
): Promise<{ system: string; level: string; previous: string; current: string } | null> {
  const rows = await sql.query<{ system_id: string; level_id: string; ref_date: unknown }>(
    `SELECT a.system_id, a.level_id, o.ref_date
       FROM observation o
       JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
       JOIN area_level l ON l.tenant_id = a.tenant_id AND l.system_id = a.system_id AND l.id = a.level_id
      WHERE o.tenant_id = $1 AND o.indicator_id = $2
        AND o.numerator IS NOT NULL AND o.denominator > 0
      GROUP BY a.system_id, a.level_id, l.depth, o.ref_date
      ORDER BY l.depth DESC, a.system_id, o.ref_date DESC`,
    [tenantId, indicatorId],
  );
  const first = rows[0];
  if (!first) return null;
  const dates = rows
    .filter((r) => r.system_id === first.system_id && r.level_id === first.level_id)
    .map((r) => dateText(r.ref_date));
  if (dates.length < 2) return null;
  return {
    system: first.system_id,
    level: first.level_id,
    current: dates[0] as string,
    previous: dates[1] as string,
  };
}

function dateText(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
}

/** Counts and bases of a share indicator at two dates on one level. */
export async function loadShares(
  sql: Sql,
  tenantId: string,
  q: { indicatorId: string; system: string; level: string; dates: [string, string] },
): Promise<ShareRow[]> {
  const rows = await sql.query<{
    area_id: number;
    ref_date: unknown;
    numerator: number;
    denominator: number;
  }>(
    `SELECT o.area_id, o.ref_date, o.numerator, o.denominator
       FROM observation o JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE o.tenant_id = $1 AND o.indicator_id = $2 AND a.system_id = $3 AND a.level_id = $4
        AND o.ref_date = ANY($5::date[]) AND o.numerator IS NOT NULL AND o.denominator > 0`,
    [tenantId, q.indicatorId, q.system, q.level, q.dates],
  );
  return rows.map((r) => ({
    areaId: Number(r.area_id),
    refDate: dateText(r.ref_date),
    count: Number(r.numerator),
    base: Number(r.denominator),
  }));
}

/** A new alert, as detection produces it. */
export interface NewAlert {
  ruleId: string;
  areaId: number;
  indicatorId: string | null;
  indexId: string | null;
  refDate: string;
  previousDate: string;
  kind: string;
  severity: number;
  explanationDe: string;
  details: Record<string, unknown>;
}

/** Inserts an alert unless the same one exists (alert_once); returns its id or null. */
export async function insertAlert(sql: Sql, tenantId: string, a: NewAlert): Promise<number | null> {
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO alert (tenant_id, rule_id, area_id, indicator_id, index_id, ref_date, previous_date,
                        kind, severity, explanation_de, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      tenantId,
      a.ruleId,
      a.areaId,
      a.indicatorId,
      a.indexId,
      a.refDate,
      a.previousDate,
      a.kind,
      a.severity,
      a.explanationDe,
      JSON.stringify(a.details),
    ],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

/** An alert as the feed shows it. */
export interface AlertItem {
  id: number;
  ruleId: string;
  ruleName: string;
  kind: string;
  severity: number;
  status: 'new' | 'seen' | 'discussed' | 'closed';
  statusComment: string | null;
  explanation: string;
  area: { id: number; code: string; name: string; system: string; level: string };
  indicator: { id: string; name: string } | null;
  indexId: string | null;
  refDate: string;
  previousDate: string;
  details: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  links: { map: string; profile: string };
}

/** The feed: newest first, filtered by status, area id and indicator id. */
export async function listAlerts(
  sql: Sql,
  tenantId: string,
  f: {
    status?: string | undefined;
    area?: number | undefined;
    indicator?: string | undefined;
    id?: number;
  },
): Promise<AlertItem[]> {
  const where = ['al.tenant_id = $1'];
  const params: unknown[] = [tenantId];
  const add = (cond: string, v: unknown) => {
    params.push(v);
    where.push(cond.replace('?', `$${params.length}`));
  };
  if (f.status) add('al.status = ?', f.status);
  if (f.area !== undefined) add('al.area_id = ?', f.area);
  if (f.indicator) add('al.indicator_id = ?', f.indicator);
  if (f.id !== undefined) add('al.id = ?', f.id);
  const rows = await sql.query<Record<string, unknown>>(
    `SELECT al.id, al.rule_id, r.name_de AS rule_name, al.kind, al.severity, al.status, al.status_comment,
            al.explanation_de, al.area_id, a.code, a.name AS area_name, a.system_id, a.level_id,
            al.indicator_id, i.name_de AS indicator_name, al.index_id, al.ref_date, al.previous_date,
            al.details, al.created_at, al.updated_at
       FROM alert al
       JOIN alert_rule r ON r.tenant_id = al.tenant_id AND r.id = al.rule_id
       JOIN area a ON a.tenant_id = al.tenant_id AND a.id = al.area_id
       LEFT JOIN indicator i ON i.tenant_id = al.tenant_id AND i.id = al.indicator_id
      WHERE ${where.join(' AND ')}
      ORDER BY al.created_at DESC, al.severity DESC, al.id DESC
      LIMIT 500`,
    params,
  );
  return rows.map((r) => {
    const area = {
      id: Number(r.area_id),
      code: String(r.code),
      name: String(r.area_name),
      system: String(r.system_id),
      level: String(r.level_id),
    };
    const refDate = dateText(r.ref_date);
    const map = new URLSearchParams({ system: area.system, level: area.level });
    if (r.indicator_id) map.set('indicator', String(r.indicator_id));
    map.set('date', refDate);
    map.set('area', String(area.id));
    return {
      id: Number(r.id),
      ruleId: String(r.rule_id),
      ruleName: String(r.rule_name),
      kind: String(r.kind),
      severity: Number(r.severity),
      status: r.status as AlertItem['status'],
      statusComment: (r.status_comment as string | null) ?? null,
      explanation: String(r.explanation_de),
      area,
      indicator: r.indicator_id
        ? { id: String(r.indicator_id), name: String(r.indicator_name ?? r.indicator_id) }
        : null,
      indexId: (r.index_id as string | null) ?? null,
      refDate,
      previousDate: dateText(r.previous_date),
      details: json(r.details),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      links: { map: `/?${map.toString()}`, profile: `/gebiete/${area.id}` },
    };
  });
}

/** Overwrites name, params and active of a rule; false when it does not exist. */
export async function updateRule(
  sql: Sql,
  tenantId: string,
  r: Pick<AlertRule, 'id' | 'nameDe' | 'params' | 'active'>,
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE alert_rule SET name_de = $3, params = $4::jsonb, active = $5
      WHERE tenant_id = $1 AND id = $2 RETURNING id`,
    [tenantId, r.id, r.nameDe, JSON.stringify(r.params), r.active],
  );
  return rows.length === 1;
}

/** Sets status and comment of an alert; false when it does not exist. */
export async function updateAlertStatus(
  sql: Sql,
  tenantId: string,
  id: number,
  status: string,
  comment: string | null,
): Promise<{ previous: string } | null> {
  const rows = await sql.query<{ previous: string }>(
    `UPDATE alert al SET status = $3, status_comment = coalesce($4, al.status_comment), updated_at = now()
       FROM (SELECT id, status AS previous FROM alert WHERE tenant_id = $1 AND id = $2 FOR UPDATE) old
      WHERE al.tenant_id = $1 AND al.id = old.id
      RETURNING old.previous`,
    [tenantId, id, status, comment],
  );
  return rows[0] ?? null;
}

/** A subscription: e-mail for alerts of an area / indicator / rule (null = all). */
export interface Subscription {
  id: number;
  email: string;
  areaId: number | null;
  indicatorId: string | null;
  ruleId: string | null;
  createdAt: string;
}

/** All subscriptions of a tenant, oldest first. */
export async function listSubscriptions(sql: Sql, tenantId: string): Promise<Subscription[]> {
  const rows = await sql.query<Record<string, unknown>>(
    `SELECT id, email, area_id, indicator_id, rule_id, created_at FROM alert_subscription
      WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    email: String(r.email),
    areaId: r.area_id === null ? null : Number(r.area_id),
    indicatorId: (r.indicator_id as string | null) ?? null,
    ruleId: (r.rule_id as string | null) ?? null,
    createdAt: iso(r.created_at),
  }));
}

/** Inserts a subscription and returns its id. */
export async function insertSubscription(
  sql: Sql,
  tenantId: string,
  s: Omit<Subscription, 'id' | 'createdAt'>,
): Promise<number> {
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO alert_subscription (tenant_id, email, area_id, indicator_id, rule_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [tenantId, s.email, s.areaId, s.indicatorId, s.ruleId],
  );
  return Number((rows[0] as { id: number }).id);
}

/** Deletes a subscription; false when it did not exist. */
export async function deleteSubscription(sql: Sql, tenantId: string, id: number): Promise<boolean> {
  const rows = await sql.query(
    'DELETE FROM alert_subscription WHERE tenant_id = $1 AND id = $2 RETURNING id',
    [tenantId, id],
  );
  return rows.length === 1;
}

/** Claims one alert mail for a subscription; false when another run claimed it already. */
export async function claimAlertMail(
  tx: Sql,
  tenantId: string,
  alertId: number,
  subscriptionId: number,
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO alert_mail (tenant_id, alert_id, subscription_id) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING alert_id`,
    [tenantId, alertId, subscriptionId],
  );
  return rows.length === 1;
}

/** Marks claimed alert mails as sent. */
export async function markAlertMailsSent(
  db: Sql,
  tenantId: string,
  alertIds: number[],
  subscriptionIds: number[],
): Promise<void> {
  await db.query(
    `UPDATE alert_mail SET sent_at = now()
      WHERE tenant_id = $1 AND (alert_id, subscription_id) IN
            (SELECT * FROM unnest($2::int[], $3::int[]))`,
    [tenantId, alertIds, subscriptionIds],
  );
}

/** Releases claimed alert mails (the sending failed), so the next run tries again. */
export async function releaseAlertMails(
  db: Sql,
  tenantId: string,
  alertIds: number[],
  subscriptionIds: number[],
): Promise<void> {
  await db.query(
    `DELETE FROM alert_mail
      WHERE tenant_id = $1 AND (alert_id, subscription_id) IN
            (SELECT * FROM unnest($2::int[], $3::int[]))`,
    [tenantId, alertIds, subscriptionIds],
  );
}

/** Whether the tenant has this area. */
export async function areaExists(tx: Sql, tenantId: string, areaId: number): Promise<boolean> {
  const r = await tx.query('SELECT 1 FROM area WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    areaId,
  ]);
  return r.length > 0;
}

/** Whether the tenant has this alert rule. */
export async function ruleExists(tx: Sql, tenantId: string, ruleId: string): Promise<boolean> {
  const r = await tx.query('SELECT 1 FROM alert_rule WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    ruleId,
  ]);
  return r.length > 0;
}

/** A subscription × alert pair still to mail (see selectPendingAlertMails). */
export interface PendingAlertMail {
  subscriptionId: number;
  email: string;
  alertId: number;
  indicatorId: string | null;
}

/**
 * Alert × subscription pairs still to mail: alerts with status "new" raised since the subscription
 * was made (no mail about the history before it), matching its area/indicator/rule, not yet mailed.
 */
export async function selectPendingAlertMails(
  db: Sql,
  tenantId: string,
): Promise<PendingAlertMail[]> {
  const rows = await db.query<{
    subscription_id: number;
    email: string;
    alert_id: number;
    indicator_id: string | null;
  }>(
    `SELECT s.id AS subscription_id, s.email, al.id AS alert_id, al.indicator_id
       FROM alert_subscription s
       JOIN alert al ON al.tenant_id = s.tenant_id
                    AND al.status = 'new'
                    AND al.created_at >= s.created_at
                    AND (s.area_id IS NULL OR s.area_id = al.area_id)
                    AND (s.indicator_id IS NULL OR s.indicator_id = al.indicator_id)
                    AND (s.rule_id IS NULL OR s.rule_id = al.rule_id)
      WHERE s.tenant_id = $1
        AND NOT EXISTS (SELECT 1 FROM alert_mail m
                         WHERE m.tenant_id = s.tenant_id AND m.alert_id = al.id AND m.subscription_id = s.id)
      ORDER BY lower(s.email), al.id, s.id`,
    [tenantId],
  );
  return rows.map((r) => ({
    subscriptionId: Number(r.subscription_id),
    email: String(r.email),
    alertId: Number(r.alert_id),
    indicatorId: r.indicator_id,
  }));
}

/** Kind of each named indicator the tenant has (missing ids are left out). */
export async function selectIndicatorKinds(
  tx: Sql,
  tenantId: string,
  indicatorIds: string[],
): Promise<{ id: string; kind: string }[]> {
  return tx.query<{ id: string; kind: string }>(
    'SELECT id, kind FROM indicator WHERE tenant_id = $1 AND id = ANY($2::text[])',
    [tenantId, indicatorIds],
  );
}

/** An indicator's German name and short name, or undefined. */
export async function selectIndicatorName(
  tx: Sql,
  tenantId: string,
  indicatorId: string,
): Promise<{ name_de: string; short_de: string | null } | undefined> {
  const [row] = await tx.query<{ name_de: string; short_de: string | null }>(
    'SELECT name_de, short_de FROM indicator WHERE tenant_id = $1 AND id = $2',
    [tenantId, indicatorId],
  );
  return row;
}

/** An alert's status, locked for the change that follows (undefined: no such alert). */
export async function selectAlertStatusForUpdate(
  tx: Sql,
  tenantId: string,
  id: number,
): Promise<string | undefined> {
  const [row] = await tx.query<{ status: string }>(
    'SELECT status FROM alert WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [tenantId, id],
  );
  return row?.status;
}

/** When a subscription was made (as the database returns it). */
export async function selectSubscriptionCreatedAt(
  tx: Sql,
  tenantId: string,
  id: number,
): Promise<unknown> {
  const [row] = await tx.query<{ created_at: unknown }>(
    'SELECT created_at FROM alert_subscription WHERE tenant_id = $1 AND id = $2',
    [tenantId, id],
  );
  return row?.created_at;
}
