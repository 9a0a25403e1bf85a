// Random secrets and their hashes. Cookies and tokens carry 256 random bits; the database keeps
// only SHA-256 of them, so a leaked table does not let anyone sign in.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { passwordRuleBreaks } from '@sozialraum/contracts/rules';

/** A URL-safe random secret with 256 bits. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares two strings in constant time (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// OWASP Password Storage Cheat Sheet (2024): argon2id, m = 19 MiB, t = 2, p = 1.
const ARGON2 = {
  algorithm: 2 as const /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  return (dummyHash ??= hashPassword(newSecret()));
}

/** The refusal for a new password that breaks a rule (the contract's password rule), or null. */
export function passwordProblem(password: string, email?: string): string | null {
  return passwordRuleBreaks(password, email)[0]?.sentence ?? null;
}
