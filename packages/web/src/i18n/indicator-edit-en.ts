// Texts of "Edit indicator" (every metadata field) and of binding an index to other indicators, English.
import type { Widen } from './de.ts';
import type { indicatorEditDe } from './indicator-edit-de.ts';

export const indicatorEditEn: Widen<typeof indicatorEditDe> = {
  editSource: 'Source',
  editSourceHint:
    'Licence and attribution belong to the source and apply to every indicator citing it.',
  editSourceLicence: (licence: string, attribution: string) =>
    `Licence: ${licence} · Attribution: ${attribution}`,
  editSourceLink: 'Edit licence and attribution of the sources',
  editSourcesUnavailable: 'The list of sources could not be loaded; the source stays as it is.',
  editUnitHintCount: 'A count is summed over areas; its unit stays “count”.',
  editUnitHintShare:
    'A share (numerator / denominator) can only take units of the same scale; values are not converted.',
  editUnitHintValue: 'The unit names the stored values; they are not converted.',
  editUnitKind: 'This unit does not fit the stored values.',
  editDecimalsRange: 'Please choose 0 to 6 decimals.',
  editChooseSource: 'Please choose a source.',
  editErrors: (n: number) =>
    n === 1 ? 'Please check the marked field.' : `Please check the ${n} marked fields.`,
  editSaved: (n: number) =>
    n === 1
      ? '1 change saved and recorded in the log.'
      : `${n} changes saved and recorded in the log.`,

  bindTitle: 'Bind to other indicators',
  bindIntro:
    'Compute the same method with other indicators, e.g. the inputs of a new edition. Every input needs an indicator; a new index is created, the template stays unchanged.',
  bindOpen: 'Bind to other indicators …',
  bindNewId: 'Id of the new index',
  bindNewIdHint: 'lower case letters, digits, - and _, e.g. mss-2023',
  bindNewLabel: 'Name of the new index',
  bindInputs: 'Inputs and indicators',
  bindInput: 'Input',
  bindPart: (part: string) => (part === 'dynamics' ? 'Dynamics' : 'Status'),
  bindIndicator: 'Indicator',
  bindChoose: '– choose an indicator –',
  bindSuggested: 'suggested (similar name)',
  bindMissing: 'Please choose an indicator.',
  bindTwice: 'This indicator is already bound to another input.',
  bindIdInvalid: 'Only lower case letters, digits, - and _ (at most 63 characters).',
  bindPreview: 'Preview',
  bindPreviewTitle: 'What will be created',
  bindPreviewLine: (id: string, label: string, n: number) =>
    `New index “${label}” (${id}) with ${n} indicators, version 1.`,
  bindWarnings: 'Please check',
  bindNoWarnings: 'Direction and unit fit every input.',
  bindSave: 'Create index',
  bindSaving: 'Creating …',
  bindSaved: (label: string) => `The index “${label}” has been created (recorded in the log).`,
  bindShow: 'Show the new index',
  bindCancel: 'Cancel',
};
