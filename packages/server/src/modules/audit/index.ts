// Public face of the audit module: the hash-chained audit log every change writes in its own
// transaction (writeAudit), its verification and sealing, and the routes that read it.
export {
  actorName,
  auditActor,
  diffRecords,
  sealAuditChain,
  verifyAuditChain,
  writeAudit,
  type AuditActor,
} from './chain.ts';
export { registerAuditRoutes } from './routes.ts';
export { listEntriesAbout, type AuditSubject, type HistoryEntry } from './about.ts';
