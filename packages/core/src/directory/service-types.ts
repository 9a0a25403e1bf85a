// Our own taxonomy of service types (Angebotsarten), mapped to Lebenslagen (the dimensions of the
// indicator catalogue) and to the social code books where a service is a benefit under them. It is
// the built-in part of the taxonomy; the database holds it per tenant and a tenant adds its own terms
// (docs/adr/0030-directory-organisations-and-taxonomy.md).
import type { Dimension } from '../catalogue/dimensions.ts';

/** Books of the Sozialgesetzbuch the taxonomy refers to (issue 12 § 1). */
export const SGB_BOOKS = ['SGB II', 'SGB VIII', 'SGB XI', 'SGB XII'] as const;
export type SgbBook = (typeof SGB_BOOKS)[number];

/** Age band of the people a service is for (target population of supply ratios), in years. */
export interface TargetAge {
  /** inclusive */
  min: number;
  /** exclusive; null = open-ended */
  max: number | null;
}

/** One service type of the built-in taxonomy. */
export interface ServiceType {
  code: string;
  nameDe: string;
  descriptionDe: string;
  /** Lebenslagen the service addresses, first = main one. */
  dimensions: readonly Dimension[];
  /** Legal basis where the service is a benefit under the SGB, e.g. 'SGB VIII § 22'. */
  legalBasis: readonly { book: SgbBook; section: string }[];
  target: TargetAge | null;
}

/** The built-in service types, in display order. */
export const SERVICE_TYPES: readonly ServiceType[] = [
  {
    code: 'kita',
    nameDe: 'Kindertagesstätte',
    descriptionDe: 'Tagesbetreuung und frühe Bildung von Kindern bis zum Schuleintritt.',
    dimensions: ['education', 'demography'],
    legalBasis: [{ book: 'SGB VIII', section: '§§ 22–24' }],
    target: { min: 0, max: 6 },
  },
  {
    code: 'jugendfreizeit',
    nameDe: 'Jugendfreizeiteinrichtung',
    descriptionDe: 'Offene Kinder- und Jugendarbeit.',
    dimensions: ['participation', 'education'],
    legalBasis: [{ book: 'SGB VIII', section: '§ 11' }],
    target: { min: 6, max: 18 },
  },
  {
    code: 'schule',
    nameDe: 'Schule',
    descriptionDe: 'Allgemein bildende und berufliche Schulen (Schulgesetz, kein SGB).',
    dimensions: ['education'],
    legalBasis: [],
    target: { min: 6, max: 18 },
  },
  {
    code: 'pflege',
    nameDe: 'Pflegeeinrichtung',
    descriptionDe: 'Stationäre Pflege; Hilfe zur Pflege, wenn eigene Mittel nicht reichen.',
    dimensions: ['health', 'demography'],
    legalBasis: [
      { book: 'SGB XI', section: '§ 43' },
      { book: 'SGB XII', section: '§§ 61–66a' },
    ],
    target: { min: 65, max: null },
  },
  {
    code: 'apotheke',
    nameDe: 'Apotheke',
    descriptionDe: 'Arzneimittelversorgung (SGB V, nicht Teil dieser Zuordnung).',
    dimensions: ['health'],
    legalBasis: [],
    target: null,
  },
  {
    code: 'beratung',
    nameDe: 'Beratungsstelle',
    descriptionDe: 'Sozial-, Schuldner-, Erziehungs- oder Migrationsberatung.',
    dimensions: ['income', 'participation'],
    legalBasis: [
      { book: 'SGB II', section: '§ 16a' },
      { book: 'SGB VIII', section: '§ 28' },
      { book: 'SGB XII', section: '§ 11' },
    ],
    target: null,
  },
  {
    code: 'familienzentrum',
    nameDe: 'Familienzentrum',
    descriptionDe: 'Allgemeine Förderung der Erziehung in der Familie.',
    dimensions: ['participation', 'education'],
    legalBasis: [{ book: 'SGB VIII', section: '§ 16' }],
    target: null,
  },
  {
    code: 'stadtteilzentrum',
    nameDe: 'Stadtteilzentrum',
    descriptionDe: 'Nachbarschaftsarbeit, Begegnung und Selbsthilfe im Stadtteil.',
    dimensions: ['participation'],
    legalBasis: [],
    target: null,
  },
  {
    code: 'jobcenter',
    nameDe: 'Jobcenter / Arbeitsförderung',
    descriptionDe: 'Grundsicherung für Arbeitsuchende und Eingliederung in Arbeit.',
    dimensions: ['work', 'income'],
    legalBasis: [{ book: 'SGB II', section: '§§ 14–16' }],
    target: { min: 15, max: 67 },
  },
];

/** The built-in service type with this code; throws for an unknown code. */
export function serviceType(code: string): ServiceType {
  const t = SERVICE_TYPES.find((s) => s.code === code);
  if (!t) throw new Error(`unknown service type '${code}'`);
  return t;
}

/** Codes of the service types under one SGB book (e.g. every SGB VIII service type). */
export function serviceTypesUnder(book: SgbBook): string[] {
  return SERVICE_TYPES.filter((t) => t.legalBasis.some((l) => l.book === book)).map((t) => t.code);
}

/** Codes of the service types addressing one Lebenslage. */
export function serviceTypesFor(dimension: Dimension): string[] {
  return SERVICE_TYPES.filter((t) => t.dimensions.includes(dimension)).map((t) => t.code);
}
