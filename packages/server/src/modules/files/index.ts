// Files as a shared service (ADR 0025): uploads, report outputs and photos in one place, with size
// limits and lifetimes per kind and a scheduled cleanup job.
export {
  FileStore,
  ORPHAN_AFTER_MS,
  filePolicies,
  safeFileName,
  sweepFolders,
  type FileKind,
  type FileKindPolicy,
  type FilePart,
  type StoredFolder,
  type StoredFile,
} from './service.ts';
export { CLEANUP_EVERY_MS, fileCleanupJob } from './cleanup-job.ts';
