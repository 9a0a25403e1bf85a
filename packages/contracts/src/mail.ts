// Contract of the e-mail delivery log (GET /api/mail-deliveries).
import { z } from 'zod';

export const mailDeliverySchema = z.object({
  id: z.number(),
  purpose: z.string().meta({ description: "'alerts' | 'password_reset'" }),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(['sent', 'failed']),
  error: z.string().nullable(),
  durationMs: z.number(),
  at: z.string(),
});
export type MailDelivery = z.output<typeof mailDeliverySchema>;
export const mailDeliveryListSchema = z.array(mailDeliverySchema);

export const mailDeliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
