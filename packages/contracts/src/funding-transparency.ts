// Transparency (issue 15 § 2, ADR 0035): where the money goes against need — money per area and
// per resident in one year, by programme and source level, the need value and the need-vs-money
// quadrant of each area, with provenance; the public sees the tenant's level of detail.
import { FUNDING_KINDS, NEED_MONEY_QUADRANTS } from '@sozialraum/core';
import { z } from 'zod';
import { effectEstimateSchema } from './effect.ts';

export const publicDetailSchema = z.enum(['none', 'totals', 'by_programme']).meta({
  description:
    'Was die Öffentlichkeit sieht: nichts, Summen je Gebiet, oder auch je Programm und Quelle',
});
export type PublicDetail = z.output<typeof publicDetailSchema>;

export const transparencyQuerySchema = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional().meta({
    description: 'Haushaltsjahr; ohne Angabe das jüngste Jahr mit Mitteln',
  }),
  need: z.string().trim().min(1).max(80).default('index').meta({
    description:
      "Bedarf: 'index' (Statusindex MSS 2021), 'index:<id>' (ein anderer Index) oder eine Indikatorkennung",
  }),
  system: z.string().trim().min(1).max(80).optional(),
  level: z.string().trim().min(1).max(80).optional().meta({
    description:
      'Gebietsebene; ohne Angabe die Ebene, auf der im Jahr die meisten Mittel gebucht sind',
  }),
  kind: z.enum(FUNDING_KINDS).default('approved').meta({
    description:
      'geplant, bewilligt oder verausgabt; die Öffentlichkeit sieht nur bewilligt/verausgabt',
  }),
  bridge: z.enum(['area', 'residents']).default('area').meta({
    description:
      'Mittel auf Gebieten anderer Gebietssysteme (Fördergebiete, LOR 2006) nach Flächenanteil oder nach Einwohneranteil der Überschneidung auf die Ebene übertragen',
  }),
});
export type TransparencyQuery = z.output<typeof transparencyQuerySchema>;

const sourceMoney = z.object({
  eu: z.number().optional(),
  bund: z.number().optional(),
  land: z.number().optional(),
  kommune: z.number().optional(),
  stiftung: z.number().optional(),
  traeger: z.number().optional(),
  total: z
    .number()
    .optional()
    .meta({ description: 'nur als Gesamtsumme gebucht (ohne Aufteilung)' }),
});

export const transparencyAreaSchema = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  residents: z.number().nullable(),
  money: z.number().meta({ description: 'Euro im Jahr (0 ohne Buchung)' }),
  perResident: z.number().nullable().meta({ description: 'Euro je Einwohner/in' }),
  bySource: sourceMoney
    .nullable()
    .meta({ description: 'null, wenn die Detailstufe es nicht zeigt' }),
  byProgramme: z.record(z.string(), z.number()).nullable(),
  series: z.array(z.object({ year: z.number().int(), money: z.number() })),
  need: z.number().nullable().meta({ description: 'Bedarfswert, höher = mehr Bedarf' }),
  quadrant: z.enum(NEED_MONEY_QUADRANTS).nullable(),
});

export const provenanceSourceSchema = z.object({
  title: z.string(),
  publisher: z.string(),
  licence: z.string(),
  licenceUrl: z.string().nullable(),
  attribution: z.string(),
});

export const transparencySchema = z
  .object({
    year: z.number().int().nullable(),
    years: z.array(z.number().int()),
    kind: z.enum(FUNDING_KINDS),
    systemId: z.string().nullable(),
    levelId: z.string().nullable(),
    levels: z.array(z.object({ systemId: z.string(), levelId: z.string(), name: z.string() })),
    detail: z.enum(['staff', 'totals', 'by_programme']),
    programmes: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
    need: z
      .object({
        id: z.string(),
        label: z.string(),
        kind: z.enum(['index', 'indicator']),
        date: z.string().nullable(),
        unit: z.string().nullable(),
        reversed: z.boolean().meta({ description: 'true: höhere Werte bedeuten weniger Bedarf' }),
      })
      .nullable(),
    needNote: z.string().nullable(),
    residents: z
      .object({
        indicatorId: z.string(),
        label: z.string(),
        date: z.string().nullable(),
        byYear: z
          .array(
            z.object({
              year: z.number().int(),
              date: z.string().nullable().meta({ description: 'Stichtag der Einwohnerzahlen' }),
              fallback: z.boolean().meta({
                description:
                  'true: kein Stichtag bis Ende des Jahres; der nächstgelegene eines anderen Jahres steht ein',
              }),
            }),
          )
          .meta({
            description:
              'Je Buchungsjahr die Einwohnerzahlen, nach denen verteilt und geteilt wird (letzter Stichtag bis Jahresende)',
          }),
      })
      .nullable(),
    medians: z.object({ need: z.number().nullable(), perResident: z.number().nullable() }),
    areas: z.array(transparencyAreaSchema),
    notOnLevel: z
      .number()
      .meta({ description: 'Euro auf Gebieten anderer Gebietssysteme (keiner Fläche zuzuordnen)' }),
    wholeProgramme: z.number().meta({
      description:
        'Euro, die nicht nach Einwohneranteil verteilt werden konnten (Programm ohne Fördergebiet im Jahr, oder Gebiete ohne Einwohnerzahl)',
    }),
    allocation: z
      .object({
        own: z.number().meta({ description: 'Euro, direkt auf Gebieten dieser Ebene gebucht' }),
        rolledUp: z
          .number()
          .meta({ description: 'Euro von feineren Gebieten aufsummiert (z. B. Planungsräume)' }),
        spread: z.number().meta({
          description:
            'Euro von gröberen Gebieten oder ganzen Programmgebieten nach Einwohneranteil verteilt',
        }),
        noProgrammeAreas: z
          .number()
          .meta({ description: 'Euro für Programme ohne Fördergebiet im Jahr (nicht verteilt)' }),
        noResidents: z
          .number()
          .meta({ description: 'Euro, die mangels Einwohnerzahlen nicht verteilt wurden' }),
        bridged: z.number().meta({
          description:
            'Euro von Gebieten anderer Gebietssysteme nach ihrer Überschneidung mit der Ebene übertragen',
        }),
        outside: z.number().meta({
          description:
            'Euro von Gebieten anderer Gebietssysteme, deren Fläche außerhalb aller Gebiete der Ebene liegt (nicht übertragen)',
        }),
      })
      .nullable()
      .meta({ description: 'Woher die Summen der Ebene kommen (null ohne Jahr oder Ebene)' }),
    bridge: z
      .object({
        method: z.enum(['area', 'residents']),
        areas: z.number().int().meta({ description: 'Gebiete anderer Gebietssysteme mit Mitteln' }),
        systems: z.array(z.string()),
        note: z.string().nullable(),
      })
      .nullable()
      .meta({
        description:
          'Brücke zwischen Gebietssystemen (null, wenn keine Mittel auf Gebieten anderer Systeme gebucht sind)',
      }),
    provenance: z.object({
      sources: z.array(provenanceSourceSchema),
      method: z.string(),
      attribution: z.string(),
    }),
  })
  .meta({ id: 'FundingTransparency' });
export type Transparency = z.output<typeof transparencySchema>;

export const fundingSettingsSchema = z
  .object({
    publicDetail: publicDetailSchema,
    residentsIndicator: z.string().nullable(),
  })
  .meta({ id: 'FundingSettings' });
export type FundingSettings = z.output<typeof fundingSettingsSchema>;

export const fundingSettingsBodySchema = z.object({
  publicDetail: publicDetailSchema.optional(),
  residentsIndicator: z.string().trim().min(1).max(80).nullable().optional(),
});

/** The CSV export (German: semicolon, decimal comma, UTF-8 with BOM). */
export const transparencyCsvSchema = z.string().meta({ id: 'FundingTransparencyCsv' });
/** The XLSX export (one sheet). */
export const transparencyXlsxSchema = z
  .string()
  .meta({ id: 'FundingTransparencyXlsx', format: 'binary' });

export const areaFundingParamsSchema = z.object({ areaId: z.coerce.number().int().positive() });

/** The area profile's card: programmes and money in the area, and the effect of measures there. */
export const areaFundingSchema = z
  .object({
    areaId: z.number().int(),
    programmes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        level: z.string(),
        validFrom: z.string().nullable(),
        validTo: z.string().nullable(),
        via: z.enum(['area', 'coarser', 'finer']).meta({
          description:
            'Fördergebiet ist das Gebiet selbst, ein gröberes Gebiet, das es enthält, oder ein Teilgebiet',
        }),
      }),
    ),
    money: z
      .object({
        kind: z.enum(FUNDING_KINDS),
        detail: z.enum(['staff', 'totals', 'by_programme']),
        years: z.array(z.object({ year: z.number().int(), money: z.number() })),
        year: z.number().int().nullable(),
        total: z.number().meta({ description: 'Euro im jüngsten Jahr' }),
        perResident: z.number().nullable(),
        residents: z.number().nullable(),
        byProgramme: z.record(z.string(), z.number()).nullable(),
      })
      .nullable()
      .meta({
        description:
          'Mittel im Gebiet (aufsummiert und nach Einwohneranteil verteilt wie in der Transparenz); null, wenn die Kommune nichts veröffentlicht',
      }),
    effects: z.array(
      z.object({
        measureId: z.number().int(),
        title: z.string(),
        areaIds: z.array(z.number().int()),
        start: z.string(),
        estimate: effectEstimateSchema.nullable(),
        error: z.string().nullable().meta({ description: 'warum nicht geschätzt wurde' }),
      }),
    ),
    effectsOmitted: z
      .number()
      .int()
      .meta({ description: 'weitere Schätzungen, die nur auf der Maßnahmenseite stehen' }),
  })
  .meta({ id: 'AreaFunding' });
export type AreaFunding = z.output<typeof areaFundingSchema>;
