// The question editor's working form and its conversion to and from a questionnaire definition.
// Options are written one per line: "Label", or "id | Label" to keep an id that differs from the
// label's slug (ids named by display conditions must stay stable).
import type { SurveyDefinition, SurveyQuestion, QuestionType } from '@sozialraum/core';

export interface QuestionDraft {
  id: string;
  type: QuestionType;
  label: string;
  required: boolean;
  optionsText: string;
  scaleMin: number;
  scaleMax: number;
  condQuestion: string;
  condValues: string[];
  condMin: string;
}

/** A lower-case id from a label (umlauts spelled out), at most 40 characters. */
export function slug(label: string): string {
  const s = label
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'x';
}

/** The options written in the text area, with their ids. */
export function parseOptions(text: string): { id: string; label: string }[] {
  const seen = new Set<string>();
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const m = /^([a-z0-9][a-z0-9_-]{0,39})\s*\|\s*(.+)$/.exec(line);
      let id = m ? m[1]! : slug(line);
      for (let i = 2; seen.has(id); i++) id = `${slug(line).slice(0, 36)}-${i}`;
      seen.add(id);
      return { id, label: m ? m[2]!.trim() : line };
    });
}

export const emptyDraft = (n: number): QuestionDraft => ({
  id: `frage-${n}`,
  type: 'single',
  label: '',
  required: false,
  optionsText: '',
  scaleMin: 1,
  scaleMax: 5,
  condQuestion: '',
  condValues: [],
  condMin: '',
});

/** Drafts from a stored definition. */
export function toDrafts(def: SurveyDefinition): QuestionDraft[] {
  return def.questions.map((q) => ({
    id: q.id,
    type: q.type,
    label: q.label,
    required: q.required ?? false,
    optionsText: (q.options ?? [])
      .map((o) => (slug(o.label) === o.id ? o.label : `${o.id} | ${o.label}`))
      .join('\n'),
    scaleMin: q.scale?.min ?? 1,
    scaleMax: q.scale?.max ?? 5,
    condQuestion: q.showIf?.questionId ?? '',
    condValues: q.showIf?.anyOf ?? [],
    condMin: q.showIf?.min !== undefined ? String(q.showIf.min) : '',
  }));
}

/** The definition the drafts describe (the server checks it with core's rules). */
export function toDefinition(drafts: readonly QuestionDraft[]): SurveyDefinition {
  return {
    questions: drafts.map((d): SurveyQuestion => {
      const target = drafts.find((x) => x.id === d.condQuestion);
      const showIf = !target
        ? null
        : target.type === 'scale'
          ? { questionId: target.id, min: d.condMin === '' ? target.scaleMin : Number(d.condMin) }
          : { questionId: target.id, anyOf: d.condValues };
      return {
        id: d.id,
        type: d.type,
        label: d.label,
        required: d.required,
        ...(d.type === 'single' || d.type === 'multiple'
          ? { options: parseOptions(d.optionsText) }
          : {}),
        ...(d.type === 'scale' ? { scale: { min: d.scaleMin, max: d.scaleMax } } : {}),
        showIf,
      };
    }),
  };
}
