// What an areas import decides beyond the features themselves (issue 9 § 3): a feature that covers
// all others never becomes an area silently, and areas that a re-import no longer has are named
// (with what hangs on them) and removed only when the person asks for it.
import type { Sql } from '../../db/db.ts';
import { recomputeAggregates, recomputeDerived } from '../ingest/store.ts';
import type { CoveringNote } from './analyze.ts';
import type { FileIssue } from './report.ts';

/** Which features to leave out, and what to tell the person about covering features. */
export function decideCovering(
  notes: readonly CoveringNote[],
  choice: 'exclude' | 'keep' | undefined,
  file: string,
): { skip: Set<number>; errors: FileIssue[]; warnings: string[] } {
  const skip = new Set<number>();
  const errors: FileIssue[] = [];
  const warnings: string[] = [];
  for (const n of notes) {
    if (choice === 'exclude') {
      skip.add(n.feature - 1);
      warnings.push(`Ausgelassen: ${n.message}`);
    } else if (choice === 'keep') warnings.push(`Als Gebiet behalten: ${n.message}`);
    else
      errors.push({
        file,
        line: n.feature,
        message: `${n.message} Bitte entscheiden: auslassen (coveringFeatures: "exclude") oder als Gebiet behalten ("keep").`,
      });
  }
  return { skip, errors, warnings };
}

/** The areas of a level that a re-import no longer has, with what hangs on them. */
export interface MissingAreas {
  count: number;
  /** Values (observations) of these areas, aggregates included. */
  values: number;
  alerts: number;
  examples: string[];
}

const EXAMPLES = 10;

/**
 * Finds the level's areas missing from the file. With 'remove' they go with their values, alerts
 * and subscriptions, and the aggregates of upper levels are computed again; refused while lower
 * levels still hang on them. Otherwise they stay, with a warning that names them.
 */
export async function handleMissingAreas(
  tx: Sql,
  tenantId: string,
  target: { systemId: string; levelId: string },
  fileCodes: ReadonlySet<string>,
  choice: 'keep' | 'remove' | undefined,
  file: string,
): Promise<{ missing: MissingAreas | null; errors: FileIssue[]; warnings: string[] }> {
  const rows = await tx.query<{ id: number; code: string; name: string }>(
    'SELECT id, code, name FROM area WHERE tenant_id = $1 AND system_id = $2 AND level_id = $3 ORDER BY code',
    [tenantId, target.systemId, target.levelId],
  );
  const gone = rows.filter((r) => !fileCodes.has(r.code));
  if (gone.length === 0) return { missing: null, errors: [], warnings: [] };
  const ids = gone.map((r) => r.id);
  const [counts] = await tx.query<{ values: number; alerts: number; children: number }>(
    `SELECT (SELECT count(*)::int FROM observation WHERE tenant_id = $1 AND area_id = ANY($2::int[])) AS values,
            (SELECT count(*)::int FROM alert WHERE tenant_id = $1 AND area_id = ANY($2::int[])) AS alerts,
            (SELECT count(*)::int FROM area WHERE tenant_id = $1 AND parent_id = ANY($2::int[])) AS children`,
    [tenantId, ids],
  );
  const missing: MissingAreas = {
    count: gone.length,
    values: counts!.values,
    alerts: counts!.alerts,
    examples: gone.slice(0, EXAMPLES).map((r) => `${r.code} ${r.name}`),
  };
  const n = (x: number) => x.toLocaleString('de-DE');
  const what = `${n(missing.count)} Gebiete der Ebene „${target.levelId}“ fehlen in der Datei (${missing.examples.join(', ')}${gone.length > EXAMPLES ? ', …' : ''}), mit ${n(missing.values)} Werten und ${n(missing.alerts)} Hinweisen`;
  if (choice !== 'remove')
    return {
      missing,
      errors: [],
      warnings: [
        `${what}. Sie bleiben erhalten; zum Entfernen „fehlende Gebiete entfernen“ wählen.`,
      ],
    };
  if (counts!.children > 0)
    return {
      missing,
      errors: [
        {
          file,
          message: `${what}. Sie können nicht entfernt werden: ${n(counts!.children)} Gebiete einer unteren Ebene gehören zu ihnen – bitte zuerst die untere Ebene neu einlesen.`,
        },
      ],
      warnings: [],
    };
  await removeAreas(tx, tenantId, ids);
  return { missing, errors: [], warnings: [`Entfernt: ${what}.`] };
}

async function removeAreas(tx: Sql, tenantId: string, ids: number[]): Promise<void> {
  const touched = await tx.query<{ indicator_id: string }>(
    'SELECT DISTINCT indicator_id FROM observation WHERE tenant_id = $1 AND area_id = ANY($2::int[])',
    [tenantId, ids],
  );
  await tx.query('DELETE FROM alert WHERE tenant_id = $1 AND area_id = ANY($2::int[])', [
    tenantId,
    ids,
  ]);
  await tx.query('DELETE FROM observation WHERE tenant_id = $1 AND area_id = ANY($2::int[])', [
    tenantId,
    ids,
  ]);
  await tx.query('DELETE FROM area WHERE tenant_id = $1 AND id = ANY($2::int[])', [tenantId, ids]);
  // the upper levels' sums included these areas
  const indicators = touched.map((r) => r.indicator_id);
  if (indicators.length) {
    await recomputeAggregates(tx, tenantId, indicators);
    await recomputeDerived(tx, tenantId);
  }
}
