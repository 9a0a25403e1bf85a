// Uploaded files wait on disk (never wholly in memory) until the planner has checked the analysis
// and runs the import. One folder per upload under <data dir>/uploads. Each upload belongs to the
// tenant and person who sent it (issue 8 § 4): for anyone else it does not exist. Uploads nobody ran
// expire (UPLOAD_MAX_AGE_MS), also those orphaned by a restart.
import { createReadStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../../http/errors.ts';
import { fileTooLarge, multipartFiles, requireMultipart } from '../../http/multipart.ts';
import { ImportFileError } from './readers/errors.ts';
import { FileStore, filePolicies, sweepFolders } from '../files/index.ts';

export interface UploadedFile {
  name: string;
  path: string;
  bytes: number;
}

/** Who sent an upload: only they see, run or discard it. */
export interface UploadOwner {
  tenantId: string;
  userId: number | null;
}

export interface Upload {
  id: string;
  dir: string;
  files: UploadedFile[];
}

interface UploadMeta {
  files: string[];
  createdAt: string;
  owner: UploadOwner;
}

const ID = /^[a-f0-9]{24}$/;

/** How long an upload waits for its import: a working day is plenty to check an analysis. */
export const UPLOAD_MAX_AGE_MS = 24 * 3_600_000;

/** The files service of this installation, for uploads (kind 'upload', limit maxUploadBytes). */
export function uploadStore(config: { dataDir: string; maxUploadBytes: number }): FileStore {
  return new FileStore(config.dataDir, filePolicies(config.maxUploadBytes));
}

async function statFiles(dir: string, names: string[]): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for (const name of names) {
    const p = path.join(dir, name);
    files.push({ name, path: p, bytes: (await stat(p)).size });
  }
  return files;
}

async function readMeta(root: string, id: string): Promise<UploadMeta | undefined> {
  try {
    return JSON.parse(await readFile(path.join(root, id, 'meta.json'), 'utf8')) as UploadMeta;
  } catch {
    return undefined;
  }
}

const sameOwner = (a: UploadOwner | undefined, b: UploadOwner) =>
  a !== undefined && a.tenantId === b.tenantId && a.userId === b.userId;

/** Loads an upload of this owner by id; undefined if it does not exist, expired or is someone else's. */
export async function getUpload(
  root: string,
  id: string,
  owner: UploadOwner,
  now = Date.now(),
): Promise<Upload | undefined> {
  if (!ID.test(id)) return undefined;
  const meta = await readMeta(root, id);
  if (!meta || !sameOwner(meta.owner, owner)) return undefined;
  if (!(now - Date.parse(meta.createdAt) <= UPLOAD_MAX_AGE_MS)) return undefined;
  try {
    const dir = path.join(root, id);
    return { id, dir, files: await statFiles(dir, meta.files) };
  } catch {
    return undefined;
  }
}

/** Removes an upload folder of this owner; false when there is none (or it is someone else's). */
export async function removeUpload(root: string, id: string, owner: UploadOwner): Promise<boolean> {
  if (!ID.test(id) || !sameOwner((await readMeta(root, id))?.owner, owner)) return false;
  await rm(path.join(root, id), { recursive: true, force: true });
  return true;
}

/**
 * Removes expired uploads and folders without a readable meta.json that are older than an hour
 * (a restart during an upload leaves those). Returns how many folders went. The files service's
 * rule for every kind (modules/files), with the uploads' lifetime.
 */
export function sweepUploads(root: string, now = Date.now()): Promise<number> {
  return sweepFolders(root, UPLOAD_MAX_AGE_MS, now);
}

/** SHA-256 of files (streamed), to recognise a file imported before. */
export async function sha256Of(files: UploadedFile[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f.name);
    for await (const chunk of createReadStream(f.path)) h.update(chunk as Buffer);
  }
  return h.digest('hex');
}

/** What an analyse route answers: the upload's id, its files and the analysis of them. */
export interface ReceivedUpload<T> {
  uploadId: string;
  files: { name: string; bytes: number }[];
  analysis: T;
}

/** An ImportFileError as a 400 naming file, line and column; anything else unchanged. */
export function fileErrorAsHttp(err: unknown): unknown {
  if (err instanceof ImportFileError)
    return new HttpError(
      400,
      'invalid_file',
      err.issues.map((i) => i.message).join(' '),
      err.issues,
    );
  return err;
}

/**
 * Receives a multipart/form-data upload (field „file“, one or more files) through the files service
 * (one folder, streamed to disk so a large file never sits wholly in memory, 413 past the upload
 * limit), binds it to its owner and hands it to `analyse`. Refuses with 400 a request that is no
 * multipart upload, one without files and an empty file; whenever something fails, the folder goes.
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  store: FileStore,
  owner: UploadOwner,
  analyse: (upload: Upload) => Promise<T>,
): Promise<ReceivedUpload<T>> {
  // the plugin's limits (files, maxUploadBytes); the files service holds each file to its kind's limit
  requireMultipart(request, 'die Datei');
  const parts = multipartFiles(
    request,
    {},
    {
      what: 'die Datei',
      tooLarge: (name) => fileTooLarge(name, store.policies.upload.maxBytes),
      tooMany: 'Es wurden zu viele Dateien auf einmal hochgeladen (höchstens 10).',
    },
  );
  const saved = await store.saveAll('upload', parts, { owner });
  try {
    const files = [...saved.files]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((f) => ({ name: f.name, path: f.path, bytes: f.bytes }));
    if (files.length === 0)
      throw new HttpError(400, 'bad_request', 'Es wurde keine Datei hochgeladen.');
    const empty = files.find((f) => f.bytes === 0);
    if (empty) throw new HttpError(400, 'empty_file', `${empty.name}: die Datei ist leer.`);
    const analysis = await analyse({ id: saved.id, dir: saved.dir, files });
    return {
      uploadId: saved.id,
      files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
      analysis,
    };
  } catch (err) {
    await store.remove('upload', saved.id);
    throw fileErrorAsHttp(err);
  }
}
