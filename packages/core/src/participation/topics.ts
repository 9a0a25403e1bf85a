// Participation: the topics residents choose from, each mapped to one Lebenslage (dimension) so
// reports can later be counted beside the indicators of the same Lebenslage (issue 13 § 5), and the
// statuses the administration gives a report (issue 13 § 1, the accountability steps of Decidim).
import type { Dimension } from '../catalogue/dimensions.ts';

/** Topics a resident picks, in plain German, with the Lebenslage each belongs to. */
export const REPORT_TOPICS = [
  {
    id: 'children_youth',
    dimension: 'education',
    de: 'Kinder und Jugend',
    en: 'Children and youth',
  },
  { id: 'older_people', dimension: 'demography', de: 'Ältere Menschen', en: 'Older people' },
  {
    id: 'housing',
    dimension: 'housing',
    de: 'Wohnen und Nachbarschaft',
    en: 'Housing and neighbourhood',
  },
  {
    id: 'environment',
    dimension: 'environment',
    de: 'Grün, Umwelt und Lärm',
    en: 'Green space, environment, noise',
  },
  { id: 'health', dimension: 'health', de: 'Gesundheit und Pflege', en: 'Health and care' },
  { id: 'work', dimension: 'work', de: 'Arbeit und Ausbildung', en: 'Work and training' },
  {
    id: 'money',
    dimension: 'income',
    de: 'Geld und Hilfe im Alltag',
    en: 'Money and everyday help',
  },
  {
    id: 'meeting',
    dimension: 'participation',
    de: 'Treffpunkte, Kultur, Mitmachen',
    en: 'Meeting places, culture, taking part',
  },
] as const satisfies readonly { id: string; dimension: Dimension; de: string; en: string }[];

/** A topic id. */
export type ReportTopic = (typeof REPORT_TOPICS)[number]['id'];

/** Topic ids, for enumerations in schemas. */
export const REPORT_TOPIC_IDS = REPORT_TOPICS.map((t) => t.id) as [ReportTopic, ...ReportTopic[]];

/** The Lebenslage a topic belongs to; an unknown topic is an explicit error. */
export function topicDimension(topic: string): Dimension {
  const t = REPORT_TOPICS.find((x) => x.id === topic);
  if (!t) throw new Error(`Unbekanntes Thema „${topic}“`);
  return t.dimension;
}

/** Kinds of report: a Hinweis (something is wrong or missing) or an Idee (a proposal). */
export const REPORT_KINDS = ['hint', 'idea'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Statuses in the order a report usually passes them; 'rejected' needs a public reason. */
export const REPORT_STATUSES = [
  { id: 'received', de: 'Eingegangen', en: 'Received' },
  { id: 'in_review', de: 'In Prüfung', en: 'Under review' },
  { id: 'forwarded', de: 'Weitergeleitet an Fachbereich', en: 'Forwarded to department' },
  {
    id: 'conference',
    de: 'Thema der Sozialraumkonferenz',
    en: 'On the agenda of the area conference',
  },
  { id: 'done', de: 'Umgesetzt', en: 'Done' },
  { id: 'rejected', de: 'Abgelehnt mit Begründung', en: 'Declined with reasons' },
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number]['id'];
export const REPORT_STATUS_IDS = REPORT_STATUSES.map((s) => s.id) as [
  ReportStatus,
  ...ReportStatus[],
];

/**
 * Why a status change is refused, or null: a rejection must carry a public answer (the reason),
 * issue 13 § 1 "abgelehnt mit Begründung".
 */
export function statusChangeProblem(
  status: ReportStatus,
  publicAnswer: string | null,
): string | null {
  if (status === 'rejected' && !(publicAnswer ?? '').trim())
    return 'Eine Ablehnung braucht eine öffentliche Begründung (Feld „publicAnswer“).';
  return null;
}

/**
 * True when the flags reach the tenant's threshold and no moderator has reviewed the report yet:
 * then it is hidden automatically until a moderator looks at it (issue 13 § 2).
 */
export function shouldAutoHide(flags: number, threshold: number, reviewed: boolean): boolean {
  return !reviewed && threshold > 0 && flags >= threshold;
}
