// Files as a shared service (ADR 0025): every file the server keeps — uploads waiting for their
// import, later report outputs and photos — lives under the data directory in one folder per kind,
// one sub-folder per file with a meta.json, with a size limit and a lifetime per kind. A scheduled
// job (files.cleanup) removes what expired and what a restart orphaned (a folder without meta.json).
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from '../../http/errors.ts';

export type FileKind = 'upload' | 'report' | 'photo';

/** Where a kind lives, how large one file may be, and how long it is kept (null: until deleted). */
export interface FileKindPolicy {
  folder: string;
  maxBytes: number;
  maxAgeMs: number | null;
}

const HOUR = 3_600_000;
const MB = 1024 * 1024;

/** A folder without a readable meta.json older than this is left over from an interrupted write. */
export const ORPHAN_AFTER_MS = HOUR;

/**
 * The kinds. Uploads keep their folder (<data dir>/uploads) and their 24 hours (a working day to
 * check an analysis); report outputs are kept 30 days; photos until their record deletes them.
 */
export function filePolicies(maxUploadBytes: number): Record<FileKind, FileKindPolicy> {
  return {
    upload: { folder: 'uploads', maxBytes: maxUploadBytes, maxAgeMs: 24 * HOUR },
    report: { folder: path.join('files', 'reports'), maxBytes: 200 * MB, maxAgeMs: 30 * 24 * HOUR },
    photo: { folder: path.join('files', 'photos'), maxBytes: 15 * MB, maxAgeMs: null },
  };
}

/** A file kept by the store. */
export interface StoredFile {
  id: string;
  kind: FileKind;
  name: string;
  path: string;
  bytes: number;
}

/** The files of one folder (one upload of several parts, or a single file). */
export interface StoredFolder {
  id: string;
  kind: FileKind;
  dir: string;
  files: StoredFile[];
}

/** One file to store: its name as sent, and its bytes (`truncated`: the source cut it off at a limit). */
export interface FilePart {
  name: string;
  stream: Readable & { truncated?: boolean };
}

const ID = /^[a-f0-9]{24}$/;

/** A safe file name inside a file folder (no paths, no hidden files). */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[^\p{L}\p{N}._ -]/gu, '_');
  return base.replace(/^\.+/, '') || 'datei';
}

const mbText = (bytes: number) =>
  (bytes / MB).toLocaleString('de-DE', { maximumFractionDigits: 1 });

/** The files of one installation (its data directory). */
export class FileStore {
  constructor(
    readonly dataDir: string,
    readonly policies: Record<FileKind, FileKindPolicy>,
  ) {}

  /** The folder of a kind. */
  root(kind: FileKind): string {
    return path.join(this.dataDir, this.policies[kind].folder);
  }

  /**
   * Stores one file streamed from `source`, refusing it with 413 (German, with the limit) once it
   * passes the kind's limit; nothing of a refused or failed file stays behind.
   */
  async save(kind: FileKind, name: string, source: Readable): Promise<StoredFile> {
    const folder = await this.saveAll(
      kind,
      (async function* () {
        yield { name, stream: source };
      })(),
    );
    return folder.files[0]!;
  }

  /**
   * Stores the files of one folder (an upload of several parts, e.g. a shapefile's .shp, .dbf and
   * .prj), each streamed and held to the kind's limit (413; also when the source itself cut a stream
   * off at a limit, `truncated`). `meta` adds fields to meta.json (e.g. the owner of an upload).
   * Nothing of a refused or failed folder stays behind.
   */
  async saveAll(
    kind: FileKind,
    parts: AsyncIterable<FilePart>,
    meta: Record<string, unknown> = {},
  ): Promise<StoredFolder> {
    const id = randomBytes(12).toString('hex');
    const dir = path.join(this.root(kind), id);
    await mkdir(dir, { recursive: true });
    const files: StoredFile[] = [];
    try {
      for await (const part of parts) {
        const name = safeFileName(part.name);
        const bytes = await this.write(kind, path.join(dir, name), name, part.stream);
        files.push({ id, kind, name, path: path.join(dir, name), bytes });
      }
      await writeFile(
        path.join(dir, 'meta.json'),
        JSON.stringify({
          ...meta,
          files: files.map((f) => f.name),
          createdAt: new Date().toISOString(),
          kind,
        }),
      );
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
    return { id, kind, dir, files };
  }

  /** Streams one file to `target`, counting bytes against the kind's limit; returns its size. */
  private async write(
    kind: FileKind,
    target: string,
    name: string,
    stream: FilePart['stream'],
  ): Promise<number> {
    const { maxBytes } = this.policies[kind];
    const tooLarge = () =>
      new HttpError(413, 'too_large', `${name}: die Datei ist größer als ${mbText(maxBytes)} MB.`);
    let bytes = 0;
    await pipeline(
      stream,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes += chunk.length;
          if (bytes > maxBytes) throw tooLarge();
          yield chunk;
        }
      },
      createWriteStream(target),
    );
    if (stream.truncated) throw tooLarge();
    return bytes;
  }

  /** Removes one stored file; false when there is none. */
  async remove(kind: FileKind, id: string): Promise<boolean> {
    if (!ID.test(id)) return false;
    const dir = path.join(this.root(kind), id);
    const there = await stat(dir).then(
      () => true,
      () => false,
    );
    if (there) await rm(dir, { recursive: true, force: true });
    return there;
  }

  /** Removes expired and orphaned files of every kind; how many folders went, per kind. */
  async sweep(now = Date.now()): Promise<Record<FileKind, number>> {
    const out = { upload: 0, report: 0, photo: 0 };
    for (const kind of Object.keys(out) as FileKind[])
      out[kind] = await sweepFolders(this.root(kind), this.policies[kind].maxAgeMs, now);
    return out;
  }
}

/**
 * Removes the file folders under root that are older than maxAgeMs (by their meta.json createdAt;
 * null = never) and those without a readable meta.json older than ORPHAN_AFTER_MS (by mtime).
 * An unreadable date counts as expired. Returns how many folders went.
 */
export async function sweepFolders(
  root: string,
  maxAgeMs: number | null,
  now = Date.now(),
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const id of names) {
    if (!ID.test(id)) continue;
    const dir = path.join(root, id);
    const meta = await readFile(path.join(dir, 'meta.json'), 'utf8').then(
      (t) => JSON.parse(t) as { createdAt?: string },
      () => undefined,
    );
    const born = meta
      ? Date.parse(meta.createdAt ?? '')
      : await stat(dir).then(
          (s) => s.mtimeMs,
          () => now,
        );
    const maxAge = meta ? maxAgeMs : ORPHAN_AFTER_MS;
    if (maxAge === null) continue;
    if (now - born <= maxAge) continue;
    await rm(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
