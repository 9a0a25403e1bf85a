// SQL of the mail delivery log (migration 0016): one row per e-mail handed to the SMTP server.
import type { Sql } from '../../db/db.ts';

export interface DeliveryRow {
  id: number;
  purpose: string;
  recipient: string;
  subject: string;
  status: 'sent' | 'failed';
  error: string | null;
  duration_ms: number;
  created_at: Date;
}

/** Records one delivery attempt. */
export async function insertDelivery(
  db: Sql,
  tenantId: string,
  d: {
    purpose: string;
    recipient: string;
    subject: string;
    status: 'sent' | 'failed';
    error: string | null;
    durationMs: number;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO mail_delivery (tenant_id, purpose, recipient, subject, status, error, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [tenantId, d.purpose, d.recipient, d.subject, d.status, d.error, Math.round(d.durationMs)],
  );
}

/** The most recent deliveries of the tenant, newest first. */
export async function listDeliveries(
  db: Sql,
  tenantId: string,
  limit = 100,
): Promise<DeliveryRow[]> {
  return db.query<DeliveryRow>(
    `SELECT id, purpose, recipient, subject, status, error, duration_ms, created_at
       FROM mail_delivery WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2`,
    [tenantId, limit],
  );
}
