// A privacy-friendly proof of work for anonymous submissions (issue 13 § 2, no third-party
// captcha): the browser searches a nonce so that SHA-256(challenge ":" nonce) starts with
// `difficulty` zero bits — about 2^difficulty hashes, a second or two on a phone at 16 bits, and
// as costly for every single report a script would send. The hashing itself happens in the server
// (node:crypto) and in the browser (WebCrypto); here only the pure rule.

/** Number of leading zero bits of a byte string (e.g. a SHA-256 digest). */
export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const b of bytes) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

/** The text that is hashed for a challenge and a nonce. */
export function powInput(challenge: string, nonce: string): string {
  return `${challenge}:${nonce}`;
}

/** True when the digest meets the difficulty. */
export function meetsDifficulty(digest: Uint8Array, difficulty: number): boolean {
  return leadingZeroBits(digest) >= difficulty;
}
