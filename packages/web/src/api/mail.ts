// The e-mail delivery log (GET /api/mail-deliveries, docs/api-contract.md).
import type { MailDelivery } from '@sozialraum/contracts/mail';
import { request } from './http.ts';

export type { MailDelivery } from '@sozialraum/contracts/mail';

/** The most recent deliveries, newest first (permission audit.read_all). */
export function listMailDeliveries(limit = 50): Promise<MailDelivery[]> {
  return request<MailDelivery[]>(`/api/mail-deliveries?limit=${limit}`);
}
