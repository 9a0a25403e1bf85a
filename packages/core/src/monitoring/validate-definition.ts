// Checks an index definition before anything is computed, so a definition that cannot be computed
// is refused with messages that name the field and the reason (issue 4, "Bad input").
import { MonitoringError } from './errors.ts';
import type { MonitoringErrorCode } from './errors.ts';
import type { ClassScheme, IndexDefinition, IndexPart } from './types.ts';

/** One problem of a definition: JSON path of the field and a German message. */
export interface DefinitionProblem {
  path: string;
  message: string;
  code: MonitoringErrorCode;
}

const STANDARDISATIONS = ['zscore', 'minmax', 'percentile_rank'];
const COMBINATIONS = ['sum', 'mean', 'weighted_sum'];
const DIRECTIONS = ['higher_is_worse', 'higher_is_better'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function checkClasses(scheme: unknown, path: string, out: DefinitionProblem[]): void {
  const bad = (p: string, message: string): void => {
    out.push({ path: `${path}${p}`, message, code: 'invalid_definition' });
  };
  if (!isObject(scheme)) return bad('', 'Klasseneinteilung fehlt.');
  const s = scheme as Partial<ClassScheme>;
  if (s.kind !== 'sd' && s.kind !== 'quantile' && s.kind !== 'fixed')
    bad(
      '.kind',
      `Unbekannte Art der Klasseneinteilung "${String(s.kind)}" (erlaubt: sd, quantile, fixed).`,
    );
  if (!Array.isArray(s.boundaries)) return bad('.boundaries', 'Klassengrenzen fehlen.');
  if (!Array.isArray(s.classes)) return bad('.classes', 'Klassen fehlen.');
  if (s.classes.length !== s.boundaries.length + 1) {
    bad(
      '.classes',
      `${s.boundaries.length} Grenzen ergeben ${s.boundaries.length + 1} Klassen, angegeben sind ${s.classes.length}.`,
    );
  }
  let previous = -Infinity;
  s.boundaries.forEach((b, i) => {
    if (!isObject(b) || typeof b.value !== 'number' || !Number.isFinite(b.value))
      return bad(`.boundaries[${i}].value`, 'Grenze ist keine endliche Zahl.');
    if (b.onBoundary !== 'lower' && b.onBoundary !== 'upper')
      bad(
        `.boundaries[${i}].onBoundary`,
        'Zugehörigkeit eines Werts auf der Grenze fehlt (lower oder upper).',
      );
    if (b.value <= previous)
      bad(
        `.boundaries[${i}].value`,
        `Grenzen müssen aufsteigend sein: ${b.value} folgt auf ${previous}.`,
      );
    if (s.kind === 'quantile' && (b.value <= 0 || b.value >= 1))
      bad(`.boundaries[${i}].value`, `Quantilgrenze ${b.value} liegt nicht zwischen 0 und 1.`);
    previous = b.value;
  });
  const codes = new Set<string>();
  s.classes.forEach((c, i) => {
    if (!isObject(c) || !isText(c.code) || !isText(c.label))
      return bad(`.classes[${i}]`, 'Klasse braucht code und label.');
    if (codes.has(c.code)) bad(`.classes[${i}].code`, `Klassen-Code "${c.code}" ist doppelt.`);
    codes.add(c.code);
  });
}

function checkPart(part: unknown, path: string, out: DefinitionProblem[]): void {
  const bad = (
    p: string,
    message: string,
    code: MonitoringErrorCode = 'invalid_definition',
  ): void => {
    out.push({ path: `${path}${p}`, message, code });
  };
  if (!isObject(part)) return bad('', 'Teil fehlt.');
  const p = part as Partial<IndexPart>;
  if (!isText(p.label)) bad('.label', 'Bezeichnung fehlt.');
  if (!Array.isArray(p.inputs) || p.inputs.length === 0)
    return bad('.inputs', 'Mindestens ein Indikator ist nötig.');
  const ids = new Set<string>();
  p.inputs.forEach((input, i) => {
    if (!isObject(input) || !isText(input.indicatorId))
      return bad(`.inputs[${i}].indicatorId`, 'Indikator-ID fehlt.');
    if (ids.has(input.indicatorId))
      bad(`.inputs[${i}].indicatorId`, `Indikator "${input.indicatorId}" ist doppelt.`);
    ids.add(input.indicatorId);
    if (!isText(input.label))
      bad(`.inputs[${i}].label`, `Bezeichnung für Indikator "${input.indicatorId}" fehlt.`);
    if (!DIRECTIONS.includes(input.direction as string))
      bad(
        `.inputs[${i}].direction`,
        `Richtung "${String(input.direction)}" unbekannt (erlaubt: ${DIRECTIONS.join(', ')}).`,
      );
  });
  if (!STANDARDISATIONS.includes(p.standardisation as string))
    bad(
      '.standardisation',
      `Standardisierung "${String(p.standardisation)}" unbekannt (erlaubt: ${STANDARDISATIONS.join(', ')}).`,
    );
  if (!COMBINATIONS.includes(p.combination as string))
    bad(
      '.combination',
      `Verknüpfung "${String(p.combination)}" unbekannt (erlaubt: ${COMBINATIONS.join(', ')}).`,
    );
  if (typeof p.restandardise !== 'boolean')
    bad(
      '.restandardise',
      'Angabe fehlt, ob der verknüpfte Wert erneut standardisiert wird (true/false).',
    );
  if (p.weights !== undefined) {
    if (!isObject(p.weights))
      bad('.weights', 'Gewichte müssen ein Objekt {Indikator-ID: Zahl} sein.', 'weights_mismatch');
    else {
      for (const id of ids)
        if (!(id in p.weights))
          bad('.weights', `Gewicht für Indikator "${id}" fehlt.`, 'weights_mismatch');
      for (const [id, w] of Object.entries(p.weights)) {
        if (!ids.has(id))
          bad(
            `.weights.${id}`,
            `Gewicht für "${id}", aber "${id}" ist kein Indikator dieses Teils.`,
            'weights_mismatch',
          );
        else if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0)
          bad(
            `.weights.${id}`,
            `Gewicht für "${id}" muss eine positive Zahl sein, erhalten: ${String(w)}.`,
            'weights_mismatch',
          );
      }
    }
  } else if (p.combination === 'weighted_sum') {
    bad('.weights', 'Gewichtete Summe ohne Gewichte.', 'weights_mismatch');
  }
  checkClasses(p.classes, `${path}.classes`, out);
}

/** Lists every problem of an index definition (empty list = computable); messages in German. */
export function validateIndexDefinition(definition: unknown): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const bad = (path: string, message: string): void => {
    out.push({ path, message, code: 'invalid_definition' });
  };
  if (!isObject(definition)) {
    bad('', 'Die Indexdefinition ist kein Objekt.');
    return out;
  }
  const d = definition as Partial<IndexDefinition>;
  if (!isText(d.id)) bad('id', 'ID fehlt.');
  if (!isText(d.label)) bad('label', 'Bezeichnung fehlt.');
  checkPart(d.status, 'status', out);
  if (d.dynamics !== undefined) {
    checkPart(d.dynamics, 'dynamics', out);
    if (!Number.isInteger(d.dynamics.periodYears) || d.dynamics.periodYears <= 0)
      bad(
        'dynamics.periodYears',
        `Zeitraum der Dynamik muss eine ganze Zahl von Jahren > 0 sein, erhalten: ${String(d.dynamics.periodYears)}.`,
      );
  }
  if (!isObject(d.validity)) bad('validity', 'Gültigkeitsregeln fehlen (mindestens {}).');
  else {
    const v = d.validity;
    if (
      v.minPopulation !== undefined &&
      v.minPopulation !== null &&
      (typeof v.minPopulation !== 'number' || !(v.minPopulation >= 0))
    ) {
      bad(
        'validity.minPopulation',
        `Mindest-Einwohnerzahl muss eine Zahl ≥ 0 sein, erhalten: ${String(v.minPopulation)}.`,
      );
    }
    (Array.isArray(v.exclusions) ? (v.exclusions as unknown[]) : []).forEach((e, i) => {
      if (!isObject(e) || !isText(e.areaId) || !isText(e.reason))
        bad(`validity.exclusions[${i}]`, 'Ausschluss braucht areaId und einen Grund (reason).');
    });
    if (
      v.missingValues !== undefined &&
      v.missingValues !== 'error' &&
      v.missingValues !== 'exclude'
    )
      bad('validity.missingValues', 'Erlaubt sind "error" oder "exclude".');
  }
  if (d.matrix !== undefined) {
    if (
      !d.dynamics ||
      !isObject(d.status) ||
      !isObject(d.status.classes) ||
      !isObject(d.dynamics.classes)
    )
      bad('matrix', 'Eine Status-Dynamik-Matrix braucht Status- und Dynamik-Klassen.');
    else if (Array.isArray(d.matrix)) {
      const sCodes = (d.status.classes.classes ?? []).map((c) => c.code);
      const dCodes = (d.dynamics.classes.classes ?? []).map((c) => c.code);
      const seen = new Set<string>();
      d.matrix.forEach((g, i) => {
        if (!sCodes.includes(g.status))
          bad(`matrix[${i}].status`, `Status-Klasse "${g.status}" gibt es nicht.`);
        if (!dCodes.includes(g.dynamics))
          bad(`matrix[${i}].dynamics`, `Dynamik-Klasse "${g.dynamics}" gibt es nicht.`);
        if (!isText(g.code) || !isText(g.label))
          bad(`matrix[${i}]`, 'Gruppe braucht code und label.');
        const key = `${g.status}|${g.dynamics}`;
        if (seen.has(key))
          bad(
            `matrix[${i}]`,
            `Kombination Status "${g.status}" / Dynamik "${g.dynamics}" ist doppelt.`,
          );
        seen.add(key);
      });
      for (const s of sCodes)
        for (const dc of dCodes)
          if (!seen.has(`${s}|${dc}`))
            bad('matrix', `Kombination Status "${s}" / Dynamik "${dc}" fehlt in der Matrix.`);
    } else bad('matrix', 'Matrix muss eine Liste von Gruppen sein.');
  }
  (d.rules ?? []).forEach((r, i) => {
    if (!isText(r.id) || !isText(r.label) || !Array.isArray(r.when) || r.when.length === 0)
      bad(`rules[${i}]`, 'Regel braucht id, label und mindestens eine Bedingung.');
    else {
      const sCodes =
        isObject(d.status) && isObject(d.status.classes)
          ? (d.status.classes.classes ?? []).map((c) => c.code)
          : [];
      const dCodes =
        d.dynamics && isObject(d.dynamics.classes)
          ? (d.dynamics.classes.classes ?? []).map((c) => c.code)
          : [];
      r.when.forEach((w, j) => {
        for (const s of w.status ?? [])
          if (!sCodes.includes(s))
            bad(`rules[${i}].when[${j}].status`, `Status-Klasse "${s}" gibt es nicht.`);
        for (const dc of w.dynamics ?? [])
          if (!dCodes.includes(dc))
            bad(`rules[${i}].when[${j}].dynamics`, `Dynamik-Klasse "${dc}" gibt es nicht.`);
      });
    }
  });
  return out;
}

/** Throws a MonitoringError listing all problems when the definition cannot be computed. */
export function assertValidIndexDefinition(
  definition: unknown,
): asserts definition is IndexDefinition {
  const problems = validateIndexDefinition(definition);
  if (problems.length === 0) return;
  const code = problems.some((p) => p.code === 'weights_mismatch')
    ? 'weights_mismatch'
    : 'invalid_definition';
  throw new MonitoringError(
    code,
    problems.map((p) => `Indexdefinition, Feld ${p.path || '(Wurzel)'}: ${p.message}`),
  );
}
