// The body of POST /api/imports/{uploadId}/run built from the screen's state, the checks before it is
// sent (field errors with their field ids) and where the result can be seen on the map.
import type { AnalyzeResponse, AreasRunBody, PublishedTableRunBody } from '../../api/imports.ts';
import { publishedFields, type Decisions } from './decisions.ts';
import type { FieldError } from './flow.ts';
import { areasRunFields, missingInAreaTarget, type AreaTarget } from './mapping.ts';
import {
  mapUrlFor,
  newIndicatorsBody,
  sourceBody,
  validateSource,
  type NewIndicatorDraft,
  type SourceDraft,
} from './new-indicators.ts';
import {
  buildMapping,
  firstIndicator,
  newestDate,
  validateTableForm,
  type TableForm,
} from './table-form.ts';
import type { AreaChoices } from './use-import.ts';

const SOURCE_FIELDS: [RegExp, string][] = [
  [/Titel/, 'title'],
  [/Herausgeber/, 'publisher'],
  [/Lizenz/, 'licence'],
  [/Namensnennung/, 'attribution'],
  [/Adresse/, 'url'],
];

/** Source errors with the ids of the SourceFieldset inputs (`<prefix>-src-<field>`). */
export function sourceErrors(s: SourceDraft, prefix: string): FieldError[] {
  return validateSource(s).map((message) => {
    const field = SOURCE_FIELDS.find(([re]) => re.test(message))?.[1] ?? 'title';
    return { field: `${prefix}-src-${field}`, message };
  });
}

/** Every field error of a table run: target, mapping, new indicators and, with them, their source. */
export function validateRun(
  form: TableForm,
  target: { systemId: string; levelId: string },
  drafts: Readonly<Record<string, NewIndicatorDraft>>,
  known: ReadonlySet<string>,
  source: SourceDraft,
): FieldError[] {
  return [
    ...validateTableForm(form, target, drafts, known),
    ...(Object.keys(drafts).length > 0 ? sourceErrors(source, 'imp-table') : []),
  ];
}

export interface RunInput {
  dryRun: boolean;
  analysis: AnalyzeResponse;
  form: TableForm;
  drafts: Readonly<Record<string, NewIndicatorDraft>>;
  target: { systemId: string; levelId: string };
  areaTarget: AreaTarget;
  areaChoices: AreaChoices;
  source: SourceDraft;
  decisions: Decisions;
}

/** The run body: a table with its mapping, new indicators and decisions, or an areas import. */
export function buildRunBody(r: RunInput): PublishedTableRunBody | AreasRunBody {
  if (r.analysis.detected.kind === 'table') {
    const drafts = Object.values(r.drafts);
    return {
      kind: 'table',
      dryRun: r.dryRun,
      systemId: r.target.systemId,
      levelId: r.target.levelId,
      // the mapping the screen built from the analysis' suggestion; the server checks it (400)
      mapping: buildMapping(r.form, r.drafts) as PublishedTableRunBody['mapping'],
      ...(drafts.length > 0
        ? { newIndicators: newIndicatorsBody(drafts), source: sourceBody(r.source) }
        : {}),
      ...publishedFields(r.decisions),
    };
  }
  const newSystem = r.areaTarget.systemMode !== 'existing';
  return {
    kind: 'areas',
    dryRun: r.dryRun,
    ...areasRunFields(r.areaTarget),
    ...(newSystem ? { source: sourceBody(r.source) } : {}),
    ...(r.areaChoices.swapAxes ? { swapAxes: true } : {}),
    ...(r.analysis.covering?.length ? { coveringFeatures: r.areaChoices.covering } : {}),
    ...(r.areaChoices.missingAreas ? { missingAreas: r.areaChoices.missing } : {}),
  };
}

/** Where a successful import can be seen on the map. */
export function mapLinkAfter(p: {
  isTable: boolean;
  form: TableForm;
  drafts: Readonly<Record<string, NewIndicatorDraft>>;
  target: { systemId: string; levelId: string };
  areaTarget: AreaTarget;
}): string {
  if (!p.isTable)
    return mapUrlFor({ system: p.areaTarget.systemId ?? '', level: p.areaTarget.levelId ?? '' });
  return mapUrlFor({
    system: p.target.systemId,
    level: p.target.levelId,
    indicator: firstIndicator(p.form, p.drafts),
    date: newestDate(p.form),
  });
}

/** Field ids of the areas form (area-target-form.tsx), by the AreaTarget key they edit. */
export const AREA_FIELDS: Partial<Record<keyof AreaTarget, string>> = {
  systemId: 'imp-asys',
  systemName: 'imp-asysname',
  validFrom: 'imp-avalid',
  levelId: 'imp-alvl',
  levelNameDe: 'imp-alvlname',
  parentLevelId: 'imp-aparent',
  codeProperty: 'imp-codeProperty',
  nameProperty: 'imp-nameProperty',
  parentCodeProperty: 'imp-parentCodeProperty',
};

// which message belongs to which field (the messages come from mapping.ts missingInAreaTarget)
const AREA_MESSAGES: [RegExp, keyof AreaTarget][] = [
  [/Kennung des Gebietssystems|Namen für das neue Gebietssystem/, 'systemId'],
  [/Gültig ab/, 'validFrom'],
  [/Kennung der Ebene/, 'levelId'],
  [/Namen für die neue Ebene/, 'levelNameDe'],
  [/übergeordnete Ebene muss/, 'parentLevelId'],
  [/Schlüssel des übergeordneten/, 'parentCodeProperty'],
  [/Schlüsselspalte/, 'codeProperty'],
  [/Namensspalte/, 'nameProperty'],
];

/** Every field error of an areas import: target, properties and, for a new system, its source. */
export function validateAreaRun(
  a: AreaTarget,
  source: SourceDraft,
  existingSystemIds: readonly string[],
): FieldError[] {
  const newSystem = a.systemMode !== 'existing';
  const errors: FieldError[] = missingInAreaTarget(a).map((message) => {
    let key = AREA_MESSAGES.find(([re]) => re.test(message))?.[1] ?? 'systemId';
    if (key === 'systemId' && /Namen/.test(message)) key = 'systemName';
    return { field: AREA_FIELDS[key]!, message };
  });
  if (newSystem && a.systemId && existingSystemIds.includes(a.systemId))
    errors.unshift({
      field: AREA_FIELDS.systemId!,
      message: `Das Gebietssystem „${a.systemId}“ gibt es schon – bitte „vorhandenes ergänzen“ wählen oder eine andere Kennung.`,
    });
  return [...errors, ...(newSystem ? sourceErrors(source, 'imp-areas') : [])];
}
