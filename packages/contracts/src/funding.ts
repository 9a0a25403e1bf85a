// Funding (Förderung, issue 15 § 1): the programme catalogue, programme areas with validity, money
// per programme × area × year × kind × source, and the import of funding tables.
import { FUNDING_KINDS, FUNDING_SOURCES, PROGRAMME_LEVELS } from '@sozialraum/core';
import { z } from 'zod';

export const programmeLevelSchema = z.enum(PROGRAMME_LEVELS);
export const fundingKindSchema = z.enum(FUNDING_KINDS);
export const fundingSourceSchema = z.enum(FUNDING_SOURCES);

/** A fact's origin: where it is published and when it was checked. */
export const programmeSourceSchema = z.object({
  title: z.string(),
  url: z.string(),
  checked: z.string().meta({ description: 'Datum der Prüfung (JJJJ-MM-TT)' }),
});

export const programmeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    level: programmeLevelSchema,
    land: z.string().nullable().meta({ description: 'Bundesland bei Landesprogrammen' }),
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
    periodNote: z.string().nullable(),
    areaTypes: z
      .string()
      .nullable()
      .meta({ description: 'förderfähige Gebietstypen (Programmgebiet)' }),
    coFinancing: z
      .string()
      .nullable()
      .meta({ description: 'Kofinanzierungsregel, wie veröffentlicht' }),
    fixedShares: z
      .partialRecord(fundingSourceSchema, z.number())
      .nullable()
      .meta({ description: 'feste Anteile (0–1), nur wo veröffentlicht; sonst null' }),
    reportingDuties: z.string().nullable(),
    description: z.string().nullable(),
    ended: z.boolean(),
    sources: z.array(programmeSourceSchema),
  })
  .meta({ id: 'FundingProgramme', description: 'Förderprogramm aus dem Katalog (mit Quellen)' });
export type Programme = z.output<typeof programmeSchema>;

export const programmeListItemSchema = programmeSchema.extend({
  areaCount: z.number().int(),
});
export const programmeListSchema = z.array(programmeListItemSchema);

export const programmeAreaSchema = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  systemId: z.string(),
  levelId: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

export const yearMoneySchema = z.object({
  year: z.number().int(),
  planned: z.number().nullable(),
  approved: z.number().nullable(),
  spent: z.number().nullable(),
  spentOverApproved: z.boolean(),
});

export const fundingProblemSchema = z.object({
  code: z.enum(['shares-do-not-add-up', 'spent-over-approved']),
  areaKey: z.string(),
  year: z.number().int(),
  message: z.string(),
});

/** A measure funded by the programme (money booked with its number), as the caller may read it. */
const datedValue = z.object({ date: z.string(), value: z.number() });

export const programmeMeasureSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  years: z.array(yearMoneySchema),
  goals: z.array(
    z.object({
      indicatorId: z.string(),
      indicatorName: z.string(),
      areaId: z.number().int(),
      unit: z.string().nullable(),
      decimals: z.number().int().nullable(),
      baseline: datedValue,
      target: datedValue,
      latest: datedValue
        .nullable()
        .meta({ description: 'jüngster veröffentlichter Wert nach dem Ausgangswert' }),
      status: z
        .enum(['no_data', 'on_course', 'off_target', 'reached', 'missed'])
        .meta({ description: 'Einordnung gegen die Ziellinie (wie auf der Maßnahmenseite)' }),
      trend: z
        .object({
          direction: z.enum(['up', 'down', 'flat']),
          towardTarget: z.boolean().nullable(),
          change: z.number(),
        })
        .nullable()
        .meta({ description: 'letzter Schritt zwischen den zwei jüngsten Werten' }),
    }),
  ),
});

export const programmeDetailSchema = programmeSchema
  .extend({
    areas: z.array(programmeAreaSchema),
    measures: z
      .array(programmeMeasureSchema)
      .nullable()
      .meta({ description: 'geförderte Maßnahmen; null für Personen ohne funding.read_money' }),
    money: z
      .object({ years: z.array(yearMoneySchema), problems: z.array(fundingProblemSchema) })
      .nullable()
      .meta({ description: 'null für Personen ohne funding.read_money' }),
  })
  .meta({ id: 'FundingProgrammeDetail' });
export type ProgrammeDetail = z.output<typeof programmeDetailSchema>;

export const programmeAreasBodySchema = z.object({
  areas: z
    .array(
      z
        .object({
          areaId: z.number().int().positive(),
          validFrom: z.iso.date().nullable().default(null),
          validTo: z.iso.date().nullable().default(null),
        })
        .refine((a) => !a.validFrom || !a.validTo || a.validFrom <= a.validTo, {
          message: 'validFrom liegt nach validTo',
        }),
    )
    .max(5000),
});

export const fundingImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const fundingImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    imported: z.boolean(),
    rows: z.number().int(),
    written: z.number().int(),
    issues: z.array(
      z.object({
        file: z.string(),
        line: z.number().int(),
        column: z.number().int(),
        message: z.string(),
      }),
    ),
    warnings: z.array(fundingProblemSchema.extend({ programmeId: z.string() })),
  })
  .meta({ id: 'FundingImportReport' });

export const fundingImportAnswerSchema = z.object({
  uploadId: z.string(),
  files: z.array(z.object({ name: z.string(), bytes: z.number() })),
  analysis: fundingImportReportSchema,
});

/** Money booked on one measure: one row per year, programme, kind and source (euros). */
export const measureMoneySchema = z
  .object({
    measureId: z.number().int(),
    rows: z.array(
      z.object({
        year: z.number().int(),
        programmeId: z.string(),
        programmeName: z.string(),
        kind: fundingKindSchema,
        source: fundingSourceSchema,
        amount: z.number(),
      }),
    ),
  })
  .meta({ id: 'FundingMeasureMoney' });
