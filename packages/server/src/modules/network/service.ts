// The actor network (issue 12 § 2): cooperation links and work areas (checked against the caller's
// right to every organisation and area named; audited in the same transaction), and the reads.
import {
  areaCentroid,
  bboxOf,
  distanceM,
  distanceToAreaM,
  type AreaGeometry,
  type GraphEdge,
  type GraphNode,
} from '@sozialraum/core';
import type {
  areaActorsSchema,
  graphQuerySchema,
  linkBodySchema,
  linkSchema,
} from '@sozialraum/contracts/network';
import type { z } from 'zod';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { canEditNetworkOf, seesInternal } from './policy.ts';
import * as store from './store.ts';

type Link = z.input<typeof linkSchema>;
type AreaActors = z.input<typeof areaActorsSchema>;

function toLink(r: store.LinkRow): Link {
  return {
    id: r.id,
    organisationA: { id: r.a_id, name: r.a_name },
    organisationB: { id: r.b_id, name: r.b_name },
    kind: r.kind as Link['kind'],
    dimensions: r.dimensions as Link['dimensions'],
    validFrom: r.valid_from,
    validTo: r.valid_to,
    note: r.note,
  };
}

/** All links the principal may see (both organisations visible). */
export async function listLinks(db: Db, principal: Principal): Promise<Link[]> {
  const rows = await store.selectLinks(db, principal.tenantId);
  const internal = seesInternal(principal);
  return rows.filter((r) => internal || (r.a_public && r.b_public)).map(toLink);
}

/** Loads the organisations named, refusing unknown ones (400) and ones the principal may not edit (403). */
async function editableOrganisations(
  sql: Sql,
  principal: Principal,
  ids: readonly string[],
  needAll: boolean,
): Promise<store.OrganisationRow[]> {
  const rows = await store.selectOrganisations(sql, principal.tenantId, ids);
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0)
    throw badRequest(`Diese Organisationen gibt es nicht: ${missing.join(', ')}.`);
  const editable = rows.filter((r) =>
    canEditNetworkOf(principal, { departmentId: r.department_id }),
  );
  if (needAll ? editable.length < rows.length : editable.length === 0)
    throw forbidden('Sie dürfen nur Kooperationen der eigenen Organisation eintragen.');
  return rows;
}

/** Records a cooperation of two organisations; one of them must be the principal's to edit. */
export async function createLink(
  db: Db,
  principal: Principal,
  body: z.output<typeof linkBodySchema>,
  actor: AuditActor,
): Promise<Link> {
  if (body.organisationA === body.organisationB)
    throw badRequest('Eine Kooperation verbindet zwei verschiedene Organisationen.');
  if (body.validFrom && body.validTo && body.validFrom > body.validTo)
    throw badRequest('Der Beginn liegt nach dem Ende der Kooperation.');
  const [a, b] = [body.organisationA, body.organisationB].sort();
  const t = principal.tenantId;
  const id = await db.transaction(async (tx) => {
    await editableOrganisations(tx, principal, [a!, b!], false);
    const values = {
      a: a!,
      b: b!,
      kind: body.kind,
      dimensions: body.dimensions,
      validFrom: body.validFrom,
      validTo: body.validTo,
      note: body.note,
    };
    const newId = await store.insertLink(tx, t, values);
    if (newId === null)
      throw conflict('Diese Kooperation (gleiche Organisationen, gleiche Art) gibt es schon.');
    await writeAudit(tx, t, {
      actor,
      action: 'network.link_create',
      entity: 'network_link',
      entityId: String(newId),
      detail: values,
    });
    return newId;
  });
  return toLink((await store.selectLink(db, t, id))!);
}

/** Removes a cooperation; the principal must be allowed to edit one of its organisations. */
export async function removeLink(
  db: Db,
  principal: Principal,
  id: number,
  actor: AuditActor,
): Promise<void> {
  const t = principal.tenantId;
  await db.transaction(async (tx) => {
    const link = await store.selectLink(tx, t, id);
    if (!link) throw notFound(`Die Kooperation ${id} gibt es nicht.`);
    await editableOrganisations(tx, principal, [link.a_id, link.b_id], false);
    await store.deleteLink(tx, t, id);
    await writeAudit(tx, t, {
      actor,
      action: 'network.link_delete',
      entity: 'network_link',
      entityId: String(id),
      detail: toLink(link),
    });
  });
}

/** Replaces the areas an organisation works in (areas must be the tenant's). */
export async function setWorkAreas(
  db: Db,
  principal: Principal,
  organisationId: string,
  areaIds: readonly number[],
  actor: AuditActor,
) {
  const t = principal.tenantId;
  const ids = [...new Set(areaIds)];
  return db.transaction(async (tx) => {
    const [org] = await store.selectOrganisations(tx, t, [organisationId]);
    if (!org) throw notFound(`Die Organisation ${organisationId} gibt es nicht.`);
    if (!canEditNetworkOf(principal, { departmentId: org.department_id }))
      throw forbidden('Sie dürfen nur die Arbeitsgebiete der eigenen Organisation pflegen.');
    const areas = await store.selectAreas(tx, t, ids);
    const missing = ids.filter((id) => !areas.some((a) => a.id === id));
    if (missing.length > 0) throw badRequest(`Diese Gebiete gibt es nicht: ${missing.join(', ')}.`);
    const before = await store.selectWorkAreaIds(tx, t, organisationId);
    await store.replaceWorkAreas(tx, t, organisationId, ids);
    await writeAudit(tx, t, {
      actor,
      action: 'network.work_areas',
      entity: 'network_organization_area',
      entityId: organisationId,
      detail: { before, after: ids.sort((x, y) => x - y) },
    });
    return { organisationId, areas: areas.map((a) => ({ id: a.id, code: a.code, name: a.name })) };
  });
}

/** Degrees of latitude and longitude that cover `m` metres around latitude `lat`. */
function degreesFor(m: number, lat: number): [number, number] {
  const dLat = m / 111_320;
  return [dLat / Math.max(0.1, Math.cos((lat * Math.PI) / 180)), dLat];
}

/** "Who is active here": organisations with services in (or within nearM of) the area, and why. */
export async function getAreaActors(
  db: Db,
  principal: Principal,
  areaId: number,
  query: { serviceType?: string | undefined; nearM: number },
): Promise<AreaActors> {
  const t = principal.tenantId;
  const area = await store.selectArea(db, t, areaId);
  if (!area) throw notFound(`Das Gebiet ${areaId} gibt es nicht.`);
  const geometry = area.geometry as AreaGeometry | null;
  const centroid = geometry ? areaCentroid(geometry) : null;
  let box: [number, number, number, number] | null = null;
  const bounds = geometry ? bboxOf(geometry) : null;
  if (bounds && centroid && query.nearM > 0) {
    const [dx, dy] = degreesFor(query.nearM, centroid[1]);
    box = [bounds[0] - dx, bounds[1] - dy, bounds[2] + dx, bounds[3] + dy];
  }
  const internal = seesInternal(principal);
  const rows = await store.selectActorServices(db, t, areaId, {
    internal,
    serviceType: query.serviceType ?? null,
    box,
  });
  const actors = new Map<string, AreaActors['actors'][number]>();
  for (const r of rows) {
    const point: [number, number] | null = r.lon === null || r.lat === null ? null : [r.lon, r.lat];
    if (!r.in_area) {
      if (!point || !geometry || distanceToAreaM(point, geometry) > query.nearM) continue;
    }
    const actor = actors.get(r.organisation_id) ?? {
      id: r.organisation_id,
      name: r.organisation_name,
      kind: r.organisation_kind,
      reasons: [],
      services: [],
    };
    if (r.in_area && !actor.reasons.includes('standort')) actor.reasons.push('standort');
    actor.services.push({
      id: r.service_id,
      name: r.service_name,
      serviceType: r.service_type,
      serviceTypeName: r.type_name,
      locationName: r.location_name,
      street: r.street,
      lon: r.lon,
      lat: r.lat,
      places: r.places === null ? null : Number(r.places),
      distanceM: point && centroid ? Math.round(distanceM(centroid, point)) : null,
      inArea: r.in_area,
    });
    actors.set(r.organisation_id, actor);
  }
  if (!query.serviceType) {
    for (const r of await store.selectOtherReasons(db, t, areaId, internal)) {
      const actor = actors.get(r.organisation_id) ?? {
        id: r.organisation_id,
        name: r.organisation_name,
        kind: r.organisation_kind,
        reasons: [],
        services: [],
      };
      if (!actor.reasons.includes(r.reason)) actor.reasons.push(r.reason);
      actors.set(r.organisation_id, actor);
    }
  }
  return {
    area: {
      id: area.id,
      code: area.code,
      name: area.name,
      systemId: area.system_id,
      levelId: area.level_id,
      centroid,
    },
    nearM: query.nearM,
    method:
      'Luftlinie: im Gebiet gelegen, oder höchstens nearM Meter vom Gebietsrand entfernt; Entfernung vom Gebietsschwerpunkt',
    actors: [...actors.values()].sort((x, y) => x.name.localeCompare(y.name, 'de')),
    bodies: await store.selectAreaBodies(db, t, areaId),
  };
}

/** The network graph: cooperation links and body memberships, filtered by Lebenslage and area. */
export async function getGraph(
  db: Db,
  principal: Principal,
  query: z.output<typeof graphQuerySchema>,
): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const t = principal.tenantId;
  const internal = seesInternal(principal);
  const links = (await store.selectLinks(db, t)).filter(
    (r) => internal || (r.a_public && r.b_public),
  );
  const members = (await store.selectMemberships(db, t)).filter(
    (m) => internal || m.organisation_public,
  );
  if (query.area !== undefined && (await store.selectAreas(db, t, [query.area])).length === 0)
    throw badRequest(`Das Gebiet ${query.area} gibt es nicht.`);
  const inArea =
    query.area === undefined ? null : await store.selectOrganisationsInArea(db, t, query.area);
  const orgIds = [
    ...new Set([
      ...links.flatMap((l) => [l.a_id, l.b_id]),
      ...members.map((m) => m.organisation_id),
    ]),
  ];
  const dims = query.dimension ? await store.selectOrganisationDimensions(db, t, orgIds) : null;
  const orgHas = (id: string) =>
    !dims || !query.dimension || (dims.get(id)?.has(query.dimension) ?? false);
  const touches = (...ids: string[]) => !inArea || ids.some((id) => inArea.has(id));

  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for (const l of links) {
    const dimOk =
      !query.dimension ||
      (l.dimensions.length > 0
        ? l.dimensions.includes(query.dimension)
        : orgHas(l.a_id) || orgHas(l.b_id));
    if (!dimOk || !touches(l.a_id, l.b_id)) continue;
    nodes.set(l.a_id, { id: l.a_id, kind: 'organisation', label: l.a_name });
    nodes.set(l.b_id, { id: l.b_id, kind: 'organisation', label: l.b_name });
    edges.push({
      source: l.a_id,
      target: l.b_id,
      kind: l.kind as GraphEdge['kind'],
      validFrom: l.valid_from,
      validTo: l.valid_to,
    });
  }
  for (const m of members) {
    if (!orgHas(m.organisation_id) || !touches(m.organisation_id)) continue;
    const bodyNode = `gremium-${m.body_id}`;
    nodes.set(m.organisation_id, {
      id: m.organisation_id,
      kind: 'organisation',
      label: m.organisation_name,
    });
    nodes.set(bodyNode, { id: bodyNode, kind: 'body', label: m.body_name });
    edges.push({
      source: m.organisation_id,
      target: bodyNode,
      kind: 'mitgliedschaft',
      validFrom: m.valid_from,
      validTo: m.valid_to,
    });
  }
  return { nodes: [...nodes.values()], edges };
}
