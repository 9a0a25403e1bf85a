import { z } from 'zod';
import { sourceSchema } from './sources.ts';

export const levelSchema = z
  .object({
    id: z.string(),
    nameDe: z.string(),
    nameEn: z.string(),
    depth: z.number().int().meta({ description: '0 = oberste Ebene' }),
    areaCount: z.number().int(),
  })
  .meta({ id: 'AreaLevel' });

export const areaSystemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    validFrom: z.iso.date().nullable(),
    validTo: z.iso.date().nullable(),
    source: sourceSchema.nullable(),
    levels: z.array(levelSchema).meta({ description: 'nach Tiefe geordnet, oberste zuerst' }),
  })
  .meta({ id: 'AreaSystem' });

export const areaListItemSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    parentId: z.number().int().nullable(),
    validTo: z.iso
      .date()
      .nullable()
      .meta({ description: 'aufgelöst: letzter Tag, an dem das Gebiet gilt; null = gilt weiter' }),
  })
  .meta({ id: 'AreaListItem' });

export const bboxSchema = z
  .array(z.number())
  .length(4)
  .nullable()
  .meta({ description: '[minLon, minLat, maxLon, maxLat] in WGS84' });

export const areaDetailSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    systemId: z.string(),
    levelId: z.string(),
    levelName: z.string(),
    areaM2: z.number().nullable(),
    bbox: bboxSchema,
    validFrom: z.iso.date().nullable(),
    validTo: z.iso
      .date()
      .nullable()
      .meta({ description: 'aufgelöst: letzter Tag, an dem das Gebiet gilt; null = gilt weiter' }),
    hierarchy: z
      .array(
        z.object({
          id: z.number().int(),
          code: z.string(),
          name: z.string(),
          levelId: z.string(),
          levelName: z.string(),
        }),
      )
      .meta({ description: 'übergeordnete Gebiete, oberstes zuerst, ohne das Gebiet selbst' }),
    children: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        name: z.string(),
        validTo: z.iso.date().nullable().meta({ description: 'aufgelöst zum; null = gilt weiter' }),
      }),
    ),
  })
  .meta({ id: 'AreaDetail' });

const geometrySchema = z
  .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
  .nullable();

export const mapGeometrySchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number().int(),
        geometry: geometrySchema,
        properties: z.object({
          id: z.number().int(),
          code: z.string(),
          name: z.string(),
          parentId: z.number().int().nullable(),
          validTo: z.iso.date().nullable().meta({
            description:
              'aufgelöst: letzter Tag, an dem das Gebiet gilt; null = gilt weiter. Die Karte zeichnet das Gebiet nach diesem Tag nicht mehr.',
          }),
        }),
      }),
    ),
  })
  .meta({
    id: 'MapGeometry',
    description: 'vereinfachte Geometrien einer Ebene (GeoJSON, WGS84, 5 Nachkommastellen)',
  });

export type AreaSystem = z.output<typeof areaSystemSchema>;
export type AreaDetail = z.output<typeof areaDetailSchema>;
export type AreaListItem = z.output<typeof areaListItemSchema>;
export type MapGeometry = z.output<typeof mapGeometrySchema>;

// The area lifecycle: retire an area, preview and confirm its removal.
const count = z.number().int().min(0);

const removalCountsSchema = z.object({
  values: count,
  pointAssignments: count,
  alerts: count,
  subscriptions: count,
  synonyms: count,
});

export const removalPreviewSchema = z
  .object({
    area: z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      systemId: z.string(),
      levelId: z.string(),
    }),
    counts: removalCountsSchema,
    indicators: z.array(z.object({ id: z.string(), nameDe: z.string(), values: z.number().int() })),
    children: z.number().int(),
    removable: z.boolean(),
    message: z.string(),
  })
  .meta({ id: 'AreaRemovalPreview' });

export const removeBodySchema = z
  .object({
    confirm: removalCountsSchema.partial({ synonyms: true }).meta({
      description:
        'die Zahlen aus der Vorschau (GET /api/areas/{id}/removal); weicht etwas ab, antwortet der Server mit 409 und der neuen Vorschau',
    }),
  })
  .meta({ id: 'AreaRemoval' });

export const retireBodySchema = z
  .object({
    validTo: z.iso
      .date({ error: 'Enddatum im Format JJJJ-MM-TT angeben' })
      .meta({ description: 'letzter Tag, an dem das Gebiet gilt' }),
  })
  .meta({ id: 'AreaRetirement' });

export const retireResultSchema = z
  .object({
    area: z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      validFrom: z.iso.date().nullable(),
      validTo: z.iso.date(),
    }),
    message: z.string(),
  })
  .meta({ id: 'AreaRetired' });

export const areaSystemListSchema = z.array(areaSystemSchema);
export const areaListSchema = z.array(areaListItemSchema);
