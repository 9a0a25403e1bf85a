import { UNITS } from '@sozialraum/core';
import { z } from 'zod';
import { areaDetailSchema } from './areas.ts';
import { DIMENSIONS } from '@sozialraum/core';
import { dimensionSchema, polaritySchema } from './enums.ts';
import { sourceSchema } from './sources.ts';

export const coverageSchema = z
  .object({
    systemId: z.string(),
    levelId: z.string(),
    dates: z.array(z.iso.date()).meta({ description: 'Stichtage, aufsteigend' }),
  })
  .meta({ id: 'Coverage', description: 'wo Beobachtungen vorliegen' });

export const indicatorSchema = z
  .object({
    id: z.string(),
    nameDe: z.string(),
    nameEn: z.string(),
    shortDe: z.string().nullable(),
    definitionDe: z.string(),
    definitionEn: z.string().nullable(),
    unit: z.string().meta({
      description:
        "'percent' | 'per_mille' | 'count' | 'euro' | 'sqm' | 'per_100' | 'index' | 'ratio' | 'percentage_points' | 'class'",
    }),
    kind: z.enum(['count', 'share', 'value']),
    scale: z.number(),
    dimension: dimensionSchema,
    polarity: polaritySchema,
    department: z.string().describe('Besitzende Abteilung (id)'),
    visibility: z
      .enum(['public', 'internal', 'department'])
      .describe('öffentlich, verwaltungsintern oder nur die Abteilung (und Freigaben)'),
    sharedWith: z.array(z.string()).describe('Abteilungen, für die der Indikator freigegeben ist'),
    updateCycle: z.string().nullable(),
    numeratorDef: z.string().nullable(),
    denominatorDef: z.string().nullable(),
    decimals: z.number().int(),
    methodNote: z.string().nullable(),
    source: sourceSchema,
    coverage: z.array(coverageSchema),
  })
  .meta({ id: 'Indicator' });

export const cityValueSchema = z
  .object({
    value: z.number().nullable(),
    method: z.string().meta({
      description: 'z. B. „Summe“, „Quote aus Summen von Zähler und Nenner“, „Median der Gebiete“',
    }),
    coverage: z
      .object({ areasWithValue: z.number().int(), areasTotal: z.number().int() })
      .optional()
      .meta({ description: 'wie viele Gebiete der Ebene einen Wert haben' }),
    note: z.string().nullable().optional().meta({
      description:
        'z. B. „Median von 11 der 13 Gebiete“; bei unvollständiger Summe wird der Wert zurückgehalten (null) und hier begründet',
    }),
  })
  .meta({ id: 'CityValue' });

const flagSchema = z.enum(['suppressed', 'invalid']).nullable();

/** How reliable a share is (numerator/denominator known): 95 % Wilson interval, small-base flag. */
const reliabilitySchema = z
  .object({
    lower: z.number(),
    upper: z.number(),
    smallBase: z.boolean().meta({ description: 'Nenner unter 100: Wert mit Vorsicht lesen' }),
  })
  .nullable()
  .meta({
    id: 'Reliability',
    description:
      'Anteile: 95-%-Konfidenzintervall nach Wilson (auf der Skala des Werts) und Hinweis auf kleine Basis; sonst null',
  });

export const valuesSchema = z
  .object({
    indicator: indicatorSchema,
    systemId: z.string(),
    levelId: z.string(),
    date: z.iso.date(),
    values: z.array(
      z.object({
        areaId: z.number().int(),
        code: z.string(),
        name: z.string(),
        value: z.number().nullable(),
        numerator: z.number().nullable(),
        denominator: z.number().nullable(),
        flag: flagSchema,
        flagReason: z.string().nullable(),
        reliability: reliabilitySchema,
      }),
    ),
    city: cityValueSchema,
  })
  .meta({ id: 'Values' });

export const seriesPointSchema = z
  .object({
    date: z.iso.date(),
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    flag: flagSchema,
  })
  .meta({ id: 'SeriesPoint' });

export const profileSchema = z
  .object({
    area: areaDetailSchema,
    date: z.iso
      .date()
      .nullable()
      .meta({ description: 'angefragter Stichtag, sonst der jüngste der gezeigten Werte' }),
    groups: z.array(
      z.object({
        dimension: dimensionSchema,
        indicators: z.array(
          z.object({
            indicator: indicatorSchema,
            date: z.iso.date(),
            value: z.number().nullable(),
            numerator: z.number().nullable(),
            denominator: z.number().nullable(),
            flag: flagSchema,
            flagReason: z
              .string()
              .nullable()
              .meta({ description: 'warum kein Wert vorliegt (z. B. nicht bewertet, gesperrt)' }),
            reliability: reliabilitySchema,
            imported: z
              .object({
                importRunId: z.number().int(),
                fileName: z.string().nullable(),
                importedAt: z.string().nullable(),
              })
              .nullable()
              .optional()
              .meta({ description: 'welcher Import (Datei, Zeitpunkt) den Wert geschrieben hat' }),
            cityValue: z.number().nullable(),
            cityCoverage: z
              .object({ areasWithValue: z.number().int(), areasTotal: z.number().int() })
              .optional(),
            cityNote: z.string().nullable().optional().meta({
              description: 'z. B. „Median von 11 der 13 Gebiete“ oder warum der Gesamtwert fehlt',
            }),
            cityMethod: z.string().optional().meta({
              description: 'wie der Stadtwert gebildet ist (z. B. „Median der Gebiete“)',
            }),
            rank: z
              .number()
              .int()
              .nullable()
              .meta({ description: '1 = höchster Wert; null für Klassen und Codes' }),
            rankOf: z.number().int().meta({ description: 'Anzahl der Gebiete der Ebene mit Wert' }),
            series: z.array(z.object({ date: z.iso.date(), value: z.number().nullable() })),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Profile' });

export type Indicator = z.output<typeof indicatorSchema>;
export type Coverage = z.output<typeof coverageSchema>;
export type Values = z.output<typeof valuesSchema>;
export type Profile = z.output<typeof profileSchema>;
export type SeriesPoint = z.output<typeof seriesPointSchema>;
export type Flag = z.output<typeof flagSchema>;

export const indicatorListSchema = z.array(indicatorSchema);
export const seriesSchema = z.array(seriesPointSchema);

const text = (max: number) => z.string().trim().min(1).max(max);

/** PATCH /api/indicators/{id}: the metadata, visibility and sharing to change (all optional). */
export const indicatorPatchSchema = z
  .object({
    nameDe: text(200),
    nameEn: text(200),
    shortDe: text(60).nullable(),
    definitionDe: text(4000),
    definitionEn: text(4000).nullable(),
    polarity: polaritySchema,
    updateCycle: text(100).nullable(),
    numeratorDef: text(1000).nullable(),
    denominatorDef: text(1000).nullable(),
    methodNote: text(4000).nullable(),
    decimals: z.number().int().min(0).max(6),
    unit: z.enum(UNITS, {
      error: `erwartet eine Einheit: ${UNITS.join(', ')}`,
    }),
    dimension: z.enum(DIMENSIONS, {
      error: `erwartet eine Lebenslage: ${DIMENSIONS.join(', ')}`,
    }),
    sourceId: z.string().trim().min(1).max(60).meta({
      description:
        'Kennung einer vorhandenen Quelle (GET /api/sources); Lizenz und Namensnennung ändert PATCH /api/sources/{id}',
    }),
    visibility: z.enum(['public', 'internal', 'department']),
    sharedWith: z.array(z.string().min(1).max(63)).max(100),
    department: z.string().min(1).max(63),
  })
  .partial()
  .strict();
export type IndicatorPatch = z.input<typeof indicatorPatchSchema>;
