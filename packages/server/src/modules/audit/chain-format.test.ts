// The audit chain's hash format (ADR 0021): version 2 hashes RFC 8785 canonical JSON, checked here
// against the RFC's own test vectors, so an outside verifier with any RFC 8785 library gets the same
// bytes and the same SHA-256. Version 1 (entries written before) keeps its old hashes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, jcs, plainJson, type ChainedFields } from './chain.ts';

/** An IEEE 754 double from its 16 hex digits (RFC 8785 appendix B writes the inputs this way). */
const double = (hex: string) => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('RFC 8785 canonicalisation (jcs)', () => {
  it('serialises the example of RFC 8785 § 3.2.2 (literals, numbers, string escapes)', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(jcs(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units as in RFC 8785 § 3.2.3', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
        ' "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",' +
        ' "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    const out = jcs(input);
    expect(out).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // the RFC gives the UTF-8 bytes of that output; their start and end:
    const bytes = Buffer.from(out, 'utf8').toString('hex');
    expect(bytes.startsWith('7b225c72223a')).toBe(true);
    expect(bytes.endsWith('446167657368227d')).toBe(true);
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the number 0x%s as %s (RFC 8785 appendix B)', (hex, expected) => {
    expect(jcs(double(hex))).toBe(expected);
  });

  it('refuses NaN and Infinity (RFC 8785 appendix B)', () => {
    expect(() => jcs(double('7fffffffffffffff'))).toThrow();
    expect(() => jcs(double('7ff0000000000000'))).toThrow();
  });
});

describe('plainJson (what a detail is stored and hashed as)', () => {
  it('keeps JSON values, drops undefined, turns dates into strings and NaN into null', () => {
    expect(
      plainJson({ a: 1, b: undefined, c: new Date(Date.UTC(2026, 0, 2)), d: NaN, e: [1, 'x'] }),
    ).toEqual({ a: 1, c: '2026-01-02T00:00:00.000Z', d: null, e: [1, 'x'] });
    expect(plainJson(undefined)).toBeNull();
  });

  it('replaces lone surrogates by U+FFFD so hashing never fails a write', () => {
    const out = plainJson({ ['k\ud800']: ['a\udc00b'] });
    expect(out).toEqual({ ['k\ufffd']: ['a\ufffdb'] });
    expect(() => jcs(out)).not.toThrow();
  });
});

const FIELDS: ChainedFields = {
  tenantId: 'berlin',
  seq: 1,
  atMs: 1767225600000,
  actor: 'planung@berlin.example',
  userId: 7,
  permission: 'indicators.edit',
  ip: '10.0.0.1',
  requestId: 'req-1',
  action: 'indicators.update',
  entity: 'indicator',
  entityId: 'ind_1',
  detail: { '10': { before: null, after: 'zehn' }, '9': { before: 1.5, after: 2 }, name: 'ä' },
  prevHash: '0'.repeat(64),
};

describe('entryHash', () => {
  it('version 2 is SHA-256 of the RFC 8785 text of [2, fields…, prevHash] (reproducible outside)', () => {
    const text =
      '[2,"berlin",1,1767225600000,"planung@berlin.example",7,"indicators.edit","10.0.0.1","req-1",' +
      '"indicators.update","indicator","ind_1",' +
      '{"10":{"after":"zehn","before":null},"9":{"after":2,"before":1.5},"name":"ä"},' +
      `"${'0'.repeat(64)}"]`;
    const expected = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
    expect(entryHash(FIELDS, 2)).toBe(expected);
    // the same value written down once (docs/methods/audit-chain.md quotes it for outside verifiers)
    expect(expected).toBe(GOLDEN_V2);
  });

  it('version 1 keeps the old JavaScript key order (integer-like keys first) and its old hash', () => {
    expect(canonicalJson(FIELDS.detail)).toBe(
      '{"9":{"after":2,"before":1.5},"10":{"after":"zehn","before":null},"name":"ä"}',
    );
    expect(entryHash(FIELDS, 1)).toBe(GOLDEN_V1);
    expect(entryHash(FIELDS, 1)).not.toBe(entryHash(FIELDS, 2));
  });

  it('changes with every field and with the previous hash', () => {
    const base = entryHash(FIELDS, 2);
    for (const [k, v] of Object.entries({
      tenantId: 'leipzig',
      seq: 2,
      atMs: FIELDS.atMs + 1,
      actor: 'x',
      userId: null,
      permission: null,
      ip: null,
      requestId: null,
      action: 'indicators.delete',
      entity: 'area',
      entityId: 'ind_2',
      detail: {},
      prevHash: '1'.repeat(64),
    }))
      expect(entryHash({ ...FIELDS, [k]: v }, 2), k).not.toBe(base);
  });
});

const GOLDEN_V2 = 'dfd132762fedfcbc77611abc420d5284a1dfc54a21bcb670bdde68e8c660557f';
const GOLDEN_V1 = '24ce68757bead565504f3f33f37032ebe502b4b47cd03b28d25a44756e9769ba';
