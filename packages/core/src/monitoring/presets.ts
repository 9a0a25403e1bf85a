// Presets reproducing the Berlin "Monitoring Soziale Stadtentwicklung" (MSS). Source of the method:
// Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen: Monitoring Soziale Stadtentwicklung Berlin
// 2021, Kapitel 2 (Methodik) and the editions 2013, 2017, 2019; verified against the official result
// files as described in demo-data/README.md ("How the official MSS result is computed").
// Reproduction and its limits: docs/methods/index-engine.md § MSS.
import type {
  AreaExclusion,
  ClassScheme,
  DynamicsPart,
  IndexDefinition,
  IndexInput,
  MatrixGroup,
  MatrixRule,
} from './types.ts';

const LABELS: Record<string, string> = {
  S1: 'Arbeitslosigkeit',
  S2: 'Langzeitarbeitslosigkeit',
  S3: 'Transferbezug',
  S4: 'Kinderarmut',
};

/** MSS status classes: hoch < −1,0 ≤ mittel ≤ +1,0 < niedrig ≤ +1,5 < sehr niedrig (z units of the Status-Index). */
export const MSS_STATUS_CLASSES: ClassScheme = {
  kind: 'sd',
  boundaries: [
    { value: -1, onBoundary: 'upper' },
    { value: 1, onBoundary: 'lower' },
    { value: 1.5, onBoundary: 'lower' },
  ],
  classes: [
    { code: '1', label: 'hoch' },
    { code: '2', label: 'mittel' },
    { code: '3', label: 'niedrig' },
    { code: '4', label: 'sehr niedrig' },
  ],
};

/** MSS dynamics classes: positiv < −1,0 ≤ stabil ≤ +1,0 < negativ (z units of the Dynamik-Index). */
export const MSS_DYNAMICS_CLASSES: ClassScheme = {
  kind: 'sd',
  boundaries: [
    { value: -1, onBoundary: 'upper' },
    { value: 1, onBoundary: 'lower' },
  ],
  classes: [
    { code: '+', label: 'positiv' },
    { code: '+/-', label: 'stabil' },
    { code: '-', label: 'negativ' },
  ],
};

/** The 12 status × dynamics groups with the official codes ('2+/-') and labels ('Status mittel, Dynamik stabil'). */
export const MSS_MATRIX: MatrixGroup[] = MSS_STATUS_CLASSES.classes.flatMap((s) =>
  MSS_DYNAMICS_CLASSES.classes.map((d) => ({
    status: s.code,
    dynamics: d.code,
    code: `${s.code}${d.code}`,
    label: `Status ${s.label}, Dynamik ${d.label}`,
  })),
);

/** Berlin rule "Gebiete mit besonderem Aufmerksamkeitsbedarf": status sehr niedrig, or status niedrig with dynamics negativ. */
export const MSS_ATTENTION_RULE: MatrixRule = {
  id: 'besonderer_aufmerksamkeitsbedarf',
  label: 'Gebiet mit besonderem Aufmerksamkeitsbedarf',
  when: [{ status: ['4'] }, { status: ['3'], dynamics: ['-'] }],
};

function mssDefinition(id: string, label: string, status: string[]): IndexDefinition {
  const inputs: IndexInput[] = status.map((s) => ({
    indicatorId: s,
    label: LABELS[s] as string,
    direction: 'higher_is_worse',
  }));
  const dynInputs: IndexInput[] = status.map((s) => ({
    indicatorId: `D${s.slice(1)}`,
    label: `Veränderung ${LABELS[s] as string}`,
    direction: 'higher_is_worse',
  }));
  const dynamics: DynamicsPart = {
    label: 'Dynamik-Index',
    inputs: dynInputs,
    standardisation: 'zscore',
    combination: 'sum',
    restandardise: true,
    classes: MSS_DYNAMICS_CLASSES,
    periodYears: 2,
    changeOf: Object.fromEntries(status.map((s) => [`D${s.slice(1)}`, s])),
  };
  return {
    id,
    label,
    source:
      'SenSBW Berlin, Monitoring Soziale Stadtentwicklung, Methodik (z-Standardisierung, Summe, erneute Standardisierung, Klassen nach Standardabweichung)',
    status: {
      label: 'Status-Index',
      inputs,
      standardisation: 'zscore',
      combination: 'sum',
      restandardise: true,
      classes: MSS_STATUS_CLASSES,
    },
    dynamics,
    validity: { minPopulation: 300, exclusions: [], missingValues: 'error' },
    matrix: MSS_MATRIX,
    rules: [MSS_ATTENTION_RULE],
  };
}

/** MSS 2013 and 2017: 4 status (S1–S4) + 4 dynamics indicators (D1–D4), ≥ 300 residents. */
export const MSS_2013_2017: IndexDefinition = mssDefinition(
  'mss-2013-2017',
  'MSS 2013/2017 (4 + 4 Indikatoren)',
  ['S1', 'S2', 'S3', 'S4'],
);

/** MSS 2019 and 2021: 3 status (S1, S3, S4) + 3 dynamics indicators (D1, D3, D4), ≥ 300 residents. */
export const MSS_2019_2021: IndexDefinition = mssDefinition(
  'mss-2019-2021',
  'MSS 2019/2021 (3 + 3 Indikatoren)',
  ['S1', 'S3', 'S4'],
);

/** A Berlin MSS edition included in the demo data. */
export type MssEdition = 2013 | 2017 | 2019 | 2021;

/**
 * Areas the official MSS editions did not score although they have ≥ 300 residents (from the result
 * files; demo-data/README.md § Known quirks). 2021 names the reason (KOM = "ungültig (Ausreißer)"); for
 * 2017/2019 the published tables give none — the reason says so instead of guessing.
 */
export const MSS_EXCLUSIONS: Record<MssEdition, AreaExclusion[]> = {
  2013: [
    {
      areaId: '10010203',
      reason: 'Ausreißer (Gewerbegebiet Bitterfelder Straße), im amtlichen MSS 2013 nicht bewertet',
    },
  ],
  2017: [
    {
      areaId: '10010203',
      reason: 'Ausreißer (Gewerbegebiet Bitterfelder Straße), im amtlichen MSS 2017 nicht bewertet',
    },
    {
      areaId: '04020314',
      reason:
        'Messegelände: im amtlichen MSS 2017 nicht bewertet (Grund in den veröffentlichten Tabellen nicht angegeben)',
    },
  ],
  2019: [
    {
      areaId: '10010203',
      reason: 'Ausreißer (Gewerbegebiet Bitterfelder Straße), im amtlichen MSS 2019 nicht bewertet',
    },
    {
      areaId: '04041239',
      reason:
        'Stadion Wilmersdorf: im amtlichen MSS 2019 nicht bewertet (Grund in den veröffentlichten Tabellen nicht angegeben)',
    },
  ],
  2021: [
    {
      areaId: '10100205',
      reason: 'Ausreißer (Gewerbegebiet Bitterfelder Straße), amtlich „ungültig (Ausreißer)“',
    },
  ],
};

/** The preset of an MSS edition with that edition's exclusion list (validity by rules: ≥ 300 residents + exclusions). */
export function mssPreset(edition: MssEdition): IndexDefinition {
  const base = edition <= 2017 ? MSS_2013_2017 : MSS_2019_2021;
  return {
    ...base,
    id: `mss-${edition}`,
    label: `MSS ${edition}`,
    validity: { ...base.validity, exclusions: MSS_EXCLUSIONS[edition] },
  };
}
