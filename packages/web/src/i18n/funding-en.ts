// Texts of funding (/foerderung) and effect (/wirkung), English.
import type { fundingDe } from './funding-de.ts';

export const fundingEn: typeof fundingDe = {
  navFunding: 'Funding',
  fundingToEffect: 'Estimate the effect of a measure',
  navEffect: 'Effect',
  fundingTitle: 'Funding programmes',
  fundingIntro:
    'Programmes of the EU, the federal and the state governments with what is publicly documented – each fact with its source and check date. Unknown facts stay empty.',
  fundingLevel: 'Level',
  fundingPeriod: 'Period',
  fundingAreas: 'Programme areas',
  fundingAreaCount: (n: number) => (n === 1 ? '1 area' : `${n} areas`),
  fundingEnded: 'ended',
  fundingOpenEnd: 'open',
  fundingUnknown: 'not published',
  fundingAreaTypes: 'Eligible areas',
  fundingCoFinancing: 'Co-financing',
  fundingFixedShares: 'Fixed shares',
  fundingReporting: 'Reporting duties',
  fundingSources: 'Sources',
  fundingChecked: (d: string) => `checked on ${d}`,
  fundingNoAreas: 'No programme areas have been set for this programme yet.',
  fundingValid: (from: string, to: string) => `valid ${from} to ${to}`,
  fundingMoney: 'Money per year',
  fundingYear: 'Year',
  fundingPlanned: 'planned',
  fundingApproved: 'approved',
  fundingSpent: 'spent',
  fundingNoMoney: 'No money recorded yet.',
  fundingMoneyHidden: 'Money is shown to signed-in staff.',
  fundingSpentOver: 'more spent than approved',
  fundingProblems: 'Issues',
  fundingBack: 'All funding programmes',
  fundingImportTitle: 'Import money',
  fundingImportHint:
    'CSV or XLSX: programme; area (code or “alle”); year; kind (geplant, bewilligt, verausgabt); then source + amount or columns Gesamt, Bund, Land, Kommune. Amounts like 1.234,56 €. All or nothing.',
  fundingImportFile: 'File with funding money',
  fundingImportCheck: 'Check',
  fundingImportRun: 'Import',
  fundingImportDone: (n: number) => `${n} amounts imported.`,
  fundingImportOk: (n: number) => `Checked: ${n} rows without problems.`,
  fundingImportIssue: (file: string, line: number, column: number) =>
    `${file}, line ${line}${column > 0 ? `, column ${column}` : ''}`,
  fundingLevels: (k: string): string =>
    (
      ({
        eu: 'EU',
        bund: 'Federal',
        land: 'State',
        kommune: 'Municipality',
        stiftung: 'Foundation/provider',
      }) as Record<string, string>
    )[k] ?? k,
  fundingSourceNames: (k: string): string =>
    (
      ({
        eu: 'EU',
        bund: 'Federal',
        land: 'State',
        kommune: 'Municipality',
        stiftung: 'Foundation',
        traeger: 'Provider/third parties',
        total: 'Total',
      }) as Record<string, string>
    )[k] ?? k,
  effectTitle: 'Estimate an effect',
  effectIntro:
    'How did an indicator change in the treated areas since the start – compared with similar areas without the measure (difference-in-differences)?',
  effectIndicator: 'Indicator',
  effectLevel: 'Level',
  effectAreas: 'Treated areas',
  effectAreaFilter: 'Filter areas',
  effectChosen: (n: number) => `${n} chosen`,
  effectStart: 'Start of the measure',
  effectRun: 'Estimate',
  effectChoose: 'Choose an indicator, areas and a start.',
  effectSentence: (name, est, lo, hi, years) =>
    `${name} in the treated areas ${est} compared with similar areas (95 %: ${lo} to ${hi}), ${years}`,
  effectVerdict: (k: string): string =>
    (
      ({
        effect: 'The interval excludes 0: a change is visible.',
        'no-clear-effect': 'The interval contains 0: no clear change.',
        'not-measurable': 'Not measurable',
      }) as Record<string, string>
    )[k] ?? k,
  effectPValue: (p: string) => `placebo p-value ${p}`,
  effectPreTrend: 'Pre-trend',
  effectPreTrendStatus: (k: string): string =>
    (
      ({
        ok: 'fine: the pre-period gap lies within the placebos’ spread',
        diverging: 'suspicious: treated and comparison areas drifted apart before the start',
        'not-testable': 'not testable (fewer than 3 points before the start; trend only matched)',
      }) as Record<string, string>
    )[k] ?? k,
  effectChart: 'Means over time',
  effectTreated: 'Treated areas',
  effectComparison: 'Comparison areas',
  effectStartLine: 'Start',
  effectComparisons: 'Comparison areas and why',
  effectArea: 'Area',
  effectMatchedTo: 'similar to',
  effectDistance: 'Distance',
  effectPreLevel: 'Level before',
  effectTrend: 'Trend per year',
  effectChange: 'Change',
  effectWithoutData: (names: string) => `Without enough data: ${names}`,
  effectMethod: (b: number, pool: number) =>
    `Comparison areas: nearest neighbours by level and trend before the start (same level, untreated; pool of ${pool} areas). 95 % interval from ${b} placebo treatments in the pool (fixed seed). Method: docs/methods/difference-in-differences.md.`,
};
