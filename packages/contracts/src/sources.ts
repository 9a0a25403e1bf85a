import { z } from 'zod';

/** Where a number comes from: publisher, licence and the attribution text that must be shown. */
export const sourceSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    publisher: z.string(),
    licence: z.string().meta({ description: 'z. B. „CC BY 3.0 DE“, „dl-de/by-2-0“' }),
    licenceUrl: z.string().nullable(),
    attribution: z.string().meta({ description: 'Namensnennung, die angezeigt werden muss' }),
    url: z.string().nullable(),
    notes: z.string().nullable(),
  })
  .meta({ id: 'Source', description: 'Datenquelle mit Lizenz und Namensnennung' });

export type Source = z.output<typeof sourceSchema>;

/** Body of PATCH /api/sources/:id: the fields to change (at least one). */
export const sourcePatchSchema = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    publisher: z.string().trim().min(1).max(300).optional(),
    licence: z.string().trim().min(1).max(100).optional(),
    licenceUrl: z.string().trim().max(500).nullable().optional(),
    attribution: z.string().trim().min(1).max(500).optional(),
    url: z.string().trim().max(500).nullable().optional(),
    notes: z.string().max(2000).nullable().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'Nichts zu ändern: mindestens ein Feld angeben.',
  });

export type SourcePatch = z.output<typeof sourcePatchSchema>;

export const sourceListSchema = z.array(sourceSchema);
