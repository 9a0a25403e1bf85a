// The proof-of-work check as one step for other modules' anonymous writes (surveys, ADR 0038):
// verify the solution, then record the challenge as used in the caller's transaction.
import type { Sql } from '../../db/db.ts';
import { badRequest } from '../../http/errors.ts';
import { challengeHash, solutionProblem } from './pow.ts';
import { useChallenge } from './store.ts';

/** Refuses (400) an invalid, expired or reused solution; otherwise marks the challenge used. */
export async function spendChallenge(
  tx: Sql,
  tenantId: string,
  pow: { challenge: string; nonce: string },
): Promise<void> {
  const problem = solutionProblem(tenantId, pow.challenge, pow.nonce);
  if (problem) throw badRequest(`Anfrageinhalt „pow“: ${problem}`);
  if (!(await useChallenge(tx, tenantId, challengeHash(pow.challenge))))
    throw badRequest(
      'Anfrageinhalt „pow“: Die Sicherheitsaufgabe wurde schon verwendet. Bitte senden Sie erneut.',
    );
}
