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
