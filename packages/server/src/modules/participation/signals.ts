// Residents' reports and supports as participation signals (issue 13 § 5): per report its area, the
// Lebenslage of its topic (core REPORT_TOPICS), the day it came in and its supports; per support the
// day it was given — counted by the alert rule
// participation_signal and shown in the area profile (docs/methods/participation-signals.md).
import { REPORT_TOPICS } from '@sozialraum/core';
import type { Sql } from '../../db/db.ts';
import { selectReportSignalRows, selectSupportSignalRows } from './store.ts';

/** One report as a signal. */
export interface ReportSignal {
  areaId: number;
  dimension: string | null;
  date: string;
  supports: number;
}

/** Reports not hidden received in [from, to), optionally of one area. */
export async function listReportSignals(
  sql: Sql,
  tenantId: string,
  from: string,
  to: string,
  areaId: number | null = null,
): Promise<ReportSignal[]> {
  const rows = await selectReportSignalRows(sql, tenantId, from, to, areaId);
  return rows.map((r) => ({
    areaId: Number(r.area_id),
    dimension: REPORT_TOPICS.find((t) => t.id === r.topic)?.dimension ?? null,
    date: r.created_on,
    supports: Number(r.support_count),
  }));
}

/** One support as a signal: the report's area and Lebenslage, the day it was given. */
export interface SupportSignal {
  areaId: number;
  dimension: string | null;
  date: string;
}

/** Supports given in [from, to) to visible reports, optionally of one area. */
export async function listSupportSignals(
  sql: Sql,
  tenantId: string,
  from: string,
  to: string,
  areaId: number | null = null,
): Promise<SupportSignal[]> {
  const rows = await selectSupportSignalRows(sql, tenantId, from, to, areaId);
  return rows.map((r) => ({
    areaId: Number(r.area_id),
    dimension: REPORT_TOPICS.find((t) => t.id === r.topic)?.dimension ?? null,
    date: r.supported_on,
  }));
}
