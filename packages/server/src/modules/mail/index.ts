// E-mail as a shared service (ADR 0025): one transport with timeouts and a delivery log.
export {
  DEFAULT_FROM,
  DEFAULT_TIMEOUTS,
  MailDeliveryError,
  Mailer,
  type MailAttachment,
  type MailMessage,
  type MailTimeouts,
} from './transport.ts';
export { listDeliveries, type DeliveryRow } from './store.ts';
export { registerMailRoutes } from './routes.ts';
