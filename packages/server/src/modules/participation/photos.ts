// Photos of reports (issue 13 § 1, ADR 0041): the author adds up to three with the deletion code
// handed out at submission; each is cleaned (photo-image.ts) before anything is stored, kept in
// the files service (kind 'photo') and recorded with an audit entry in the same transaction. A
// hidden report's photos are served only to moderators; a moderator removes a single photo with a
// reason; the author's deletion removes them all.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { AppContext } from '../../app-context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { FileStore, filePolicies } from '../files/index.ts';
import { cleanPhoto, PHOTO_LIMITS } from './photo-image.ts';
import * as photoStore from './photo-store.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The installation's file store (photos live under <data dir>/files/photos). */
export function photoFiles(config: AppContext['config']): FileStore {
  return new FileStore(config.dataDir, filePolicies(config.maxUploadBytes));
}

const FILE_NAME = 'foto.jpg';

/** Cleans and stores one photo of a report whose deletion code matches (404 otherwise). */
export async function addPhoto(
  ctx: AppContext,
  files: FileStore,
  tenantId: string,
  reportId: number,
  code: string,
  upload: { name: string; data: Buffer },
  actor: AuditActor,
) {
  const photo = await cleanPhoto(upload.data, upload.name);
  const saved = await files.save('photo', FILE_NAME, Readable.from([photo.data]));
  try {
    return await ctx.db.transaction(async (tx) => {
      const report = await photoStore.lockReportOfAuthor(tx, tenantId, reportId, sha256(code));
      if (!report)
        throw notFound(`Hinweis ${reportId} gibt es nicht, oder der Löschcode passt nicht.`);
      const count = await photoStore.countPhotos(tx, tenantId, reportId);
      if (count >= PHOTO_LIMITS.perReport)
        throw conflict(
          `Hinweis ${reportId} hat schon ${PHOTO_LIMITS.perReport} Fotos; mehr sind nicht möglich.`,
        );
      const id = await photoStore.insertPhoto(tx, tenantId, {
        reportId,
        fileId: saved.id,
        width: photo.width,
        height: photo.height,
        bytes: saved.bytes,
      });
      await writeAudit(tx, tenantId, {
        actor,
        action: 'participation.photo_add',
        entity: 'participation_report',
        entityId: String(reportId),
        detail: { photoId: id, width: photo.width, height: photo.height, bytes: saved.bytes },
      });
      return {
        id,
        reportId,
        width: photo.width,
        height: photo.height,
        bytes: saved.bytes,
        photoCount: count + 1,
      };
    });
  } catch (err) {
    await files.remove('photo', saved.id);
    throw err;
  }
}

/** The JPEG bytes of a photo; a hidden report's photos only for moderators (404 for others). */
export async function readPhoto(
  ctx: AppContext,
  files: FileStore,
  auth: Principal,
  reportId: number,
  photoId: number,
): Promise<Buffer> {
  const row = await photoStore.selectPhoto(ctx.db, auth.tenantId, reportId, photoId);
  const missing = () => notFound(`Foto ${photoId} des Hinweises ${reportId} gibt es nicht.`);
  if (!row) throw missing();
  if (row.hidden && !auth.permissions.has('participation.moderate')) throw missing();
  try {
    return await readFile(path.join(files.root('photo'), row.file_id, FILE_NAME));
  } catch {
    throw missing();
  }
}

/**
 * A moderator removes one photo of a report with a reason (ADR 0045): the row and its audit entry in
 * one transaction, the file once that is committed; the report keeps its other photos. The reason
 * stays in the audit log (the photo itself is not kept anywhere).
 */
export async function removePhoto(
  ctx: AppContext,
  files: FileStore,
  tenantId: string,
  reportId: number,
  photoId: number,
  reason: string,
  actor: AuditActor,
): Promise<void> {
  const fileId = await ctx.db.transaction(async (tx) => {
    const row = await photoStore.lockPhoto(tx, tenantId, reportId, photoId);
    if (!row) throw notFound(`Foto ${photoId} des Hinweises ${reportId} gibt es nicht.`);
    await photoStore.deletePhoto(tx, tenantId, reportId, photoId);
    await writeAudit(tx, tenantId, {
      actor,
      action: 'participation.photo_remove',
      entity: 'participation_report',
      entityId: String(reportId),
      detail: {
        photoId,
        reason,
        photosLeft: await photoStore.countPhotos(tx, tenantId, reportId),
      },
    });
    return row.file_id;
  });
  await files.remove('photo', fileId);
}

/** Removes the photo files of reports whose rows are gone (after the deleting transaction). */
export async function removePhotoFiles(files: FileStore, fileIds: readonly string[]) {
  for (const id of fileIds) await files.remove('photo', id);
}
