// A tenant extends the taxonomy (issue 12 § 1 "a tenant can extend it"): its own service types with
// Lebenslagen and legal basis, beside the built-in ones of core, which stay as they are. Adding and
// changing need directory.edit_all; audited in the same transaction.
import type { DirectoryTaxonomyTerm } from '@sozialraum/contracts/directory';
import type { Db } from '../../db/db.ts';
import { conflict, HttpError, notFound } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { newUuid } from './ids.ts';
import { listTerms } from './service.ts';
import { insertOwnTerm, selectTerms, updateOwnTerm } from './store.ts';
import { builtinTaxonomyId, ensureBuiltinTaxonomy } from './taxonomy.ts';

export interface TermBody {
  code: string;
  name: string;
  description: string;
  dimensions: string[];
  legalBasis: string[];
}

const termOf = async (db: Db, tenantId: string, code: string) =>
  (await listTerms(db, tenantId)).find((t) => t.code === code)!;

/** Adds a tenant's own service type; 409 when the code is taken. */
export async function addTerm(
  db: Db,
  principal: Principal,
  body: TermBody,
  actor: AuditActor,
): Promise<DirectoryTaxonomyTerm> {
  const t = principal.tenantId;
  await db.transaction(async (tx) => {
    await ensureBuiltinTaxonomy(tx, t);
    if ((await selectTerms(tx, t)).some((x) => x.code === body.code))
      throw conflict(`Die Angebotsart „${body.code}“ gibt es schon.`);
    const id = newUuid();
    await insertOwnTerm(tx, t, {
      id,
      taxonomy_id: builtinTaxonomyId(t),
      code: body.code,
      name: body.name,
      description: body.description,
      dimensions: body.dimensions,
      legal_basis: body.legalBasis,
    });
    await writeAudit(tx, t, {
      actor,
      action: 'directory.term',
      entity: 'directory_taxonomy_term',
      entityId: body.code,
      detail: { before: null, after: body },
    });
  });
  bumpDataVersion();
  return termOf(db, t, body.code);
}

/** Changes a tenant's own service type; built-in ones answer 400, unknown ones 404. */
export async function changeTerm(
  db: Db,
  principal: Principal,
  code: string,
  body: TermBody,
  actor: AuditActor,
): Promise<DirectoryTaxonomyTerm> {
  const t = principal.tenantId;
  await db.transaction(async (tx) => {
    const before = (await selectTerms(tx, t)).find((x) => x.code === code);
    if (!before) throw notFound(`Die Angebotsart „${code}“ gibt es nicht.`);
    if (before.builtin)
      throw new HttpError(
        400,
        'bad_request',
        `„${before.name}“ ist eine eingebaute Angebotsart und kann nicht geändert werden; eine eigene Art anlegen.`,
      );
    await updateOwnTerm(tx, t, code, {
      name: body.name,
      description: body.description,
      dimensions: body.dimensions,
      legal_basis: body.legalBasis,
    });
    await writeAudit(tx, t, {
      actor,
      action: 'directory.term',
      entity: 'directory_taxonomy_term',
      entityId: code,
      detail: {
        before: {
          name: before.name,
          description: before.description,
          dimensions: before.dimensions,
          legalBasis: before.legal_basis,
        },
        after: { ...body, code },
      },
    });
  });
  bumpDataVersion();
  return termOf(db, t, code);
}
