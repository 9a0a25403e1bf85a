// Uploaded files wait on disk (never wholly in memory) until the planner has checked the analysis
// and runs the import. One folder per upload under <data dir>/uploads. Each upload belongs to the
// tenant and person who sent it (issue 8 § 4): for anyone else it does not exist. Uploads nobody ran
// expire (UPLOAD_MAX_AGE_MS), also those orphaned by a restart.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../../http/errors.ts';
import { ImportFileError } from './readers/errors.ts';
import { filePolicies, safeFileName, sweepFolders } from '../files/index.ts';

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

/** The folder that holds uploads for this installation (the files service's kind 'upload'). */
export function uploadsRoot(dataDir: string): string {
  return path.join(dataDir, filePolicies(0).upload.folder);
}

/** Creates an empty upload folder and returns its id and path. */
export async function createUpload(root: string): Promise<{ id: string; dir: string }> {
  const id = randomBytes(12).toString('hex');
  const dir = path.join(root, id);
  await mkdir(dir, { recursive: true });
  return { id, dir };
}

/** A safe file name inside an upload folder (no paths, no hidden files). */
export const safeName = safeFileName;

/** Records the original names and the owner after the files were written. */
export async function finishUpload(root: string, id: string, owner: UploadOwner): Promise<Upload> {
  const dir = path.join(root, id);
  const names = (await readdir(dir)).filter((n) => n !== 'meta.json').sort();
  const meta: UploadMeta = { files: names, createdAt: new Date().toISOString(), owner };
  await writeFile(path.join(dir, 'meta.json'), JSON.stringify(meta));
  return { id, dir, files: await statFiles(dir, names) };
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

/** Removes an upload folder the server itself just created (a failed analysis). */
export async function discardNewUpload(root: string, id: string): Promise<void> {
  if (ID.test(id)) await rm(path.join(root, id), { recursive: true, force: true });
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
 * Receives a multipart/form-data upload (field „file“, one or more files) into a new upload folder,
 * streamed to disk so a large file never sits wholly in memory, binds it to its owner and hands it
 * to `analyse`. Refuses with 400 a request that is no multipart upload, one without files and an
 * empty file, with 413 a file past `maxBytes`; whenever something fails, the folder goes again.
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  root: string,
  owner: UploadOwner,
  maxBytes: number,
  analyse: (upload: Upload) => Promise<T>,
): Promise<ReceivedUpload<T>> {
  if (!request.isMultipart())
    throw new HttpError(
      400,
      'bad_request',
      'Bitte die Datei als multipart/form-data hochladen (Feld „file“).',
    );
  const { id, dir } = await createUpload(root);
  try {
    for await (const part of request.files()) {
      await pipeline(part.file, createWriteStream(path.join(dir, safeName(part.filename))));
      if (part.file.truncated)
        throw new HttpError(
          413,
          'too_large',
          `${part.filename}: die Datei ist größer als ${Math.round(maxBytes / 1048576)} MB.`,
        );
    }
    const upload = await finishUpload(root, id, owner);
    if (upload.files.length === 0)
      throw new HttpError(400, 'bad_request', 'Es wurde keine Datei hochgeladen.');
    const empty = upload.files.find((f) => f.bytes === 0);
    if (empty) throw new HttpError(400, 'empty_file', `${empty.name}: die Datei ist leer.`);
    const analysis = await analyse(upload);
    return {
      uploadId: id,
      files: upload.files.map((f) => ({ name: f.name, bytes: f.bytes })),
      analysis,
    };
  } catch (err) {
    await discardNewUpload(root, id);
    throw fileErrorAsHttp(err);
  }
}
