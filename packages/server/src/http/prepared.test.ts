import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  acceptsGzip,
  bumpDataVersion,
  etagMatches,
  prepare,
  PreparedCache,
  type Prepared,
} from './prepared.ts';

describe('prepare', () => {
  it('holds the JSON, its gzip and an ETag that follows the bytes', () => {
    const a = prepare({ x: 1, name: 'Mitte' });
    expect(a.json.toString()).toBe('{"x":1,"name":"Mitte"}');
    expect(gunzipSync(a.gzip).equals(a.json)).toBe(true);
    expect(prepare({ x: 1, name: 'Mitte' }).etag).toBe(a.etag);
    expect(prepare({ x: 2, name: 'Mitte' }).etag).not.toBe(a.etag);
    expect(a.contentType).toBe('application/json; charset=utf-8');
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['x-gzip', true],
    ['*', true],
    ['*, gzip;q=0', false],
    ['gzip;q=0', false],
    ['br', false],
    ['identity', false],
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('etagMatches', () => {
  it('matches strong, weak, listed and * tags only', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", "a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });
});

describe('PreparedCache', () => {
  const db = {};
  const made = (n: number) => async (): Promise<Prepared> => prepare({ n });

  it('makes an answer once per key and data version', async () => {
    const cache = new PreparedCache(10);
    let calls = 0;
    const make = async () => (calls++, prepare({ calls }));
    const a = await cache.get(db, 'k', make);
    expect(await cache.get(db, 'k', make)).toBe(a);
    expect(calls).toBe(1);
    bumpDataVersion();
    expect(await cache.get(db, 'k', make)).not.toBe(a);
    expect(calls).toBe(2);
  });

  it('does not keep a load that began before the data changed', async () => {
    const cache = new PreparedCache(10);
    let release!: () => void;
    const slow = cache.get(db, 'k', async () => {
      await new Promise<void>((r) => (release = r));
      return prepare({ old: true });
    });
    bumpDataVersion();
    release();
    await slow;
    const fresh = await cache.get(db, 'k', made(2));
    expect(JSON.parse(fresh.json.toString())).toEqual({ n: 2 });
  });

  it('keeps no errors and no more entries than its bound (least recently used first)', async () => {
    const cache = new PreparedCache(2);
    await expect(cache.get(db, 'bad', () => Promise.reject(new Error('404')))).rejects.toThrow();
    expect(JSON.parse((await cache.get(db, 'bad', made(1))).json.toString())).toEqual({ n: 1 });
    const b = await cache.get(db, 'b', made(2));
    await cache.get(db, 'bad', made(9)); // touch: 'b' is now least recently used
    await cache.get(db, 'c', made(3));
    expect(await cache.get(db, 'b', made(4))).not.toBe(b);
  });

  it('keeps no more bytes than its bound', async () => {
    const big = (n: number) => async () => prepare({ n, text: 'x'.repeat(10_000) });
    const size = (await big(0)()).json.length + (await big(0)()).gzip.length;
    const cache = new PreparedCache(100, Math.floor(size * 2.5));
    const first = await cache.get(db, 'a', big(1));
    await cache.get(db, 'b', big(2));
    expect(await cache.get(db, 'a', big(9))).toBe(first);
    await cache.get(db, 'c', big(3)); // three do not fit: 'b' is the least recently used
    expect(await cache.get(db, 'a', big(9))).toBe(first);
    expect(JSON.parse((await cache.get(db, 'b', big(4))).json.toString()).n).toBe(4);
  });

  it('never shares entries between databases', async () => {
    const cache = new PreparedCache(10);
    const one = await cache.get({}, 'k', made(1));
    const other = await cache.get({}, 'k', made(2));
    expect(other).not.toBe(one);
  });
});
