// Report photos are cleaned before they are stored (issue 13 § 1–2): the test fixtures are written
// here with sharp — a JPEG carrying a camera name and a GPS position in its EXIF, an EXIF
// orientation, PNG and WebP, a decompression bomb (a PNG header declaring 100,000 × 100,000
// pixels over a few bytes of data) — and each must come out as a plain JPEG or be refused.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../http/errors.ts';
import { cleanPhoto, PHOTO_LIMITS } from './photo-image.ts';

const canvas = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3a7d44' } });

/** A JPEG with camera make, model and a GPS position (Berlin, Alexanderplatz) in its EXIF. */
async function jpegWithGps(): Promise<Buffer> {
  return canvas(120, 80)
    .jpeg()
    .withExif({
      IFD0: { Make: 'Testkamera', Model: 'GPS-Modell' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '52/1 31/1 1278/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '13/1 24/1 4200/100',
      },
    })
    .toBuffer();
}

/** The EXIF pointer to the GPS directory (tag 0x8825), little-endian as sharp writes it. */
const GPS_POINTER = Buffer.from([0x25, 0x88]);

/** A PNG of only a header and an empty-ish IDAT that declares width × height pixels. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bit, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function refusal(input: Buffer): Promise<HttpError> {
  const err = await cleanPhoto(input, 'bild').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}

describe('cleaning a report photo', () => {
  it('removes EXIF with the GPS position and the camera, and re-encodes as JPEG', async () => {
    const input = await jpegWithGps();
    const before = await sharp(input).metadata();
    // the fixture really carries what must go (so the test can fail)
    expect(before.exif?.includes(GPS_POINTER)).toBe(true);
    expect(input.includes(Buffer.from('Testkamera'))).toBe(true);

    const out = await cleanPhoto(input);
    const after = await sharp(out.data).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(out.data.includes(Buffer.from('Exif'))).toBe(false);
    expect(out.data.includes(Buffer.from('Testkamera'))).toBe(false);
    expect(out.data.includes(GPS_POINTER)).toBe(false);
    expect([out.width, out.height]).toEqual([120, 80]);
  });

  it('turns the photo upright by its EXIF orientation before the EXIF goes', async () => {
    const input = await canvas(80, 40).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const out = await cleanPhoto(input);
    expect([out.width, out.height]).toEqual([40, 80]);
    expect((await sharp(out.data).metadata()).orientation).toBeUndefined();
  });

  it('accepts PNG and WebP and stores them as JPEG', async () => {
    for (const input of [
      await canvas(30, 20).png().toBuffer(),
      await canvas(30, 20).webp().toBuffer(),
    ]) {
      const out = await cleanPhoto(input);
      expect((await sharp(out.data).metadata()).format).toBe('jpeg');
    }
  });

  it('scales a large photo down to the longest side of 2048 pixels', async () => {
    const out = await cleanPhoto(await canvas(4000, 1000).jpeg().toBuffer());
    expect([out.width, out.height]).toEqual([PHOTO_LIMITS.maxEdge, 512]);
  });

  it('refuses a decompression bomb from its header, before decoding (400)', async () => {
    const bomb = pngHeaderOnly(100_000, 100_000);
    expect(bomb.length).toBeLessThan(2_000);
    const started = Date.now();
    const err = await refusal(bomb);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain('100000 × 100000');
    expect(err.message).toContain('40 Megapixel');
  });

  it('refuses other formats, text, an empty and a truncated file (400)', async () => {
    const gif = await canvas(10, 10).gif().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const jpeg = await canvas(200, 200).jpeg().toBuffer();
    for (const input of [
      gif,
      svg,
      Buffer.from('kein Bild'),
      Buffer.alloc(0),
      jpeg.subarray(0, 300),
    ]) {
      const err = await refusal(input);
      expect(err.statusCode).toBe(400);
    }
    expect((await refusal(gif)).message).toContain('JPEG, PNG oder WebP');
  });

  it('refuses a file over 8 MB (413) without reading it', async () => {
    const err = await refusal(Buffer.alloc(PHOTO_LIMITS.maxBytes + 1));
    expect(err.statusCode).toBe(413);
    expect(err.message).toContain('8 MB');
  });
});
