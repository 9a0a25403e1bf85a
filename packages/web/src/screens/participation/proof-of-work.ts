// Solves the server's proof-of-work challenge in the browser with WebCrypto (ADR 0031): search a
// nonce so that SHA-256(challenge ":" nonce) has the asked number of leading zero bits (core's
// rule). Yields to the event loop every few hundred hashes so the page stays responsive.
import { meetsDifficulty, powInput } from '@sozialraum/core';

/** Finds a nonce for the challenge; about 2^difficulty hashes. */
export async function solvePow(challenge: string, difficulty: number): Promise<string> {
  const encoder = new TextEncoder();
  for (let n = 0; ; n++) {
    const digest = await crypto.subtle.digest(
      'SHA-256',
      encoder.encode(powInput(challenge, String(n))),
    );
    if (meetsDifficulty(new Uint8Array(digest), difficulty)) return String(n);
    if (n % 500 === 499) await new Promise((r) => setTimeout(r, 0));
  }
}

const DEVICE_KEY = 'sozialraum.device';

/** A random id of this browser (one support and one flag per report and device). */
export function deviceId(): string {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = `g-${crypto.randomUUID()}`;
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return `g-${crypto.randomUUID()}`;
  }
}
