// Texts of the sources page (/quellen), English.
import type { sourcesDe } from './sources-de.ts';
import type { Widen } from './de.ts';

export const sourcesEn: Widen<typeof sourcesDe> = {
  sourcesTitle: 'Sources and licences',
  sourcesIntro:
    'Where every figure comes from: publisher, licence and the attribution that must accompany every use.',
  sourcesEmpty: 'No sources yet – the first import creates them.',
  sourcesLink: 'All sources and licences',
  sourceId: 'Id',
  sourceLicence: 'Licence',
  sourceLicenceUrl: 'Licence text (URL, optional)',
  sourceAttribution: 'Attribution',
  sourceNotes: 'Notes (optional)',
  sourceNotesLabel: 'Notes',
  sourceEditOf: (title: string) => `Edit source “${title}”`,
  sourceSaved: 'The source is saved (recorded in the audit log).',
  sourceEditHint:
    'Changes apply to every indicator and area with this source and are audited. Imports never change sources.',
  sourceRequired: (field: string) => `Please fill in “${field}”.`,
};
