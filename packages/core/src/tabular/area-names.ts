// Area names as other tables write them: "07 Am Wasserturm", "Am_Wasserturm", "AM WASSERTURM",
// "Schoenefeld", "St. Georg", "Nord-West", "Altstadt (Ortsteil)". The matcher normalises both the
// input and the known names in named steps and says which steps were needed (the reason shown in
// the review table) and how sure it is. Two areas behind one normalised name are never chosen
// automatically. Rules and confidence levels: docs/methods/table-import.md.

import type { AreaRef } from './mapping.ts';

/** Normalises an area name for joining: Unicode NFC, single blanks, lower case. */
export function normalizeAreaName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `exact`: same name up to case and blanks, or an accepted synonym; `high`: spelling-level changes; `medium`: a qualifier was dropped. */
export type NameMatchConfidence = 'exact' | 'high' | 'medium';

export type AreaNameMatch =
  | {
      input: string;
      status: 'matched';
      area: AreaRef;
      confidence: NameMatchConfidence;
      /** German reasons, e.g. ["Nummer vorangestellt", "Umlaut umschrieben"]. */
      reasons: string[];
    }
  | { input: string; status: 'ambiguous'; candidates: AreaRef[]; reasons: string[] }
  /** `candidates` are hints (e.g. the area whose code is the number in front), never accepted automatically. */
  | { input: string; status: 'unmatched'; candidates: AreaRef[]; reasons: string[] };

export interface AreaNameMatcherOptions {
  /** Accepted synonyms: name as written in a file → area code. Checked first; stored by the server per area system. */
  synonyms?: Readonly<Record<string, string>>;
}

export const NAME_MATCH_REASONS = {
  same: 'gleicher Name',
  synonym: 'Synonym (bestätigt)',
  spelling: 'Schreibweise',
  prefix: 'Nummer vorangestellt',
  prefixIsCode: 'Nummer vorangestellt (= Gebietsschlüssel)',
  umlaut: 'Umlaut umschrieben',
  sankt: 'St./Sankt',
  strasse: 'Str./Straße',
  qualifier: 'Zusatz entfernt',
} as const;

type Step = 'prefix' | 'qualifier' | 'sankt' | 'strasse' | 'umlaut';
const STEPS: readonly Step[] = ['prefix', 'qualifier', 'sankt', 'strasse', 'umlaut'];
const ALL = new Set<Step>(STEPS);
const TIERS: readonly ReadonlySet<Step>[] = [
  new Set<Step>(['sankt', 'strasse', 'umlaut']),
  new Set<Step>(['prefix', 'sankt', 'strasse', 'umlaut']),
  ALL,
];

// "07 Am Wasserturm", "1.2 Nordstadt", "07) Altstadt", "07 - Altstadt", "3a Neustadt"
const NUMBER_PREFIX = /^(\d+(?:[./-]\d+)*)[a-z]?\s*[.:)–-]?\s*(?=\p{L})/u;
const QUALIFIER_WORDS =
  'stadtteil|ortsteil|ot|stadtbezirk|bezirk|ortsbezirk|statistischer bezirk|sozialraum|quartier|gemarkung|wohnbezirk|planungsraum|stadtviertel|viertel';
const QUALIFIER_PAREN = /\s*\([^()]*\)$/u;
const QUALIFIER_COMMA = new RegExp(`\\s*,\\s*(?:${QUALIFIER_WORDS})$`, 'u');
const QUALIFIER_LEAD = new RegExp(`^(?:${QUALIFIER_WORDS})\\s+(?=\\p{L})`, 'u');

function base(name: string): string {
  // underscores stand for blanks in names exported from databases and GIS attribute tables
  return normalizeAreaName(name.replace(/_/g, ' '));
}

function applyStep(s: string, step: Step): string {
  switch (step) {
    case 'prefix':
      return s.replace(NUMBER_PREFIX, '');
    case 'qualifier':
      return s
        .replace(QUALIFIER_PAREN, '')
        .replace(QUALIFIER_COMMA, '')
        .replace(QUALIFIER_LEAD, '');
    case 'sankt':
      return s.replace(/(^|[\s-])st(?:\.\s*|\s+)(?=\p{L})/gu, '$1sankt ');
    case 'strasse':
      return s.replace(/str\.(?=\s|-|$)/gu, 'straße');
    case 'umlaut':
      return s
        .replace(/ä/g, 'ae')
        .replace(/ö/g, 'oe')
        .replace(/ü/g, 'ue')
        .replace(/ß/g, 'ss')
        .normalize('NFD')
        .replace(/\p{M}/gu, '');
  }
}

function steps(s: string, enabled: ReadonlySet<Step>): string {
  let out = base(s);
  for (const st of STEPS) if (enabled.has(st)) out = applyStep(out, st).trim();
  return out;
}

/** Name key with blanks, hyphens and punctuation removed, after the enabled steps. */
function key(s: string, enabled: ReadonlySet<Step>): string {
  return steps(s, enabled).replace(/[^\p{L}\p{N}]+/gu, '');
}

function index(areas: readonly AreaRef[], f: (a: AreaRef) => string): Map<string, AreaRef[]> {
  const m = new Map<string, AreaRef[]>();
  for (const a of areas) {
    const k = f(a);
    if (k === '') continue;
    const list = m.get(k);
    if (list) list.push(a);
    else m.set(k, [a]);
  }
  return m;
}

function sameCode(num: string, code: string): boolean {
  return num === code || (/^\d+$/.test(code) && num.replace(/^0+/, '') === code.replace(/^0+/, ''));
}

/** Matches area names written differently against the areas of one level. */
export interface AreaNameMatcher {
  match(input: string): AreaNameMatch;
}

/** Builds a matcher over the areas of one level; results are cached per distinct input. */
export function createAreaNameMatcher(
  areas: readonly AreaRef[],
  options: AreaNameMatcherOptions = {},
): AreaNameMatcher {
  const byBase = index(areas, (a) => base(a.name));
  // From careful to bold: the first tier with a hit decides, so a qualifier is only dropped when
  // nothing else fits ("Neustadt Nord" finds "Neustadt (Nord)" before "Neustadt (Süd)" is considered).
  const tiers = TIERS.map((enabled) => ({
    enabled,
    byKey: index(areas, (a) => key(a.name, enabled)),
  }));
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const synonyms = new Map<string, string>();
  for (const [name, code] of Object.entries(options.synonyms ?? {})) synonyms.set(base(name), code);
  const cache = new Map<string, AreaNameMatch>();
  const codeOfPrefix = (input: string): AreaRef[] => {
    const num = NUMBER_PREFIX.exec(base(input))?.[1];
    if (num === undefined) return [];
    return areas.filter((a) => sameCode(num, a.code));
  };

  const resolve = (input: string): AreaNameMatch => {
    const b = base(input);
    if (b === '') return { input, status: 'unmatched', candidates: [], reasons: ['Name fehlt'] };
    const synCode = synonyms.get(b);
    if (synCode !== undefined) {
      const area = byCode.get(synCode);
      if (area)
        return {
          input,
          status: 'matched',
          area,
          confidence: 'exact',
          reasons: [NAME_MATCH_REASONS.synonym],
        };
      return {
        input,
        status: 'unmatched',
        candidates: [],
        reasons: [`Synonym verweist auf unbekannten Gebietsschlüssel '${synCode}'`],
      };
    }
    const exact = byBase.get(b);
    if (exact && exact.length === 1) {
      const area = exact[0]!;
      const same = input.trim().normalize('NFC') === area.name.normalize('NFC');
      return {
        input,
        status: 'matched',
        area,
        confidence: 'exact',
        reasons: [same ? NAME_MATCH_REASONS.same : NAME_MATCH_REASONS.spelling],
      };
    }
    if (exact && exact.length > 1)
      return {
        input,
        status: 'ambiguous',
        candidates: exact,
        reasons: [`${exact.length} Gebiete heißen so`],
      };
    let hits: AreaRef[] = [];
    let enabled: ReadonlySet<Step> = ALL;
    for (const t of tiers) {
      hits = t.byKey.get(key(input, t.enabled)) ?? [];
      enabled = t.enabled;
      if (hits.length > 0) break;
    }
    const byPrefix = codeOfPrefix(input);
    if (hits.length === 1) return matched(input, hits[0]!, byPrefix, enabled);
    if (hits.length > 1)
      return {
        input,
        status: 'ambiguous',
        candidates: hits,
        reasons: [`passt nach Normalisierung zu ${hits.length} Gebieten`],
      };
    return {
      input,
      status: 'unmatched',
      candidates: byPrefix,
      reasons:
        byPrefix.length === 1
          ? [`kein passender Name; die Nummer vorn ist der Schlüssel von '${byPrefix[0]!.name}'`]
          : ['kein passender Name'],
    };
  };

  return {
    match(input: string): AreaNameMatch {
      const trimmed = input.trim();
      let r = cache.get(trimmed);
      if (!r) {
        r = resolve(trimmed);
        cache.set(trimmed, r);
      }
      return r;
    },
  };
}

/** A unique match after normalisation: names the steps that were needed and checks a leading number against the codes. */
function matched(
  input: string,
  area: AreaRef,
  byPrefix: AreaRef[],
  enabled: ReadonlySet<Step>,
): AreaNameMatch {
  const needed = STEPS.filter((st) => {
    if (!enabled.has(st)) return false;
    const without = new Set([...enabled].filter((x) => x !== st));
    return key(input, without) !== key(area.name, without);
  });
  const reasons: string[] = [];
  if (steps(input, new Set(needed)) !== steps(area.name, new Set(needed)))
    reasons.push(NAME_MATCH_REASONS.spelling);
  const other = byPrefix.find((a) => a.id !== area.id);
  for (const st of needed) {
    if (st !== 'prefix') reasons.push(NAME_MATCH_REASONS[st]);
    else
      reasons.push(
        byPrefix.some((a) => a.id === area.id)
          ? NAME_MATCH_REASONS.prefixIsCode
          : NAME_MATCH_REASONS.prefix,
      );
  }
  if (needed.includes('prefix') && other && !byPrefix.some((a) => a.id === area.id))
    // "07 Altstadt" where 07 is another area's code: the file may use another numbering, or be wrong
    return {
      input,
      status: 'ambiguous',
      candidates: [area, other],
      reasons: [
        `Name passt zu '${area.name}' (${area.code}), die Nummer vorn zu '${other.name}' (${other.code})`,
      ],
    };
  const confidence: NameMatchConfidence = needed.includes('qualifier') ? 'medium' : 'high';
  return { input, status: 'matched', area, confidence, reasons };
}

/** Matches each distinct input name once (in order of first appearance); the dry run's review table. */
export function matchAreaNames(
  inputs: Iterable<string>,
  areas: readonly AreaRef[],
  options: AreaNameMatcherOptions = {},
): AreaNameMatch[] {
  const m = createAreaNameMatcher(areas, options);
  const seen = new Set<string>();
  const out: AreaNameMatch[] = [];
  for (const raw of inputs) {
    const t = raw.trim();
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(m.match(t));
  }
  return out;
}
