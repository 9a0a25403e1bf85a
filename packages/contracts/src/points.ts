// Request and response schemas of the point import (validated at the edge, also the OpenAPI document).
import { z } from 'zod';
import { pointDimensionSchema } from './enums.ts';
import { sourceSchema } from './sources.ts';

const columnName = z.string().min(1).max(200);
const indicatorId = z
  .string()
  .regex(/^[a-z0-9_]{1,60}$/, 'Kennung: Kleinbuchstaben, Ziffern und _ (höchstens 60 Zeichen)');

export const coordinateColumnsSchema = z.object({
  x: columnName.meta({ description: 'Spalte mit Länge (WGS84) bzw. Rechtswert (UTM)' }),
  y: columnName.meta({ description: 'Spalte mit Breite (WGS84) bzw. Hochwert (UTM)' }),
  crs: z.union([z.literal(4326), z.literal(25832), z.literal(25833)]),
});

const indicatorRequest = z.object({ id: indicatorId, nameDe: z.string().min(1).max(200) });

export const pointRunBodySchema = z
  .object({
    dryRun: z.boolean(),
    datasetId: z
      .string()
      .regex(/^[a-z0-9_-]{1,60}$/, 'Kennung des Datensatzes: Kleinbuchstaben, Ziffern, _ und -'),
    nameDe: z.string().min(1).max(200),
    referenceDate: z.iso
      .date()
      .optional()
      .meta({ description: 'Stichtag der Zählung; ohne: heute' }),
    source: z.object({
      id: z
        .string()
        .regex(/^[a-z0-9_-]{1,60}$/)
        .optional(),
      title: z.string().min(1).max(300),
      publisher: z.string().min(1).max(300),
      licence: z.string().min(1).max(100),
      licenceUrl: z.string().max(500).nullish(),
      attribution: z.string().min(1).max(500),
      url: z.string().max(500).nullish(),
      notes: z.string().max(2000).nullish(),
    }),
    nameColumn: columnName.optional(),
    idColumn: columnName.optional(),
    coordinates: coordinateColumnsSchema.optional(),
    crs: z.enum(['4326', '25832', '25833']).optional(),
    countIndicator: indicatorRequest.optional(),
    capacityColumn: columnName.optional(),
    capacityIndicator: indicatorRequest.optional(),
    departmentId: z.string().min(1).max(60).optional(),
    dimension: pointDimensionSchema.optional().meta({
      description:
        'Lebenslage der neuen Zählindikatoren; Pflicht, sobald countIndicator oder capacityIndicator angegeben ist (keine stille Vorgabe)',
    }),
    definitionDe: z.string().min(1).max(2000).optional().meta({
      description:
        'Definition des neuen Zählindikators; ohne: „Anzahl der Standorte je Gebiet aus dem Punktdatensatz …“',
    }),
  })
  .meta({ id: 'PointImportRun' });

const outsideSchema = z.object({
  ref: z.string(),
  line: z.number().int().optional(),
  id: z.string(),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
});

const joinSummarySchema = z.object({
  points: z.number().int(),
  outsideCount: z.number().int(),
  outside: z.array(outsideSchema),
  levels: z.array(
    z.object({
      systemId: z.string(),
      systemName: z.string(),
      levelId: z.string(),
      levelName: z.string(),
      assigned: z.number().int(),
      areasWithPoints: z.number().int(),
      areas: z.number().int(),
      top: z.array(
        z.object({
          areaId: z.number().int(),
          code: z.string(),
          name: z.string(),
          count: z.number().int(),
          capacity: z.number().nullable(),
        }),
      ),
    }),
  ),
});

export const pointAnalysisResponseSchema = z
  .object({
    uploadId: z.string(),
    files: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
    analysis: z.object({
      file: z.string(),
      format: z.enum(['CSV', 'GeoJSON', 'Shapefile', 'GeoPackage']),
      columns: z.array(z.string()),
      numericColumns: z.array(z.string()),
      coordinates: coordinateColumnsSchema.extend({ reason: z.string() }).nullable(),
      suggestion: z.object({ nameColumn: z.string().nullable(), idColumn: z.string().nullable() }),
      sample: z.array(z.object({ name: z.string(), lon: z.number(), lat: z.number() })),
      warnings: z.array(z.string()),
      join: joinSummarySchema,
    }),
  })
  .meta({ id: 'PointImportAnalysis' });

export const pointRunReportSchema = z
  .object({
    status: z.enum(['dry_run', 'succeeded']),
    datasetId: z.string(),
    replaced: z.boolean(),
    format: z.string(),
    join: joinSummarySchema,
    indicators: z.array(z.string()),
    observationsWritten: z.number().int(),
    warnings: z.array(z.string()),
    importId: z.number().int().optional(),
  })
  .meta({ id: 'PointImportReport' });

// The point datasets as the map reads them.
export const pointDatasetSchema = z
  .object({
    id: z.string(),
    nameDe: z.string(),
    nameEn: z.string(),
    referenceDate: z.iso.date().nullable(),
    count: z.number().int(),
    source: sourceSchema,
  })
  .meta({ id: 'PointDataset' });

export const pointCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: z.object({
          type: z.literal('Point'),
          coordinates: z.tuple([z.number(), z.number()]),
        }),
        properties: z
          .record(z.string(), z.unknown())
          .meta({ description: 'id, name und die Attribute der Quelle' }),
      }),
    ),
  })
  .meta({ id: 'PointCollection' });

export const pointDatasetListSchema = z.array(pointDatasetSchema);
