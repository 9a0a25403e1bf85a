// The actor network (issue 12 § 2): cooperation links between organisations, the areas an
// organisation works in, "who is active here" per area, and the network graph with its exports.
import { LINK_KINDS } from '@sozialraum/core';
import { z } from 'zod';
import { SERVICE_TYPE_CODE, SERVICE_TYPE_CODE_RULE } from './supply.ts';
import { dimensionSchema } from './enums.ts';

const uuidLike = z.string().min(1).max(80);
const dateText = z.iso.date();

export const linkKindSchema = z.enum(LINK_KINDS);

export const linkBodySchema = z
  .object({
    organisationA: uuidLike,
    organisationB: uuidLike,
    kind: linkKindSchema,
    dimensions: z.array(dimensionSchema).max(8).default([]),
    validFrom: dateText.nullable().default(null),
    validTo: dateText.nullable().default(null),
    note: z.string().max(2000).default(''),
  })
  .meta({ id: 'NetworkLinkBody', description: 'Kooperation zweier Organisationen anlegen' });

export const linkSchema = z
  .object({
    id: z.number().int(),
    organisationA: z.object({ id: z.string(), name: z.string() }),
    organisationB: z.object({ id: z.string(), name: z.string() }),
    kind: linkKindSchema,
    dimensions: z.array(dimensionSchema),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    note: z.string(),
  })
  .meta({ id: 'NetworkLink', description: 'Kooperation zweier Organisationen (ungerichtet)' });
export const linkListSchema = z.array(linkSchema);

export const linkIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });
export const organisationIdParamsSchema = z.object({ id: uuidLike });
export const areaIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const organisationAreasBodySchema = z
  .object({ areaIds: z.array(z.number().int().positive()).max(2000) })
  .meta({
    id: 'NetworkOrganisationAreas',
    description: 'Gebiete, in denen eine Organisation arbeitet',
  });
export const organisationAreasSchema = z.object({
  organisationId: z.string(),
  areas: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })),
});

/** Why an organisation counts as active in an area. */
export const activeReasonSchema = z.enum(['standort', 'einzugsgebiet', 'arbeitsgebiet', 'gremium']);

export const actorServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  serviceType: z.string(),
  serviceTypeName: z.string(),
  locationName: z.string().nullable(),
  street: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  places: z.number().nullable(),
  /** straight-line distance from the area's centroid in metres; null without a located place */
  distanceM: z.number().nullable(),
  inArea: z.boolean(),
});

export const actorSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  reasons: z.array(activeReasonSchema),
  services: z.array(actorServiceSchema),
});

export const actorsQuerySchema = z.object({
  serviceType: z.string().regex(SERVICE_TYPE_CODE, SERVICE_TYPE_CODE_RULE).optional(),
  nearM: z.coerce.number().int().min(0).max(5000).default(0),
});

export const areaActorsSchema = z
  .object({
    area: z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      systemId: z.string(),
      levelId: z.string(),
      centroid: z.tuple([z.number(), z.number()]).nullable(),
    }),
    nearM: z.number(),
    method: z.string().meta({ description: 'Wie „in der Nähe“ gemessen wurde (Luftlinie)' }),
    actors: z.array(actorSchema),
    bodies: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string() })),
  })
  .meta({
    id: 'AreaActors',
    description: 'Wer ist hier aktiv? Organisationen und Angebote im Gebiet',
  });

export const graphQuerySchema = z.object({
  dimension: dimensionSchema.optional(),
  area: z.coerce.number().int().positive().optional(),
});

export const graphNodeSchema = z.object({
  id: z.string(),
  kind: z.enum(['organisation', 'body']),
  label: z.string(),
});
export const graphEdgeSchema = z.object({
  source: z.string(),
  target: z.string(),
  kind: z.union([linkKindSchema, z.literal('mitgliedschaft')]),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
export const graphSchema = z
  .object({ nodes: z.array(graphNodeSchema), edges: z.array(graphEdgeSchema) })
  .meta({ id: 'NetworkGraph', description: 'Akteursnetz: Organisationen, Gremien, Kooperationen' });

export const graphmlSchema = z
  .string()
  .meta({ id: 'GraphML', description: 'GraphML (http://graphml.graphdrawing.org/xmlns)' });
export const edgeCsvSchema = z
  .string()
  .meta({ id: 'NetworkEdgeCsv', description: 'Kantenliste als CSV (RFC 4180)' });

export const linkDeletedSchema = z.object({ deleted: z.boolean() });
