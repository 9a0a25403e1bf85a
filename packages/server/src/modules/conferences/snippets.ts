// Agenda evidence as a small static map (issue 14 § 1, ADR 0040): the areas a proposal is about and
// their neighbours on the same level, drawn by core's areaSnippetSvg (core's areaView, the web's mini-map drawing too) from the map's simplified,
// cached geometry (areas door) — an SVG in the answer, no tiles, no network.
import { areaSnippetSvg, type AreaGeometry, type AreaViewShape } from '@sozialraum/core';
import type { ConferenceAgendaItem } from '@sozialraum/contracts/conferences';
import type { Sql } from '../../db/db.ts';
import { getAreaDetail, getMapGeometry } from '../areas/index.ts';

interface LevelShapes {
  byId: Map<number, AreaGeometry>;
  all: AreaViewShape<number>[];
}

const isArea = (g: unknown): g is AreaGeometry =>
  typeof g === 'object' &&
  g !== null &&
  ['Polygon', 'MultiPolygon'].includes((g as { type?: unknown }).type as string);

/** Adds `snippet` (SVG markup) to every item's evidence that names areas; skips what fails. */
export async function attachSnippets(
  sql: Sql,
  tenantId: string,
  agenda: ConferenceAgendaItem[],
): Promise<void> {
  const levels = new Map<string, Promise<LevelShapes>>();
  const shapesOf = (systemId: string, levelId: string) => {
    const key = `${systemId}\u0000${levelId}`;
    let hit = levels.get(key);
    if (!hit) {
      hit = getMapGeometry(sql, tenantId, systemId, levelId).then(({ body }) => {
        const fc = JSON.parse(body) as { features: { id: number; geometry: unknown }[] };
        const byId = new Map<number, AreaGeometry>();
        for (const f of fc.features) if (isArea(f.geometry)) byId.set(Number(f.id), f.geometry);
        return { byId, all: [...byId].map(([id, geometry]) => ({ id, geometry })) };
      });
      levels.set(key, hit);
    }
    return hit;
  };
  for (const item of agenda) {
    const e = item.evidence;
    if (!e || e.areaIds.length === 0) continue;
    try {
      const details = await Promise.all(e.areaIds.map((id) => getAreaDetail(sql, tenantId, id)));
      const first = details[0]!;
      const shapes = await shapesOf(first.systemId, first.levelId);
      const focus = e.areaIds.flatMap((id) => {
        const geometry = shapes.byId.get(id);
        return geometry ? [{ id, geometry }] : [];
      });
      const svg = areaSnippetSvg({
        focus,
        others: shapes.all,
        title: `Lage: ${details.map((d) => d.name).join(', ')} und Nachbargebiete`,
      });
      if (svg) e.snippet = svg;
    } catch {
      // an area removed since the proposal: the evidence keeps its link, without a picture
    }
  }
}
