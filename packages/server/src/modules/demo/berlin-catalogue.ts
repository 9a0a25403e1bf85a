// Metadata of the Berlin demo: sources (with the attribution demo-data/README.md asks for), area
// systems and the indicator catalogue. Definitions follow demo-data/README.md.
import type { AreaSystemInput, IndicatorInput, SourceInput } from '../ingest/index.ts';

export const BERLIN_TENANT = { id: 'berlin', ags: '11000000', name: 'Berlin' };

export const SOURCES: SourceInput[] = [
  {
    id: 'lor',
    title: 'Lebensweltlich orientierte Räume (LOR) 2006 und 2021',
    publisher: 'Amt für Statistik Berlin-Brandenburg / Geoportal Berlin',
    licence: 'CC BY 3.0 DE',
    licenceUrl: 'https://creativecommons.org/licenses/by/3.0/de/',
    attribution:
      'Amt für Statistik Berlin-Brandenburg / Geoportal Berlin: Lebensweltlich orientierte Räume (LOR)',
    url: 'https://daten.berlin.de',
    notes:
      'LOR 2006: Planungsraum-Kennung 06010102 doppelt in der Quelle; die Fläche in Charlottenburg wird als 04030417 geführt.',
  },
  {
    id: 'ewr',
    title:
      'Einwohnerregisterstatistik Berlin (Statistischer Bericht A I 16), Tabellen T1–T4 nach Planungsraum',
    publisher: 'Amt für Statistik Berlin-Brandenburg',
    licence: 'CC BY 3.0 DE',
    licenceUrl: 'https://creativecommons.org/licenses/by/3.0/de/',
    attribution: 'Amt für Statistik Berlin-Brandenburg, Einwohnerregisterstatistik',
    url: 'https://www.statistik-berlin-brandenburg.de',
    notes:
      'Aufbereitet von Open Data Product (CC BY 4.0). Melderechtlich registrierte Einwohnerinnen und Einwohner am Ort der Hauptwohnung.',
  },
  {
    id: 'mss',
    title: 'Monitoring Soziale Stadtentwicklung (MSS) 2013, 2017, 2019, 2021',
    publisher: 'Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin',
    licence: 'dl-de/by-2-0',
    licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
    attribution:
      'Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin: Monitoring Soziale Stadtentwicklung',
    url: 'https://www.berlin.de/sen/sbw/stadtdaten/stadtwissen/monitoring-soziale-stadtentwicklung/',
    notes:
      'Ausgabe J verwendet Daten zum 31.12.(J−1); Dynamik = Veränderung über die zwei Vorjahre. MSS 2013–2019 über Open Lifeworlds (CC BY 4.0). Lizenz je Datensatz vor öffentlicher Nutzung auf daten.berlin.de prüfen.',
  },
  {
    id: 'geoportal-services',
    title:
      'Standorte sozialer Infrastruktur (Kitas, Jugendfreizeiteinrichtungen, Schulen, Pflegeeinrichtungen, Apotheken)',
    publisher: 'Geoportal Berlin',
    licence: 'dl-de/by-2-0',
    licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
    attribution:
      'Geoportal Berlin / Kindertagesstätten (SenBJF), Jugendfreizeiteinrichtungen, Schulen, Pflegeeinrichtungen (SenWGP), Apotheken',
    url: 'https://gdi.berlin.de',
    notes: 'Lizenz je Datensatz vor öffentlicher Nutzung prüfen.',
  },
];

export const AREA_SYSTEMS: AreaSystemInput[] = [
  {
    id: 'lor2021',
    name: 'LOR 2021',
    description:
      'Lebensweltlich orientierte Räume, Fassung 2021: 12 Bezirke, 58 Prognoseräume, 143 Bezirksregionen, 542 Planungsräume',
    validFrom: '2021-01-01',
    validTo: null,
    sourceId: 'lor',
    levels: [
      { id: 'bez', nameDe: 'Bezirk', nameEn: 'District', depth: 0 },
      { id: 'pgr', nameDe: 'Prognoseraum', nameEn: 'Forecast area', depth: 1 },
      { id: 'bzr', nameDe: 'Bezirksregion', nameEn: 'District region', depth: 2 },
      { id: 'plr', nameDe: 'Planungsraum', nameEn: 'Planning area', depth: 3 },
    ],
  },
  {
    id: 'lor2006',
    name: 'LOR 2006',
    description:
      'Lebensweltlich orientierte Räume, Fassung 2006 (gültig bis 31.12.2020): 12 Bezirke, 447 bzw. ab 2019 448 Planungsräume',
    validFrom: '2006-01-01',
    validTo: '2020-12-31',
    sourceId: 'lor',
    levels: [
      { id: 'bez', nameDe: 'Bezirk', nameEn: 'District', depth: 0 },
      { id: 'plr', nameDe: 'Planungsraum', nameEn: 'Planning area', depth: 1 },
    ],
  },
];

const EWR_NOTE =
  'Zählung aus der Einwohnerregisterstatistik; obere Ebenen als Summe der Planungsräume.';
const SHARE_NOTE =
  'Anteil in % = Zähler / Nenner × 100, berechnet aus den Zählwerten (nicht übernommen); obere Ebenen aus den Summen von Zähler und Nenner.';

function ewrCount(
  id: string,
  nameDe: string,
  nameEn: string,
  definitionDe: string,
  dimension = 'demography',
  sortKey = 0,
): IndicatorInput {
  return {
    id,
    nameDe,
    nameEn,
    definitionDe,
    unit: 'count',
    kind: 'count',
    dimension,
    polarity: 'neutral',
    department: 'sozialplanung',
    sourceId: 'ewr',
    updateCycle: 'halbjährlich (30.06. und 31.12.)',
    decimals: 0,
    methodNote: EWR_NOTE,
    sortKey,
  };
}

function ewrShare(
  id: string,
  nameDe: string,
  nameEn: string,
  num: string,
  den: string,
  numDef: string,
  denDef: string,
  sortKey = 0,
): IndicatorInput {
  return {
    id,
    nameDe,
    nameEn,
    definitionDe: `${numDef} je 100 ${denDef}.`,
    unit: 'percent',
    kind: 'share',
    scale: 100,
    dimension: 'demography',
    polarity: 'neutral',
    department: 'sozialplanung',
    sourceId: 'ewr',
    updateCycle: 'halbjährlich (30.06. und 31.12.)',
    numeratorDef: numDef,
    denominatorDef: denDef,
    numeratorIndicatorId: num,
    denominatorIndicatorId: den,
    decimals: 1,
    methodNote: SHARE_NOTE,
    sortKey,
  };
}

const AGE_GROUPS: [string, string, string][] = [
  ['below_6', 'unter 6 Jahren', 'under 6'],
  ['6_15', '6 bis unter 15 Jahren', '6 to under 15'],
  ['15_18', '15 bis unter 18 Jahren', '15 to under 18'],
  ['18_27', '18 bis unter 27 Jahren', '18 to under 27'],
  ['27_45', '27 bis unter 45 Jahren', '27 to under 45'],
  ['45_55', '45 bis unter 55 Jahren', '45 to under 55'],
  ['55_65', '55 bis unter 65 Jahren', '55 to under 65'],
  ['above_65', 'ab 65 Jahren', '65 and older'],
];

export const ORIGINS: [string, string, string][] = [
  ['european_union', 'Europäische Union', 'European Union'],
  ['france', 'Frankreich', 'France'],
  ['greece', 'Griechenland', 'Greece'],
  ['italy', 'Italien', 'Italy'],
  ['austria', 'Österreich', 'Austria'],
  ['spain', 'Spanien', 'Spain'],
  ['poland', 'Polen', 'Poland'],
  ['bulgaria', 'Bulgarien', 'Bulgaria'],
  ['rumania', 'Rumänien', 'Romania'],
  ['croatia', 'Kroatien', 'Croatia'],
  ['united_kingdom', 'Vereinigtes Königreich', 'United Kingdom'],
  ['former_yugoslavia', 'ehemaliges Jugoslawien', 'former Yugoslavia'],
  ['bosnia_herzegovina', 'Bosnien und Herzegowina', 'Bosnia and Herzegovina'],
  ['serbia', 'Serbien', 'Serbia'],
  ['former_soviet_union', 'ehemalige Sowjetunion', 'former Soviet Union'],
  ['russia', 'Russland', 'Russia'],
  ['ukraine', 'Ukraine', 'Ukraine'],
  ['kazakhstan', 'Kasachstan', 'Kazakhstan'],
  ['islamic_countries', 'islamische Länder', 'Islamic countries'],
  ['turkey', 'Türkei', 'Turkey'],
  ['iran', 'Iran', 'Iran'],
  ['arabic_countries', 'arabische Länder', 'Arab countries'],
  ['lebanon', 'Libanon', 'Lebanon'],
  ['syria', 'Syrien', 'Syria'],
  ['vietnam', 'Vietnam', 'Vietnam'],
  ['united_states', 'Vereinigte Staaten', 'United States'],
  ['undefined', 'ungeklärt / ohne Angabe', 'undetermined'],
];

/** EWR indicators: counts as published and shares derived from them. */
export function ewrIndicators(): IndicatorInput[] {
  const out: IndicatorInput[] = [];
  let k = 100;
  out.push(
    ewrCount(
      'ewr_inhabitants',
      'Einwohnerinnen und Einwohner',
      'Residents',
      'Melderechtlich registrierte Einwohnerinnen und Einwohner mit Hauptwohnsitz.',
      'demography',
      k++,
    ),
  );
  for (const [code, de, en] of AGE_GROUPS) {
    out.push(
      ewrCount(
        `ewr_age_${code}`,
        `Einwohner ${de}`,
        `Residents aged ${en}`,
        `Einwohnerinnen und Einwohner ${de} (Altersgrenzen: untere einschließlich, obere ausschließlich).`,
        'demography',
        k++,
      ),
    );
  }
  out.push(
    ewrCount(
      'ewr_age_below_18',
      'Kinder und Jugendliche unter 18 Jahren',
      'Children and youth under 18',
      'Summe der Altersgruppen unter 6, 6 bis unter 15 und 15 bis unter 18 Jahren.',
      'demography',
      k++,
    ),
  );
  out.push(
    ewrCount(
      'ewr_female',
      'Einwohnerinnen (weiblich)',
      'Female residents',
      'Einwohnerinnen mit Geschlecht weiblich.',
      'demography',
      k++,
    ),
  );
  out.push(
    ewrCount(
      'ewr_foreigners',
      'Ausländerinnen und Ausländer',
      'Foreign nationals',
      'Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit.',
      'demography',
      k++,
    ),
  );
  out.push(
    ewrCount(
      'ewr_migration_background',
      'Einwohner mit Migrationshintergrund',
      'Residents with migration background',
      'Ausländerinnen und Ausländer sowie Deutsche mit Migrationshintergrund (Definition des Amts für Statistik Berlin-Brandenburg).',
      'demography',
      k++,
    ),
  );
  out.push(
    ewrCount(
      'ewr_germans',
      'Deutsche',
      'Germans',
      'Einwohnerinnen und Einwohner mit deutscher Staatsangehörigkeit.',
      'demography',
      k++,
    ),
  );
  out.push(
    ewrCount(
      'ewr_germans_without_mb',
      'Deutsche ohne Migrationshintergrund',
      'Germans without migration background',
      'Deutsche ohne Migrationshintergrund.',
      'demography',
      k++,
    ),
  );
  out.push(
    ewrCount(
      'ewr_germans_with_mb',
      'Deutsche mit Migrationshintergrund',
      'Germans with migration background',
      'Deutsche mit Migrationshintergrund.',
      'demography',
      k++,
    ),
  );
  for (const [code, de, en] of AGE_GROUPS) {
    out.push(
      ewrCount(
        `ewr_mb_age_${code}`,
        `Einwohner mit Migrationshintergrund ${de}`,
        `Residents with migration background aged ${en}`,
        `Einwohnerinnen und Einwohner mit Migrationshintergrund ${de}.`,
        'demography',
        k++,
      ),
    );
  }
  out.push(
    ewrCount(
      'ewr_mb_age_below_18',
      'Kinder und Jugendliche unter 18 mit Migrationshintergrund',
      'Children and youth under 18 with migration background',
      'Summe der Altersgruppen unter 18 Jahren mit Migrationshintergrund.',
      'demography',
      k++,
    ),
  );
  out.push(
    ewrCount(
      'ewr_mb_female',
      'Einwohnerinnen mit Migrationshintergrund',
      'Female residents with migration background',
      'Einwohnerinnen (weiblich) mit Migrationshintergrund.',
      'demography',
      k++,
    ),
  );
  for (const [code, de, en] of ORIGINS) {
    out.push(
      ewrCount(
        `ewr_mb_from_${code}`,
        `Migrationshintergrund: Herkunft ${de}`,
        `Migration background: origin ${en}`,
        `Einwohnerinnen und Einwohner mit Migrationshintergrund, Herkunftsgebiet ${de} (Gruppen überschneiden sich, nicht addierbar).`,
        'demography',
        k++,
      ),
    );
  }
  let s = 10;
  for (const [code, de, en] of AGE_GROUPS) {
    out.push(
      ewrShare(
        `ewr_share_age_${code}`,
        `Anteil Einwohner ${de}`,
        `Share of residents ${en.startsWith('under') ? en : `aged ${en}`}`,
        `ewr_age_${code}`,
        'ewr_inhabitants',
        `Einwohner ${de}`,
        'Einwohner insgesamt',
        s++,
      ),
    );
  }
  out.push(
    ewrShare(
      'ewr_share_age_below_18',
      'Anteil Kinder und Jugendliche unter 18 Jahren',
      'Share of children and youth under 18',
      'ewr_age_below_18',
      'ewr_inhabitants',
      'Einwohner unter 18 Jahren',
      'Einwohner insgesamt',
      s++,
    ),
  );
  out.push(
    ewrShare(
      'ewr_share_female',
      'Frauenanteil',
      'Share of women',
      'ewr_female',
      'ewr_inhabitants',
      'Einwohnerinnen (weiblich)',
      'Einwohner insgesamt',
      s++,
    ),
  );
  out.push(
    ewrShare(
      'ewr_share_foreigners',
      'Ausländeranteil',
      'Share of foreign nationals',
      'ewr_foreigners',
      'ewr_inhabitants',
      'Ausländerinnen und Ausländer',
      'Einwohner insgesamt',
      s++,
    ),
  );
  out.push(
    ewrShare(
      'ewr_share_migration_background',
      'Anteil Einwohner mit Migrationshintergrund',
      'Share of residents with migration background',
      'ewr_migration_background',
      'ewr_inhabitants',
      'Einwohner mit Migrationshintergrund',
      'Einwohner insgesamt',
      s++,
    ),
  );
  out.push(
    ewrShare(
      'ewr_share_mb_below_18',
      'Anteil mit Migrationshintergrund unter Kindern und Jugendlichen (unter 18)',
      'Share with migration background among under-18s',
      'ewr_mb_age_below_18',
      'ewr_age_below_18',
      'Kinder und Jugendliche unter 18 mit Migrationshintergrund',
      'Kinder und Jugendliche unter 18 insgesamt',
      s++,
    ),
  );
  out.push(
    ewrShare(
      'ewr_share_mb_above_65',
      'Anteil mit Migrationshintergrund unter Älteren (65+)',
      'Share with migration background among residents 65+',
      'ewr_mb_age_above_65',
      'ewr_age_above_65',
      'Einwohner ab 65 Jahren mit Migrationshintergrund',
      'Einwohner ab 65 Jahren insgesamt',
      s++,
    ),
  );
  return out;
}

interface MssDef {
  id: string;
  column2021: string | null;
  column2006: string | null;
  nameDe: string;
  nameEn: string;
  definitionDe: string;
  dimension: string;
  unit: string;
  polarity: 'higher_is_better' | 'higher_is_worse' | 'neutral';
}

/** The MSS index indicators (S1–S4 status, D1–D4 dynamics). */
export const MSS_INDEX: MssDef[] = [
  {
    id: 'mss_s1_unemployment',
    column2021: 'S1',
    column2006: 's1_percentage_unemployed',
    nameDe: 'Arbeitslosigkeit (MSS S1)',
    nameEn: 'Unemployment (MSS S1)',
    definitionDe:
      'Arbeitslose nach SGB II und SGB III in % der Einwohnerinnen und Einwohner im Alter von 15 bis unter 65 Jahren.',
    dimension: 'work',
    unit: 'percent',
    polarity: 'higher_is_worse',
  },
  {
    id: 'mss_s2_long_term_unemployment',
    column2021: null,
    column2006: 's2_percentage_long_term_unemployed',
    nameDe: 'Langzeitarbeitslosigkeit (MSS S2)',
    nameEn: 'Long-term unemployment (MSS S2)',
    definitionDe:
      'Langzeitarbeitslose in % der Einwohnerinnen und Einwohner im Alter von 15 bis unter 65 Jahren (nur MSS 2013–2017).',
    dimension: 'work',
    unit: 'percent',
    polarity: 'higher_is_worse',
  },
  {
    id: 'mss_s3_transfer',
    column2021: 'S3',
    column2006: 's3_percentage_transfer_payments_recipients',
    nameDe: 'Transferbezug (MSS S3)',
    nameEn: 'Transfer benefits (MSS S3)',
    definitionDe:
      'Empfängerinnen und Empfänger von Transferleistungen (SGB II und SGB XII, außerhalb von Einrichtungen) in % der Einwohnerinnen und Einwohner.',
    dimension: 'income',
    unit: 'percent',
    polarity: 'higher_is_worse',
  },
  {
    id: 'mss_s4_child_poverty',
    column2021: 'S4',
    column2006: 's4_percentage_transfer_payments_recipients_below_15_years',
    nameDe: 'Kinderarmut (MSS S4)',
    nameEn: 'Child poverty (MSS S4)',
    definitionDe:
      'Empfängerinnen und Empfänger von Transferleistungen nach SGB II unter 15 Jahren in % der Einwohnerinnen und Einwohner unter 15 Jahren.',
    dimension: 'income',
    unit: 'percent',
    polarity: 'higher_is_worse',
  },
  {
    id: 'mss_d1_unemployment_change',
    column2021: 'D1',
    column2006: 'd1_percentage_unemployed',
    nameDe: 'Veränderung Arbeitslosigkeit (MSS D1)',
    nameEn: 'Change in unemployment (MSS D1)',
    definitionDe: 'Veränderung des Anteils S1 über die zwei Vorjahre in Prozentpunkten.',
    dimension: 'work',
    unit: 'percentage_points',
    polarity: 'higher_is_worse',
  },
  {
    id: 'mss_d2_long_term_unemployment_change',
    column2021: null,
    column2006: 'd2_percentage_long_term_unemployed',
    nameDe: 'Veränderung Langzeitarbeitslosigkeit (MSS D2)',
    nameEn: 'Change in long-term unemployment (MSS D2)',
    definitionDe:
      'Veränderung des Anteils S2 über die zwei Vorjahre in Prozentpunkten (nur MSS 2013–2017).',
    dimension: 'work',
    unit: 'percentage_points',
    polarity: 'higher_is_worse',
  },
  {
    id: 'mss_d3_transfer_change',
    column2021: 'D3',
    column2006: 'd3_percentage_transfer_payments_recipients',
    nameDe: 'Veränderung Transferbezug (MSS D3)',
    nameEn: 'Change in transfer benefits (MSS D3)',
    definitionDe: 'Veränderung des Anteils S3 über die zwei Vorjahre in Prozentpunkten.',
    dimension: 'income',
    unit: 'percentage_points',
    polarity: 'higher_is_worse',
  },
  {
    id: 'mss_d4_child_poverty_change',
    column2021: 'D4',
    column2006: 'd4_percentage_transfer_payments_recipients_below_15_years',
    nameDe: 'Veränderung Kinderarmut (MSS D4)',
    nameEn: 'Change in child poverty (MSS D4)',
    definitionDe: 'Veränderung des Anteils S4 über die zwei Vorjahre in Prozentpunkten.',
    dimension: 'income',
    unit: 'percentage_points',
    polarity: 'higher_is_worse',
  },
];

/** MSS 2021 context indicators (K08, K14, K15 exist only on LOR 2006 codes). */
export const MSS_CONTEXT: MssDef[] = [
  [
    'K01',
    'Jugendarbeitslosigkeit',
    'Youth unemployment',
    'Arbeitslose unter 25 Jahren in % der Einwohner von 15 bis unter 25 Jahren.',
    'work',
    'percent',
    'higher_is_worse',
  ],
  [
    'K02',
    'Alleinerziehende Haushalte',
    'Single-parent households',
    'Haushalte von Alleinerziehenden in % der Haushalte mit Kindern unter 18 Jahren.',
    'demography',
    'percent',
    'neutral',
  ],
  [
    'K03',
    'Altersarmut',
    'Old-age poverty',
    'Empfänger von Grundsicherung im Alter (SGB XII) ab 65 Jahren in % der Einwohner ab 65 Jahren.',
    'income',
    'percent',
    'higher_is_worse',
  ],
  [
    'K04',
    'Kinder und Jugendliche mit Migrationshintergrund',
    'Children and youth with migration background',
    'Einwohner unter 18 Jahren mit Migrationshintergrund in % der Einwohner unter 18 Jahren.',
    'demography',
    'percent',
    'neutral',
  ],
  [
    'K05',
    'Einwohner mit Migrationshintergrund',
    'Residents with migration background',
    'Einwohner mit Migrationshintergrund in % der Einwohner.',
    'demography',
    'percent',
    'neutral',
  ],
  [
    'K16',
    'Ausländerinnen und Ausländer',
    'Foreign nationals',
    'Ausländerinnen und Ausländer in % der Einwohner.',
    'demography',
    'percent',
    'neutral',
  ],
  [
    'K06',
    'Veränderung Ausländeranteil',
    'Change in share of foreign nationals',
    'Veränderung des Ausländeranteils über zwei Jahre in Prozentpunkten.',
    'demography',
    'percentage_points',
    'neutral',
  ],
  [
    'K17',
    'Nicht-EU-Ausländerinnen und -Ausländer',
    'Non-EU foreign nationals',
    'Ausländerinnen und Ausländer aus Nicht-EU-Staaten in % der Einwohner.',
    'demography',
    'percent',
    'neutral',
  ],
  [
    'K07',
    'Ausländische Transferbeziehende',
    'Foreign transfer recipients',
    'Ausländische Empfängerinnen und Empfänger von Leistungen nach SGB II in % der ausländischen Einwohner.',
    'income',
    'percent',
    'higher_is_worse',
  ],
  [
    'K08',
    'Städtische Wohnungen',
    'Municipal housing',
    'Wohnungen der städtischen Wohnungsbaugesellschaften in % aller Wohnungen (nur auf LOR 2006).',
    'housing',
    'percent',
    'neutral',
  ],
  [
    'K09',
    'Einfache Wohnlage',
    'Simple residential location',
    'Einwohner in einfacher Wohnlage (Mietspiegel) in % der Einwohner.',
    'housing',
    'percent',
    'higher_is_worse',
  ],
  [
    'K10',
    'Wohndauer über 5 Jahre',
    'Residence over 5 years',
    'Einwohner mit mindestens fünf Jahren Wohndauer an derselben Adresse in % der Einwohner.',
    'participation',
    'percent',
    'higher_is_better',
  ],
  [
    'K11',
    'Wanderungsvolumen',
    'Migration volume',
    'Zu- und Fortzüge je 100 Einwohner und Jahr.',
    'demography',
    'per_100',
    'neutral',
  ],
  [
    'K12',
    'Wanderungssaldo',
    'Net migration',
    'Zuzüge minus Fortzüge je 100 Einwohner und Jahr.',
    'demography',
    'per_100',
    'neutral',
  ],
  [
    'K13',
    'Wanderungssaldo von Kindern unter 6 Jahren',
    'Net migration of children under 6',
    'Zuzüge minus Fortzüge von Kindern unter 6 Jahren je 100 Einwohner unter 6 Jahren und Jahr.',
    'demography',
    'per_100',
    'neutral',
  ],
  [
    'K14',
    'Wohnräume je Einwohner',
    'Rooms per resident',
    'Anzahl der Wohnräume je Einwohner (nur auf LOR 2006).',
    'housing',
    'ratio',
    'higher_is_better',
  ],
  [
    'K15',
    'Wohnfläche je Einwohner',
    'Living space per resident',
    'Wohnfläche in m² je Einwohner (nur auf LOR 2006).',
    'housing',
    'sqm',
    'higher_is_better',
  ],
].map(([k, de, en, def, dim, unit, pol]) => ({
  id: `mss_${k!.toLowerCase()}`,
  column2021: `KI_${k!.slice(1)}`,
  column2006: null,
  nameDe: `${de} (MSS ${k})`,
  nameEn: `${en} (MSS ${k})`,
  definitionDe: def!,
  dimension: dim!,
  unit: unit!,
  polarity: pol as MssDef['polarity'],
}));

/** Indicator metadata of the MSS tables, including the official index results. */
export function mssIndicators(): IndicatorInput[] {
  const base = (d: MssDef, sortKey: number, note: string): IndicatorInput => ({
    id: d.id,
    nameDe: d.nameDe,
    nameEn: d.nameEn,
    definitionDe: d.definitionDe,
    unit: d.unit,
    kind: 'value',
    dimension: d.dimension,
    polarity: d.polarity,
    department: 'stadtentwicklung',
    sourceId: 'mss',
    updateCycle: 'zweijährlich (Stichtag 31.12. des Vorjahres)',
    decimals: 2,
    methodNote: note,
    sortKey,
  });
  const idx = MSS_INDEX.map((d, i) =>
    base(
      d,
      200 + i,
      'Anteil bzw. Veränderung wie im MSS veröffentlicht (ohne Zähler und Nenner); nicht auf obere Ebenen aggregierbar. Nicht bewertete Planungsräume (unter 300 Einwohner, Ausreißer) sind als ungültig markiert.',
    ),
  );
  const ctx = MSS_CONTEXT.map((d, i) =>
    base(
      d,
      300 + i,
      'Kontextindikator wie im MSS 2021 veröffentlicht; nicht auf obere Ebenen aggregierbar.',
    ),
  );
  // the official results, taken over as published
  const result = (
    id: string,
    nameDe: string,
    nameEn: string,
    definitionDe: string,
    unit: 'index' | 'class',
    methodNote: string,
    sortKey: number,
  ): IndicatorInput => ({
    id,
    nameDe,
    nameEn,
    definitionDe,
    unit,
    kind: 'value',
    dimension: 'social_index',
    polarity: 'higher_is_worse',
    department: 'stadtentwicklung',
    sourceId: 'mss',
    updateCycle: 'zweijährlich',
    decimals: unit === 'index' ? 2 : 0,
    methodNote,
    sortKey,
  });
  const rounded =
    'Amtliches Ergebnis, übernommen (auf zwei Nachkommastellen gerundet veröffentlicht).';
  const results: IndicatorInput[] = [
    result(
      'mss_status_index',
      'Status-Index (MSS)',
      'Status index (MSS)',
      'Standardisierte Summe der z-Werte der Status-Indikatoren (amtliche Tabelle 3 des MSS 2021). Hohe Werte = ungünstigere soziale Lage.',
      'index',
      rounded,
      190,
    ),
    result(
      'mss_dynamics_index',
      'Dynamik-Index (MSS)',
      'Dynamics index (MSS)',
      'Standardisierte Summe der z-Werte der Dynamik-Indikatoren (amtliche Tabelle 3 des MSS 2021). Hohe Werte = ungünstigere Entwicklung.',
      'index',
      rounded,
      191,
    ),
    result(
      'mss_status_class',
      'Status-Klasse (MSS)',
      'Status class (MSS)',
      'Klasse des Status-Index: 1 = hoch, 2 = mittel, 3 = niedrig, 4 = sehr niedrig.',
      'class',
      'Amtliches Ergebnis, übernommen.',
      192,
    ),
    result(
      'mss_dynamics_class',
      'Dynamik-Klasse (MSS)',
      'Dynamics class (MSS)',
      'Klasse des Dynamik-Index: 1 = positiv, 2 = stabil, 3 = negativ.',
      'class',
      'Amtliches Ergebnis, übernommen (MSS 2021 kodiert 1/3/5, hier einheitlich 1/2/3).',
      193,
    ),
  ];
  return [...results, ...idx, ...ctx];
}

export const POINT_DATASETS = [
  {
    id: 'kitas',
    file: 'kitas_2022-12.geojson',
    nameDe: 'Kindertagesstätten',
    nameEn: 'Day-care centres',
    referenceDate: '2022-12-01',
    idProp: 'e_nr',
    nameProp: 'e_name',
  },
  {
    id: 'jugendfreizeiteinrichtungen',
    file: 'jugendfreizeiteinrichtungen_2022-12.geojson',
    nameDe: 'Jugendfreizeiteinrichtungen',
    nameEn: 'Youth centres',
    referenceDate: '2022-12-01',
    idProp: 'e_nr',
    nameProp: 'e_name',
  },
  {
    id: 'schulen',
    file: 'schulen_2023-10.geojson',
    nameDe: 'Schulen',
    nameEn: 'Schools',
    referenceDate: '2023-10-01',
    idProp: 'bsn',
    nameProp: 'name',
  },
  {
    id: 'pflegeeinrichtungen',
    file: 'pflegeeinrichtungen_2023-07.geojson',
    nameDe: 'Pflegeeinrichtungen',
    nameEn: 'Nursing homes',
    referenceDate: '2023-07-01',
    idProp: 'ik_nummer',
    nameProp: 'einrichtung_name',
  },
  {
    id: 'apotheken',
    file: 'apotheken_2023-07.geojson',
    nameDe: 'Apotheken',
    nameEn: 'Pharmacies',
    referenceDate: '2023-07-01',
    idProp: null,
    nameProp: 'aponame',
  },
] as const;
