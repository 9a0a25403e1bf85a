// Proof-of-work challenges (ADR 0031): the server signs what it hands out — tenant, time,
// difficulty and a random part — with an HMAC key made at start, so it stores nothing until a
// solution arrives; a used challenge is recorded (participation_pow_used) and never counts twice.
// The rule for a solution is core's (meetsDifficulty).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { meetsDifficulty, powInput } from '@sozialraum/core';

/** How long a challenge may be solved and used. */
export const CHALLENGE_TTL_MS = 15 * 60_000;

const KEY = randomBytes(32);

function sign(payload: string): string {
  return createHmac('sha256', KEY).update(payload).digest('base64url');
}

/** A new challenge for the tenant at the given difficulty. */
export function issueChallenge(tenantId: string, difficulty: number, now = Date.now()): string {
  const payload = `${tenantId}.${now}.${difficulty}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${sign(payload)}`;
}

/** SHA-256 of a challenge, as recorded when used. */
export function challengeHash(challenge: string): string {
  return createHash('sha256').update(challenge).digest('hex');
}

/** Why a solution is refused (German, for the 400 message), or null when it is valid. */
export function solutionProblem(
  tenantId: string,
  challenge: string,
  nonce: string,
  now = Date.now(),
): string | null {
  const parts = challenge.split('.');
  if (parts.length !== 5)
    return 'Die Sicherheitsaufgabe ist unbekannt. Bitte laden Sie die Seite neu.';
  const [tenant, issued, difficulty, , mac] = parts as [string, string, string, string, string];
  const expected = Buffer.from(sign(parts.slice(0, 4).join('.')));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return 'Die Sicherheitsaufgabe ist unbekannt oder abgelaufen. Bitte laden Sie die Seite neu.';
  if (tenant !== tenantId) return 'Die Sicherheitsaufgabe gehört zu einer anderen Kommune.';
  if (now - Number(issued) > CHALLENGE_TTL_MS)
    return 'Die Sicherheitsaufgabe ist abgelaufen. Bitte senden Sie erneut.';
  const digest = createHash('sha256').update(powInput(challenge, nonce)).digest();
  if (!meetsDifficulty(new Uint8Array(digest), Number(difficulty)))
    return 'Die Sicherheitsaufgabe ist nicht gelöst. Bitte senden Sie erneut.';
  return null;
}

/** Solves a challenge by search (tests, the Open311 bench and scripts; browsers use WebCrypto). */
export function solveChallenge(challenge: string): string {
  const difficulty = Number(challenge.split('.')[2]);
  for (let n = 0; ; n++) {
    const digest = createHash('sha256')
      .update(powInput(challenge, String(n)))
      .digest();
    if (meetsDifficulty(new Uint8Array(digest), difficulty)) return String(n);
  }
}
