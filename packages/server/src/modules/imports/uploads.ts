// Uploaded files wait on disk (never wholly in memory) until the planner has checked the analysis
// and runs the import. One folder per upload under <data dir>/uploads.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';

export interface UploadedFile {
  name: string;
  path: string;
  bytes: number;
}

export interface Upload {
  id: string;
  dir: string;
  files: UploadedFile[];
}

const ID = /^[a-f0-9]{24}$/;

/** The folder that holds uploads for this installation. */
export function uploadsRoot(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

/** Creates an empty upload folder and returns its id and path. */
export async function createUpload(root: string): Promise<{ id: string; dir: string }> {
  const id = randomBytes(12).toString('hex');
  const dir = path.join(root, id);
  await mkdir(dir, { recursive: true });
  return { id, dir };
}

/** A safe file name inside an upload folder (no paths, no hidden files). */
export function safeName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[^\p{L}\p{N}._ -]/gu, '_');
  return base.replace(/^\.+/, '') || 'datei';
}

/** Records the original names after the files were written. */
export async function finishUpload(root: string, id: string): Promise<Upload> {
  const dir = path.join(root, id);
  const names = (await readdir(dir)).filter((n) => n !== 'meta.json').sort();
  const files: UploadedFile[] = [];
  for (const name of names)
    files.push({
      name,
      path: path.join(dir, name),
      bytes: (await stat(path.join(dir, name))).size,
    });
  await writeFile(
    path.join(dir, 'meta.json'),
    JSON.stringify({ files: names, createdAt: new Date().toISOString() }),
  );
  return { id, dir, files };
}

/** Loads an upload by id; undefined if it does not exist. */
export async function getUpload(root: string, id: string): Promise<Upload | undefined> {
  if (!ID.test(id)) return undefined;
  try {
    return await finishUploadRead(root, id);
  } catch {
    return undefined;
  }
}

async function finishUploadRead(root: string, id: string): Promise<Upload> {
  const dir = path.join(root, id);
  const meta = JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8')) as {
    files: string[];
  };
  const files: UploadedFile[] = [];
  for (const name of meta.files)
    files.push({
      name,
      path: path.join(dir, name),
      bytes: (await stat(path.join(dir, name))).size,
    });
  return { id, dir, files };
}

/** Removes an upload folder. */
export async function removeUpload(root: string, id: string): Promise<void> {
  if (!ID.test(id)) return;
  await rm(path.join(root, id), { recursive: true, force: true });
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
