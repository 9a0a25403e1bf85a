// Effect (Wirkung, issue 15 § 3): the DiD estimate of a treatment (indicator + areas + start)
// against comparison areas. Method: docs/methods/difference-in-differences.md.
import { z } from 'zod';

export const effectQuerySchema = z.object({
  indicator: z.string().trim().min(1, 'Indikator fehlt').max(120),
  areas: z
    .string()
    .trim()
    .min(1, 'Maßnahmengebiete fehlen (areas=Kennung,Kennung)')
    .max(4000)
    .transform((s, ctx) => {
      const ids = s.split(',').map((x) => x.trim());
      if (ids.some((x) => !/^\d{1,10}$/.test(x))) {
        ctx.addIssue({
          code: 'custom',
          message: 'areas: Gebietskennungen als Zahlen, durch Komma getrennt',
        });
        return z.NEVER;
      }
      if (ids.length > 200) {
        ctx.addIssue({ code: 'custom', message: 'höchstens 200 Maßnahmengebiete' });
        return z.NEVER;
      }
      return [...new Set(ids.map(Number))];
    }),
  start: z.iso.date('Beginn als Datum JJJJ-MM-TT'),
  level: z.string().trim().min(1).max(60).optional(),
});

const effectAreaSchema = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.number().meta({ description: 'Mittel im Vorzeitraum' }),
  trendPerYear: z.number().meta({ description: 'Steigung je Jahr im Vorzeitraum' }),
  change: z.number().nullable().meta({ description: 'Mittel nach Beginn − Mittel vor Beginn' }),
});

export const effectEstimateSchema = z
  .object({
    indicator: z.object({
      id: z.string(),
      nameDe: z.string(),
      nameEn: z.string(),
      unit: z.string(),
      decimals: z.number().int(),
      polarity: z.string(),
    }),
    systemId: z.string(),
    levelId: z.string(),
    start: z.string(),
    verdict: z.enum(['effect', 'no-clear-effect', 'not-measurable']),
    reasons: z.array(z.object({ code: z.string(), message: z.string() })),
    estimate: z.number().nullable(),
    interval: z.object({ lower: z.number(), upper: z.number() }).nullable(),
    pValue: z.number().nullable(),
    prePeriods: z.array(z.string()),
    postPeriods: z.array(z.string()),
    treated: z.array(effectAreaSchema),
    treatedWithoutData: z.array(
      z.object({ areaId: z.number().int(), code: z.string(), name: z.string() }),
    ),
    comparisons: z.array(
      effectAreaSchema.extend({
        matchedTo: z.number().int(),
        distance: z.number().meta({ description: 'standardisierter Abstand (Niveau, Trend)' }),
      }),
    ),
    poolSize: z.number().int(),
    preTrend: z.object({
      status: z.enum(['ok', 'diverging', 'not-testable']),
      gapSlopePerYear: z.number().nullable(),
      placeboRange: z.object({ lower: z.number(), upper: z.number() }).nullable(),
    }),
    series: z.array(
      z.object({
        period: z.string(),
        treated: z.number().nullable(),
        comparison: z.number().nullable(),
      }),
    ),
    method: z.object({
      interval: z.literal('placebo'),
      replications: z.number().int(),
      seed: z.number().int(),
      perTreated: z.number().int(),
    }),
  })
  .meta({ id: 'EffectEstimate', description: 'Wirkungsschätzung (Differenz-von-Differenzen)' });
export type EffectEstimateAnswer = z.output<typeof effectEstimateSchema>;
