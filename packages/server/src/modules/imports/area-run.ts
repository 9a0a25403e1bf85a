// Running an areas (geometry) import: one transaction, all or nothing.
import {
  selectAreaSystemBasics,
  selectAreaSystemId,
  selectLevelAreaCodes,
  selectSystemLevels,
} from '../areas/index.ts';
import { bboxOf, geodesicArea, validatePolygons, type AreaGeometry } from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import {
  createImportRun,
  finishImportRun,
  upsertAreaSystem,
  upsertAreas,
  type AreaInput,
} from '../ingest/index.ts';
import { actorName, type AuditActor, writeAudit } from '../audit/index.ts';
import { resolveImportSource, type SourceReference } from '../sources/index.ts';
import { coveringNotes, issuesOf, loadGeometry } from './analyze.ts';
import {
  ImportRejected,
  MAX_REPORTED_ERRORS,
  type FileIssue,
  type ImportReport,
} from './report.ts';
import { decideCovering, handleMissingAreas } from './area-lifecycle.ts';
import { execute, recordFailure } from './run-record.ts';
import { sha256Of, type Upload } from './uploads.ts';
import { rejoinMessage, rejoinPointDatasets } from '../points/index.ts';

export interface AreaRunOptions {
  dryRun: boolean;
  systemId: string;
  systemName?: string;
  validFrom?: string | null;
  levelId: string;
  levelNameDe?: string;
  levelNameEn?: string;
  codeProperty: string;
  nameProperty: string;
  parentLevelId?: string | null;
  parentCodeProperty?: string | null;
  crs?: string;
  source?: SourceReference;
  /**
   * What to do with features that cover nearly all others (the whole city): leave them out, or keep
   * them as areas on purpose. Unset while there are such features: the run refuses and says so.
   */
  coveringFeatures?: 'exclude' | 'keep' | undefined;
  /**
   * Areas of the level that the file no longer has: keep them (default), or remove them with their
   * values, alerts and subscriptions — the dry run names what would go (issue 9 § 3).
   */
  missingAreas?: 'keep' | 'remove' | 'retire' | undefined;
  /** Read with x and y swapped (after the person confirmed swapped axes). */
  swapAxes?: boolean | undefined;
  actor?: string | AuditActor;
}

/** Runs an areas (geometry) import in one transaction. */
export async function runAreaImport(
  db: Db,
  tenantId: string,
  upload: Upload,
  opts: AreaRunOptions,
): Promise<ImportReport> {
  const names = upload.files.map((f) => f.name).join(', ');
  const sha = await sha256Of(upload.files);
  const base: Omit<ImportReport, 'status'> = {
    kind: 'areas',
    rowsRead: 0,
    rowsWritten: 0,
    errors: [],
    errorCount: 0,
    warnings: [],
  };
  let read: Awaited<ReturnType<typeof loadGeometry>>;
  try {
    read = await loadGeometry(upload.files, opts.crs, opts.swapAxes);
  } catch (err) {
    const errors = issuesOf(err, names);
    if (opts.dryRun) return { ...base, status: 'failed', errors, errorCount: errors.length };
    return recordFailure(
      db,
      tenantId,
      { ...base, status: 'failed', errors, errorCount: errors.length },
      { kind: 'areas', fileName: names, sha, format: 'geometry', actor: opts.actor },
    );
  }
  const format = `${read.format ?? 'geometry'};${read.sourceCrs}`;
  const run = async (tx: Sql): Promise<ImportReport> => {
    const errors: FileIssue[] = [];
    const file = names;
    const inputs: AreaInput[] = [];
    const seen = new Map<string, number>();
    const covering = decideCovering(coveringNotes(read.features), opts.coveringFeatures, file);
    errors.push(...covering.errors);
    read.features.forEach((f, i) => {
      if (covering.skip.has(i)) return;
      const p = f.properties ?? {};
      const where = `Objekt ${i + 1}`;
      const code = p[opts.codeProperty];
      const name = p[opts.nameProperty];
      if (code === undefined || code === null || String(code).trim() === '') {
        errors.push({
          file,
          line: i + 1,
          column: opts.codeProperty,
          message: `${where}: Attribut '${opts.codeProperty}' (Gebietsschlüssel) ist leer oder fehlt.`,
        });
        return;
      }
      const c = String(code).trim();
      const prev = seen.get(c);
      if (prev !== undefined)
        errors.push({
          file,
          line: i + 1,
          column: opts.codeProperty,
          message: `${where}: Gebietsschlüssel '${c}' kommt doppelt vor (auch Objekt ${prev}).`,
        });
      seen.set(c, i + 1);
      const g = f.geometry;
      if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
        errors.push({
          file,
          line: i + 1,
          message: `${where} ('${c}'): keine Flächengeometrie (${g?.type ?? 'leer'}).`,
        });
        return;
      }
      const geom = g as AreaGeometry;
      const parent = opts.parentCodeProperty ? p[opts.parentCodeProperty] : undefined;
      inputs.push({
        levelId: opts.levelId,
        code: c,
        name:
          name === undefined || name === null || String(name).trim() === ''
            ? c
            : String(name).trim(),
        parentLevelId: opts.parentLevelId ?? null,
        parentCode: parent === undefined || parent === null ? null : String(parent).trim(),
        geometry: geom,
        bbox: bboxOf(geom) as [number, number, number, number],
        areaM2: geodesicArea(geom),
        validFrom: opts.validFrom ?? null,
      });
    });
    const geomIssues = validatePolygons(
      read.features.map((f, i) => ({
        id: String((f.properties ?? {})[opts.codeProperty] ?? i + 1),
        geometry: f.geometry as AreaGeometry,
      })),
    );
    for (const g of geomIssues)
      if (!covering.skip.has(g.featureIndex))
        errors.push({ file, line: g.featureIndex + 1, message: g.message });
    // parents must exist on the parent level
    if (opts.parentLevelId && opts.parentCodeProperty) {
      const parents = new Set(
        (await selectLevelAreaCodes(tx, tenantId, opts.systemId, opts.parentLevelId)).map(
          (r) => r.code,
        ),
      );
      inputs.forEach((a, i) => {
        if (a.parentCode && !parents.has(a.parentCode))
          errors.push({
            file,
            line: i + 1,
            column: opts.parentCodeProperty!,
            message: `Objekt '${a.code}': übergeordnetes Gebiet '${a.parentCode}' gibt es auf der Ebene ${opts.parentLevelId} nicht.`,
          });
      });
    }
    const report: Omit<ImportReport, 'status'> = {
      ...base,
      rowsRead: read.features.length,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount: errors.length,
      warnings: read.warnings,
    };
    if (errors.length) throw new ImportRejected({ ...report, status: 'failed' });
    if (inputs.length === 0)
      throw new ImportRejected({
        ...report,
        status: 'failed',
        errorCount: 1,
        errors: [{ file, message: 'Die Datei enthält keine Gebiete.' }],
      });

    const sys = await selectAreaSystemId(tx, tenantId, opts.systemId);
    const levels = await selectSystemLevels(tx, tenantId, opts.systemId);
    // every map names its source: a new area system needs one (issue 9 § 3)
    if (sys.length === 0 && !opts.source)
      throw new ImportRejected({
        ...report,
        status: 'failed',
        errorCount: 1,
        errors: [
          {
            file,
            message: `Für das neue Gebietssystem „${opts.systemId}“ bitte die Quelle angeben (Titel, Herausgeber, Lizenz, Namensnennung) – sie steht unter jeder Karte.`,
          },
        ],
      });
    // an import references or adds a source, never changes one (issue 8 § 2)
    const source = opts.source ? await resolveImportSource(tx, tenantId, opts.source) : null;
    const sourceId = source?.id ?? null;
    if (source) report.warnings.push(...source.warnings);
    if (sys.length === 0 || !levels.some((l) => l.id === opts.levelId)) {
      const parentDepth = levels.find((l) => l.id === opts.parentLevelId)?.depth;
      const depth =
        parentDepth !== undefined
          ? parentDepth + 1
          : levels.length
            ? Math.max(...levels.map((l) => l.depth)) + 1
            : 0;
      const existing = await selectAreaSystemBasics(tx, tenantId, opts.systemId);
      await upsertAreaSystem(tx, tenantId, {
        id: opts.systemId,
        name: existing[0]?.name ?? opts.systemName ?? opts.systemId,
        validFrom: existing[0]?.valid_from ?? opts.validFrom ?? null,
        sourceId: existing[0]?.source_id ?? sourceId,
        levels: [
          {
            id: opts.levelId,
            nameDe: opts.levelNameDe ?? opts.levelId,
            nameEn: opts.levelNameEn ?? opts.levelNameDe ?? opts.levelId,
            depth,
          },
        ],
      });
    }
    const importId = await createImportRun(tx, tenantId, {
      kind: 'areas',
      fileName: names,
      fileSha256: sha,
      format,
      options: { ...opts, dryRun: undefined, actor: undefined, mayWrite: undefined },
      actor: actorName(opts.actor),
    });
    report.warnings.push(...covering.warnings);
    const lifecycle = await handleMissingAreas(
      tx,
      tenantId,
      { systemId: opts.systemId, levelId: opts.levelId },
      new Set(inputs.map((a) => a.code)),
      opts.missingAreas,
      file,
      opts.validFrom,
    );
    report.warnings.push(...lifecycle.warnings);
    if (lifecycle.missing) report.missingAreas = lifecycle.missing;
    if (lifecycle.errors.length)
      throw new ImportRejected({
        ...report,
        status: 'failed',
        errors: lifecycle.errors,
        errorCount: lifecycle.errors.length,
      });
    const written = await upsertAreas(tx, tenantId, opts.systemId, inputs);
    // point datasets follow the new areas: assignments and counts joined again (ADR 0017)
    const rejoined =
      written > 0 ||
      (opts.missingAreas !== undefined && opts.missingAreas !== 'keep' && lifecycle.missing)
        ? await rejoinPointDatasets(tx, tenantId, { importId })
        : [];
    const rejoinNote = rejoinMessage(rejoined);
    if (rejoinNote) report.warnings.push(rejoinNote);
    const status = written === 0 ? 'unchanged' : 'succeeded';
    await finishImportRun(tx, tenantId, importId, {
      status,
      rowsRead: read.features.length,
      rowsWritten: written,
    });
    await writeAudit(tx, tenantId, {
      actor: opts.actor ?? 'system',
      action: 'import.areas',
      entity: 'import_run',
      entityId: String(importId),
      detail: {
        files: names,
        sha256: sha,
        systemId: opts.systemId,
        levelId: opts.levelId,
        features: read.features.length,
        written,
        source: source ? { id: source.id, created: source.created } : null,
        excluded: [...covering.skip].map((i) => i + 1),
        removedAreas:
          opts.missingAreas === 'remove' && lifecycle.missing ? lifecycle.missing : null,
        retiredAreas:
          opts.missingAreas === 'retire' && lifecycle.missing ? lifecycle.missing : null,
        rejoinedPoints: rejoined.filter((r) => r.changed > 0 || r.observationsWritten > 0),
      },
    });
    return { ...report, status, rowsWritten: written, importId };
  };
  return execute(db, tenantId, opts.dryRun, run, {
    kind: 'areas',
    fileName: names,
    sha,
    format,
    actor: opts.actor,
  });
}
