// Contract of the operating state (GET /api/health) and the client configuration (GET /api/config).
import { z } from 'zod';

export const healthSchema = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgres']),
  version: z.string(),
  tenant: z.string(),
  demoLoading: z
    .object({
      percent: z.number().int().min(0).max(100),
    })
    .nullable()
    .meta({
      description:
        'Die Berlin-Demo lädt nach dem ersten Start noch im Hintergrund (zweite Stufe, ADR 0053): ' +
        'wie weit; null, wenn nichts mehr lädt. Was schon da ist, ist vollständig (je Indikator und Stichtag).',
    }),
});
export type Health = z.output<typeof healthSchema>;

export const clientConfigSchema = z
  .object({
    basemapStyleUrl: z.string().nullable().meta({
      description: 'MapLibre-Stil der Hintergrundkarte; null = ohne Hintergrundkarte (offline)',
    }),
  })
  .meta({ id: 'ClientConfig' });
export type ClientConfig = z.output<typeof clientConfigSchema>;

/** GET /api/openapi.json: this API's description (OpenAPI 3.1), generated from these contracts. */
export const openApiDocumentSchema = z.record(z.string(), z.unknown());
