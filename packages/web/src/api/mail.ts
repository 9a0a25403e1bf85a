// The e-mail delivery log (GET /api/mail-deliveries, docs/api-contract.md).
import { request } from '../lib/api.ts';

/** One e-mail handed to the SMTP server, or refused / timed out. */
export interface MailDelivery {
  id: number;
  purpose: string;
  recipient: string;
  subject: string;
  status: 'sent' | 'failed';
  error: string | null;
  durationMs: number;
  at: string;
}

/** The most recent deliveries, newest first (permission audit.read_all). */
export function listMailDeliveries(limit = 50): Promise<MailDelivery[]> {
  return request<MailDelivery[]>(`/api/mail-deliveries?limit=${limit}`);
}
