// What an areas import decides beyond the features themselves (issue 9 § 3): a feature that covers
// all others never becomes an area silently, and areas that a re-import no longer has are named
// (with what hangs on them) and removed only when the person asks for it.
import type { Sql } from '../../db/db.ts';
import { deleteAreaAlerts } from '../alerts/index.ts';
import {
  countAfterRetirement,
  countAreaDependants,
  deleteAreas,
  retireAreas,
  selectCurrentLevelAreas,
} from '../areas/index.ts';
import {
  deleteAreaObservations,
  recomputeAggregates,
  recomputeDerived,
  selectIndicatorsOfAreas,
  selectIndicatorsOfSiblingsAfter,
} from '../ingest/index.ts';
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

/** The last valid day of areas a re-import retires: the day before the new areas' start, or today. */
export function retireDate(validFrom: string | null | undefined, today = new Date()): string {
  if (!validFrom) return today.toISOString().slice(0, 10);
  const d = new Date(`${validFrom}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Finds the level's areas missing from the file. With 'remove' they go with their values, alerts
 * and subscriptions, and the aggregates of upper levels are computed again; refused while lower
 * levels still hang on them. With 'retire' they stay with their values and end the day before the
 * new areas begin (ADR 0017). Otherwise they stay, with a warning that names them. Areas already
 * retired are not missing.
 */
export async function handleMissingAreas(
  tx: Sql,
  tenantId: string,
  target: { systemId: string; levelId: string },
  fileCodes: ReadonlySet<string>,
  choice: 'keep' | 'remove' | 'retire' | undefined,
  file: string,
  validFrom?: string | null,
): Promise<{ missing: MissingAreas | null; errors: FileIssue[]; warnings: string[] }> {
  const rows = await selectCurrentLevelAreas(tx, tenantId, target.systemId, target.levelId);
  const gone = rows.filter((r) => !fileCodes.has(r.code));
  if (gone.length === 0) return { missing: null, errors: [], warnings: [] };
  const ids = gone.map((r) => r.id);
  const [counts] = await countAreaDependants(tx, tenantId, ids);
  const missing: MissingAreas = {
    count: gone.length,
    values: counts!.values,
    alerts: counts!.alerts,
    examples: gone.slice(0, EXAMPLES).map((r) => `${r.code} ${r.name}`),
  };
  const one = missing.count === 1;
  const what = `${counted(missing.count, 'Gebiet', 'Gebiete')} der Ebene „${target.levelId}“ ${one ? 'fehlt' : 'fehlen'} in der Datei (${missing.examples.join(', ')}${gone.length > EXAMPLES ? ', …' : ''}), mit ${counted(missing.values, 'Wert', 'Werten')} und ${counted(missing.alerts, 'Frühwarnung', 'Frühwarnungen')}`;
  if (choice === 'retire') return retireMissing(tx, tenantId, ids, missing, what, file, validFrom);
  if (choice !== 'remove')
    return {
      missing,
      errors: [],
      warnings: [
        // the choices named as the import page labels them (area-decisions.tsx)
        `${what}. ${one ? 'Das Gebiet bleibt' : 'Die Gebiete bleiben'} erhalten, solange Sie nicht „Auflösen“ oder „Entfernen“ wählen.`,
      ],
    };
  if (counts!.children > 0)
    return {
      missing,
      errors: [
        {
          file,
          message: `${what}. ${one ? 'Es kann' : 'Sie können'} nicht entfernt werden: ${counted(counts!.children, 'Gebiet einer unteren Ebene gehört', 'Gebiete einer unteren Ebene gehören')} zu ${one ? 'ihm' : 'ihnen'} – bitte zuerst die untere Ebene neu einlesen.`,
        },
      ],
      warnings: [],
    };
  await removeAreas(tx, tenantId, ids);
  return { missing, errors: [], warnings: [`Entfernt: ${what}.`] };
}

async function removeAreas(tx: Sql, tenantId: string, ids: number[]): Promise<void> {
  const touched = await selectIndicatorsOfAreas(tx, tenantId, ids);
  await deleteAreaAlerts(tx, tenantId, ids);
  await deleteAreaObservations(tx, tenantId, ids);
  await deleteAreas(tx, tenantId, ids);
  // the upper levels' sums included these areas
  const indicators = touched.map((r) => r.indicator_id);
  if (indicators.length) {
    await recomputeAggregates(tx, tenantId, indicators);
    await recomputeDerived(tx, tenantId);
  }
}

/** „1 Wert“, „2 Werte“ – a German count with its noun (numbers as in de-DE). */
function counted(x: number, one: string, many: string): string {
  return x === 1 ? `1 ${one}` : `${x.toLocaleString('de-DE')} ${many}`;
}

/** Retires the missing areas (end date, values stay); refused while they have later values or children. */
async function retireMissing(
  tx: Sql,
  tenantId: string,
  ids: number[],
  missing: MissingAreas,
  what: string,
  file: string,
  validFrom: string | null | undefined,
): Promise<{ missing: MissingAreas; errors: FileIssue[]; warnings: string[] }> {
  const validTo = retireDate(validFrom);
  const day = validTo.split('-').reverse().join('.');
  const [c] = await countAfterRetirement(tx, tenantId, ids, validTo);
  const one = missing.count === 1;
  if (c!.later > 0 || c!.children > 0)
    return {
      missing,
      errors: [
        {
          file,
          message: `${what}. ${one ? 'Es kann' : 'Sie können'} nicht zum ${day} aufgelöst werden: ${
            c!.later > 0
              ? `${counted(c!.later, 'Wert liegt', 'Werte liegen')} nach diesem Tag`
              : `${counted(c!.children, 'Gebiet einer unteren Ebene gilt', 'Gebiete einer unteren Ebene gelten')} danach noch`
          } – bitte ein späteres Gültig-ab-Datum angeben oder ${one ? 'das Gebiet' : 'die Gebiete'} entfernen.`,
        },
      ],
      warnings: [],
    };
  await retireAreas(tx, tenantId, ids, validTo);
  // the parents' sums after that day no longer wait for these areas
  const touched = await selectIndicatorsOfSiblingsAfter(tx, tenantId, ids, validTo);
  if (touched.length)
    await recomputeAggregates(
      tx,
      tenantId,
      touched.map((r) => r.indicator_id),
    );
  return {
    missing,
    errors: [],
    warnings: [`Aufgelöst zum ${day}: ${what}; ${one ? 'seine' : 'ihre'} Werte bleiben.`],
  };
}
