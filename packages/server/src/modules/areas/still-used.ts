// Removing areas runs into a foreign key only where data hang on an area that must not vanish
// silently — today the money booked on it (funding_entry, issue 15). Such a removal is refused with a
// 409 that names what still uses the area, instead of the database error becoming a 500; links that
// may go with the area are ON DELETE CASCADE / SET NULL in their migrations (0024, 0028).
import { conflict } from '../../http/errors.ts';

const USERS: Record<string, string> = {
  funding_entry: 'Förderbeträge (Förderung: geplant, bewilligt oder ausgegeben)',
  measure: 'Maßnahmen',
};

/** Runs a deletion of areas; a foreign-key violation becomes a 409 naming the data that use them. */
export async function deleteOrExplain<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const err = e as { code?: string; table?: string };
    if (err.code !== '23503') throw e;
    const user = (err.table && USERS[err.table]) ?? err.table ?? 'andere Daten';
    throw conflict(
      `Entfernen nicht möglich (${what}): ${user} beziehen sich noch darauf. Bitte diese zuerst einem anderen Gebiet zuordnen oder löschen; es wurde nichts geändert.`,
    );
  }
}
