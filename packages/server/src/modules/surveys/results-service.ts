// Survey results (issue 13 § 3): per-area figures with n and 95 % intervals from core
// (summariseSurvey; small cells withheld), the export of anonymised answers (CSV, XLSX) and
// results turned into indicators flagged "Befragung, nicht repräsentativ, n = …" (ADR 0038).
import {
  summariseSurvey,
  SURVEY_MIN_CELL,
  toCsv,
  type SurveyAnswers,
  type SurveyDefinition,
  type SurveyQuestion,
} from '@sozialraum/core';
import type { SurveyResults } from '@sozialraum/contracts/surveys';
import type { AppContext } from '../../app-context.ts';
import type { Sql } from '../../db/db.ts';
import { forbidden } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { selectAreasByIds } from '../areas/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { mayReadResults } from './policy.ts';
import { hiddenAnswers } from './moderation.ts';
import { loadSurvey } from './service.ts';
import * as store from './store.ts';
import { writeXlsx } from '../../http/xlsx-writer.ts';

async function areaNames(sql: Sql, tenantId: string, ids: readonly string[]) {
  const numeric = ids.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const rows = numeric.length > 0 ? await selectAreasByIds(sql, tenantId, numeric) : [];
  return new Map(rows.map((a) => [String(a.id), a.name]));
}

/** Results per area with n and intervals; withheld cells carry n = null and a reason. */
export async function getResults(
  sql: Sql,
  principal: Principal,
  id: number,
): Promise<SurveyResults> {
  const r = await loadSurvey(sql, principal.tenantId, id);
  if (!mayReadResults(principal, r))
    throw forbidden(
      r.status === 'closed'
        ? `Die Ergebnisse der Befragung „${r.title}“ sind nicht freigegeben.`
        : `Die Ergebnisse der Befragung „${r.title}“ erscheinen nach ihrem Ende.`,
    );
  const def = r.definition as SurveyDefinition;
  const responses = await store.selectResponses(sql, principal.tenantId, id);
  const s = summariseSurvey(
    def,
    responses.map((x) => x.answers as SurveyAnswers),
    { fixedArea: r.area_id === null ? null : String(r.area_id) },
  );
  const names = await areaNames(
    sql,
    principal.tenantId,
    s.areas.map((a) => a.areaId ?? ''),
  );
  return {
    surveyId: id,
    title: r.title,
    status: r.status,
    minCell: SURVEY_MIN_CELL,
    definition: def as SurveyResults['definition'],
    total: { ...s.total, areaName: null },
    areas: s.areas.map((a) => ({ ...a, areaName: names.get(a.areaId ?? '') ?? null })),
  };
}

function columns(def: SurveyDefinition, freeText: boolean) {
  const cols: { head: string; value: (a: SurveyAnswers) => string | number | null }[] = [];
  for (const q of def.questions) {
    if (q.type === 'text' && !freeText) continue;
    if (q.type === 'multiple') {
      for (const o of q.options ?? [])
        cols.push({
          head: `${q.id}: ${o.label}`,
          value: (a) =>
            a[q.id] === undefined ? null : (a[q.id] as string[]).includes(o.id) ? 1 : 0,
        });
      continue;
    }
    cols.push({ head: q.id, value: (a) => valueOf(q, a[q.id]) });
  }
  return cols;
}

function valueOf(q: SurveyQuestion, v: SurveyAnswers[string] | undefined): string | number | null {
  if (v === undefined) return null;
  if (q.type === 'single') return q.options?.find((o) => o.id === v)?.label ?? String(v);
  return typeof v === 'number' ? v : String(v);
}

/**
 * The anonymised answers as rows (header first): a running number instead of the stored id, the
 * month of arrival instead of the day, area names for the area question; free text only on request.
 */
export async function exportRows(
  db: AppContext['db'],
  principal: Principal,
  id: number,
  freeText: boolean,
  format: 'csv' | 'xlsx',
  actor: AuditActor,
): Promise<{ title: string; rows: (string | number | null)[][] }> {
  return db.transaction(async (tx) => {
    const r = await loadSurvey(tx, principal.tenantId, id);
    const def = r.definition as SurveyDefinition;
    const responses = await store.selectResponses(tx, principal.tenantId, id);
    const hidden = freeText ? await hiddenAnswers(tx, principal.tenantId, id) : new Map();
    const areaQ = def.questions.find((q) => q.type === 'area');
    const names = areaQ
      ? await areaNames(
          tx,
          principal.tenantId,
          responses.map((x) => String(x.answers[areaQ.id] ?? '')),
        )
      : new Map<string, string>();
    const cols = columns(def, freeText);
    const rows = responses.map((x, i) => {
      // a moderated free-text answer leaves the export (ADR 0041); the response still counts
      const a = { ...(x.answers as SurveyAnswers) };
      for (const key of Object.keys(a)) if (hidden.has(`${x.id}|${key}`)) delete a[key];
      return [
        i + 1,
        x.submitted_on.slice(0, 7),
        ...cols.map((c) =>
          areaQ && c.head === areaQ.id ? (names.get(String(a[areaQ.id])) ?? null) : c.value(a),
        ),
      ];
    });
    await writeAudit(tx, principal.tenantId, {
      actor,
      action: 'surveys.export',
      entity: 'survey',
      entityId: String(id),
      detail: { format, freeText, rows: rows.length },
    });
    return { title: r.title, rows: [['Nr', 'Monat', ...cols.map((c) => c.head)], ...rows] };
  });
}

/** The rows as German CSV (semicolon, UTF-8 with BOM, CRLF) for Excel. */
export const answersCsv = (rows: (string | number | null)[][]): string => toCsv(rows);

/** The rows as an .xlsx workbook. */
export const answersXlsx = (rows: (string | number | null)[][]) => writeXlsx('Antworten', rows);
