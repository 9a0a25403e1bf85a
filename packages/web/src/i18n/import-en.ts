// Texts of the import screen for tables as cities publish them (issue 9 § 2, § 6), English.
import type { Widen } from './de.ts';
import type { importDe } from './import-de.ts';

export const importEn: Widen<typeof importDe> = {
  impHeaderSwitch: 'First row is a header',
  impHeaderDetected: 'Detected:',
  impHeaderByPerson: 'Set by you. The detection says:',
  impHeaderUsed: 'The first row was read as the header',
  impHeaderNotUsed: 'The first row was read as data (no header)',
  impByPerson: 'set by you',
  impByDetection: 'detected',
  impSeparators: 'Number format',
  impSeparatorsHint:
    'Change only when numbers are read wrongly. The setting applies to the next dry run and the import.',
  impThousands: 'Thousands separator',
  impAsDetected: 'as detected',
  impComma: 'comma (,)',
  impDot: 'dot (.)',
  impNoThousands: 'none',
  impSeparatorsReanalyse:
    'The file is checked again with the chosen number format; the mapping is suggested anew.',
  impNumbersCaption: 'How the numbers of the preview are read',
  impNumbersRead: (text: string, value: string) => `“${text}” → ${value}`,
  impNumbersNoNumber: 'no number',
  impNumbersInvalid: (n: string) => `${n} cell(s) of the preview are no number`,
  impNumbersDecimals: (n: string) => `${n} value(s) with decimals`,
  impLabelContext: 'Context',
  impLabelContextHint: (column: string) =>
    `Labels of the same name with different entries in “${column}” are mapped separately.`,
  impLabelFirstLine: (line: string) => `first in line ${line}`,
  impTargetTable: 'Areas of the table',
  impLevelNamesHint:
    'Names are matched with the areas of this level; the dry run lists different spellings for review.',
  impDatePerColumn: 'per column (years/dates in the headers)',
  impColumnDate: 'Reference date',
  impColumnDateOf: (col: string) => `Reference date of column “${col}”`,
  impNoLabels: 'No labels yet: choose the column whose entries name the indicators.',
  impLabelsWholeFile: (n: string, rows: string) =>
    `all ${n} labels of the whole file (${rows} rows)`,
  impLabelsPreviewOnly: 'only the labels of the preview; other labels must be indicator ids',
  impSkipLabel: '— skip (counted) —',
  impSuggested: 'suggested',
  impNewIndicators: 'New indicators',
  impInternalNote:
    'New indicators start internal to the administration: they do not appear on the public map. Publish them later under “Edit indicator”.',
  impNewFromColumns: (cols: string) => `New indicator from column(s) “${cols}”`,
  impDefinition: 'Definition',
  impDefinitionHint: 'What exactly is counted or measured, reference population, date (optional).',
  impLicenceHint: 'e.g. dl-de/by-2-0 or CC BY 4.0',
  impAttributionHint: 'e.g. Statistical Office Berlin-Brandenburg',
  impRunSection: 'Dry run and import',
  impCheckFailed: (n: number) =>
    n === 1 ? 'Please complete one entry:' : `Please complete ${n} entries:`,
  impDryRunAgain: 'Repeat dry run',
  impDoneHint: 'Imported. Choose a new file for another import.',
  impRowsRead: 'Rows read',
  impValuesWritten: 'Values written',
  impValuesToWrite: 'Values to write',
  impFeaturesRead: 'Features read',
  impAreasWritten: 'Areas written',
  impAreasToWrite: 'Areas to write',
  impPointsWritten: 'Records written',
  impWritten: 'Written',
  impCheckRefused: 'The check refused the file.',
  impDryRunRefused: 'The dry run failed – nothing was saved.',
  impRefusedSeeTable: 'Nothing was imported. What does not fit is listed in the table below.',
  impColumnDates: 'Dates per column:',
  impNamesTitle: (n: number) =>
    n === 1 ? '1 area name spelled differently' : `${n} area names spelled differently`,
  impNamesHint:
    'Please check: accepted matches are stored for this level by the import and recognised in the next file.',
  impNameInFile: 'Name in the file',
  impMatch: 'Match (reason)',
  impConfidence: 'Confidence',
  impArea: 'Area',
  impAccept: 'Accept',
  impAreaFor: (name: string) => `Area for “${name}”`,
  impAcceptFor: (name: string) => `Accept the match for “${name}”`,
  impNoArea: '— no area —',
  impAcceptAll: 'Accept all matches',
  impAcceptedCount: (n: number, total: number) => `${n} of ${total} accepted`,
  impNonAreaTitle: (count: number, n: string) =>
    count === 1 ? '1 row is no area' : `${n} rows are no areas`,
  impNonAreaPreview: (groups: string) =>
    `The preview has rows that are no areas (${groups}). The dry run counts them and says which are left out and where you decide.`,
  impSkipped: 'skipped',
  impSkipNonArea: (count: number, n: string) =>
    count === 1
      ? 'Skip this row (counted in the report)'
      : `Skip these ${n} rows as a group (counted in the report)`,
  impNonAreaAllSkipped: 'They are left out and counted in the report.',
  impPlausibility: 'Numbers and plausibility',
  impBlank: 'blank',
  impMissing: (count: number, n: string, detail: string) =>
    `${count === 1 ? '1 missing value' : `${n} missing values`} (${detail})`,
  impFootnotes: (n: string, marks: string) =>
    `${n} values read with footnote marks (removed: ${marks})`,
  impDecimalsInCount: (ind: string, n: string, line: string, ex: string) =>
    `${ind} is a count, but ${n} values have decimals (first line ${line}: “${ex}”).`,
  impThousandsInPercent: (col: string, n: string, ex: string) =>
    `Column “${col}”: ${n} percentages with thousands separators (e.g. “${ex}”) – please check the number format.`,
  impMarkers: 'Text markers in number columns (imported as missing only with your consent):',
  impFirstAt: (line: string, col: string) => `first in line ${line}, column “${col}”`,
  impAcceptMarkers: 'Import text markers as missing values',
  impZeroRows: (count: number, n: string, lines: string) =>
    `${count === 1 ? '1 row holds' : `${n} rows hold`} only 0 (${count === 1 ? 'line' : 'lines'} ${lines}) – often placeholders for areas without a score.`,
  impZeroAsMissing: 'Import rows with only 0 as missing values',
  impOverwriteTitle: 'Existing values',
  impOverwriteSummary: (changed: string, unchanged: string, added: string) =>
    `${changed} will be overwritten, ${unchanged} stay unchanged, ${added} are new.`,
  impOverwriteExamples: (shown: string, total: string) =>
    `Overwritten values (${shown} of ${total})`,
  impOld: 'before',
  impNew: 'new',
  impMissingValue: 'missing',
  impSynonymsSaved: (n: number) =>
    n === 1
      ? '1 confirmed name match was stored for this level.'
      : `${n} confirmed name matches were stored for this level.`,
  impDuration: 'Duration',
  impWho: 'Who',
  impCopySha: (file: string) => `Copy SHA-256 of ${file}`,
  impHistoryEmpty: 'No imports yet.',
};
