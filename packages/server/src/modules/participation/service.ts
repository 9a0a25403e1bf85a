// Participation service (issue 13): load → rules (core) → save, every change audited in its
// transaction. Audit entries of anonymous people keep no personal data: no address, no IP, no
// text — only what happened to which report (ADR 0031, DSGVO Art. 17 deletion stays auditable).
import { createHash, randomBytes } from 'node:crypto';
import {
  REPORT_STATUSES,
  REPORT_TOPICS,
  shouldAutoHide,
  statusChangeProblem,
  topicDimension,
} from '@sozialraum/core';
import type {
  ModeratedReport,
  ParticipationConfig,
  ParticipationSettings,
  ParticipationSettingsUpdate,
  PublicReport,
  ReportStatusId,
} from '@sozialraum/contracts/participation';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import type { Sql } from '../../db/db.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import type { FileStore } from '../files/index.ts';
import { confirmationMail, hiddenMail, sendParticipationMail, statusMail } from './notify.ts';
import { selectPhotoFiles } from './photo-store.ts';
import { removePhotoFiles } from './photos.ts';
import { municipalityBbox, placePoint } from './place.ts';
import { challengeHash, solutionProblem } from './pow.ts';
import * as store from './store.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = () => randomBytes(24).toString('base64url');
const iso = (d: Date) => new Date(d).toISOString();

/**
 * Shapes a row as everyone sees it: a hidden report shows neither its text nor the moderation's
 * reason — the reason is for its author (getReportForAuthor, the hide e-mail) and the moderators.
 */
export function toPublicReport(r: store.ReportRow): PublicReport {
  return {
    id: r.id,
    kind: r.kind,
    topic: r.topic as PublicReport['topic'],
    dimension: topicDimension(r.topic),
    text: r.hidden ? null : r.body,
    lon: r.lon,
    lat: r.lat,
    areaName: r.area_name,
    status: r.status as ReportStatusId,
    publicAnswer: r.public_answer,
    hidden: r.hidden,
    hiddenReason: null,
    supportCount: r.support_count,
    photos: r.hidden ? [] : r.photos,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function toModerated(r: store.ReportRow, flagReasons: string[]): ModeratedReport {
  return {
    ...toPublicReport(r),
    text: r.body,
    hiddenReason: r.hidden_reason,
    photos: r.photos,
    flagCount: r.flag_count,
    reviewed: r.reviewed,
    moderatorNote: r.moderator_note,
    hasConfirmedEmail: r.email !== null && r.email_confirmed,
    flagReasons,
  };
}

/** Topics, statuses, privacy notice, proof-of-work difficulty and the municipality's extent. */
export async function getConfig(sql: Sql, tenantId: string): Promise<ParticipationConfig> {
  const s = await store.selectSettings(sql, tenantId);
  return {
    topics: REPORT_TOPICS.map((t) => ({ ...t })),
    statuses: REPORT_STATUSES.map((t) => ({ ...t })),
    privacyNotice: s.privacy_notice,
    powDifficulty: s.pow_difficulty,
    flagThreshold: s.flag_threshold,
    commentsEnabled: s.comments_enabled,
    bbox: await municipalityBbox(sql, tenantId),
  };
}

/** Stores the tenant's settings (audited). */
export async function saveSettings(
  db: AppContext['db'],
  tenantId: string,
  s: ParticipationSettingsUpdate,
  actor: AuditActor,
): Promise<ParticipationSettings> {
  return db.transaction(async (tx) => {
    const before = await store.selectSettings(tx, tenantId);
    const after = {
      flag_threshold: s.flagThreshold,
      pow_difficulty: s.powDifficulty,
      privacy_notice: s.privacyNotice,
      // a client that does not know the switch leaves it as it is
      comments_enabled: s.commentsEnabled ?? before.comments_enabled,
    };
    await store.upsertSettings(tx, tenantId, after);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.configure',
      entity: 'participation_settings',
      entityId: tenantId,
      detail: { before, after },
    });
    return { ...s, commentsEnabled: after.comments_enabled };
  });
}

/** A new report as the portal and Open311 clients describe it (the length rules are the contract's). */
export interface NewReport {
  kind: 'hint' | 'idea';
  topic: string;
  text: string;
  lon: number;
  lat: number;
  email?: string | null | undefined;
}

export interface Submission extends NewReport {
  pow: { challenge: string; nonce: string };
}

/** Checks the proof of work and the point, stores the report, sends the opt-in mail. */
export async function submitReport(
  ctx: AppContext,
  tenantId: string,
  sub: Submission,
  actor: AuditActor,
  log?: FastifyBaseLogger,
) {
  const problem = solutionProblem(tenantId, sub.pow.challenge, sub.pow.nonce);
  if (problem) throw badRequest(`Anfrageinhalt „pow“: ${problem}`);
  return storeReport(ctx, tenantId, sub, actor, {
    log,
    guard: async (tx) => {
      if (!(await store.useChallenge(tx, tenantId, challengeHash(sub.pow.challenge))))
        throw badRequest(
          'Anfrageinhalt „pow“: Die Sicherheitsaufgabe wurde schon verwendet. Bitte senden Sie erneut.',
        );
    },
  });
}

export interface StoreOptions {
  log?: FastifyBaseLogger | undefined;
  /** Runs first inside the report's transaction (the portal spends its challenge there). */
  guard?: (tx: Sql) => Promise<void>;
  /** Added to the audit entry's detail (no personal data). */
  auditDetail?: Record<string, unknown>;
}

/**
 * Places the point inside the municipality, stores the report with its audit entry in one
 * transaction and sends the opt-in mail: shared by the portal and Open311 clients (ADR 0031).
 */
export async function storeReport(
  ctx: AppContext,
  tenantId: string,
  sub: NewReport,
  actor: AuditActor,
  opts: StoreOptions = {},
) {
  const place = await placePoint(ctx.db, tenantId, sub.lon, sub.lat);
  if (!place)
    throw badRequest(
      `Anfrageinhalt „lon“/„lat“: Der Ort (${sub.lat.toFixed(5)} N, ${sub.lon.toFixed(5)} O) liegt außerhalb des Gebiets der Kommune. Bitte wählen Sie einen Ort innerhalb der Stadtgrenze.`,
    );
  const deleteToken = newToken();
  const emailToken = sub.email ? newToken() : null;
  const id = await ctx.db.transaction(async (tx) => {
    await opts.guard?.(tx);
    const reportId = await store.insertReport(tx, tenantId, {
      kind: sub.kind,
      topic: sub.topic,
      body: sub.text,
      lon: sub.lon,
      lat: sub.lat,
      areaId: place.areaId,
      email: sub.email ?? null,
      emailTokenHash: emailToken ? sha256(emailToken) : null,
      deleteTokenHash: sha256(deleteToken),
    });
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.submit',
      entity: 'participation_report',
      entityId: String(reportId),
      detail: {
        kind: sub.kind,
        topic: sub.topic,
        areaId: place.areaId,
        withEmail: !!sub.email,
        ...opts.auditDetail,
      },
    });
    return reportId;
  });
  let emailConfirmation: 'not_requested' | 'sent' | 'not_sent' = 'not_requested';
  if (sub.email && emailToken) {
    const mail = confirmationMail(ctx, id, emailToken, deleteToken);
    emailConfirmation = await sendParticipationMail(
      ctx,
      tenantId,
      { purpose: 'participation_confirm', to: sub.email, ...mail },
      opts.log,
    );
  }
  const row = await store.selectReport(ctx.db, tenantId, id);
  return { report: toPublicReport(row!), deleteToken, emailConfirmation };
}

/** Public reports, newest first. */
export async function listPublicReports(
  sql: Sql,
  tenantId: string,
  q: { status?: string | undefined; topic?: string | undefined; limit?: number | undefined },
): Promise<PublicReport[]> {
  const rows = await store.selectReports(sql, tenantId, {
    publicOnly: true,
    limit: q.limit ?? 500,
    ...q,
  });
  return rows.map(toPublicReport);
}

/** Public reports in these areas since a date, most supported first (for Sozialraumkonferenzen). */
export async function listTopReportsInAreas(
  sql: Sql,
  tenantId: string,
  areaIds: readonly number[],
  since: string | null,
  limit = 20,
): Promise<(PublicReport & { areaId: number })[]> {
  const rows = await store.selectTopReportsInAreas(sql, tenantId, areaIds, since, limit);
  return rows.map((r) => ({ ...toPublicReport(r), areaId: r.area_id }));
}

/** One report as the public sees it (a hidden one with its reason, without its text). */
export async function getPublicReport(
  sql: Sql,
  tenantId: string,
  id: number,
): Promise<PublicReport> {
  const row = await store.selectReport(sql, tenantId, id);
  if (!row) throw notFound(`Hinweis ${id} gibt es nicht (mehr).`);
  return toPublicReport(row);
}

/** One report as the moderators see it (text, reason, flags, all photos). */
export async function getModeratedReport(
  sql: Sql,
  tenantId: string,
  id: number,
): Promise<ModeratedReport> {
  const row = await store.selectReport(sql, tenantId, id);
  if (!row) throw notFound(`Hinweis ${id} gibt es nicht (mehr).`);
  const reasons = await store.selectFlagReasons(sql, tenantId, [id]);
  return toModerated(row, reasons.get(id) ?? []);
}

/** The moderation queue with flag reasons. */
export async function moderationQueue(sql: Sql, tenantId: string): Promise<ModeratedReport[]> {
  const rows = await store.selectQueue(sql, tenantId, 500);
  const reasons = await store.selectFlagReasons(
    sql,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toModerated(r, reasons.get(r.id) ?? []));
}

async function lockVisible(tx: Sql, tenantId: string, id: number): Promise<store.ReportRow> {
  const row = await store.selectReport(tx, tenantId, id, true);
  if (!row) throw notFound(`Hinweis ${id} gibt es nicht (mehr).`);
  return row;
}

/** One support per device and report (the device id is stored only as a hash). */
export async function supportReport(
  db: AppContext['db'],
  tenantId: string,
  id: number,
  deviceId: string,
  actor: AuditActor,
) {
  return db.transaction(async (tx) => {
    const row = await lockVisible(tx, tenantId, id);
    if (row.hidden)
      throw notFound(`Hinweis ${id} ist ausgeblendet und kann nicht unterstützt werden.`);
    const r = await store.insertSupport(tx, tenantId, id, sha256(`${tenantId}:${deviceId}`));
    if (r.counted)
      await writeAudit(tx, tenantId, {
        actor,
        action: 'participation.support',
        entity: 'participation_report',
        entityId: String(id),
        detail: { supportCount: r.supportCount },
      });
    return r;
  });
}

/** A flag per device; at the tenant's threshold an unreviewed report is hidden automatically. */
export async function flagReport(
  db: AppContext['db'],
  tenantId: string,
  id: number,
  deviceId: string,
  reason: string,
  actor: AuditActor,
) {
  return db.transaction(async (tx) => {
    const row = await lockVisible(tx, tenantId, id);
    const r = await store.insertFlag(tx, tenantId, id, sha256(`${tenantId}:${deviceId}`), reason);
    if (!r.counted) return { counted: false, hidden: row.hidden };
    const { flag_threshold } = await store.selectSettings(tx, tenantId);
    const hide = !row.hidden && shouldAutoHide(r.flagCount, flag_threshold, row.reviewed);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.flag',
      entity: 'participation_report',
      entityId: String(id),
      detail: { flagCount: r.flagCount, reason },
    });
    if (hide) {
      const why = `Automatisch ausgeblendet: ${r.flagCount} Meldungen, eine Moderatorin oder ein Moderator prüft den Beitrag.`;
      await store.updateVisibility(tx, tenantId, id, {
        hidden: true,
        reason: why,
        reviewed: false,
      });
      await writeAudit(tx, tenantId, {
        actor: { actor: 'system' },
        action: 'participation.auto_hide',
        entity: 'participation_report',
        entityId: String(id),
        detail: { flagCount: r.flagCount, threshold: flag_threshold },
      });
    }
    return { counted: true, hidden: row.hidden || hide };
  });
}

/** Hides or shows a report with a reason; the decision ends automatic hiding for it. */
export async function moderateReport(
  ctx: AppContext,
  tenantId: string,
  id: number,
  m: { action: 'hide' | 'show'; reason: string; note?: string | null | undefined },
  actor: AuditActor,
  log?: FastifyBaseLogger,
): Promise<ModeratedReport> {
  const db = ctx.db;
  const before = await db.transaction(async (tx) => {
    const row = await lockVisible(tx, tenantId, id);
    const hidden = m.action === 'hide';
    await store.updateVisibility(tx, tenantId, id, {
      hidden,
      reason: hidden ? m.reason : null,
      reviewed: true,
      note: m.note,
    });
    await writeAudit(tx, tenantId, {
      actor,
      action: `participation.${m.action}`,
      entity: 'participation_report',
      entityId: String(id),
      detail: {
        before: { hidden: row.hidden },
        after: { hidden },
        reason: m.reason,
        note: m.note ?? null,
      },
    });
    return row;
  });
  // the author learns why, if she confirmed an address (issue 13 § 2: the author sees the reason)
  if (m.action === 'hide' && !before.hidden && before.email && before.email_confirmed)
    await sendParticipationMail(
      ctx,
      tenantId,
      { purpose: 'participation_status', to: before.email, ...hiddenMail(ctx, id, m.reason) },
      log,
    );
  const row = await store.selectReport(db, tenantId, id);
  const reasons = await store.selectFlagReasons(db, tenantId, [id]);
  return toModerated(row!, reasons.get(id) ?? []);
}

/** Sets status and public answer; informs the author when she confirmed an address. */
export async function answerReport(
  ctx: AppContext,
  tenantId: string,
  id: number,
  a: { status: ReportStatusId; publicAnswer?: string | null | undefined },
  actor: AuditActor,
  log?: FastifyBaseLogger,
) {
  const answer = a.publicAnswer?.trim() ? a.publicAnswer.trim() : null;
  const problem = statusChangeProblem(a.status, answer);
  if (problem) throw badRequest(`Anfrageinhalt „publicAnswer“: ${problem}`);
  const before = await ctx.db.transaction(async (tx) => {
    const row = await lockVisible(tx, tenantId, id);
    await store.updateAnswer(tx, tenantId, id, a.status, answer);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.answer',
      entity: 'participation_report',
      entityId: String(id),
      detail: {
        before: { status: row.status, publicAnswer: row.public_answer },
        after: { status: a.status, publicAnswer: answer },
      },
    });
    return row;
  });
  let authorInformed: 'sent' | 'no_address' | 'not_sent' = 'no_address';
  const changed = before.status !== a.status || before.public_answer !== answer;
  if (before.email && before.email_confirmed && changed) {
    const statusDe = REPORT_STATUSES.find((s) => s.id === a.status)!.de;
    authorInformed = await sendParticipationMail(
      ctx,
      tenantId,
      {
        purpose: 'participation_status',
        to: before.email,
        ...statusMail(ctx, id, statusDe, answer),
      },
      log,
    );
  }
  return { report: await getPublicReport(ctx.db, tenantId, id), authorInformed };
}

/** Confirms the address of a report (double opt-in). */
export async function confirmReportEmail(
  db: AppContext['db'],
  tenantId: string,
  token: string,
  actor: AuditActor,
) {
  return db.transaction(async (tx) => {
    const id = await store.confirmEmail(tx, tenantId, sha256(token));
    if (id === undefined)
      throw notFound('Der Bestätigungslink ist unbekannt oder wurde schon verwendet.');
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.confirm_email',
      entity: 'participation_report',
      entityId: String(id),
    });
    return { reportId: id, confirmed: true };
  });
}

/**
 * Deletes a report on its author's request (DSGVO Art. 17) with the deletion code handed out at
 * submission. The audit entry names only the report number: text, place and address are gone.
 */
/** The author's own view of her report (with the deletion code): a hidden one with its reason. */
export async function getReportForAuthor(
  db: AppContext['db'],
  tenantId: string,
  id: number,
  token: string,
): Promise<PublicReport> {
  const row = await store.selectReportByToken(db, tenantId, id, sha256(token));
  if (!row) throw notFound(`Hinweis ${id} gibt es nicht, oder der Löschcode passt nicht.`);
  return {
    ...toPublicReport(row),
    text: row.body,
    hiddenReason: row.hidden_reason,
    photos: row.photos,
  };
}

export async function deleteReportByAuthor(
  db: AppContext['db'],
  tenantId: string,
  id: number,
  token: string,
  actor: AuditActor,
  files?: FileStore,
) {
  const photoFiles = await db.transaction(async (tx) => {
    const fileIds = await selectPhotoFiles(tx, tenantId, id);
    if (!(await store.deleteReportByToken(tx, tenantId, id, sha256(token))))
      throw notFound(`Hinweis ${id} gibt es nicht, oder der Löschcode passt nicht.`);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.delete',
      entity: 'participation_report',
      entityId: String(id),
      detail: { by: 'author', personalDataKept: false, photos: fileIds.length },
    });
    return fileIds;
  });
  // the photos' rows went with the report; their files go once that is committed
  if (files) await removePhotoFiles(files, photoFiles);
  return { deleted: true };
}
