// The decisions a published table asks of the person (issue 9 § 2, ADR 0010), and the request fields
// that carry them to the server. Guesses that only read apply by themselves and are shown; guesses
// that change values (text markers as missing, all-zero rows as missing, skipped rows, stored name
// synonyms) are sent only when she chose them here.
import type { AreaNameMatch } from '@sozialraum/core';
import type { PublishedRunFields } from '../../api/imports-published.ts';

export interface NameChoice {
  /** The area the name stands for (the match, or the person's correction); null = left open. */
  areaId: number | null;
  /** Confirmed by the person: sent as acceptedNames, stored as a synonym by the real run. */
  accepted: boolean;
}

export interface Decisions {
  /** null: as detected; true/false: set by the person ("Erste Zeile ist eine Überschrift"). */
  hasHeader: boolean | null;
  /** Separators the person set; undefined = as detected. */
  decimal?: ',' | '.';
  thousands?: '.' | ',' | 'none';
  skipNonAreaRows: boolean;
  zeroRowsMissing: boolean;
  acceptMarkers: boolean;
  /** Review of area names: name as written in the file → choice. */
  names: Record<string, NameChoice>;
}

export const INITIAL_DECISIONS: Decisions = {
  hasHeader: null,
  skipNonAreaRows: false,
  zeroRowsMissing: false,
  acceptMarkers: false,
  names: {},
};

/** The request fields of a table run for these decisions. */
export function publishedFields(d: Decisions): PublishedRunFields {
  const accepted = Object.entries(d.names)
    .filter(([, c]) => c.accepted && c.areaId !== null)
    .map(([name, c]) => ({ name, areaId: c.areaId! }));
  return {
    hasHeader: d.hasHeader ?? 'auto',
    ...(d.decimal ? { decimal: d.decimal } : {}),
    ...(d.thousands ? { thousands: d.thousands === 'none' ? null : d.thousands } : {}),
    ...(d.skipNonAreaRows ? { skipNonAreaRows: true } : {}),
    ...(d.zeroRowsMissing ? { zeroRows: 'missing' as const } : {}),
    ...(d.acceptMarkers ? { acceptMarkers: true } : {}),
    ...(accepted.length ? { acceptedNames: accepted } : {}),
  };
}

/** Adds the names of a review table the person has not decided yet (a match pre-selects its area). */
export function mergeNameMatches(
  names: Readonly<Record<string, NameChoice>>,
  matches: readonly AreaNameMatch[],
): Record<string, NameChoice> {
  const out = { ...names };
  for (const m of matches)
    if (!out[m.input])
      out[m.input] = { areaId: m.status === 'matched' ? m.area.id : null, accepted: false };
  return out;
}

/** Confirms every matched name at once ("Alle Zuordnungen übernehmen"). */
export function acceptAllMatches(
  names: Readonly<Record<string, NameChoice>>,
): Record<string, NameChoice> {
  return Object.fromEntries(
    Object.entries(names).map(([k, c]) => [k, c.areaId !== null ? { ...c, accepted: true } : c]),
  );
}

/** "Am_Wasserturm → 07 Am Wasserturm (Schreibweise)": the line the review table shows for a match. */
export function describeMatch(m: AreaNameMatch): string {
  const reasons = m.reasons.length ? ` (${m.reasons.join(', ')})` : '';
  if (m.status === 'matched') return `${m.input} → ${m.area.code} ${m.area.name}${reasons}`;
  if (m.status === 'ambiguous')
    return `${m.input} → mehrdeutig: ${m.candidates.map((c) => `${c.code} ${c.name}`).join(' / ')}`;
  return `${m.input} → kein Gebiet gefunden${reasons}`;
}

const CONFIDENCE: Record<string, string> = { exact: 'sicher', high: 'hoch', medium: 'mittel' };

/** German word for the confidence of a match. */
export function confidenceLabel(m: AreaNameMatch): string {
  if (m.status === 'matched') return CONFIDENCE[m.confidence] ?? m.confidence;
  return m.status === 'ambiguous' ? 'mehrdeutig' : 'keine';
}
