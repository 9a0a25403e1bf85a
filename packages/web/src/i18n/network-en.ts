// Texts of supply against need (/versorgung), the actor network (/netzwerk) and "Who is active
// here?" on the area profile, English.
import type { networkDe } from './network-de.ts';

export const networkEn: typeof networkDe = {
  supplyTitle: 'Supply against need',
  supplyIntro:
    'Places and facilities from the service directory per target population, the gap to the value of the whole city, and reachability on foot.',
  supplyType: 'Service type',
  supplyDistance: 'Walking distance',
  supplyDistanceOption: (m: number) => (m >= 1000 ? `${m / 1000} km` : `${m} m`),
  supplyMeasure: (measure: 'places' | 'facilities', per: string, target: string) =>
    `${measure === 'places' ? 'Places' : 'Facilities'} per ${per} ${target}`,
  supplyTargetAll: 'residents',
  supplySetup: 'Set up: target population and indicator',
  supplyTargetHeading: (name: string) => `Target population: ${name}`,
  supplyTargetHint:
    'The target population is the sum of the chosen population indicators (counts per area), e.g. “6 to under 15” + “15 to under 18” for ages 6 to 17.',
  supplyTargetIndicators: 'Population indicators',
  supplyTargetSave: 'Save target population',
  supplyTargetSaved: 'The target population is saved.',
  supplyResidents: 'Residents in total',
  supplyResidentsNone: '– not set –',
  supplyResidentsHint:
    'The count indicator of all residents of an area, for every service type: the denominator of the need “share of the target population” and the basis of the rule that no index is published below the minimum number of residents. While none is set, no index is published.',
  supplyResidentsSave: 'Save residents in total',
  supplyResidentsSaved: (name: string) => `Saved: “${name}” counts the residents in total.`,
  supplyResidentsRemoved: 'The setting is removed.',
  supplyIndicatorHeading: 'As an indicator in the catalogue',
  supplyIndicatorNone: 'Not stored as an indicator yet.',
  supplyIndicatorState: (refDate: string, stand: string, computed: string) =>
    `Stored with the population of ${refDate} and the directory as of ${stand} (computed on ${computed}).`,
  supplyIndicatorOnMap: 'Show on the map',
  supplyIndicatorHint:
    'Counts only public entries and public population figures, on every level. Compute again after directory changes or new population figures.',
  supplyIndicatorStore: 'Store as indicator',
  supplyIndicatorRefresh: 'Compute again',
  supplyIndicatorStored: (name: string, n: number, date: string) =>
    `Stored: “${name}”, ${n} area values for ${date}.`,
  supplyTarget: (min: number, max: number | null) =>
    max === null
      ? `people aged ${min} and over`
      : min === 0
        ? `children under ${max}`
        : `people aged ${min} to under ${max}`,
  supplyCity: 'City value',
  supplyMap: 'Supply map',
  supplyMapLabel: (type: string) => `Map: ${type} per area, darker = less supply`,
  supplyNoData: 'no data',
  supplyTable: 'Supply per area',
  supplyArea: 'Area',
  supplyFacilities: 'Facilities',
  supplyPlaces: 'Places',
  supplyPopulation: 'Target population',
  supplyRatio: 'Supply',
  supplyGap: 'Gap to city value',
  supplyReach: 'within walking distance',
  supplyMeanDistance: 'mean distance',
  supplyLargestGaps: 'Largest gaps',
  supplyLargestGapsNone: 'No area lies below the city value.',
  supplyGapText: (gap: string, measure: 'places' | 'facilities') =>
    `${gap} ${measure === 'places' ? 'places' : 'facilities'} short of the city value`,
  supplyMethod: 'Method',
  supplyProvenance: 'Provenance',
  supplyLicences: 'Licences',
  supplyEmpty: 'Population counts of the target group are missing for this service type.',
  supplyShowAll: (n: number) => `Show all ${n} areas`,
  supplyToNetwork: 'View the actor network',
  supplyWhoIsActive: 'Who is active here?',
  networkTitle: 'Actor network',
  networkIntro:
    'Who works with whom: cooperations between organisations and their memberships in bodies and networks (district conference, working group under § 78 SGB VIII, neighbourhood rounds).',
  networkDimension: 'Life situation',
  networkAllDimensions: 'all life situations',
  networkArea: 'Area (name or code)',
  networkAreaUnknown: 'No such area: please pick one from the list.',
  networkAreaHint: 'only actors active in the area; empty = all',
  networkApply: 'Filter',
  networkExportGraphml: 'Download GraphML',
  networkExportCsv: 'Download CSV',
  networkEmpty:
    'No cooperations or memberships for this selection yet. Providers record the cooperations of their organisation; memberships come from the bodies.',
  networkGraphLabel: (nodes: number, edges: number) =>
    `Network picture: ${nodes} actors and bodies, ${edges} connections`,
  networkEdges: 'Connections',
  networkFrom: 'Actor',
  networkTo: 'with',
  networkKind: 'Kind',
  networkPeriod: 'Period',
  networkLinkKinds: (k: string) =>
    ({
      kooperationsvertrag: 'Cooperation agreement',
      projekt: 'Joint project',
      verweisung: 'Referral',
      fachaustausch: 'Professional exchange',
      traegerverbund: 'Provider association',
      sonstige: 'Other cooperation',
      mitgliedschaft: 'Membership',
    })[k] ?? k,
  networkBody: 'Body',
  networkOrganisation: 'Organisation',
  actorsTitle: 'Who is active here?',
  actorsIntro:
    'Organisations with services in the area, with their catchment or work area here, or in a body of the area.',
  actorsType: 'Service type',
  actorsAllTypes: 'all service types',
  actorsNear: 'also nearby',
  actorsNearOption: (m: number) =>
    m === 0 ? 'only in the area' : `up to ${m} m from the area edge`,
  actorsEmpty: 'Nobody is recorded here in the service directory.',
  actorsReasons: (r: string) =>
    ({
      standort: 'Located in the area',
      einzugsgebiet: 'Catchment',
      arbeitsgebiet: 'Work area',
      gremium: 'Body of the area',
    })[r] ?? r,
  actorsNearby: 'nearby',
  actorsDistance: (m: string) => `${m} m from the area centroid (straight line)`,
  actorsPlaces: (n: string) => `${n} places`,
  actorsOnMap: 'Show on the map',
  actorsBodies: 'Bodies of the area',
  actorsCount: (n: number) => (n === 1 ? '1 organisation' : `${n} organisations`),
  linkAdd: 'Record a cooperation',
  linkOwn: 'Own organisation',
  linkPartner: 'Partner organisation',
  linkSearch: 'Name of the service or provider',
  linkFind: 'Search',
  linkFrom: 'since',
  linkSave: 'Save cooperation',
  linkSaved: 'The cooperation is recorded.',
  gapsTitle: 'Gaps: high need, no service',
  gapsIntro:
    'Areas with high need where no service of the chosen type works – neither with a place there nor as a work area of its organisation.',
  gapsNeed: 'Need',
  gapsNeedTargetShare: 'Share of the target population in all residents',
  gapsNeedStatusIndex: 'Status index (MSS)',
  gapsThreshold: 'Threshold',
  gapsThresholdHint: (unit: 'share' | 'index'): string =>
    unit === 'share'
      ? 'Share in per cent; empty = top fifth of the areas'
      : 'Index value; empty = top fifth of the areas',
  gapsThresholdInvalid: (unit: 'share' | 'index', sent: string): string =>
    `expected ${unit === 'share' ? 'a number from 0 to 100 (per cent)' : 'a number from −100 to 100'}, got “${sent}”`,
  gapsApply: 'Apply',
  gapsHeadline: (n: string, high: string, considered: string, threshold: string) =>
    `${n} of ${high} areas with high need (from ${threshold}; ${considered} areas with data) have no service.`,
  gapsRuleTop: 'top fifth',
  gapsNone: 'No area with high need lacks a service of this type.',
  gapsNeedValue: 'Need',
  gapsClass: 'Class',
  gapsNearest: 'Nearest service',
  gapsDistance: 'Distance (straight line)',
  gapsNoNearest: 'no service with a place',
  gapsCsv: 'Gaps as CSV',
  gapsCsvCode: 'Code',
  gapsCsvDistance: 'Distance_m',
  gapsMapLegend: 'Gap (high need, no service)',
  gapsRule: 'What counts',
};
