// Receiving files from multipart/form-data (issue 13 § 1, issue 8 § 4): one helper for every upload
// route — the check that the request is multipart at all, the parts of the field „file“ one after
// the other under the route's limits, and the parser's refusals as clear German 400/413 answers
// (instead of the parser's codes). The parser itself (@fastify/multipart) is registered once by
// registerImportRoutes; routes call these functions inside their handler.
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { HttpError, badRequest } from './errors.ts';

/** What a route allows per request: how many files, how many bytes each (both optional). */
export interface MultipartLimits {
  files?: number;
  fileBytes?: number;
}

/** One received file: its name as sent and its content as a stream (truncated at the byte limit). */
export interface MultipartFile {
  name: string;
  stream: Readable & { truncated?: boolean };
}

/** How a route names what it receives and answers a file past its byte limit. */
export interface MultipartWords {
  /** e.g. „die Datei“, „das Foto“ — used in the 400 for a request that is no multipart upload. */
  what: string;
  /** The 413 for a file past the byte limit (the route's limit in its words). */
  tooLarge: (name: string) => HttpError;
  /** The 400 for more files than `limits.files`. */
  tooMany?: string;
  /** The 400 for a request without any file, e.g. „Es wurde kein Foto gesendet (Feld „file“).“ */
  missing?: string;
}

const mb = (bytes: number) =>
  (bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 });

/** The default 413: the name of the file and the limit in MB. */
export function fileTooLarge(name: string, maxBytes: number): HttpError {
  return new HttpError(413, 'too_large', `${name}: die Datei ist größer als ${mb(maxBytes)} MB.`);
}

/** 400 unless the request is multipart/form-data. */
export function requireMultipart(request: FastifyRequest, what: string): void {
  if (!request.isMultipart())
    throw badRequest(`Bitte ${what} als multipart/form-data senden (Feld „file“).`);
}

/** A parser refusal (or anything thrown while reading the parts) as a clear 400/413. */
export function multipartRefusal(err: unknown, name: string, words: MultipartWords): unknown {
  if (err instanceof HttpError) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return words.tooLarge(name);
  if (code === 'FST_FILES_LIMIT')
    return badRequest(words.tooMany ?? 'Es wurden zu viele Dateien auf einmal gesendet.');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return badRequest('Die Anfrage hat zu viele Teile (erwartet: Dateien im Feld „file“).');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PROTO_VIOLATION')
    return badRequest('Die Anfrage ist kein lesbares multipart/form-data.');
  if (err instanceof Error && /multipart|boundary|Unexpected end of form/i.test(err.message))
    return badRequest('Die Anfrage ist kein lesbares multipart/form-data.');
  return err;
}

/**
 * The files of a multipart request, one after the other (each stream must be consumed before the
 * next part comes); refusals of the parser as clear 400/413 (multipartRefusal).
 */
export async function* multipartFiles(
  request: FastifyRequest,
  limits: MultipartLimits,
  words: MultipartWords,
): AsyncGenerator<MultipartFile> {
  requireMultipart(request, words.what);
  let name = 'Datei';
  try {
    const parts = request.files({
      limits: {
        ...(limits.files === undefined ? {} : { files: limits.files }),
        ...(limits.fileBytes === undefined ? {} : { fileSize: limits.fileBytes }),
      },
    });
    for await (const part of parts) {
      name = part.filename || name;
      yield { name: part.filename, stream: part.file };
    }
  } catch (err) {
    throw multipartRefusal(err, name, words);
  }
}

/**
 * Reads the one file of a multipart request into memory (small files only: photos), refusing a
 * request without a file (400), with more than one (400) or past the byte limit (413).
 */
export async function readOneFile(
  request: FastifyRequest,
  maxBytes: number,
  words: MultipartWords & { fallbackName: string },
): Promise<{ name: string; data: Buffer }> {
  let file: { name: string; data: Buffer } | undefined;
  for await (const part of multipartFiles(request, { files: 1, fileBytes: maxBytes }, words)) {
    const name = part.name || words.fallbackName;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of part.stream) chunks.push(chunk as Buffer);
    } catch (err) {
      throw multipartRefusal(err, name, words);
    }
    if (part.stream.truncated) throw words.tooLarge(name);
    file = { name, data: Buffer.concat(chunks) };
  }
  if (!file) throw badRequest(words.missing ?? 'Es wurde keine Datei gesendet (Feld „file“).');
  return file;
}
