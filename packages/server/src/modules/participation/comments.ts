// Comments on reports (issue 13 § 1–2, ADR 0041): off unless the tenant switches them on; written
// without an account behind a proof of work and a per-address limit; stored and answered as plain
// text (the web app renders text, never HTML); moderated like reports — flags hide a comment
// automatically at the tenant's threshold until a moderator decides, moderators hide and show with
// a reason. Audit entries keep no text and no address of anonymous writers.
import { createHash } from 'node:crypto';
import { shouldAutoHide } from '@sozialraum/core';
import type { ModeratedComment, PublicComment } from '@sozialraum/contracts/participation-comments';
import type { AppContext } from '../../app-context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import * as store from './comment-store.ts';
import { spendChallenge } from './pow-guard.ts';
import { selectSettings } from './store.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const iso = (d: Date) => new Date(d).toISOString();

function toPublic(r: store.CommentRow): PublicComment {
  return { id: r.id, reportId: r.report_id, text: r.body, createdAt: iso(r.created_at) };
}

function toModerated(r: store.CommentRow, flagReasons: string[]): ModeratedComment {
  return {
    ...toPublic(r),
    hidden: r.hidden,
    hiddenReason: r.hidden_reason,
    reviewed: r.reviewed,
    moderatorNote: r.moderator_note,
    flagCount: r.flag_count,
    flagReasons,
  };
}

const COMMENTS_OFF = 'Kommentare sind in dieser Kommune nicht eingeschaltet.';

/** The visible comments of a visible report (404 for an unknown or hidden report). */
export async function listComments(
  db: AppContext['db'],
  tenantId: string,
  reportId: number,
): Promise<PublicComment[]> {
  const report = await store.selectReportHidden(db, tenantId, reportId);
  if (!report || report.hidden) throw notFound(`Hinweis ${reportId} gibt es nicht (mehr).`);
  return (await store.selectVisibleComments(db, tenantId, reportId)).map(toPublic);
}

/** Stores a comment on a visible report, if the tenant allows comments (409 otherwise). */
export async function addComment(
  db: AppContext['db'],
  tenantId: string,
  reportId: number,
  c: { text: string; pow: { challenge: string; nonce: string } },
  actor: AuditActor,
): Promise<PublicComment> {
  return db.transaction(async (tx) => {
    if (!(await selectSettings(tx, tenantId)).comments_enabled) throw conflict(COMMENTS_OFF);
    const report = await store.selectReportHidden(tx, tenantId, reportId, true);
    if (!report || report.hidden)
      throw notFound(`Hinweis ${reportId} gibt es nicht (mehr) oder ist ausgeblendet.`);
    await spendChallenge(tx, tenantId, c.pow);
    const row = await store.insertComment(tx, tenantId, reportId, c.text);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.comment',
      entity: 'participation_comment',
      entityId: String(row.id),
      detail: { reportId, length: c.text.length },
    });
    return toPublic(row);
  });
}

/** A flag per device; at the tenant's threshold an unreviewed comment is hidden automatically. */
export async function flagComment(
  db: AppContext['db'],
  tenantId: string,
  id: number,
  f: { deviceId: string; reason: string },
  actor: AuditActor,
): Promise<{ counted: boolean; hidden: boolean }> {
  return db.transaction(async (tx) => {
    const row = await store.selectComment(tx, tenantId, id, true);
    if (!row) throw notFound(`Kommentar ${id} gibt es nicht (mehr).`);
    const device = sha256(`${tenantId}:${f.deviceId}`);
    const r = await store.insertCommentFlag(tx, tenantId, id, device, f.reason);
    if (!r.counted) return { counted: false, hidden: row.hidden };
    const { flag_threshold } = await selectSettings(tx, tenantId);
    const hide = !row.hidden && shouldAutoHide(r.flagCount, flag_threshold, row.reviewed);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.comment_flag',
      entity: 'participation_comment',
      entityId: String(id),
      detail: { flagCount: r.flagCount, reason: f.reason },
    });
    if (hide) {
      await store.updateCommentVisibility(tx, tenantId, id, {
        hidden: true,
        reason: `Automatisch ausgeblendet: ${r.flagCount} Meldungen, eine Moderatorin oder ein Moderator prüft den Kommentar.`,
        reviewed: false,
      });
      await writeAudit(tx, tenantId, {
        actor: { actor: 'system' },
        action: 'participation.comment_auto_hide',
        entity: 'participation_comment',
        entityId: String(id),
        detail: { flagCount: r.flagCount, threshold: flag_threshold },
      });
    }
    return { counted: true, hidden: row.hidden || hide };
  });
}

/** Hides or shows a comment with a reason; the decision ends automatic hiding for it. */
export async function moderateComment(
  db: AppContext['db'],
  tenantId: string,
  id: number,
  m: { action: 'hide' | 'show'; reason: string; note?: string | null | undefined },
  actor: AuditActor,
): Promise<ModeratedComment> {
  await db.transaction(async (tx) => {
    const row = await store.selectComment(tx, tenantId, id, true);
    if (!row) throw notFound(`Kommentar ${id} gibt es nicht (mehr).`);
    const hidden = m.action === 'hide';
    await store.updateCommentVisibility(tx, tenantId, id, {
      hidden,
      reason: hidden ? m.reason : null,
      reviewed: true,
      note: m.note,
    });
    await writeAudit(tx, tenantId, {
      actor,
      action: `participation.comment_${m.action}`,
      entity: 'participation_comment',
      entityId: String(id),
      detail: {
        before: { hidden: row.hidden },
        after: { hidden },
        reason: m.reason,
        note: m.note ?? null,
      },
    });
  });
  return (await commentQueue(db, tenantId, [id]))[0]!;
}

/** The moderation queue of comments with flag reasons (or just the named ones). */
export async function commentQueue(
  db: AppContext['db'],
  tenantId: string,
  only?: readonly number[],
): Promise<ModeratedComment[]> {
  const rows = only
    ? (await Promise.all(only.map((id) => store.selectComment(db, tenantId, id)))).filter(
        (r): r is store.CommentRow => r !== undefined,
      )
    : await store.selectCommentQueue(db, tenantId, 500);
  const reasons = await store.selectCommentFlagReasons(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toModerated(r, reasons.get(r.id) ?? []));
}
