// The HSDS 3.0 import (issue 12 § 1 "HSDS out and in"): read the upload, check every object against
// the HSDS schemas, flatten and map in core, check every id the upload names against the caller's
// rights and the tenant's directory, then write everything in one transaction with its audit entry —
// or nothing: one problem anywhere refuses the whole upload, each problem naming file, record, id
// and JSON path (ADR 0006). A dry run does all checks and writes nothing.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  flattenHsds,
  SERVICE_TYPES,
  hsdsRowsOf,
  type FlatHsds,
  type HsdsIssue,
  type HsdsKind,
  type HsdsRows,
} from '@sozialraum/core';
import type { HsdsImportReport } from '@sozialraum/contracts/directory';
import type { Db, Sql } from '../../db/db.ts';
import { HttpError } from '../../http/errors.ts';
import { bumpDataVersion } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import { signalChange } from '../changes/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { checkHsdsSchemas } from './hsds-schema.ts';
import { importChanges, importSnapshots } from './import-changes.ts';
import { stableUuid } from './ids.ts';
import { readHsdsFiles } from './hsds-read.ts';
import {
  insertImportedTerms,
  replaceLinkSchedules,
  replaceServiceExtras,
  selectExisting,
  selectOrganisationOwners,
  upsertCapacities,
  upsertLinks,
  upsertLocations,
  upsertOrganisations,
  upsertServices,
  type ExistingRecords,
} from './import-store.ts';
import { locateLocations } from './load.ts';
import { canEditOrganisation } from './policy.ts';
import { selectTerms } from './store.ts';
import { builtinTaxonomyId, ensureBuiltinTaxonomy } from './taxonomy.ts';

const MAX_ISSUES = 200;

/** A refused upload: 400 (or 403 when a right is missing) with every problem in the details. */
function refusal(issues: HsdsIssue[], forbidden: boolean): HttpError {
  const shown = issues.slice(0, MAX_ISSUES);
  const first = shown[0]!;
  const more = issues.length > 1 ? ` (und ${issues.length - 1} weitere)` : '';
  return new HttpError(
    forbidden ? 403 : 400,
    forbidden ? 'forbidden' : 'invalid_hsds',
    `Nichts importiert: ${first.file}, Eintrag ${first.index + 1}${first.id ? ` (${first.id})` : ''}, ${first.path}: ${first.message}${more}`,
    { issues: shown, total: issues.length },
  );
}

/** Checks of the rows against the tenant: references, duplicates, and the caller's rights. */
class TenantCheck {
  readonly issues: HsdsIssue[] = [];
  readonly denied: HsdsIssue[] = [];
  private readonly owners = new Map<string, { name: string; department_id: string | null }>();

  constructor(
    private readonly principal: Principal,
    private readonly flat: FlatHsds,
    readonly existing: ExistingRecords,
    owners: { id: string; name: string; department_id: string | null }[],
  ) {
    for (const o of owners) this.owners.set(o.id, o);
  }

  at(kind: HsdsKind, id: string, message: string, field: string, denied = false): void {
    const f = this.flat[kind].get(id);
    const issue: HsdsIssue = {
      file: f?.at.file ?? '',
      index: f?.at.index ?? 0,
      id,
      path: (f?.at.path ?? '$') + (field ? `.${field}` : ''),
      message,
    };
    (denied ? this.denied : this.issues).push(issue);
  }

  /** Whether the caller may write entries of this organisation (new ones: only directory.edit_all). */
  mayWrite(kind: HsdsKind, id: string, orgId: string, field: string, newOrgs: Set<string>): void {
    if (newOrgs.has(orgId)) {
      if (!this.principal.permissions.has('directory.edit_all'))
        this.at(
          kind,
          id,
          'Neue Organisationen legt nur die Datenverantwortung an (Recht „directory.edit_all“).',
          field,
          true,
        );
      return;
    }
    const owner = this.owners.get(orgId);
    if (!owner)
      this.at(
        kind,
        id,
        `Die Organisation ${orgId} gibt es weder in der Datei noch im Verzeichnis.`,
        field,
      );
    else if (!canEditOrganisation(this.principal, { departmentId: owner.department_id }))
      this.at(
        kind,
        id,
        `Einträge der Organisation „${owner.name}“ pflegt nur diese Organisation (oder die Datenverantwortung).`,
        field,
        true,
      );
  }
}

/** Every id the rows name, for one look-up of what the tenant already has. */
function namedIds(rows: HsdsRows) {
  const uniq = (a: string[]) => [...new Set(a)];
  return {
    organisations: uniq([
      ...rows.organisations.map((o) => o.id),
      ...rows.services.map((s) => s.organization_id),
      ...rows.locations.map((l) => l.organization_id),
    ]),
    dedupKeys: rows.organisations.map((o) => o.dedup_key),
    services: uniq([...rows.services.map((s) => s.id), ...rows.links.map((l) => l.service_id)]),
    locations: uniq([...rows.locations.map((l) => l.id), ...rows.links.map((l) => l.location_id)]),
    links: rows.links.map((l) => l.id),
    schedules: rows.schedules.map((s) => s.id),
  };
}

function checkOrganisations(c: TenantCheck, rows: HsdsRows, newOrgs: Set<string>): void {
  const byKey = new Map(c.existing.organisations.map((o) => [o.dedup_key, o]));
  for (const o of rows.organisations) {
    const other = byKey.get(o.dedup_key);
    if (other && other.id !== o.id)
      c.at(
        'organization',
        o.id,
        `Gleicher Name und gleiche Art wie die vorhandene Organisation ${other.id} „${other.name}“.`,
        'name',
      );
    c.mayWrite('organization', o.id, o.id, 'id', newOrgs);
  }
}

function checkServicesAndLocations(
  c: TenantCheck,
  rows: HsdsRows,
  newOrgs: Set<string>,
  codes: Set<string>,
): void {
  const services = new Map(c.existing.services.map((s) => [s.id, s]));
  const locations = new Map(c.existing.locations.map((l) => [l.id, l]));
  for (const s of rows.services) {
    const before = services.get(s.id);
    if (before) c.mayWrite('service', s.id, before.organization_id, 'id', newOrgs);
    if (s.organization_id)
      c.mayWrite('service', s.id, s.organization_id, 'organization_id', newOrgs);
    if (s.service_type && !codes.has(s.service_type))
      c.at(
        'service',
        s.id,
        `Die Angebotsart „${s.service_type}“ gibt es in der Taxonomie der Kommune nicht.`,
        'attributes',
      );
  }
  for (const l of rows.locations) {
    const before = locations.get(l.id);
    if (before) c.mayWrite('location', l.id, before.organization_id, 'id', newOrgs);
    if (l.organization_id)
      c.mayWrite('location', l.id, l.organization_id, 'organization_id', newOrgs);
  }
  const inUpload = (m: Map<string, unknown>, id: string) => m.has(id);
  const uploadServices = new Map(rows.services.map((s) => [s.id, s]));
  const uploadLocations = new Map(rows.locations.map((l) => [l.id, l]));
  const links = new Map(c.existing.links.map((l) => [l.id, l]));
  for (const l of rows.links) {
    const service = uploadServices.get(l.service_id) ?? services.get(l.service_id);
    if (!service)
      c.at(
        'service_at_location',
        l.id,
        `Das Angebot ${l.service_id} gibt es weder in der Datei noch im Verzeichnis.`,
        'service_id',
      );
    else if (!inUpload(uploadServices, l.service_id))
      c.mayWrite('service_at_location', l.id, service.organization_id, 'service_id', newOrgs);
    if (!inUpload(uploadLocations, l.location_id) && !locations.has(l.location_id))
      c.at(
        'service_at_location',
        l.id,
        `Den Ort ${l.location_id} gibt es weder in der Datei noch im Verzeichnis.`,
        'location_id',
      );
    const before = links.get(l.id);
    if (before && before.service_id !== l.service_id)
      c.at(
        'service_at_location',
        l.id,
        `Dieser Angebotsort gehört im Verzeichnis zum Angebot ${before.service_id}.`,
        'service_id',
      );
    const pair = c.existing.links.find(
      (x) => x.service_id === l.service_id && x.location_id === l.location_id && x.id !== l.id,
    );
    if (pair)
      c.at(
        'service_at_location',
        l.id,
        `Angebot und Ort sind im Verzeichnis schon als ${pair.id} verbunden.`,
        'id',
      );
  }
}

function checkSchedules(c: TenantCheck, rows: HsdsRows): void {
  const linkIds = new Set(rows.links.map((l) => l.id));
  const serviceIds = new Set(rows.services.map((x) => x.id));
  const existing = new Map(c.existing.schedules.map((s) => [s.id, s]));
  // a service's own hours, contacts and costs come with the service they belong to
  const ofService = [
    ...rows.schedules.flatMap((s) =>
      s.service_id ? [['schedule', s.id, s.service_id] as const] : [],
    ),
    ...rows.contacts.map((x) => ['contact', x.id, x.service_id] as const),
    ...rows.cost_options.map((x) => ['cost_option', x.id, x.service_id] as const),
  ];
  for (const [kind, id, service] of ofService)
    if (!serviceIds.has(service))
      c.at(kind, id, 'Bitte zusammen mit ihrem Angebot (service) hochladen.', 'service_id');
  for (const s of rows.schedules) {
    const before = existing.get(s.id);
    if (s.service_at_location_id === null) {
      if (before?.service_at_location_id)
        c.at(
          'schedule',
          s.id,
          `Diese Kennung hat im Verzeichnis eine Öffnungszeit des Angebotsorts ${before.service_at_location_id}.`,
          'id',
        );
      continue;
    }
    if (!linkIds.has(s.service_at_location_id))
      c.at(
        'schedule',
        s.id,
        'Öffnungszeiten bitte zusammen mit ihrem Angebotsort (service_at_location) hochladen.',
        'service_at_location_id',
      );
    if (before && !linkIds.has(before.service_at_location_id))
      c.at(
        'schedule',
        s.id,
        `Diese Kennung hat im Verzeichnis eine Öffnungszeit des Angebotsorts ${before.service_at_location_id}.`,
        'id',
      );
  }
}

const count = (ids: string[], existing: { id: string }[]) => {
  const known = new Set(existing.map((e) => e.id));
  const updated = ids.filter((id) => known.has(id)).length;
  return { created: ids.length - updated, updated };
};

async function writeRows(tx: Sql, tenantId: string, rows: HsdsRows): Promise<void> {
  await ensureBuiltinTaxonomy(tx, tenantId);
  await insertImportedTerms(tx, tenantId, builtinTaxonomyId(tenantId), rows.terms);
  await upsertOrganisations(tx, tenantId, rows.organisations);
  await upsertServices(tx, tenantId, rows.services);
  await upsertLocations(tx, tenantId, rows.locations);
  await upsertLinks(tx, tenantId, rows.links);
  await replaceLinkSchedules(
    tx,
    tenantId,
    rows.links.map((l) => l.id),
    rows.schedules.filter((x) => x.service_at_location_id !== null),
  );
  // a service's own hours, contacts and costs: the upload's replace what the service had
  await replaceServiceExtras(
    tx,
    tenantId,
    rows.services.map((x) => x.id),
    rows,
  );
  await upsertCapacities(tx, tenantId, rows.capacities);
  await locateLocations(tx, tenantId);
}

/** SHA-256 over the files' names and bytes (what the audit entry names). */
async function digestOf(files: readonly { name: string; path: string }[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of files) h.update(f.name).update(await readFile(f.path));
  return h.digest('hex');
}

/**
 * Imports the HSDS files of an upload into the caller's tenant, or with `dryRun` only checks them.
 * Throws 400 (file unreadable, schema or reference problems) or 403 (an organisation the caller
 * does not maintain) naming every problem; writes nothing then.
 */
export async function importHsds(
  db: Db,
  principal: Principal,
  files: readonly { name: string; path: string }[],
  options: { dryRun: boolean; actor: AuditActor },
): Promise<HsdsImportReport> {
  const read = await readHsdsFiles(files);
  const schemaIssues = checkHsdsSchemas(read.records, MAX_ISSUES);
  if (read.issues.length + schemaIssues.length > 0)
    throw refusal([...read.issues, ...schemaIssues], false);
  if (read.records.length === 0)
    throw new HttpError(400, 'invalid_hsds', 'Die Dateien enthalten keine HSDS-Einträge.');
  const flat = flattenHsds(read.records);
  const t = principal.tenantId;
  const report = await db.transaction(async (tx) => {
    // the built-in terms count as present: the write ensures them before anything else
    const terms = [
      ...(await selectTerms(tx, t)),
      ...SERVICE_TYPES.map((x) => ({ code: x.code, id: stableUuid(t, 'taxonomy_term', x.code) })),
    ];
    const { rows, issues } = hsdsRowsOf(flat, {
      codes: new Set(terms.map((x) => x.code)),
      codeOfId: new Map(terms.map((x) => [x.id, x.code])),
    });
    if (issues.length > 0) throw refusal(issues, false);
    const ids = namedIds(rows);
    const existing = await selectExisting(tx, t, ids);
    const owners = await selectOrganisationOwners(tx, t, ids.organisations);
    const c = new TenantCheck(principal, flat, existing, owners);
    const newOrgs = new Set(ids.organisations.filter((id) => !owners.some((o) => o.id === id)));
    for (const id of [...newOrgs])
      if (!rows.organisations.some((o) => o.id === id)) newOrgs.delete(id);
    if (rows.terms.length > 0 && !principal.permissions.has('directory.edit_all'))
      c.at(
        'taxonomy_term',
        rows.terms[0]!.id,
        'Neue Angebotsarten legt nur die Datenverantwortung an.',
        'code',
        true,
      );
    const codes = new Set([...terms.map((x) => x.code), ...rows.terms.map((x) => x.code)]);
    checkOrganisations(c, rows, newOrgs);
    checkServicesAndLocations(c, rows, newOrgs, codes);
    checkSchedules(c, rows);
    if (c.denied.length > 0) throw refusal(c.denied, true);
    if (c.issues.length > 0) throw refusal(c.issues, false);
    const result: HsdsImportReport = {
      dryRun: options.dryRun,
      files: files.map((f) => f.name),
      records: read.records.length,
      organisations: count(
        rows.organisations.map((o) => o.id),
        existing.organisations,
      ),
      services: count(
        rows.services.map((s) => s.id),
        existing.services,
      ),
      locations: count(
        rows.locations.map((l) => l.id),
        existing.locations,
      ),
      serviceAtLocations: count(
        rows.links.map((l) => l.id),
        existing.links,
      ),
      schedules: rows.schedules.length,
      capacities: rows.capacities.length,
      terms: rows.terms.length,
    };
    if (options.dryRun) return result;
    // the services there before, read before and after the writes: what the import changed of each
    const kept = existing.services.map((s) => s.id);
    const before = await importSnapshots(tx, t, kept);
    await writeRows(tx, t, rows);
    const changed = importChanges(kept, before, await importSnapshots(tx, t, kept));
    await writeAudit(tx, t, {
      actor: options.actor,
      action: 'directory.import',
      entity: 'directory',
      entityId: 'hsds',
      // the services written or linked, so that each one's Verlauf shows the import (service-history.ts),
      // and of those there before the fields that changed, old → new (bounded, import-changes.ts)
      detail: {
        ...result,
        sha256: await digestOf(files),
        serviceIds: ids.services,
        ...changed,
      },
    });
    return result;
  });
  if (!options.dryRun) {
    bumpDataVersion();
    signalChange(db, t, 'directory');
  }
  return report;
}
