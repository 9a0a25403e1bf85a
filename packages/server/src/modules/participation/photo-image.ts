// Photos of reports (issue 13 § 1, ADR 0041): what a resident uploads is never kept as sent. The
// header is read first (format, dimensions) without decoding; JPEG, PNG and WebP only, at most
// PHOTO_LIMITS.maxPixels pixels (a decompression bomb — a few KB of PNG declaring 100,000² pixels —
// is refused from its header, and libvips holds the same limit while decoding). The image is then
// decoded, turned upright by its EXIF orientation, scaled to at most maxEdge pixels on its longer
// side and re-encoded as JPEG by sharp (libvips) — which writes no metadata at all unless asked:
// EXIF (camera, time, GPS position), XMP, IPTC and ICC profiles are gone.
import { availableParallelism } from 'node:os';
import sharp, { type Metadata } from 'sharp';
import { HttpError, badRequest } from '../../http/errors.ts';

const MB = 1024 * 1024;

/** Limits of one photo and of the photos per report. */
export const PHOTO_LIMITS = {
  /** Bytes of the uploaded file. */
  maxBytes: 8 * MB,
  /** Pixels (width × height) the header may declare: 40 megapixels, more than phone cameras take. */
  maxPixels: 40_000_000,
  /** Longest side of the stored photo: enough to see the place, small to serve. */
  maxEdge: 2048,
  perReport: 3,
} as const;

const FORMATS = new Set(['jpeg', 'png', 'webp']);

/** A re-encoded photo: JPEG bytes without metadata and its dimensions. */
export interface CleanPhoto {
  data: Buffer;
  width: number;
  height: number;
}

const unreadable = (name: string) =>
  badRequest(
    `${name}: Die Datei ist kein lesbares Foto. Bitte ein Bild im Format JPEG, PNG oder WebP senden.`,
  );

/**
 * Photos decoded and re-encoded at the same time: one per core (at most 4, libuv's thread pool).
 * Without this gate 50 simultaneous uploads all finish at the very end (each waits for all —
 * bench q) and hold 50 decoded 12-megapixel images at once; with it they finish in turn.
 */
export const PHOTO_WORKERS = Math.max(1, Math.min(4, availableParallelism()));
let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when one of the PHOTO_WORKERS slots is free, first come first served. */
export async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running < PHOTO_WORKERS) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    // hand the slot to the next in line, or give it back
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Checks type and size from the header, then decodes, orients, scales and re-encodes (400 otherwise). */
export async function cleanPhoto(input: Buffer, name = 'Foto'): Promise<CleanPhoto> {
  if (input.length === 0) throw badRequest(`${name}: Die Datei ist leer.`);
  if (input.length > PHOTO_LIMITS.maxBytes) throw photoTooLarge(name);
  return inTurn(() => decodeAndEncode(input, name));
}

async function decodeAndEncode(input: Buffer, name: string): Promise<CleanPhoto> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable(name);
  }
  if (!meta.format || !FORMATS.has(meta.format)) throw unreadable(name);
  const { width, height } = meta;
  if (!width || !height) throw unreadable(name);
  if (width * height > PHOTO_LIMITS.maxPixels)
    throw badRequest(
      `${name}: Das Bild hat ${width} × ${height} Bildpunkte; erlaubt sind höchstens 40 Megapixel.`,
    );
  try {
    const out = await sharp(input, {
      limitInputPixels: PHOTO_LIMITS.maxPixels,
      failOn: 'error',
      pages: 1,
    })
      .autoOrient()
      .resize({
        width: PHOTO_LIMITS.maxEdge,
        height: PHOTO_LIMITS.maxEdge,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .timeout({ seconds: 30 })
      .toBuffer({ resolveWithObject: true });
    return { data: out.data, width: out.info.width, height: out.info.height };
  } catch {
    throw unreadable(name);
  }
}

/** 413 with the limit in words. */
export function photoTooLarge(name: string): HttpError {
  return new HttpError(
    413,
    'too_large',
    `${name}: Das Foto ist größer als ${PHOTO_LIMITS.maxBytes / MB} MB. Bitte ein kleineres Bild wählen.`,
  );
}
