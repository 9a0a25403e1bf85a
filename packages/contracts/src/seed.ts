// The catalogue a seed brings along as data (issue 10 § 2): the Berlin demo's tenant, sources,
// area systems, indicators and how its files map to them live in a JSON file
// (packages/server/src/seed/berlin/catalogue.json), checked against these schemas when the seed
// loads it and in a unit test — a wrong Lebenslage, a share without its parts or a column mapped to
// an indicator that does not exist fails with the path of the entry, before anything is written.
import { LINK_KINDS, UNITS } from '@sozialraum/core';
import { z } from 'zod';
import { dimensionSchema, polaritySchema } from './enums.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'Kleinbuchstaben, Ziffern, _ und -');
const text = z.string().trim().min(1);
const isoDate = z.iso.date();

export const seedTenantSchema = z.strictObject({
  id,
  ags: z.string().regex(/^\d{8}$/, 'amtlicher Gemeindeschlüssel, 8 Ziffern'),
  name: text,
});

export const seedSourceSchema = z.strictObject({
  id,
  title: text,
  publisher: text,
  licence: text,
  licenceUrl: z.url().nullable().optional(),
  attribution: text,
  url: z.url().nullable().optional(),
  notes: z.string().nullable().optional(),
});

export const seedAreaSystemSchema = z.strictObject({
  id,
  name: text,
  description: z.string().nullable().optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
  sourceId: id.nullable().optional(),
  levels: z
    .array(z.strictObject({ id, nameDe: text, nameEn: text, depth: z.number().int().min(0) }))
    .min(1),
});

export const seedIndicatorSchema = z
  .strictObject({
    id,
    nameDe: text,
    nameEn: text,
    shortDe: z.string().nullable().optional(),
    definitionDe: text,
    definitionEn: z.string().nullable().optional(),
    unit: z.enum(UNITS),
    kind: z.enum(['count', 'share', 'value']),
    scale: z.number().positive().optional(),
    dimension: dimensionSchema,
    polarity: polaritySchema,
    department: id,
    sourceId: id,
    updateCycle: z.string().nullable().optional(),
    numeratorDef: z.string().nullable().optional(),
    denominatorDef: z.string().nullable().optional(),
    numeratorIndicatorId: id.nullable().optional(),
    denominatorIndicatorId: id.nullable().optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    methodNote: z.string().nullable().optional(),
    sortKey: z.number().int().optional(),
  })
  .refine((i) => i.kind !== 'share' || (i.numeratorIndicatorId && i.denominatorIndicatorId), {
    message: 'Ein Anteil (kind share) braucht numeratorIndicatorId und denominatorIndicatorId.',
  });

const mssColumnSchema = z.strictObject({
  id,
  column2021: z.string().nullable(),
  column2006: z.string().nullable(),
});

export const seedPointDatasetSchema = z.strictObject({
  id,
  file: z.string().regex(/^[a-z0-9_.-]+\.geojson$/, 'eine .geojson-Datei im Demo-Ordner'),
  nameDe: text,
  nameEn: text,
  referenceDate: isoDate.nullable(),
  idProp: z.string().nullable(),
  nameProp: z.string(),
});

/** The Berlin demo's catalogue, with every reference inside it checked. */
export const berlinCatalogueSchema = z
  .strictObject({
    $comment: z.string().optional(),
    tenant: seedTenantSchema,
    sources: z.array(seedSourceSchema).min(1),
    areaSystems: z.array(seedAreaSystemSchema).min(1),
    indicators: z.array(seedIndicatorSchema).min(1),
    ewrFiles: z.array(
      z.strictObject({
        file: z.string().regex(/^[a-z0-9_.-]+\.csv$/),
        columns: z.record(z.string(), id),
      }),
    ),
    mssColumns: z.strictObject({
      index: z.array(mssColumnSchema),
      context: z.array(mssColumnSchema),
    }),
    pointDatasets: z.array(seedPointDatasetSchema),
    ageBands: z.strictObject({
      $comment: z.string().optional(),
      total: id,
      bands: z
        .array(
          z.strictObject({
            id,
            min: z.number().int().min(0),
            max: z.number().int().positive().nullable(),
          }),
        )
        .min(1),
    }),
  })
  .superRefine((c, ctx) => {
    const sources = new Set(c.sources.map((s) => s.id));
    const indicators = new Set(c.indicators.map((i) => i.id));
    const dup = c.indicators.find((x, n) => c.indicators.findIndex((y) => y.id === x.id) !== n);
    if (dup) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `${dup.id} doppelt` });
    const need = (ok: boolean, path: (string | number)[], message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path, message });
    };
    c.indicators.forEach((i, n) => {
      need(sources.has(i.sourceId), ['indicators', n, 'sourceId'], `Quelle ${i.sourceId} fehlt`);
      for (const k of ['numeratorIndicatorId', 'denominatorIndicatorId'] as const) {
        const ref = i[k];
        need(!ref || indicators.has(ref), ['indicators', n, k], `Indikator ${ref} fehlt`);
      }
    });
    c.areaSystems.forEach((s, n) =>
      need(!s.sourceId || sources.has(s.sourceId), ['areaSystems', n, 'sourceId'], 'Quelle fehlt'),
    );
    c.ewrFiles.forEach((f, n) => {
      for (const [column, target] of Object.entries(f.columns))
        need(
          indicators.has(target),
          ['ewrFiles', n, 'columns', column],
          `Indikator ${target} fehlt`,
        );
    });
    need(indicators.has(c.ageBands.total), ['ageBands', 'total'], 'Indikator fehlt');
    c.ageBands.bands.forEach((b, n) =>
      need(indicators.has(b.id), ['ageBands', 'bands', n, 'id'], `Indikator ${b.id} fehlt`),
    );
    for (const part of ['index', 'context'] as const)
      c.mssColumns[part].forEach((m, n) =>
        need(indicators.has(m.id), ['mssColumns', part, n, 'id'], `Indikator ${m.id} fehlt`),
      );
  });

export type BerlinCatalogue = z.output<typeof berlinCatalogueSchema>;

/**
 * The Berlin demo's example cooperations (seed/berlin/cooperations.json): invented links between
 * organisations of the demo directory, named by organisation name, so the network screen is not
 * empty on a fresh demo. Illustrative only — every link's note says so.
 */
export const demoCooperationsSchema = z.strictObject({
  $comment: z.string().min(1),
  note: z.string().min(1).meta({ description: 'Hinweis, der an jeder Kooperation steht' }),
  links: z
    .array(
      z.strictObject({
        a: z.string().min(1),
        b: z.string().min(1),
        kind: z.enum(LINK_KINDS),
        dimensions: z.array(dimensionSchema).min(1).max(8),
        validFrom: isoDate.nullable(),
        validTo: isoDate.nullable(),
        what: z.string().min(1).max(300),
      }),
    )
    .min(1)
    .max(50),
});
export type DemoCooperations = z.output<typeof demoCooperationsSchema>;
