import type { Db, Sql } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import { diffRecords, writeAudit, type AuditActor } from '../audit/index.ts';
import type { Source, SourcePatch } from '@sozialraum/contracts/sources';
import {
  insertSource,
  selectSource,
  selectSources,
  updateSource,
  type SourceRow,
} from './store.ts';

/** Shapes a source row as the API's Source. */
export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    title: row.title,
    publisher: row.publisher,
    licence: row.licence,
    licenceUrl: row.licence_url,
    attribution: row.attribution,
    url: row.url,
    notes: row.notes,
  };
}

function toRow(s: Source): SourceRow {
  return {
    id: s.id,
    title: s.title,
    publisher: s.publisher,
    licence: s.licence,
    licence_url: s.licenceUrl,
    attribution: s.attribution,
    url: s.url,
    notes: s.notes,
  };
}

/** All sources of the tenant. */
export async function listSources(sql: Sql, tenantId: string): Promise<Source[]> {
  return (await selectSources(sql, tenantId)).map(toSource);
}

/** All sources of the tenant by id (the table is small: one row per publisher dataset). */
export async function loadSourceMap(sql: Sql, tenantId: string): Promise<Map<string, Source>> {
  return new Map((await listSources(sql, tenantId)).map((s) => [s.id, s]));
}

/** A source as an import names it: an id of an existing source, or the fields of a new one. */
export interface SourceReference {
  id?: string | undefined;
  title: string;
  publisher: string;
  licence: string;
  licenceUrl?: string | null | undefined;
  attribution: string;
  url?: string | null | undefined;
  notes?: string | null | undefined;
}

/** What an import did with its source: which id its records cite, and whether it was added. */
export interface ResolvedSource {
  id: string;
  created: boolean;
  warnings: string[];
}

const SAME_FIELDS = ['title', 'publisher', 'licence', 'licenceUrl', 'attribution', 'url'] as const;

function sameSource(a: Source, b: Source): boolean {
  return SAME_FIELDS.every((k) => (a[k] ?? null) === (b[k] ?? null));
}

/** A readable id from a title: lower case ASCII, digits and _ (at most 60 characters). */
export function sourceSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 60) || 'quelle'
  );
}

/**
 * The source an import cites. An import never changes an existing source (issue 8 § 2): a named id
 * that exists is referenced as it is (differing fields are ignored, with a warning); a new id is
 * added; without an id the title's slug is used — reused when that source has the same fields,
 * else a free variant (`_2`, `_3`, …) is added. Changing a source is PATCH /api/sources/:id.
 */
export async function resolveImportSource(
  tx: Sql,
  tenantId: string,
  ref: SourceReference,
): Promise<ResolvedSource> {
  const wanted: Source = {
    id: ref.id || sourceSlug(ref.title),
    title: ref.title,
    publisher: ref.publisher,
    licence: ref.licence,
    licenceUrl: ref.licenceUrl ?? null,
    attribution: ref.attribution,
    url: ref.url ?? null,
    notes: ref.notes ?? null,
  };
  if (ref.id) {
    const existing = await selectSource(tx, tenantId, ref.id);
    if (!existing) {
      await insertSource(tx, tenantId, toRow(wanted));
      return { id: ref.id, created: true, warnings: [] };
    }
    const warnings = sameSource(toSource(existing), wanted)
      ? []
      : [
          `Die Quelle „${ref.id}“ gibt es schon; sie wird unverändert verwendet (Titel „${existing.title}“, Lizenz ${existing.licence}). Quellen ändern: Verwaltung der Quellen.`,
        ];
    return { id: ref.id, created: false, warnings };
  }
  const base = wanted.id;
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base.slice(0, 56)}_${n}`;
    const existing = await selectSource(tx, tenantId, id);
    if (!existing) {
      await insertSource(tx, tenantId, toRow({ ...wanted, id }));
      return { id, created: true, warnings: [] };
    }
    if (sameSource(toSource(existing), wanted)) return { id, created: false, warnings: [] };
  }
  throw new Error(`no free source id for ${base}`);
}

/** Changes fields of a source (404 if unknown); audited with before and after of what changed. */
export async function editSource(
  db: Db,
  tenantId: string,
  id: string,
  patch: SourcePatch,
  actor: AuditActor,
): Promise<Source> {
  return db.transaction(async (tx) => {
    const row = await selectSource(tx, tenantId, id);
    if (!row) throw notFound(`Die Quelle „${id}“ gibt es nicht.`);
    const before = toSource(row);
    const after: Source = { ...before };
    for (const [k, v] of Object.entries(patch) as [keyof SourcePatch, unknown][])
      if (v !== undefined) (after as Record<string, unknown>)[k] = v;
    const changes = diffRecords(before, after);
    if (Object.keys(changes).length === 0) return before;
    await updateSource(tx, tenantId, toRow(after));
    await writeAudit(tx, tenantId, {
      actor,
      action: 'sources.update',
      entity: 'source',
      entityId: id,
      detail: changes,
    });
    return after;
  });
}
