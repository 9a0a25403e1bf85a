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
    `Plus ${s} for whole programme areas without an area (not distributed).`,
  trOtherLevel: (s: string) => `Plus ${s} on areas of other levels.`,
  trDetailTotals: 'Public view: totals per area only.',
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
};
