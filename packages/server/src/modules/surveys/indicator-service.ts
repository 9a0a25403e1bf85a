// A survey result as an indicator (issue 13 § 3, ADR 0038): one option's share in percent or one
// scale's mean, per area of the survey, at the survey's end date. The source and the method note
// say "Befragung, nicht repräsentativ, n = …"; withheld cells become suppressed observations.
import {
  summariseSurvey,
  SURVEY_MIN_CELL,
  type QuestionCell,
  type SurveyAnswers,
  type SurveyDefinition,
} from '@sozialraum/core';
import type { AppContext } from '../../app-context.ts';
import type { Sql } from '../../db/db.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { assertCanEditIndicator, invalidateCatalogueCache } from '../indicators/index.ts';
import {
  insertNewIndicators,
  upsertObservations,
  upsertSources,
  type IndicatorInput,
  type ObservationInput,
} from '../ingest/index.ts';
import { loadSurvey, today } from './service.ts';
import * as store from './store.ts';

/** The flag every survey indicator carries in its source and method note. */
export const notRepresentative = (n: number) => `Befragung, nicht repräsentativ, n = ${n}`;

function observationOf(
  cell: QuestionCell,
  areaId: number,
  refDate: string,
  indicatorId: string,
  optionId: string | null,
): ObservationInput {
  if (cell.withheld || cell.n === null || cell.n === 0)
    return {
      indicatorId,
      areaId,
      refDate,
      value: null,
      flag: 'suppressed',
      flagReason:
        cell.withheld === 'small'
          ? `Weniger als ${SURVEY_MIN_CELL} Antworten (Geheimhaltung)`
          : cell.withheld === 'secondary'
            ? 'Gesperrt, damit ein kleineres Feld nicht aus der Summe errechnet werden kann (Geheimhaltung)'
            : 'Keine Antworten',
    };
  if (optionId === null) return { indicatorId, areaId, refDate, value: cell.mean };
  const o = cell.options?.find((x) => x.optionId === optionId);
  return {
    indicatorId,
    areaId,
    refDate,
    value: (o?.share ?? 0) * 100,
    numerator: o?.count ?? 0,
    denominator: cell.n,
  };
}

/** The question, option and department the body names, checked (400/403), and the indicator id. */
async function resolveTarget(
  tx: Sql,
  principal: Principal,
  id: number,
  def: SurveyDefinition,
  body: { questionId: string; optionId?: string | null; department?: string | null },
) {
  const tenantId = principal.tenantId;
  const qi = def.questions.findIndex((q) => q.id === body.questionId);
  const q = def.questions[qi];
  if (!q) throw badRequest(`Anfrageinhalt „questionId“: Frage „${body.questionId}“ gibt es nicht.`);
  const optionId = body.optionId ?? null;
  const option = q.options?.find((o) => o.id === optionId);
  if ((q.type === 'single' || q.type === 'multiple') && !option)
    throw badRequest(`Anfrageinhalt „optionId“: Frage „${q.id}“ braucht eine ihrer Antworten.`);
  if (q.type !== 'single' && q.type !== 'multiple' && q.type !== 'scale')
    throw badRequest(`Anfrageinhalt „questionId“: aus „${q.id}“ (${q.type}) wird kein Indikator.`);
  if (q.type === 'scale' && optionId !== null)
    throw badRequest('Anfrageinhalt „optionId“: eine Skalenfrage hat keine Antwortmöglichkeiten.');
  const department = body.department ?? principal.departmentId;
  if (!department) throw badRequest('Anfrageinhalt „department“: bitte eine Abteilung angeben.');
  if (!(await store.departmentExists(tx, tenantId, department)))
    throw badRequest(`Anfrageinhalt „department“: Abteilung „${department}“ gibt es nicht.`);
  const indicatorId = `befragung_${id}_${q.id}${option ? `_${option.id}` : ''}`.replace(/-/g, '_');
  assertCanEditIndicator(principal, department, indicatorId);

  return { qi, q, option, department, indicatorId };
}

/** Creates the indicator and its observations (closed surveys only; audited). */
export async function createSurveyIndicator(
  db: AppContext['db'],
  principal: Principal,
  id: number,
  body: { questionId: string; optionId?: string | null; department?: string | null },
  actor: AuditActor,
): Promise<{
  indicatorId: string;
  name: string;
  observations: number;
  withheld: number;
  note: string;
}> {
  const tenantId = principal.tenantId;
  const result = await db.transaction(async (tx) => {
    const r = await loadSurvey(tx, tenantId, id, true);
    if (r.status !== 'closed')
      throw conflict(`Befragung ${id} läuft noch: Indikatoren erst nach ihrem Ende.`);
    const def = r.definition as SurveyDefinition;
    const { qi, q, option, department, indicatorId } = await resolveTarget(
      tx,
      principal,
      id,
      def,
      body,
    );
    const responses = await store.selectResponses(tx, tenantId, id);
    const s = summariseSurvey(
      def,
      responses.map((x) => x.answers as SurveyAnswers),
      {
        fixedArea: r.area_id === null ? null : String(r.area_id),
      },
    );
    const areas = s.areas.filter((a) => /^\d+$/.test(a.areaId ?? ''));
    if (areas.length === 0)
      throw badRequest(
        'Diese Befragung hat keine Gebiete (weder Gebietsfrage noch Gebiet): es gibt nichts, dem ein Indikatorwert gehören könnte.',
      );
    const n = s.total.questions[qi]!.n ?? responses.length;
    const note = notRepresentative(n);
    const sourceId = `befragung-${id}`;
    await upsertSources(tx, tenantId, [
      {
        id: sourceId,
        title: `Befragung „${r.title}“`,
        publisher: 'Eigene Befragung der Kommune',
        licence: 'Eigene Erhebung',
        attribution: `${note}; Befragung „${r.title}“`,
        notes: `${note}. Selbstauswahl der Teilnehmenden, keine Stichprobe.`,
      },
    ]);
    const name = option ? `${q.label}: ${option.label}` : `${q.label} (Mittelwert)`;
    const indicator: IndicatorInput = {
      id: indicatorId,
      nameDe: `${name} (Befragung)`.slice(0, 300),
      nameEn:
        `${q.labelEn ?? q.label}${option ? `: ${option.labelEn ?? option.label}` : ' (mean)'} (survey)`.slice(
          0,
          300,
        ),
      definitionDe: option
        ? `Anteil der Antwortenden, die „${option.label}“ gewählt haben, an allen, die die Frage beantwortet haben. ${note}.`
        : `Mittelwert der Skala ${q.scale?.min ?? ''}–${q.scale?.max ?? ''}. ${note}.`,
      unit: option ? 'percent' : 'index',
      kind: option ? 'share' : 'value',
      scale: option ? 100 : 1,
      dimension: 'participation',
      polarity: 'neutral',
      department,
      sourceId,
      numeratorDef: option ? `Antwort „${option.label}“` : null,
      denominatorDef: option ? 'Antwortende der Frage' : null,
      decimals: 1,
      methodNote: `${note}. Intervalle und Geheimhaltung (weniger als 5 Antworten): docs/methods/surveys.md.`,
    };
    const taken = await insertNewIndicators(
      tx,
      tenantId,
      [indicator],
      r.results_public ? 'public' : 'internal',
    );
    if (taken.length > 0) throw conflict(`Den Indikator „${indicatorId}“ gibt es schon.`);
    const refDate = r.closes_on ?? today();
    const obs = areas.map((a) =>
      observationOf(a.questions[qi]!, Number(a.areaId), refDate, indicatorId, option?.id ?? null),
    );
    await upsertObservations(tx, tenantId, obs, null);
    await store.insertSurveyIndicator(tx, tenantId, {
      surveyId: id,
      indicatorId,
      questionId: q.id,
      optionId: option?.id ?? null,
    });
    const withheld = obs.filter((o) => o.flag === 'suppressed').length;
    await writeAudit(tx, tenantId, {
      actor,
      action: 'surveys.indicator',
      entity: 'indicator',
      entityId: indicatorId,
      detail: {
        surveyId: id,
        questionId: q.id,
        optionId: option?.id ?? null,
        n,
        observations: obs.length,
        withheld,
      },
    });
    return { indicatorId, name: indicator.nameDe, observations: obs.length, withheld, note };
  });
  invalidateCatalogueCache();
  return result;
}
