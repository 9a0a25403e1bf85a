// Contract of OGC API – Features (Part 1 Core + GeoJSON) at /ogc: the answers' shapes.
import { z } from 'zod';

export const ogcLinkSchema = z
  .object({
    href: z.string(),
    rel: z.string(),
    type: z.string().optional(),
    title: z.string().optional(),
  })
  .meta({ id: 'OgcLink' });

export const ogcCollectionSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    itemType: z.literal('feature'),
    crs: z.array(z.string()),
    extent: z.object({
      spatial: z.object({ bbox: z.array(z.array(z.number()).length(4)), crs: z.string() }),
    }),
    links: z.array(ogcLinkSchema),
  })
  .meta({ id: 'OgcCollection' });

export const ogcFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.string().meta({ description: 'Gebietsschlüssel' }),
    geometry: z.object({ type: z.string(), coordinates: z.unknown() }).nullable(),
    properties: z.record(z.string(), z.unknown()).meta({
      description:
        'code, name, parentCode, level, je Indikator (Name = Indikator-ID) der jüngste öffentliche Wert, und hinweise: warum ein Wert fehlt (Geheimhaltung, von der Quelle gesperrt)',
    }),
  })
  .meta({ id: 'OgcFeature' });

export const ogcItemsSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(ogcFeatureSchema),
    numberMatched: z.number().int(),
    numberReturned: z.number().int(),
    timeStamp: z.string(),
    links: z.array(ogcLinkSchema),
  })
  .meta({ id: 'OgcFeatureCollection' });

export const ogcLandingPageSchema = z.object({
  title: z.string(),
  description: z.string(),
  links: z.array(ogcLinkSchema),
});
export const ogcConformanceSchema = z.object({ conformsTo: z.array(z.string()) });
export const ogcCollectionsSchema = z.object({
  links: z.array(ogcLinkSchema),
  collections: z.array(ogcCollectionSchema),
});
export const ogcItemSchema = ogcFeatureSchema.extend({ links: z.array(ogcLinkSchema) });
