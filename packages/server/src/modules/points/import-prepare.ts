// Preparing a point upload for the import (Standorte): ids, names and capacities checked per point,
// and the join's summary per level (what the analysis, the dry run and the run report show).
import type { NumberFormat, PointJoinResult } from '@sozialraum/core';
import { HttpError } from '../../http/errors.ts';
import { capacityOf, type PointFile } from './import-read.ts';
import type { LevelAreas } from './import-store.ts';

const MAX_LISTED = 200;

export interface OutsidePoint {
  ref: string;
  line?: number;
  id: string;
  name: string;
  lon: number;
  lat: number;
}

export interface LevelSummary {
  systemId: string;
  systemName: string;
  levelId: string;
  levelName: string;
  /** Points inside some area of this level. */
  assigned: number;
  areasWithPoints: number;
  areas: number;
  /** Areas with the most points (at most 20), for the dry run's overview. */
  top: { areaId: number; code: string; name: string; count: number; capacity: number | null }[];
}

/** What the join says, for the analysis and the run. */
export interface JoinSummary {
  points: number;
  outsideCount: number;
  outside: OutsidePoint[];
  levels: LevelSummary[];
}

export interface Prepared {
  ids: string[];
  names: string[];
  capacities: (number | null)[] | null;
}

/** Ids, names and capacities of the points; refuses duplicates, empty ids and non-numeric capacities. */
export function preparePoints(
  pf: PointFile,
  opts: {
    nameColumn?: string | undefined;
    idColumn?: string | undefined;
    capacityColumn?: string | undefined;
    datasetName: string;
  },
): Prepared {
  const issues: { file: string; line?: number; column?: string; message: string }[] = [];
  const at = (p: PointFile['points'][number]) => (p.line !== undefined ? { line: p.line } : {});
  for (const c of [opts.nameColumn, opts.idColumn, opts.capacityColumn])
    if (c !== undefined && !pf.columns.includes(c))
      throw new HttpError(
        400,
        'bad_request',
        `Die Spalte „${c}“ gibt es in ${pf.file} nicht (vorhanden: ${pf.columns.join(', ')}).`,
      );
  const seen = new Map<string, string>();
  const ids: string[] = [];
  pf.points.forEach((p, i) => {
    const raw = opts.idColumn ? p.properties[opts.idColumn] : undefined;
    const id = opts.idColumn ? String(raw ?? '').trim() : String(i + 1);
    if (id === '')
      issues.push({
        file: pf.file,
        ...at(p),
        column: opts.idColumn!,
        message: `${p.ref}: die Kennung ist leer.`,
      });
    else if (seen.has(id))
      issues.push({
        file: pf.file,
        ...at(p),
        column: opts.idColumn!,
        message: `${p.ref}: die Kennung „${id}“ kommt schon in ${seen.get(id)} vor.`,
      });
    seen.set(id, p.ref);
    ids.push(id);
  });
  const names = pf.points.map((p, i) => {
    const v = opts.nameColumn ? p.properties[opts.nameColumn] : undefined;
    const s = v === undefined || v === null ? '' : String(v).trim();
    return s || `${opts.datasetName} ${ids[i]}`;
  });
  let capacities: (number | null)[] | null = null;
  if (opts.capacityColumn) {
    const format: NumberFormat = pf.dialect
      ? { decimal: pf.dialect.decimal, thousands: pf.dialect.thousands }
      : { decimal: '.', thousands: null };
    capacities = pf.points.map((p) => {
      const v = capacityOf(p.properties[opts.capacityColumn!], format);
      if (v !== null && Number.isNaN(v))
        issues.push({
          file: pf.file,
          ...at(p),
          column: opts.capacityColumn!,
          message: `${p.ref}, Spalte „${opts.capacityColumn}“: „${String(p.properties[opts.capacityColumn!])}“ ist keine Zahl.`,
        });
      return v;
    });
  }
  if (issues.length)
    throw new HttpError(
      400,
      'invalid_file',
      issues
        .slice(0, 10)
        .map((i) => i.message)
        .join(' '),
      issues.slice(0, 50),
    );
  return { ids, names, capacities };
}

export function summarize(
  pf: PointFile,
  prepared: Prepared,
  levels: LevelAreas[],
  join: PointJoinResult,
): JoinSummary {
  const outside = join.outside.map((i) => {
    const p = pf.points[i]!;
    return {
      ref: p.ref,
      ...(p.line !== undefined ? { line: p.line } : {}),
      id: prepared.ids[i]!,
      name: prepared.names[i]!,
      lon: p.lon,
      lat: p.lat,
    };
  });
  return {
    points: pf.points.length,
    outsideCount: outside.length,
    outside: outside.slice(0, MAX_LISTED),
    levels: levels.map((l, k) => {
      const byArea = join.counts[k]!.byArea;
      const top = l.areas
        .filter((a) => byArea.has(a.id))
        .map((a) => ({
          areaId: a.id,
          code: a.code,
          name: a.name,
          count: byArea.get(a.id)!.n,
          capacity: prepared.capacities ? byArea.get(a.id)!.sum : null,
        }))
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
        .slice(0, 20);
      return {
        systemId: l.systemId,
        systemName: l.systemName,
        levelId: l.levelId,
        levelName: l.levelName,
        assigned: join.levels[k]!.areaOf.filter((a) => a !== null).length,
        areasWithPoints: byArea.size,
        areas: l.areas.length,
        top,
      };
    }),
  };
}
