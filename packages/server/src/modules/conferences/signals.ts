// The agenda builder's inputs (issue 14 § 1): what happened in a body's areas since its last
// meeting, gathered through the other modules' doors and turned into core's AgendaSignal. Early
// warnings come from the alerts module (class changes of an index are alerts of kind class_change),
// residents' reports with most support from participation, overdue or off-target measures through
// measure-link, local assessments that disagree with the numbers of their Lebenslage from the
// assessments module (issue 13 § 4, ADR 0036).
import type { AgendaSignal } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import type { Principal } from '../access/index.ts';
import { listAlertsInAreas, type AlertItem } from '../alerts/index.ts';
import { listDisagreeingAssessments, type DisagreeingAssessment } from '../assessments/index.ts';
import { listTopReportsInAreas } from '../participation/index.ts';
import { listMeasureSignals } from './measure-link.ts';

function alertSignal(a: AlertItem): AgendaSignal {
  const classChange = a.kind === 'class_change';
  const numbers = [{ label: classChange ? 'Klassenschritte' : 'Stärke (|z|)', value: a.severity }];
  return {
    kind: classChange ? 'class_change' : 'alert',
    sourceId: String(a.id),
    title: `${a.area.name}: ${a.ruleName}`,
    detail: a.explanation,
    areaIds: [a.area.id],
    occurredAt: a.createdAt,
    href: a.links.map,
    numbers,
    weight: a.severity,
  };
}

const TREND_DE = { better: 'besser', same: 'gleich', worse: 'schlechter' } as const;

function assessmentSignal(d: DisagreeingAssessment): AgendaSignal {
  return {
    kind: 'assessment_disagrees',
    sourceId: String(d.id),
    title: `${d.areaName}: ${d.sentence}`,
    detail: `${d.organisation} (${TREND_DE[d.trend]}, Dringlichkeit ${d.urgency} von 3): ${d.text}`,
    areaIds: [d.areaId],
    occurredAt: d.createdAt,
    href: `/gebiete/${d.areaId}#einschaetzungen`,
    numbers: [
      { label: 'Dringlichkeit (1–3)', value: d.urgency },
      { label: 'verglichene Kennzahlen', value: d.indicators },
    ],
    weight: d.urgency,
  };
}

/** Every signal for a body's areas (and the areas below them) since the date. */
export async function gatherSignals(
  sql: Sql,
  auth: Principal,
  areaIds: readonly number[],
  since: string | null,
): Promise<AgendaSignal[]> {
  if (areaIds.length === 0) return [];
  const alerts = await listAlertsInAreas(sql, auth, areaIds, since);
  const reports = await listTopReportsInAreas(sql, auth.tenantId, areaIds, since);
  const measures = await listMeasureSignals(sql, auth.tenantId, areaIds.map(String), since);
  const assessments = await listDisagreeingAssessments(sql, auth, areaIds, since);
  return [
    ...assessments.map(assessmentSignal),
    ...alerts.map(alertSignal),
    ...reports.map((r): AgendaSignal => ({
      kind: 'report',
      sourceId: String(r.id),
      title: `${r.kind === 'idea' ? 'Idee' : 'Hinweis'}${r.areaName ? ` in ${r.areaName}` : ''}: ${(r.text ?? '').slice(0, 80)}`,
      detail: r.text ?? '',
      areaIds: [r.areaId],
      occurredAt: r.createdAt,
      href: `/mitmachen/hinweis/${r.id}`,
      numbers: [{ label: 'Unterstützungen', value: r.supportCount }],
      weight: r.supportCount,
    })),
    ...measures.map((m): AgendaSignal => ({
      kind: m.kind === 'overdue' ? 'measure_overdue' : 'measure_off_target',
      sourceId: m.measureId,
      title: m.title,
      detail: m.detail,
      areaIds: m.areaIds.map(Number).filter(Number.isInteger),
      occurredAt: m.since,
      href: m.href,
    })),
  ];
}
