// The HSDS 3.0 API's answers: pages in the envelope of the HSDS API reference (total_items,
// total_pages, page_number, size, first_page, last_page, empty, contents), single objects, and the
// full export. Visitors see public entries only; an entry they may not see answers 404 like an unknown one.
import type { Sql } from '../../db/db.ts';
import { notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import {
  hsdsLocation,
  hsdsOrganisation,
  hsdsServiceAtLocation,
  hsdsServiceFlat,
  hsdsServiceFull,
  hsdsTerm,
  loadBundle,
} from './hsds.ts';
import { seesInternalEntries } from './policy.ts';
import {
  pageIds,
  selectLocationsByIds,
  selectOrganisationsByIds,
  selectSals,
  selectServiceIdsOfOrganisations,
} from './read-store.ts';
import { selectTaxonomies, selectTerms, type TermRow } from './store.ts';

type Obj = Record<string, unknown>;

export interface HsdsPageQuery {
  page: number;
  per_page: number;
  search?: string | undefined;
  taxonomy_term_id?: string | undefined;
  taxonomy_id?: string | undefined;
  organization_id?: string | undefined;
  full?: 'true' | 'false' | undefined;
}

/** The HSDS paged envelope around one page of contents. */
export function envelope(total: number, page: number, size: number, contents: Obj[]) {
  const totalPages = Math.max(1, Math.ceil(total / size));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Pages a plain list (taxonomies and terms are few). */
function pageOf(all: Obj[], q: HsdsPageQuery) {
  const from = (q.page - 1) * q.per_page;
  return envelope(all.length, q.page, q.per_page, all.slice(from, from + q.per_page));
}

async function termsOf(sql: Sql, tenantId: string): Promise<TermRow[]> {
  return selectTerms(sql, tenantId);
}

/** The term code a query names by term id (unknown id → a code nothing has). */
async function termCodeOf(
  sql: Sql,
  tenantId: string,
  q: HsdsPageQuery,
): Promise<string | undefined> {
  if (!q.taxonomy_term_id) return undefined;
  const t = (await termsOf(sql, tenantId)).find((x) => x.id === q.taxonomy_term_id);
  return t?.code ?? '#unbekannt'; // no term code has a '#': matches nothing
}

/** GET /hsds/organizations. */
export async function hsdsOrganisationsPage(sql: Sql, p: Principal, q: HsdsPageQuery) {
  const { total, ids } = await pageIds(
    sql,
    p.tenantId,
    'organization',
    { search: q.search, organizationId: q.organization_id, internal: seesInternalEntries(p) },
    { limit: q.per_page, offset: (q.page - 1) * q.per_page },
  );
  const rows = await selectOrganisationsByIds(sql, p.tenantId, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return envelope(
    total,
    q.page,
    q.per_page,
    ids.map((id) => hsdsOrganisation(byId.get(id)!)),
  );
}

/** GET /hsds/organizations/{id}: with its services and locations. */
export async function hsdsOrganisationById(sql: Sql, p: Principal, id: string): Promise<Obj> {
  const [org] = await selectOrganisationsByIds(sql, p.tenantId, [id]);
  if (!org || (!seesInternalEntries(p) && !org.public)) {
    throw notFound(`Die Organisation „${id}“ gibt es nicht.`);
  }
  const serviceIds = await selectServiceIdsOfOrganisations(
    sql,
    p.tenantId,
    [id],
    seesInternalEntries(p),
  );
  const bundle = await loadBundle(sql, p.tenantId, serviceIds, await termsOf(sql, p.tenantId));
  const locationIds = [...new Set(bundle.links.map((l) => l.location_id))];
  const locations = await selectLocationsByIds(sql, p.tenantId, locationIds);
  return {
    ...hsdsOrganisation(org),
    services: serviceIds.map((s) => hsdsServiceFlat(bundle.services.get(s)!)),
    locations: locations.map((l) => hsdsLocation(p.tenantId, l)),
  };
}

/** GET /hsds/services (one-to-one fields; full=true nests everything). */
export async function hsdsServicesPage(sql: Sql, p: Principal, q: HsdsPageQuery) {
  const terms = await termsOf(sql, p.tenantId);
  const { total, ids } = await pageIds(
    sql,
    p.tenantId,
    'service',
    {
      search: q.search,
      organizationId: q.organization_id,
      termCode: await termCodeOf(sql, p.tenantId, q),
      internal: seesInternalEntries(p),
    },
    { limit: q.per_page, offset: (q.page - 1) * q.per_page },
  );
  const bundle = await loadBundle(sql, p.tenantId, ids, terms);
  const contents = ids.map((id) =>
    q.full === 'true'
      ? hsdsServiceFull(p.tenantId, bundle, id)
      : hsdsServiceFlat(bundle.services.get(id)!),
  );
  return envelope(total, q.page, q.per_page, contents);
}

/** GET /hsds/services/{id}. */
export async function hsdsServiceById(sql: Sql, p: Principal, id: string): Promise<Obj> {
  const ids = await visibleServiceIds(sql, p, [id]);
  if (ids.length === 0) throw notFound(`Das Angebot „${id}“ gibt es nicht.`);
  const bundle = await loadBundle(sql, p.tenantId, ids, await termsOf(sql, p.tenantId));
  return hsdsServiceFull(p.tenantId, bundle, id);
}

/** Of some service ids, those the principal may see. */
async function visibleServiceIds(sql: Sql, p: Principal, ids: string[]): Promise<string[]> {
  const bundle = await loadBundle(sql, p.tenantId, ids, []);
  return ids.filter((id) => {
    const s = bundle.services.get(id);
    const o = s && bundle.organisations.get(s.organization_id);
    return s && o && (seesInternalEntries(p) || (s.public && o.public));
  });
}

/** GET /hsds/service_at_locations. */
export async function hsdsSalPage(sql: Sql, p: Principal, q: HsdsPageQuery) {
  const { total, ids } = await pageIds(
    sql,
    p.tenantId,
    'service_at_location',
    {
      search: q.search,
      organizationId: q.organization_id,
      termCode: await termCodeOf(sql, p.tenantId, q),
      internal: seesInternalEntries(p),
    },
    { limit: q.per_page, offset: (q.page - 1) * q.per_page },
  );
  const links = await selectSals(sql, p.tenantId, { ids });
  const bundle = await loadBundle(
    sql,
    p.tenantId,
    [...new Set(links.map((l) => l.service_id))],
    [],
  );
  const byId = new Map(bundle.links.map((l) => [l.id, l]));
  return envelope(
    total,
    q.page,
    q.per_page,
    ids.map((id) => hsdsServiceAtLocation(p.tenantId, bundle, byId.get(id)!, true)),
  );
}

/** GET /hsds/service_at_locations/{id}. */
export async function hsdsSalById(sql: Sql, p: Principal, id: string): Promise<Obj> {
  const [link] = await selectSals(sql, p.tenantId, { ids: [id] });
  const visible = link ? await visibleServiceIds(sql, p, [link.service_id]) : [];
  if (!link || visible.length === 0) throw notFound(`Den Angebotsort „${id}“ gibt es nicht.`);
  const bundle = await loadBundle(sql, p.tenantId, visible, []);
  return hsdsServiceAtLocation(p.tenantId, bundle, link, true);
}

/** GET /hsds/taxonomies and /hsds/taxonomy_terms (pages) and by id. */
export async function hsdsTaxonomies(sql: Sql, tenantId: string) {
  return (await selectTaxonomies(sql, tenantId)).map((t) =>
    Object.fromEntries(Object.entries(t).filter(([, v]) => v !== null)),
  );
}
export async function hsdsTaxonomiesPage(sql: Sql, tenantId: string, q: HsdsPageQuery) {
  return pageOf(await hsdsTaxonomies(sql, tenantId), q);
}
export async function hsdsTermsPage(sql: Sql, tenantId: string, q: HsdsPageQuery) {
  const terms = (await termsOf(sql, tenantId)).filter(
    (t) => !q.taxonomy_id || t.taxonomy_id === q.taxonomy_id,
  );
  return pageOf(terms.map(hsdsTerm), q);
}
export async function hsdsTaxonomyById(sql: Sql, tenantId: string, id: string) {
  const t = (await hsdsTaxonomies(sql, tenantId)).find((x) => x.id === id);
  if (!t) throw notFound(`Die Taxonomie „${id}“ gibt es nicht.`);
  return t;
}
export async function hsdsTermById(sql: Sql, tenantId: string, id: string) {
  const t = (await termsOf(sql, tenantId)).find((x) => x.id === id);
  if (!t) throw notFound(`Den Taxonomie-Begriff „${id}“ gibt es nicht.`);
  return hsdsTerm(t);
}

/** The full export: every visible organisation, service (nested) and service-at-location. */
export async function hsdsExport(sql: Sql, p: Principal, now: Date) {
  const internal = seesInternalEntries(p);
  const all = { limit: 1_000_000, offset: 0 };
  const orgIds = (await pageIds(sql, p.tenantId, 'organization', { internal }, all)).ids;
  const serviceIds = (await pageIds(sql, p.tenantId, 'service', { internal }, all)).ids;
  const terms = await termsOf(sql, p.tenantId);
  const bundle = await loadBundle(sql, p.tenantId, serviceIds, terms);
  const orgs = await selectOrganisationsByIds(sql, p.tenantId, orgIds);
  return {
    hsds_version: '3.0' as const,
    generated_at: now.toISOString(),
    organizations: orgs.map(hsdsOrganisation),
    services: serviceIds.map((id) => hsdsServiceFull(p.tenantId, bundle, id)),
    service_at_locations: bundle.links.map((l) =>
      hsdsServiceAtLocation(p.tenantId, bundle, l, true),
    ),
    taxonomies: await hsdsTaxonomies(sql, p.tenantId),
    taxonomy_terms: terms.map(hsdsTerm),
  };
}
