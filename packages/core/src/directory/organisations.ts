// Organisations (Träger) of the service directory: their kinds, the Spitzenverbände of the Freie
// Wohlfahrtspflege, how the Berlin source files name them, and the deduplication key
// (docs/adr/0030-directory-organisations-and-taxonomy.md).

/** Kinds of organisation (issue 12 § 1). */
export const ORGANISATION_KINDS = [
  'oeffentlich',
  'frei_gemeinnuetzig',
  'kirchlich',
  'privat',
  'wohnungsunternehmen',
  'verein',
  'initiative',
  'betrieb',
  'sonstige',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** German labels of the kinds. */
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  oeffentlich: 'Öffentlicher Träger',
  frei_gemeinnuetzig: 'Freier gemeinnütziger Träger',
  kirchlich: 'Kirchlicher Träger',
  privat: 'Privater Träger',
  wohnungsunternehmen: 'Wohnungsunternehmen',
  verein: 'Verein',
  initiative: 'Initiative',
  betrieb: 'Betrieb',
  sonstige: 'Sonstige Organisation',
};

/** The six Spitzenverbände of the Freie Wohlfahrtspflege (BAGFW). */
export const SPITZENVERBAENDE = [
  'AWO',
  'Caritas',
  'Paritätischer',
  'DRK',
  'Diakonie',
  'ZWST',
] as const;
export type Spitzenverband = (typeof SPITZENVERBAENDE)[number];

/** Kind and umbrella association of an organisation, as derived from a source's wording. */
export interface ProviderClass {
  kind: OrganisationKind;
  spitzenverband: Spitzenverband | null;
}

// Träger types of the Berlin Kita and youth-centre registers (SenBJF, attribute t_art).
const BJF_TRAEGER_ART: Record<string, ProviderClass> = {
  Eigenbetrieb: { kind: 'oeffentlich', spitzenverband: null },
  'öffentlicher Träger': { kind: 'oeffentlich', spitzenverband: null },
  EKT: { kind: 'initiative', spitzenverband: null }, // Eltern-Initiativ-Kindertagesstätte
  'Diakonisches Werk': { kind: 'kirchlich', spitzenverband: 'Diakonie' },
  'Deutscher Caritasverband': { kind: 'kirchlich', spitzenverband: 'Caritas' },
  Arbeiterwohlfahrt: { kind: 'frei_gemeinnuetzig', spitzenverband: 'AWO' },
  'Sonstiger freier Träger': { kind: 'frei_gemeinnuetzig', spitzenverband: null },
  'freier Träger': { kind: 'frei_gemeinnuetzig', spitzenverband: null },
};

// Umbrella associations of the Berlin nursing-home register (SenWGP, attribute traegerverbandkurz).
const PFLEGE_VERBAND: Record<string, ProviderClass> = {
  bpa: { kind: 'privat', spitzenverband: null }, // Bundesverband privater Anbieter sozialer Dienste
  VDAB: { kind: 'privat', spitzenverband: null },
  'B.A.H.': { kind: 'privat', spitzenverband: null },
  VPK: { kind: 'privat', spitzenverband: null },
  Diakonie: { kind: 'kirchlich', spitzenverband: 'Diakonie' },
  EVAP: { kind: 'kirchlich', spitzenverband: 'Diakonie' }, // Evangelischer Verband für Altenarbeit
  Caritas: { kind: 'kirchlich', spitzenverband: 'Caritas' },
  DPW: { kind: 'frei_gemeinnuetzig', spitzenverband: 'Paritätischer' },
  AWO: { kind: 'frei_gemeinnuetzig', spitzenverband: 'AWO' },
  DRK: { kind: 'frei_gemeinnuetzig', spitzenverband: 'DRK' },
  'n.o.-komm.': { kind: 'oeffentlich', spitzenverband: null }, // not organised, municipal
};

const UNKNOWN: ProviderClass = { kind: 'sonstige', spitzenverband: null };

/** Class of a Kita/youth-centre Träger from the register's t_art; unknown wording → 'sonstige'. */
export function classifyBjfTraeger(art: string | null | undefined): ProviderClass {
  return BJF_TRAEGER_ART[(art ?? '').trim()] ?? UNKNOWN;
}

/** Class of a nursing-home Träger from its umbrella association; unknown → 'sonstige'. */
export function classifyPflegeVerband(verband: string | null | undefined): ProviderClass {
  return PFLEGE_VERBAND[(verband ?? '').trim()] ?? UNKNOWN;
}

/**
 * The name as the deduplication compares it: Unicode NFC, lower case, typographic quotes and
 * dashes unified, "e.V."/"e. V." unified, runs of spaces and punctuation around them collapsed.
 * Legal forms other than e. V. are kept ("gGmbH" and "GmbH" are different legal persons).
 */
export function normaliseOrganisationName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[„“”"'‚‘’`´]/g, '')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\be\.\s*v\.?(?=\s|$)/g, 'e.v.')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Deduplication key of an organisation: normalised name and kind (same name, other kind = other organisation). */
export function organisationKey(name: string, kind: OrganisationKind): string {
  return `${kind}|${normaliseOrganisationName(name)}`;
}
