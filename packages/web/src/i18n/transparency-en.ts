// Texts of the transparency view (/foerderung/transparenz) and the money per measure, English.
import type { transparencyDe } from './transparency-de.ts';

export const transparencyEn: typeof transparencyDe = {
  trLink: 'Transparency: where does the money go, measured against need?',
  trTitle: 'Funding transparency',
  trIntro:
    'Funding per area and per resident, set against need (status index or an indicator). High need means above the median of the areas; little money: at most the median per resident.',
  trYear: 'Year',
  trNeed: 'Need',
  trNeedIndex: 'Status index (MSS)',
  trKind: 'Kind of money',
  trLevel: 'Level',
  trMap: 'Map: euros per resident',
  trMapLabel: (year: string) => `Map of funding per resident ${year}`,
  trScatter: 'Euros per resident against need',
  trScatterLabel: (n: number) =>
    `Scatter plot: ${n} areas, euros per resident (horizontal) against need (vertical); dashed lines are the medians`,
  trScatterX: 'Euros per resident',
  trMedian: 'Median',
  trUnderfunded: 'High need, little money',
  trOverfunded: 'Low need, much money',
  trNoGaps: 'No areas in this group.',
  trAll: 'All areas',
  trArea: 'Area',
  trResidents: 'Residents',
  trMoney: 'Funding',
  trPerResident: '€ per resident',
  trQuadrant: 'Group',
  trQuadrants: (k: string | null): string =>
    k === null
      ? '–'
      : ((
          {
            high_need_little_money: 'high need, little money',
            high_need_much_money: 'high need, much money',
            low_need_little_money: 'low need, little money',
            low_need_much_money: 'low need, much money',
          } as Record<string, string>
        )[k] ?? k),
  trExportCsv: 'Download CSV',
  trExportXlsx: 'Download XLSX',
  trProvenance: 'Where does this come from?',
  trMethod: 'Method',
  trLicence: 'Licence',
  trNoMoney: 'No funding recorded for this year yet.',
  trNoYears: 'No funding recorded yet. Money is imported on the “Funding programmes” page.',
  trWholeProgramme: (s: string) =>
    `${s} not spread (programme without programme area that year, or areas without residents)`,
  trOtherLevel: (s: string) => `${s} on areas of other area systems (cannot be placed)`,
  trDetailTotals: 'Public view: totals per area only.',
  trBridge: 'Other area systems',
  trBridgeArea: 'by area share',
  trBridgeResidents: 'by residents’ share',
  trAllocBridged: (s: string, systems: readonly string[]) =>
    `${s} from areas of other area systems (${systems.join(', ')}) carried over by their overlap`,
  trAllocOutside: (s: string) =>
    `${s} from areas of other area systems lie outside every area of the level (not carried over)`,
  trResidentsByYear: 'Residents per booking year (money is spread and divided by that year’s)',
  trResidentsYear: (year: number, date: string) => `${year}: reference date ${date}`,
  trResidentsFallback: (year: number, date: string) =>
    `${year}: no reference date up to the end of ${year}; the nearest (${date}) stands in`,
  trResidentsNone: (year: number) => `${year}: no residents, not spread`,
  trSeries: 'Over time',
  trMeasures: 'Funded measures',
  trNoMeasures: 'No money booked on measures.',
  trGoals: 'Goals and indicators',
  trFinancing: 'Funding',
  trNoFinancing: 'No funding is booked for this measure.',
  trPublicDetail: 'Visible to the public',
  trPublicNone: 'nothing',
  trPublicTotals: 'totals per area',
  trPublicByProgramme: 'also by programme and source',
  trSource: 'Source',
  trSettings: 'Transparency settings',
  trResidentsIndicator: 'Residents indicator (for “per resident”)',
  trResidentsAuto: 'automatic: first count indicator of demography',
  trResidentsHelp:
    'The residents indicator divides money per resident and weighs the spreading of money booked on coarser areas. Changes are logged.',
  trSeriesNone: 'No money is booked for this area.',
  trSeriesCaption: (area: string) => `Funding per budget year: ${area}`,
  trSeriesLabel: (area: string) =>
    `Bar chart of funding per budget year for ${area}; the values are in the table below`,
  trSeriesTable: 'Values as a table',
  trAllocation: 'How the sums are made',
  trAllocationRule:
    'Money on finer areas (e.g. planning areas) is summed up to the chosen level. Money on coarser areas (e.g. a district) and on whole programme areas is spread over the areas by their share of residents, to the cent. Per resident uses the residents of the area itself.',
  trAllocOwn: (s: string, level: string) => `${s} booked directly on areas of the level “${level}”`,
  trAllocRolledUp: (s: string) => `${s} summed up from finer areas`,
  trAllocSpread: (s: string) => `${s} spread by share of residents`,
  trToProgrammes: 'To the funding programmes',
  trGoalIndicator: 'Indicator',
  trGoalBaseline: 'Baseline',
  trGoalLatest: 'Latest',
  trGoalTarget: 'Target',
  trGoalTrend: 'Trend',
  trGoalStatus: 'Assessment',
  trTrendWord: (d: string) => ({ up: 'rising', down: 'falling', flat: 'steady' })[d] ?? d,
  trTrendToward: (toward: boolean) => (toward ? 'toward the target' : 'away from the target'),
  trAreaCard: 'Funding and effect',
  trAreaProgrammes: 'Programme area of',
  trAreaVia: (via: string): string => (via === 'coarser' ? 'via a larger area' : 'in a sub-area'),
  trAreaMoney: (year: string, total: string, per: string) =>
    `Approved funding ${year}: ${total} (${per} per resident), including money spread by share of residents.`,
  trAreaEffectsMore: (n: number) =>
    n === 1
      ? 'One more effect estimate is on the measure page.'
      : `${n} more effect estimates are on the measure pages.`,
};
