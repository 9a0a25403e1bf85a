// The agenda builder's proposals (issue 14 § 1): what happened in a body's areas since its last
// meeting — new early warnings, class changes of an index, residents' reports with most support,
// local assessments that disagree with the numbers, measures overdue or off target — turned into
// ordered agenda proposals, each carrying its evidence (areas, numbers, link). Pure: the server
// gathers the signals through the modules' doors and passes them in.

export const SIGNAL_KINDS = [
  'alert',
  'measure_overdue',
  'measure_off_target',
  'class_change',
  'assessment_disagrees',
  'report',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** German label of each kind, as the agenda shows it. */
export const SIGNAL_LABELS: Record<SignalKind, string> = {
  alert: 'Frühwarnung',
  measure_overdue: 'Maßnahme überfällig',
  measure_off_target: 'Maßnahme verfehlt Ziel',
  class_change: 'Klassenwechsel im Index',
  assessment_disagrees: 'Lokale Einschätzung weicht ab',
  report: 'Hinweis aus der Beteiligung',
};

/** One number shown as evidence (value already in its unit, formatting is the caller's). */
export interface EvidenceNumber {
  label: string;
  value: number;
  unit?: string;
}

/** Something that happened in an area, as a module's door reports it. */
export interface AgendaSignal {
  kind: SignalKind;
  /** Id of the record in its module (alert id, report id, measure id …). */
  sourceId: string;
  title: string;
  detail: string;
  areaIds: readonly number[];
  /** When it happened (ISO 8601). */
  occurredAt: string;
  /** Link to the record in the app. */
  href: string;
  numbers?: readonly EvidenceNumber[];
  /** Ranking within a kind: severity of an alert, support count of a report; higher first. */
  weight?: number;
}

/** An agenda proposal with its evidence. */
export interface AgendaProposal {
  /** `kind:sourceId`, unique: the same record is never proposed twice. */
  key: string;
  kind: SignalKind;
  sourceId: string;
  title: string;
  reason: string;
  evidence: {
    detail: string;
    areaIds: number[];
    numbers: EvidenceNumber[];
    href: string;
    occurredAt: string;
  };
}

export interface ProposeOptions {
  /** At most this many proposals per kind (default: 5 reports, 10 of every other kind). */
  limitPerKind?: Partial<Record<SignalKind, number>>;
  /** Keys already on the meeting's agenda (accepted, proposed or "nicht behandelt"). */
  alreadyListed?: ReadonlySet<string>;
}

const DEFAULT_LIMIT = 10;
const DEFAULT_LIMITS: Partial<Record<SignalKind, number>> = { report: 5 };

/**
 * Proposals from signals that happened after the last meeting (all of them when there was none):
 * deduplicated by kind and record (the latest occurrence wins), ordered by kind (warnings and
 * overdue measures first, residents' reports last), within a kind by weight then recency.
 */
export function proposeAgenda(
  signals: readonly AgendaSignal[],
  lastMeetingDate: string | null,
  options: ProposeOptions = {},
): AgendaProposal[] {
  const since = lastMeetingDate ? new Date(lastMeetingDate).getTime() : -Infinity;
  const byKey = new Map<string, AgendaSignal>();
  for (const s of signals) {
    if (!SIGNAL_KINDS.includes(s.kind)) throw new Error(`Unbekannte Signalart: ${String(s.kind)}`);
    if (!(new Date(s.occurredAt).getTime() > since)) continue;
    const key = `${s.kind}:${s.sourceId}`;
    if (options.alreadyListed?.has(key)) continue;
    const known = byKey.get(key);
    if (!known || known.occurredAt < s.occurredAt) byKey.set(key, s);
  }
  const rank = (k: SignalKind) => SIGNAL_KINDS.indexOf(k);
  const ordered = [...byKey.values()].sort(
    (a, b) =>
      rank(a.kind) - rank(b.kind) ||
      (b.weight ?? 0) - (a.weight ?? 0) ||
      b.occurredAt.localeCompare(a.occurredAt) ||
      a.sourceId.localeCompare(b.sourceId),
  );
  const counts = new Map<SignalKind, number>();
  const out: AgendaProposal[] = [];
  for (const s of ordered) {
    const limit = options.limitPerKind?.[s.kind] ?? DEFAULT_LIMITS[s.kind] ?? DEFAULT_LIMIT;
    const n = counts.get(s.kind) ?? 0;
    if (n >= limit) continue;
    counts.set(s.kind, n + 1);
    out.push({
      key: `${s.kind}:${s.sourceId}`,
      kind: s.kind,
      sourceId: s.sourceId,
      title: s.title,
      reason: SIGNAL_LABELS[s.kind],
      evidence: {
        detail: s.detail,
        areaIds: [...s.areaIds],
        numbers: [...(s.numbers ?? [])],
        href: s.href,
        occurredAt: s.occurredAt,
      },
    });
  }
  return out;
}

/** What replaces a removed name in published minutes. */
export const REDACTED = '[Name entfernt]';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

/**
 * Removes the names of private persons from minutes before they are published: each full name,
 * the surname after a salutation ("Frau Weber", "Herrn Weber") and every e-mail address.
 * Names of officials and organisations are not in the list and stay.
 */
export function redactMinutes(text: string, privatePersons: readonly string[]): string {
  let out = text.replace(EMAIL, REDACTED);
  const names = [...new Set(privatePersons.map((n) => n.trim()).filter((n) => n.length > 1))];
  // Longest first, so "Anna Maria Weber" goes before "Anna Maria".
  names.sort((a, b) => b.length - a.length);
  for (const name of names) {
    const full = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'giu');
    out = out.replace(full, REDACTED);
    const surname = name.split(/\s+/).at(-1)!;
    if (surname.length > 1) {
      const titled = new RegExp(
        `(?<![\\p{L}])(Frau|Herrn?|Fr\\.|Hr\\.)\\s+${escapeRe(surname)}(?![\\p{L}\\p{N}])`,
        'gu',
      );
      out = out.replace(titled, REDACTED);
    }
  }
  return out;
}
